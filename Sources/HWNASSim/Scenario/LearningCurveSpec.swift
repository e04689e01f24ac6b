// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Yams

/// The `learning_curve` section of a scenario: the predictors to train and score, at which
/// training sizes, on how many test architectures.
///
/// The scenario's `trials` is the number of random splits; a predictor's own `trials` option
/// lowers it for that predictor (the costly models).
public struct LearningCurveSpec: Equatable, Sendable {
    /// Training sizes, in the order given.
    public var trainSamples: [Int]
    /// Test architectures per split.
    public var testSamples: Int
    /// The predictors, in the order given (names unique).
    public var predictors: [ModelSpec]
    /// Relative sd of the noise on measured training values (0: exact).
    public var measurementNoise: Double
    /// A predictor's own training sizes (`{model: gp, train_samples: [...]}`), by predictor
    /// index; nil: ``trainSamples``.
    public var predictorSizes: [[Int]?] = []
    /// What the predictors estimate: the pair's hardware metric (default) or its test accuracy.
    public var target: Target = .metric
    /// `test_samples: all`: every architecture with a value (and, for a proxy, a score) is
    /// tested; training sizes that leave none are skipped with a note.
    public var testAll = false

    /// What a learning curve's predictors estimate.
    public enum Target: String, Sendable, CaseIterable {
        /// The pair's metric (`data.pairs[].metric`).
        case metric
        /// The architecture's test accuracy (`test_acc`, percent); the pairs' metric must be `test_acc`.
        case accuracy
    }

    /// The column of the accuracy target.
    public static let accuracyColumn = "test_acc"

    public init(
        trainSamples: [Int] = LearningCurve.studySizes, testSamples: Int = LearningCurve.studyTestSamples,
        predictors: [ModelSpec], measurementNoise: Double = 0
    ) {
        self.trainSamples = trainSamples
        self.testSamples = testSamples
        self.predictors = predictors
        self.measurementNoise = measurementNoise
    }

    /// The training sizes of predictor `i`: its own list, else the section's.
    public func sizes(of i: Int) -> [Int] {
        (i < predictorSizes.count ? predictorSizes[i] : nil) ?? trainSamples
    }

    /// The splits `predictor` runs when the scenario asks for `trials`: its own `trials`
    /// when smaller.
    public func trials(of predictor: ModelSpec, scenarioTrials: Int) -> Int {
        min(predictor.trials ?? scenarioTrials, scenarioTrials)
    }

    /// A deterministic text of the options of `spec` (sorted), for cell hashes.
    static func canonical(_ spec: ModelSpec) -> String {
        func text(_ o: ModelSpec.Option) -> String {
            switch o {
            case .number(let x): return Format.number(x)
            case .integer(let i): return String(i)
            case .bool(let b): return String(b)
            case .text(let s): return "'\(s)'"
            case .list(let l): return "[" + l.map(text).joined(separator: ",") + "]"
            }
        }
        return spec.name + spec.options.keys.sorted().map { " \($0)=\(text(spec.options[$0]!))" }.joined()
    }
}

extension Scenario {
    /// Decodes `learning_curve:`; a predictor listed by a name of the top-level `predictors:`
    /// (`named`, read from `section`) is that predictor.
    static func decodeLearningCurve(
        _ v: YAMLValue, named: [String: PredictorSpec] = [:], section: YAMLValue? = nil
    ) throws -> LearningCurveSpec {
        let m = try v.mapping(allowed: ["train_samples", "test_samples", "predictors", "measurement_noise", "target"])
        var spec = LearningCurveSpec(predictors: [])
        if let t = m["train_samples"] { spec.trainSamples = try sizes(t) }
        if let t = m["target"] {
            let name = try t.string()
            guard let target = LearningCurveSpec.Target(rawValue: name) else {
                throw t.error("expected metric or accuracy, found '\(name)'")
            }
            spec.target = target
        }
        if let t = m["test_samples"], case .scalar(let s) = t.node, s.string == "all" {
            spec.testAll = true
        } else if let t = m["test_samples"] {
            spec.testSamples = try t.int()
            guard spec.testSamples >= 2 else { throw t.error("expected at least 2 test architectures, found \(spec.testSamples)") }
        }
        if let n = m["measurement_noise"] {
            spec.measurementNoise = try n.nonNegative("a relative standard deviation")
        }
        guard let pv = m["predictors"] else {
            throw v.error(
                "missing key 'predictors': expected a list of models (\(ModelSpec.Model.allCases.map(\.rawValue).joined(separator: ", "))) or {model: NAME, …options}"
            )
        }
        let items = try pv.list(scalarAsList: true)
        guard !items.isEmpty else { throw pv.error("expected at least one predictor, found an empty list") }
        for item in items {
            let (predictor, own) = try decodeLearningPredictor(item, named: named, section: section)
            if spec.predictors.contains(where: { $0.name == predictor.name }) {
                throw item.error(
                    "predictor '\(predictor.name)' is listed twice: learning.csv names its rows by model, so list each model once")
            }
            spec.predictors.append(predictor)
            spec.predictorSizes.append(own)
        }
        try checkNamedPredictorsUsed(section, listed: Set(spec.predictors.map(\.name)))
        return spec
    }

    /// Training sizes: whole numbers ≥ 1, at least one, none repeated.
    static func sizes(_ t: YAMLValue) throws -> [Int] {
        var out: [Int] = []
        for s in try t.list(scalarAsList: true) {
            let k = try s.int()
            guard k >= 1 else { throw s.error("expected a training size of at least 1, found \(k)") }
            out.append(k)
        }
        guard !out.isEmpty else { throw t.error("expected at least one training size, found an empty list") }
        guard Set(out).count == out.count else { throw t.error("training sizes repeat a value") }
        return out
    }

    /// A predictor of `learning_curve.predictors`: a model name, or `{model: NAME, …options}`
    /// (`train_samples` among them: the predictor's own training sizes).
    static func decodeModel(_ item: YAMLValue) throws -> (ModelSpec, [Int]?) {
        guard case .mapping = item.node else {
            let name = try item.string()
            do { return (try ModelSpec.parse(model: name, key: item.path), nil) } catch let e as InputError { throw item.error(e.message) }
        }
        let entries = try item.entries()
        guard let mv = entries.first(where: { $0.key == "model" })?.value else {
            throw item.error("missing key 'model' (one of \(ModelSpec.Model.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let name = try mv.string()
        var options: [String: ModelSpec.Option] = [:]
        var own: [Int]?
        for (k, v) in entries where k != "model" {
            if k == "train_samples" { own = try sizes(v) } else { options[k] = try option(v) }
        }
        do { return (try ModelSpec.parse(model: name, options: options, key: item.path), own) } catch let e as InputError {
            // Place the error at the option it names, else at the model.
            if let key = e.key, let dot = key.lastIndex(of: "."), key.hasPrefix(item.path + "."),
                let o = entries.first(where: { $0.key == String(key[key.index(after: dot)...]) })
            {
                throw o.value.error(e.message)
            }
            throw mv.error(e.message)
        }
    }

    /// A YAML value as a model option: an integer, a number, true/false, text or a list of them.
    static func option(_ v: YAMLValue) throws -> ModelSpec.Option {
        switch v.node {
        case .sequence:
            return .list(try v.list().map(option))
        case .scalar(let s):
            let text = s.string.trimmingCharacters(in: .whitespaces)
            if s.style == .plain {
                if let i = Int(text) { return .integer(i) }
                if let x = Double(text), x.isFinite { return .number(x) }
                if ["true", "false"].contains(text) { return .bool(text == "true") }
            }
            return .text(s.string)
        default:
            throw v.error("expected a number, true/false, text or a list, found \(v.found)")
        }
    }
}
