// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim

@Suite struct VerifySelectedTests {
    @Test func measuresThePicksBestAccuracyFirst() {
        // Accuracy rises with position; predicted metric too, so every point is on the predicted front.
        var w = BudgetWorld.fixture(cost: [1, 1, 1, 1, 1])
        w.predicted["p"] = [1, 2, 3, 4, 5]
        let spec = PredictorSpec(trainSamples: 1, trainSeconds: 0, querySeconds: 0, kendallTau: [(1, 1)])
        let t = MeasurementEngine(devices: 1, horizon: 100).run(w.strategy(.selected, spec), world: w)
        #expect(t.readyTime == 1)
        #expect(t.selectionAtReady == [4, 3, 2, 1, 0])
        #expect(t.finish == [1, 5, 4, 3, 2])  // position 0 was the training sample
    }

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
}
