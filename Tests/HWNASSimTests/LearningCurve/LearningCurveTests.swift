// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

@Suite("Predictor: learning curves") struct LearningCurvePredictorTests {
    /// Every NB201 cell with a made-up latency: per-edge costs plus an interaction, > 0.
    static let task: LearningCurve.Task = {
        let e = NB201OneHotEncoding()
        let all = NB201OneHotEncoding.allChoices
        let cost: [Double] = [0, 0.1, 1, 3, 0.5]
        let y = all.map { ops -> Double in
            let additive = ops.enumerated().reduce(1.0) { $0 + cost[$1.element] * Double($1.offset + 1) }
            return additive * (ops[0] == 0 ? 0.8 : 1.2)
        }
        let source = FeatureMatrix(y.map { [2 * $0 + 1, pow($0, 0.9)] })
        return LearningCurve.Task(
            dataset: "cifar10", metric: "made_up_latency", features: FeatureMatrix(all.map { e.oneHot($0) }),
            encoding: e, targets: y, sourceFeatures: source)
    }()

    static let specs: [(ModelSpec, Int)] = [
        (try! ModelSpec.parse(model: "linreg"), 55),
        (try! ModelSpec.parse(model: "ridge"), 55),
        (try! ModelSpec.parse(model: "lookup-table"), 0),
        (try! ModelSpec.parse(model: "flops"), 0),
        (try! ModelSpec.parse(model: "params"), 11),
        (try! ModelSpec.parse(model: "transfer"), 0),
        (try! ModelSpec.parse(model: "gp", options: ["search_size": .integer(40)]), 60),
        (
            try! ModelSpec.parse(
                model: "mlp", options: ["hidden": .list([.integer(16)]), "epochs": .integer(60), "batch_size": .integer(16)]), 200
        )
    ]

    @Test func everyModelIsDeterministicAndIndependentOfJobs() throws {
        for (spec, k) in Self.specs {
            let a = try LearningCurve.run(Self.task, spec: spec, trainSamples: k, testSamples: 200, trials: 2, seed: 7, jobs: 1)
            let b = try LearningCurve.run(Self.task, spec: spec, trainSamples: k, testSamples: 200, trials: 2, seed: 7, jobs: 2)
            #expect(a.map(\.scores) == b.map(\.scores), "\(spec.name)")
            #expect(a.allSatisfy { $0.scores.kendallTau > 0.2 }, "\(spec.name): \(a.map(\.scores.kendallTau))")
            if spec.model == .lookupTable { #expect(a[0].scores.trainSamples == 25) }
            if spec.model == .flops { #expect(a[0].scores.trainSamples == 0) }
            if spec.model == .transfer { #expect(a[0].scores.trainSamples == 10 && a[0].scores.spearman > 0.999) }
        }
    }

    @Test func trialsShareTheirTestSetAcrossPredictors() throws {
        // An exact predictor of the z-scored target would score tau 1; linreg at 15000 is
        // close, and a different seed gives a different split.
        let spec = try ModelSpec.parse(model: "linreg")
        let a = try LearningCurve.trial(Self.task, spec: spec, trainSamples: 124, testSamples: 300, trial: 0, seed: 1)
        let b = try LearningCurve.trial(Self.task, spec: spec, trainSamples: 124, testSamples: 300, trial: 0, seed: 2)
        #expect(a.scores != b.scores)
        #expect(a.scores.kendallTau > 0.8)
    }

    @Test func sizesThatDoNotFitAreErrors() throws {
        let linreg = try ModelSpec.parse(model: "linreg")
        #expect(throws: InputError.self) { try LearningCurve.trial(Self.task, spec: linreg, trainSamples: 15_001, trial: 0, seed: 1) }
        let gp = try ModelSpec.parse(model: "gp")
        #expect(throws: InputError.self) { try LearningCurve.trial(Self.task, spec: gp, trainSamples: 2001, trial: 0, seed: 1) }
    }

    @Test(
        arguments: [
            ("mlpp", [:], "did you mean 'mlp'"),
            ("mlp", ["hiden": ModelSpec.Option.list([.integer(3)])], "did you mean 'hidden'"),
            ("mlp", ["epochs": .number(2.5)], "epochs must be an integer"),
            ("gp", ["kernel": .text("laplace")], "unknown kernel"),
            ("ridge", ["alpha": .text("big")], "alpha must be a number"),
            ("transfer", ["source": .list([.integer(1)])], "source must be a list of strings"),
            ("linreg", ["trials": .integer(0)], "trials must be ≥ 1")
        ] as [(String, [String: ModelSpec.Option], String)])
    func badSpecsAreNamed(_ model: String, _ options: [String: ModelSpec.Option], _ expected: String) {
        do {
            _ = try ModelSpec.parse(model: model, options: options, key: "learning_curve.predictors[0]")
            Issue.record("accepted \(model) \(options)")
        } catch let e as InputError {
            #expect(e.message.contains(expected), "\(e)")
            #expect(e.key?.hasPrefix("learning_curve.predictors[0]") == true)
        } catch { Issue.record("\(error)") }
    }

    @Test func scoresAgainstBruteForce() {
        var rng = SplitMix64(seed: 3)
        let t = (0..<50).map { _ in rng.unit() }
        let p = t.map { $0 + rng.unit() * 0.3 }
        let s = LearningCurve.score(p, t, trainSamples: 5)
        #expect(abs(s.kendallTau - bruteForceKendallTauB(p, t)!) < 1e-12)
        #expect(abs(s.rmse - (zip(p, t).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / 50).squareRoot()) < 1e-12)
        #expect(LearningCurve.score([1, 1, 1], [1, 2, 3], trainSamples: 1).kendallTau.isNaN)
    }
}

@Suite("Predictor: learning-curve inputs") struct LearningCurveInputPredictorTests {
    @Test func skipNotes() throws {
        let task = LearningCurvePredictorTests.task
        let gp = try ModelSpec.parse(model: "gp"), linreg = try ModelSpec.parse(model: "linreg")
        #expect(LearningCurve.skipNote(task, spec: gp, trainSamples: 3036)?.contains("at most 2000") == true)
        #expect(LearningCurve.skipNote(task, spec: gp, trainSamples: 1366) == nil)
        #expect(LearningCurve.skipNote(task, spec: linreg, trainSamples: 15_001)?.contains("15626") == true)
        #expect(LearningCurve.skipNote(task, spec: linreg, trainSamples: 15_000) == nil)
        #expect(LearningCurve.skipNote(task, spec: try ModelSpec.parse(model: "lookup-table"), trainSamples: 99_999) == nil)
    }

    @Test func transferSources() throws {
        let available = ["edgegpu_latency", "edgetpu_latency", "raspi4_latency", "edgegpu_energy", "gold_6226_latency"]
        let d = try TransferPredictor.sourceColumns(
            requested: nil, target: "raspi4_latency", available: available,
            complete: { $0 != "edgetpu_latency" })
        #expect(d == ["edgegpu_latency", "gold_6226_latency"])
        do {
            _ = try TransferPredictor.sourceColumns(
                requested: ["edgegpu_latency", "raspi4_latency"], target: "raspi4_latency", available: available)
            Issue.record("no error")
        } catch let e as InputError {
            #expect(e.key == "predictor.source[1]" && e.message.contains("is the target itself"))
        }
        #expect(throws: InputError.self) {
            try TransferPredictor.sourceColumns(requested: ["gold_6226_latncy"], target: "raspi4_latency", available: available)
        }
        #expect(throws: InputError.self) {
            try TransferPredictor.sourceColumns(requested: [], target: "raspi4_latency", available: available)
        }
    }
}

@Suite("Predictor: learning-curve rows") struct LearningCurveRowPredictorTests {
    @Test func rowsSummariseEachMeasure() throws {
        let task = LearningCurvePredictorTests.task
        let r = try LearningCurve.run(task, spec: ModelSpec.parse(model: "flops"), trainSamples: 0, testSamples: 100, trials: 3, seed: 1)
        let rows = LearningCurve.rows(dataset: "cifar10", metric: "m", predictor: "flops", trials: r.map(\.scores))
        #expect(rows.map(\.measure) == LearningCurve.Scores.measures)
        #expect(rows[0].trainSamples == 0 && rows[0].summary.n == 3)
        #expect(abs(rows[0].summary.mean - r.map(\.scores.kendallTau).reduce(0, +) / 3) < 1e-12)
        #expect(rows[3].summary.n == 0)  // rmse undefined without a mapping to the metric's units
    }
}
