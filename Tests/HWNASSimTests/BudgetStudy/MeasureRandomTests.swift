// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim

@Suite struct MeasureRandomTests {
    /// Measures the random order, here a2, a0, a1 at costs 3, 1, 2: on one device 0–3, 3–4,
    /// 4–6; on two, a2 (d0 0–3) and a0 (d1 0–1), then a1 on d1 1–3.
    @Test func measuresTheRandomOrder() {
        var w = BudgetWorld.fixture(cost: [1, 2, 3])
        w.randomOrder = [2, 0, 1]
        #expect(MeasureRandom().fixedOrder(w) == [2, 0, 1])
        #expect(MeasurementEngine(devices: 1, horizon: 10).run(MeasureRandom(), world: w).finish == [4, 6, 3])
        #expect(MeasurementEngine(devices: 2, horizon: 10).run(MeasureRandom(), world: w).finish == [1, 3, 3])
    }

    /// Its report is the Pareto set of what it measured by t, under measured values.
    @Test func reportsWhatItMeasured() {
        let w = BudgetWorld.fixture(cost: [1, 1, 1], metric: [3, 1, 2])  // a2 most accurate
        let t = MeasurementEngine(devices: 1, horizon: 10).run(MeasureRandom(), world: w)
        let report = MeasureRandom().report(t, world: w)
        #expect(report.front(at: 0.5).front.isEmpty)
        #expect(report.front(at: 2).front == [1])  // a0 (3) and a1 (1): a1 dominates
        #expect(report.front(at: 3).front == [2, 1])  // a2 (2) is more accurate
        #expect(MeasureRandom().underLimit(1) == nil && MeasureRandom(verifiesUnderLimits: true).underLimit(1) != nil)
    }
}
