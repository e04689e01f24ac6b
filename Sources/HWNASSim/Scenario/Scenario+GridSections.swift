// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

extension Scenario {
    /// `name`, `seed` and `trials`.
    static func decodeHeader(_ file: ScenarioSections) throws -> (name: String, seed: UInt64, trials: Int) {
        let name = try file.required("name").string()
        guard name.range(of: "^[A-Za-z0-9._+-]+$", options: .regularExpression) != nil else {
            throw file["name"]!.error("'\(name)' is not a usable name: use letters, digits, '.', '_', '+' and '-'")
        }
        let seed = try file["seed"]?.seed() ?? 1
        var trials = 100
        if let t = file["trials"] {
            trials = try t.int()
            guard trials >= 1 && trials <= maxTrials else { throw t.error("expected 1…\(maxTrials) trials, found \(trials)") }
        }
        return (name, seed, trials)
    }

    /// `subset_sizes`: at least one size ≥ 2, none repeated.
    static func decodeSubsetSizes(_ sizesValue: YAMLValue) throws -> [Int] {
        var sizes: [Int] = []
        for s in try sizesValue.list(scalarAsList: true) {
            let v = try s.int()
            guard v >= 2 else { throw s.error("expected a subset size of at least 2, found \(v)") }
            sizes.append(v)
        }
        guard !sizes.isEmpty else { throw sizesValue.error("expected at least one subset size, found an empty list") }
        guard Set(sizes).count == sizes.count else { throw sizesValue.error("subset sizes repeat a value") }
        return sizes
    }

    /// `reference_point`: `subset-max`, `front-max` or {accuracy, metric}.
    static func decodeReferencePoint(_ r: YAMLValue) throws -> ReferencePoint {
        if case .mapping = r.node {
            let m = try r.mapping(allowed: ["accuracy", "metric"])
            guard let a = m["accuracy"], let z = m["metric"] else { throw r.error("expected {accuracy: A, metric: Z}") }
            return .explicit(accuracy: try a.double(), metric: try z.double())
        }
        switch try r.string() {
        case "subset-max": return .subsetMax
        case "front-max": return .frontMax
        default: throw r.error("expected 'subset-max', 'front-max' or {accuracy: A, metric: Z}, found \(r.found)")
        }
    }

    /// `measures`: at least one, kept in output order.
    static func decodeMeasures(_ mv: YAMLValue) throws -> [Measure] {
        var measures: [Measure] = []
        for m in try mv.list(scalarAsList: true) { measures.append(try m.choice(Measure.self, Measure.allCases)) }
        guard !measures.isEmpty else { throw mv.error("expected at least one measure") }
        return Measure.allCases.filter(measures.contains)
    }
}
