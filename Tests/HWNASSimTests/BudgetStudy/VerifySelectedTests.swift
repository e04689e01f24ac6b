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
}
