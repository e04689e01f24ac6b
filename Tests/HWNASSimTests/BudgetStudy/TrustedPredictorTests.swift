// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim

@Suite struct TrustedPredictorTests {
    @Test func measuresTheTrainingSampleThenOnlyWaits() {
        var w = BudgetWorld.fixture(cost: [2, 2, 2, 2, 2, 2])
        w.predicted["p"] = [1, 2, 3, 4, 5, 6]
        let spec = PredictorSpec(trainSamples: 2, trainSeconds: 10, trainSecondsPerSample: 0.5, querySeconds: 0.25, kendallTau: [(1, 0.5)])
        let t = MeasurementEngine(devices: 1, horizon: 100).run(w.strategy(.none, spec), world: w)
        // Training sample 0–2, 2–4; training 4 + 10 + 2·0.5 = 15; queries 4 · 0.25 → ready at 16.
        #expect(t.finish[0] == 2 && t.finish[1] == 4 && t.finish[2...].allSatisfy { $0 == .infinity })
        #expect(t.readyTime == 16)
    }

    /// From the predictions on, the front is every architecture under believed values:
    /// measured 2, 4 for a0, a1; predicted for the rest.
    @Test func reportsTheFrontOfItsBeliefsOnceReady() {
        var w = BudgetWorld.fixture(cost: [2, 2, 2, 2], metric: [2, 4, 9, 9])
        w.predicted["p"] = [0, 0, 1, 3]  // a3 (most accurate) 3, a2 1: a2 beats a1 and a0
        let spec = PredictorSpec(trainSamples: 2, trainSeconds: 1, querySeconds: 0, kendallTau: [(2, 0.5)])
        let strategy = w.strategy(.none, spec)
        let t = MeasurementEngine(devices: 1, horizon: 10).run(strategy, world: w)
        let report = strategy.report(t, world: w)
        #expect(report.front(at: 4.5).front == [1, 0])  // before ready (5): what was measured
        let ready = report.front(at: 5)
        #expect(ready.front == [3, 2] && ready.measured == 2)
        #expect(ready.believed == [2, 4, 1, 3])
    }
}
