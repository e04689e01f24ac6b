// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim

@Suite struct VerifyIterateTests {
    /// Verifying once: what the verification shows is not followed by another selection.
    /// Measured values reveal a4 is slow (9); re-selecting would pick a3, which `selected` never does.
    @Test func verifiesOnceWhereIterateGoesOn() {
        var w = BudgetWorld.fixture(cost: [1, 1, 1, 1, 1], metric: [5, 6, 7, 4, 9])
        w.predicted["p"] = [0, 0, 0, 8, 1]  // a4 looks fast, a3 slow: the front is a4 alone (then a0)
        let spec = PredictorSpec(trainSamples: 3, trainSeconds: 0, querySeconds: 0, kendallTau: [(3, 1)])
        let selected = MeasurementEngine(devices: 1, horizon: 100).run(w.strategy(.selected, spec), world: w)
        #expect(selected.finish == [1, 2, 3, .infinity, 4])
        let iterate = MeasurementEngine(devices: 1, horizon: 100).run(w.strategy(.iterate, spec), world: w)
        // After a4 measures 9, believed a3 = 8 < 9 is on the front: iterate measures it.
        #expect(iterate.finish == [1, 2, 3, 5, 4])
    }

    /// A linreg predictor on one feature (x = 1…5) in a world of five positions, accuracy
    /// rising with the position, measuring 1 s each on one device; trained on a0, a1 (values
    /// 1, 2: predictions x), fit 1 s, queries 0.5 s per unmeasured.
    func refitWorld(retrainEvery: Int?) throws -> (BudgetWorld, PredictorSpec) {
        var spec = PredictorSpec(trainSamples: 2, trainSeconds: 1, querySeconds: 0.5, kendallTau: [])
        spec.model = try ModelSpec.parse(model: "linreg")
        spec.retrainEvery = retrainEvery
        var w = BudgetWorld.fixture(cost: [1, 1, 1, 1, 1], metric: [1, 2, 3, 10, 5])
        let fit = TrainedFit(
            name: "p", spec: spec, model: spec.model!, features: FeatureMatrix([[1], [2], [3], [4], [5]]),
            measured: w.measured, trialKey: 1)
        w.trainingPositions["p"] = [0, 1]
        w.trained["p"] = fit
        w.predicted["p"] = fit.predictions(trainedOn: [0, 1])
        return (w, spec)
    }

    func refitTimes(_ t: StrategyTimeline) -> [Double] {
        t.log.filter { $0.kind == .retrainingFinished }.map(\.time)
    }

    /// Ready at 2 + 1 + 3 · 0.5 = 4.5; the predicted front is every position: a4, a3, a2
    /// verified 4.5–7.5; the round over, a refit on the 5 measured (1 s, no queries) ends at
    /// 8.5 and picks nothing new.
    @Test func refitsAtTheEndOfEachRound() throws {
        let (w, spec) = try refitWorld(retrainEvery: nil)
        #expect(w.predicted["p"]!.map { ($0 * 1e9).rounded() / 1e9 } == [1, 2, 3, 4, 5])
        let t = MeasurementEngine(devices: 1, horizon: 20).run(w.strategy(.iterate, spec), world: w, logEvents: true)
        #expect(t.readyTime == 4.5)
        #expect(t.finish == [1, 2, 7.5, 6.5, 5.5])
        #expect(refitTimes(t) == [8.5])
    }

    /// With retrain_every: 1 the first verification (a4 at 5.5) starts a refit on 3 measured:
    /// 5.5 + 1 + 2 · 0.5 = 7.5, while a3 and a2 go on; the round's end (a2 at 7.5, after the
    /// refit's event) refits again: 8.5.
    @Test func retrainEveryRefitsDuringTheRound() throws {
        let (w, spec) = try refitWorld(retrainEvery: 1)
        let t = MeasurementEngine(devices: 1, horizon: 20).run(w.strategy(.iterate, spec), world: w, logEvents: true)
        #expect(t.finish == [1, 2, 7.5, 6.5, 5.5])
        #expect(refitTimes(t) == [7.5, 8.5])
    }
}
