// SPDX-License-Identifier: GPL-3.0-or-later

/// The top-level sections of one scenario file (one sweep cell), as the decoder reads them:
/// each section has its own decoding function, and ``Scenario/validate(_:_:)`` checks the
/// rules that span sections.
struct ScenarioSections {
    let root: YAMLValue
    let top: [String: YAMLValue]

    init(_ root: YAMLValue) throws {
        self.root = root
        top = try root.mapping(allowed: Scenario.topKeys)
    }

    subscript(_ key: String) -> YAMLValue? { top[key] }

    /// Section `key`; an error at the file's root when it is missing.
    func required(_ key: String) throws -> YAMLValue {
        guard let v = top[key] else { throw root.error("missing key '\(key)'") }
        return v
    }

    /// The kind of experiment the file describes: `learning_curve:` a learning curve,
    /// `budget:` a budget study, anything else a noise study.
    var kind: Experiment.Kind {
        if top["learning_curve"] != nil { return .learningCurve }
        return top["budget"] != nil ? .budgetStudy : .noiseStudy
    }

    /// Key `key` of section `section` (`noise.compare_injected`), as its own value.
    func value(_ section: String, _ key: String) -> YAMLValue? {
        guard let s = top[section], let node = s.node.mapping?[key] else { return nil }
        return s.child(key, node)
    }
}

/// The `data` section: where the ground truth comes from and which pairs it studies.
struct DataSection {
    var source: DataSource
    var pairing: Pairing
    var precision: Precision
    var pairs: [PairSpec]
}
