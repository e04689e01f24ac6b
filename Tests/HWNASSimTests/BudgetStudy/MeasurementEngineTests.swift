// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim

@Suite struct MeasurementEngineTests {
    /// 2 devices, costs 3, 1, 4, 1, 5 in that order: d0 a0 0–3, d1 a1 0–1, d1 a2 1–5, d0 a3 3–4, d0 a4 4–9.
    @Test func handComputedScheduleOnTwoDevices() {
        let engine = MeasurementEngine(devices: 2, horizon: 8)
        let t = engine.run(MeasureRandom(), world: .fixture(cost: [3, 1, 4, 1, 5]), logEvents: true)
        #expect(t.finish == [3, 1, 5, 4, .infinity])  // a4 would end at 9 > 8: it does not count
        let finished = t.log.compactMap { e -> [Double]? in
            if case .measurementFinished(let a, let d) = e.kind { return [e.time, Double(a), Double(d)] }
            return nil
        }
        #expect(finished == [[1, 1, 1], [3, 0, 0], [4, 3, 0], [5, 2, 1]])
        #expect(t.log.last?.kind == .budgetReached && t.log.last?.time == 8)
        let unlimited = MeasurementEngine(devices: 2, horizon: 9).run(MeasureRandom(), world: .fixture(cost: [3, 1, 4, 1, 5]))
        #expect(unlimited.finish == [3, 1, 5, 4, 9])  // ending exactly at the budget counts
    }

    /// Two devices and the trainer, `verify: selected`, every event time worked out by hand:
    /// training sample a0 (d0 0–3), a1 (d1 0–1), a2 (d1 1–3); training 3 + 2 + 3 · 0.5 = 6.5;
    /// queries 3 · 0.25 → ready at 7.25. Believed values: measured 4, 1, 2 for a0–a2, predicted
    /// 2.5, 3, 5 for a3–a5; the predicted front (accuracy rising with the position) is a5, a4,
    /// a3, a2, a1, of which a5, a4, a3 are unmeasured: a5 on d0 7.25–9.25, a4 on d1 7.25–8.25,
    /// a3 on d1 8.25–12.25.
    @Test func handComputedScheduleWithTheTrainer() {
        var w = BudgetWorld.fixture(cost: [3, 1, 2, 4, 1, 2], metric: [4, 1, 2, 6, 3, 8])
        w.predicted["p"] = [0, 0, 0, 2.5, 3, 5]
        let spec = PredictorSpec(trainSamples: 3, trainSeconds: 2, trainSecondsPerSample: 0.5, querySeconds: 0.25, kendallTau: [(3, 0.5)])
        let t = MeasurementEngine(devices: 2, horizon: 20).run(w.strategy(.selected, spec), world: w, logEvents: true)
        let expected: [(Double, SimulationEventKind)] = [
            (0, .measurementStarted(position: 0, device: 0)), (0, .measurementStarted(position: 1, device: 1)),
            (1, .measurementFinished(position: 1, device: 1)), (1, .measurementStarted(position: 2, device: 1)),
            (3, .measurementFinished(position: 0, device: 0)), (3, .measurementFinished(position: 2, device: 1)),
            (6.5, .trainingFinished), (7.25, .queriesFinished),
            (7.25, .measurementStarted(position: 5, device: 0)), (7.25, .measurementStarted(position: 4, device: 1)),
            (8.25, .verificationFinished(position: 4, device: 1)), (8.25, .measurementStarted(position: 3, device: 1)),
            (9.25, .verificationFinished(position: 5, device: 0)), (12.25, .verificationFinished(position: 3, device: 1)),
            (20, .budgetReached)
        ]
        #expect(t.log.map(\.time) == expected.map(\.0))
        #expect(t.log.map(\.kind) == expected.map(\.1))
        #expect(t.finish == [3, 1, 3, 12.25, 8.25, 9.25])
        #expect(t.readyTime == 7.25)
        #expect(t.selectionAtReady == [5, 4, 3, 2, 1])
    }

    @Test func tiesRunFirstInFirstOut() {
        let t = MeasurementEngine(devices: 2, horizon: 10).run(MeasureRandom(), world: .fixture(cost: [2, 2, 1]), logEvents: true)
        let finished = t.log.compactMap { e -> Int32? in
            if case .measurementFinished(let a, _) = e.kind { return a }
            return nil
        }
        #expect(finished == [0, 1, 2])
        #expect(t.finish == [2, 2, 3])  // a2 goes to device 0, the lowest free one
    }

    @Test func fastPathEqualsTheEngineOnOneDevice() {
        let rng = RandomStream(key: 3)
        for trial in 0..<20 {
            let n = 50
            let cost = (0..<n).map { _ in 0.5 + rng.uniform() * 3 }
            var w = BudgetWorld.fixture(cost: cost)
            for i in stride(from: n - 1, to: 0, by: -1) { w.randomOrder.swapAt(i, rng.uniformInt(i + 1)) }
            let horizon = Double(trial * 5 + 1)
            // logEvents forces the event-driven path; without it one device takes the fast path.
            let engine = MeasurementEngine(devices: 1, horizon: horizon).run(MeasureRandom(), world: w, logEvents: true)
            let defaultPath = MeasurementEngine(devices: 1, horizon: horizon).run(MeasureRandom(), world: w)
            #expect(defaultPath.finish == engine.finish)
            let fast = MeasurementEngine.sequentialFinishTimes(order: w.randomOrder, cost: cost, horizon: horizon)
            #expect(engine.finish == fast)
        }
    }
}
