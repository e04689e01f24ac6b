// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim

@Suite struct LimitPickTests {
    /// Positions by accuracy: a3 0.95, a0 and a1 0.9, a2 0.8.
    static let accuracy = [0.9, 0.9, 0.8, 0.95]
    static let order: [Int32] = [3, 0, 1, 2]

    @Test func theMostAccurateWithinTheLimitLowerValueOnTies() {
        // a3 is too slow (10 > 6); a0 and a1 tie on accuracy: a1 believed faster.
        #expect(LimitPick.pick(Self.order, believed: [5, 4, 1, 10], accuracy: Self.accuracy, limit: 6) == 1)
        // Equal values too: the lower position.
        #expect(LimitPick.pick(Self.order, believed: [4, 4, 1, 10], accuracy: Self.accuracy, limit: 6) == 0)
        // Within the limit exactly counts; a3 then wins.
        #expect(LimitPick.pick(Self.order, believed: [5, 4, 1, 10], accuracy: Self.accuracy, limit: 10) == 3)
        // Only a2 fits; nothing fits.
        #expect(LimitPick.pick(Self.order, believed: [5, 4, 1, 10], accuracy: Self.accuracy, limit: 3) == 2)
        #expect(LimitPick.pick(Self.order, believed: [5, 4, 1, 10], accuracy: Self.accuracy, limit: 0.5) == -1)
        // Unknown (NaN) values are never within a limit.
        #expect(LimitPick.pick(Self.order, believed: [.nan, .nan, 1, .nan], accuracy: Self.accuracy, limit: 6) == 2)
    }

    /// The verifying strategy that knows its limit measures its pick until the pick is measured:
    /// predicted a4 = 1 fits 5 but measures 9; then a3 (predicted 4, measures 4) is the pick.
    @Test func limitVerificationMeasuresItsPickUntilItHolds() {
        var w = BudgetWorld.fixture(cost: [1, 1, 1, 1, 1], metric: [5, 6, 7, 4, 9])
        w.predicted["p"] = [0, 0, 0, 4, 1]
        let spec = PredictorSpec(trainSamples: 3, trainSeconds: 0, querySeconds: 0, kendallTau: [(3, 1)])
        let strategy = w.strategy(.selected, spec).underLimit(5)!
        let t = MeasurementEngine(devices: 1, horizon: 100).run(strategy, world: w)
        #expect(t.finish == [1, 2, 3, 5, 4])
        // The picker of the verifying strategy picks from that run: a3 once measured.
        let picker = LimitPicker(w.strategy(.selected, spec), limits: [5], engine: MeasurementEngine(devices: 1, horizon: 100), world: w)
        #expect(picker.pick(limit: 0, at: 4.5, front: [], believed: [], world: w) == 3)  // believed 4 by prediction
        #expect(picker.pick(limit: 0, at: 2.5, front: [], believed: [], world: w) == 0)  // not ready: a0 measured 5
        // A trusting strategy picks from its reported front.
        let trusting = LimitPicker(w.strategy(.none, spec), limits: [5], engine: MeasurementEngine(devices: 1, horizon: 100), world: w)
        #expect(trusting.runs.isEmpty)
        #expect(trusting.pick(limit: 0, at: 10, front: [4, 3, 0], believed: [5, 6, 7, 4, 1], world: w) == 4)
    }
}
