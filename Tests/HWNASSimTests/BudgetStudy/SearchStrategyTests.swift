// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim

/// The searching strategies on hand-made spaces: 2 slots × 3 choices (9 architectures) or 3
/// slots × 3 choices (27), every position's code its own index.
@Suite struct SearchStrategyTests {
    /// A world of `slots` × `choices` architectures, code = position, cost 1 each.
    static func space(slots: Int, choices: Int, accuracy: [Double], metric: [Double], key: UInt64 = 7) -> BudgetWorld {
        let n = accuracy.count
        var w = BudgetWorld.fixture(cost: [Double](repeating: 1, count: n), accuracy: accuracy, metric: metric)
        w.neighbourhood = Neighbourhood(slots: slots, choices: choices, code: (0..<Int32(n)).map { $0 })
        w.streamKey = key
        var order = (0..<Int32(n)).map { $0 }
        let rng = RandomStream(key: key)
        for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, rng.uniformInt(i + 1)) }
        w.randomOrder = order
        return w
    }

    static func randomSpace(n: Int, key: UInt64) -> BudgetWorld {
        let rng = RandomStream(key: key ^ 99)
        let acc = (0..<n).map { _ in rng.uniform() }
        let metric = (0..<n).map { _ in rng.uniform() }
        return space(slots: 3, choices: 3, accuracy: acc, metric: metric, key: key)
    }

    /// Position 4 = (1, 1) in a 3 × 3 space: its one-edit neighbours are (0,1) 3, (2,1) 5,
    /// (1,0) 1, (1,2) 7; a subset without 5 drops it.
    @Test func neighboursDifferInOneSlot() {
        let all = Neighbourhood(slots: 2, choices: 3, code: (0..<9).map { Int32($0) })
        #expect(Set(all.neighbours(of: 4)) == [1, 3, 5, 7])
        let subset = Neighbourhood(slots: 2, choices: 3, code: [0, 1, 3, 4, 7])  // positions of codes
        #expect(Set(subset.neighbours(of: 3)) == [1, 2, 4])  // codes 1, 3, 7 at positions 1, 2, 4
    }

    /// Evolution: the same (seed, trial) measures the same architectures at the same times; its
    /// population is the last `population` measurements, all measured, of the right size.
    @Test(arguments: [1, 3]) func evolutionIsDeterministicAndAges(devices: Int) {
        let w = Self.randomSpace(n: 27, key: 11)
        let settings = SearchSettings(population: 5, sample: 3)
        let engine = MeasurementEngine(devices: devices, horizon: 15)
        var a = MeasureEvolution(name: "evo", settings: settings)
        var b = MeasureEvolution(name: "evo", settings: settings)
        let ta = engine.simulate(&a, world: w)
        let tb = engine.simulate(&b, world: w)
        #expect(ta.finish == tb.finish)
        #expect(a.population.count == 5)
        #expect(Set(a.population).count == 5)
        #expect(a.population.allSatisfy { ta.finish[Int($0)] <= 15 })
        let measured = (0..<27).filter { ta.finish[$0] <= 15 }.sorted {
            ta.finish[$0] < ta.finish[$1] || (ta.finish[$0] == ta.finish[$1] && $0 < $1)
        }
        #expect(measured.count > 5)
        // Aging: the population is the last 5 measurements (one device: no ties in finish order).
        if devices == 1 { #expect(a.population.map(Int.init) == Array(measured.suffix(5))) }
        var other = w
        other.streamKey = 12
        var c = MeasureEvolution(name: "evo", settings: settings)
        #expect(engine.simulate(&c, world: other).finish != ta.finish || devices > 1)
    }

    /// A table whose true front (positions 0, 1, 2: codes (0,0,0), (1,0,0), (2,0,0)) is connected
    /// by one-edit moves: local search finds all of it before it has measured everything.
    @Test func localSearchFindsAConnectedFront() {
        let n = 27
        // The front is a trade-off: (0.9, 3), (0.8, 2), (0.7, 1); the rest (≈ 0.1, 10) is dominated.
        let acc: [Double] = [0.9, 0.8, 0.7] + (3..<n).map { i -> Double in 0.1 + 0.001 * Double(i) }
        let metric: [Double] = [3, 2, 1] + [Double](repeating: 10, count: n - 3)
        let w = Self.space(slots: 3, choices: 3, accuracy: acc, metric: metric, key: 5)
        var s = MeasureLocalSearch(name: "pls")
        let t = MeasurementEngine(devices: 1, horizon: Double(n)).simulate(&s, world: w)
        let front = FrontReport(measuredBy: t, world: w)
        let found = (1...n).first { k in front.front(at: Double(k)).front.sorted() == [0, 1, 2] }
        #expect(found != nil)
        #expect(t.finish.allSatisfy { $0.isFinite })  // then it keeps measuring (restarts)
        if let found { #expect(found < n) }
    }

    /// Every non-stopping searching strategy keeps all devices busy while unmeasured
    /// architectures remain: budget_used ≥ 0.99.
    @Test(arguments: [1, 2, 3]) func searchesUseTheWholeBudget(devices: Int) {
        let w = Self.randomSpace(n: 27, key: 3)
        let horizon = 20.0 / Double(devices)  // 20 measurements < 27
        let engine = MeasurementEngine(devices: devices, horizon: horizon)
        let strategies: [any Strategy] = [
            MeasureRandom(), MeasureEvolution(name: "e", settings: SearchSettings(population: 4, sample: 2)),
            MeasureLocalSearch(name: "l")
        ]
        for s in strategies {
            let t = engine.run(s, world: w)
            #expect(t.busy.used(by: horizon) >= 0.99)
            #expect(t.busy.used(by: horizon / 2) >= 0.99)
        }
    }

    /// The predictor-guided search with a perfect synthetic predictor measures after training:
    /// training (2 samples, 1 s each), train_s 1, 5 candidates × query_s 0.2 = 1 s per round.
    @Test func predictorGuidedSearchChargesItsRounds() {
        var w = Self.randomSpace(n: 27, key: 4)
        w.predicted["p"] = w.measured
        let spec = PredictorSpec(trainSamples: 2, trainSeconds: 1, querySeconds: 0.2, kendallTau: [])
        var s = PredictorGuidedSearch(
            name: "g", training: PredictorTraining(name: "p", spec: spec), settings: SearchSettings(candidates: 5), world: w)
        let t = MeasurementEngine(devices: 1, horizon: 12).simulate(&s, world: w)
        let times = t.finish.filter(\.isFinite).sorted()
        // 1, 2 (training); train 2–3, score 3–4, measure 4–5; score 5–6, measure 6–7; …
        #expect(times == [1, 2, 5, 7, 9, 11])
        #expect(abs(t.busy.used(by: 12) - 1) < 1e-12)
    }

    /// Exact hypervolume improvement on a hand-computed staircase: front (0.9, 2), (0.5, 1),
    /// reference (0, 4); a point (0.7, 1.5) adds (0.7 − 0.5) × (2 − 1.5) = 0.1; a dominated
    /// point (0.4, 3) scores minus its gap to the staircase (3 − 1 = 2).
    @Test func hypervolumeImprovementByHand() {
        let front = [(0.9, 2.0), (0.5, 1.0)]
        let hvi = Acquisition.improvement(of: (0.7, 1.5), over: front, reference: (0, 4))
        #expect(abs(hvi - 0.1) < 1e-12)
        #expect(Acquisition.improvement(of: (0.4, 3), over: front, reference: (0, 4)) == -2)
        let top = Acquisition.improvement(of: (0.95, 3), over: front, reference: (0, 4))
        #expect(abs(top - 0.05 * 1) < 1e-12)  // (0.95 − 0.9) × (4 − 3)
    }

    /// budget_used: one device busy 0–4 and 6–8, the trainer 3–7: idle 8–10 only → 0.8 at 10.
    @Test func budgetUsedByHand() {
        var busy = BusyTime(devices: 1)
        busy.record(0, 4, device: 0)
        busy.record(6, 8, device: 0)
        busy.record(3, 7, device: nil)
        #expect(abs(busy.used(by: 10) - 0.8) < 1e-12)
        #expect(abs(busy.used(by: 5) - 1) < 1e-12)
    }
}
