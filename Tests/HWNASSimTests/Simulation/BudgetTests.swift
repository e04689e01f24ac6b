// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim

@Suite struct EventQueueTests {
    @Test func ordersByTimeThenInsertion() {
        var q = EventQueue()
        q.schedule(.trainingFinished, at: 5)
        q.schedule(.budgetReached, at: 2)
        q.schedule(.queriesFinished, at: 2)
        q.schedule(.measurementStarted(position: 1, device: 0), at: 2)
        q.schedule(.measurementStarted(position: 0, device: 0), at: 1)
        let order = (0..<5).compactMap { _ in q.next() }
        #expect(order.map(\.time) == [1, 2, 2, 2, 5])
        #expect(order[1].kind == .queriesFinished)            // inserted before the start at 2
        #expect(order[2].kind == .measurementStarted(position: 1, device: 0))
        #expect(order[3].kind == .budgetReached)              // the budget comes after everything at its time
        #expect(q.next() == nil)
    }
}

@Suite struct MeasurementEngineTests {
    func world(cost: [Double], accuracy: [Double]? = nil, metric: [Double]? = nil) -> BudgetWorld {
        let n = cost.count
        let acc = accuracy ?? (0..<n).map { 0.5 + 0.01 * Double($0) }
        var order = (0..<Int32(n)).map { $0 }
        order.sort { acc[Int($0)] > acc[Int($1)] }
        return BudgetWorld(n: n, accuracy: acc, orderByAccuracy: order, cost: cost,
                           measured: metric ?? cost, randomOrder: (0..<Int32(n)).map { $0 }, predicted: [:])
    }

    /// 2 devices, costs 3, 1, 4, 1, 5 in that order: d0 a0 0–3, d1 a1 0–1, d1 a2 1–5, d0 a3 3–4, d0 a4 4–9.
    @Test func handComputedScheduleOnTwoDevices() {
        let engine = MeasurementEngine(devices: 2, horizon: 8)
        let t = engine.run(world: world(cost: [3, 1, 4, 1, 5]), predictor: nil, afterReady: .none, logEvents: true)
        #expect(t.finish == [3, 1, 5, 4, .infinity])  // a4 would end at 9 > 8: it does not count
        let finished = t.log.compactMap { e -> [Double]? in
            if case .measurementFinished(let a, let d) = e.kind { return [e.time, Double(a), Double(d)] }
            return nil
        }
        #expect(finished == [[1, 1, 1], [3, 0, 0], [4, 3, 0], [5, 2, 1]])
        #expect(t.log.last?.kind == .budgetReached && t.log.last?.time == 8)
        let unlimited = MeasurementEngine(devices: 2, horizon: 9).run(world: world(cost: [3, 1, 4, 1, 5]), predictor: nil, afterReady: .none)
        #expect(unlimited.finish == [3, 1, 5, 4, 9]) // ending exactly at the budget counts
    }

    @Test func tiesRunFirstInFirstOut() {
        let t = MeasurementEngine(devices: 2, horizon: 10).run(world: world(cost: [2, 2, 1]), predictor: nil, afterReady: .none, logEvents: true)
        let finished = t.log.compactMap { e -> Int32? in
            if case .measurementFinished(let a, _) = e.kind { return a }
            return nil
        }
        #expect(finished == [0, 1, 2])
        #expect(t.finish == [2, 2, 3])  // a2 goes to device 0, the lowest free one
    }

    @Test func predictorTimeline() {
        var w = world(cost: [2, 2, 2, 2, 2, 2])
        w.predicted["p"] = [1, 2, 3, 4, 5, 6]
        let spec = PredictorSpec(trainSamples: 2, trainSeconds: 10, trainSecondsPerSample: 0.5, querySeconds: 0.25, kendallTau: [(1, 0.5)])
        let t = MeasurementEngine(devices: 1, horizon: 100).run(world: w, predictor: (spec, "p"), afterReady: .none)
        // Training sample 0–2, 2–4; training 4 + 10 + 2·0.5 = 15; queries 4 · 0.25 → ready at 16.
        #expect(t.finish[0] == 2 && t.finish[1] == 4 && t.finish[2...].allSatisfy { $0 == .infinity })
        #expect(t.readyTime == 16)
    }

    @Test func verifySelectedMeasuresThePicksBestAccuracyFirst() {
        // Accuracy rises with position; predicted metric too, so every point is on the predicted front.
        var w = world(cost: [1, 1, 1, 1, 1])
        w.predicted["p"] = [1, 2, 3, 4, 5]
        let spec = PredictorSpec(trainSamples: 1, trainSeconds: 0, querySeconds: 0, kendallTau: [(1, 1)])
        let t = MeasurementEngine(devices: 1, horizon: 100).run(world: w, predictor: (spec, "p"), afterReady: .verifySelected)
        #expect(t.readyTime == 1)
        #expect(t.selectionAtReady == [4, 3, 2, 1, 0])
        #expect(t.finish == [1, 5, 4, 3, 2])  // position 0 was the training sample
    }

    @Test func fastPathEqualsTheEngineOnOneDevice() {
        let rng = RandomStream(key: 3)
        for trial in 0..<20 {
            let n = 50
            let cost = (0..<n).map { _ in 0.5 + rng.uniform() * 3 }
            var w = world(cost: cost)
            for i in stride(from: n - 1, to: 0, by: -1) { w.randomOrder.swapAt(i, rng.uniformInt(i + 1)) }
            let horizon = Double(trial * 5 + 1)
            // logEvents forces the event-driven path; without it one device takes the fast path.
            let engine = MeasurementEngine(devices: 1, horizon: horizon).run(world: w, predictor: nil, afterReady: .none, logEvents: true)
            let defaultPath = MeasurementEngine(devices: 1, horizon: horizon).run(world: w, predictor: nil, afterReady: .none)
            #expect(defaultPath.finish == engine.finish)
            let fast = MeasurementEngine.sequentialFinishTimes(order: w.randomOrder, cost: cost, horizon: horizon)
            #expect(engine.finish == fast)
        }
    }
}


@Suite struct BudgetLimitTests {
    func scenario(budget: [Double], strategies: [StrategySpec], tau: Double = 1, noise: Double = 0, limits: [Double] = [],
                  runSeconds: Double? = nil, decideBy: String = "hv", tolerance: Double? = nil) -> Scenario {
        Scenario(name: "b", seed: 4, trials: 3, data: .synthetic(SyntheticSpec(size: 400, rankCorrelation: 0.4, seed: 2)), pairs: [PairSpec(dataset: "synthetic", metric: "latency")],
                 experiment: .budgetStudy(BudgetStudySpec(subsetSizes: [300], budget: BudgetSpec(seconds: budget, devices: 1,
                                    measurement: MeasurementCost(setupSeconds: 1, repeats: 1, runSeconds: runSeconds, noiseRelativeSD: noise),
                                    strategies: strategies, decideBy: decideBy, limitTolerance: tolerance), predictors: ["p": PredictorSpec(trainSamples: 20, trainSeconds: 5, querySeconds: 0.01, kendallTau: [(20, tau)])], limits: limits)))
    }

    func run(_ s: Scenario) throws -> BudgetResult {
        var loader = GroundTruthLoader(directory: "/nonexistent")
        let pairs = try loader.pairs(for: s)
        let cells = try BudgetStudy.cells(for: s, pairs: pairs, loader: &loader)
        return BudgetStudy.run(scenario: s, cells: cells, jobs: 2)
    }

    func measure(_ r: BudgetResult, _ strategy: Int, _ budget: Int, _ name: String) -> [Double] {
        r.values(cell: 0, strategy: strategy, budget: budget, measure: r.cells[0].measures.firstIndex(of: name)!)
    }

    @Test func measuringEverythingExactlySelectsTheTrueFront() throws {
        // 300 measurements of 1 s + ≤ 0.05 s each end well before 10,000 s.
        let r = try run(scenario(budget: [0.5, 10_000], strategies: [StrategySpec(name: "m", kind: .measureRandom)]))
        #expect(measure(r, 0, 1, "hv_retained") == [1, 1, 1])
        #expect(measure(r, 0, 1, "mra_pareto") == [0, 0, 0])
        #expect(measure(r, 0, 1, "n_measured") == [300, 300, 300])
        // Below one measurement: nothing selected, hv 0.
        #expect(measure(r, 0, 0, "hv") == [0, 0, 0])
        #expect(measure(r, 0, 0, "n_selected") == [0, 0, 0])
    }

    @Test func aPerfectPredictorSelectsTheTrueFrontWhenReady() throws {
        // Ready after 20 measurements (≤ 21 s), 5 s training and 280 · 0.01 s queries: by 40 s.
        let r = try run(scenario(budget: [10, 40], strategies: [StrategySpec(name: "p", kind: .predictor("p"))]))
        #expect(measure(r, 0, 1, "hv_retained") == [1, 1, 1])
        #expect(measure(r, 0, 1, "mra_all") == [0, 0, 0])
        #expect(measure(r, 0, 0, "hv_retained").allSatisfy { $0 < 1 }) // before: only what was measured
    }

    @Test func limitsMeasureLossAndViolation() throws {
        let s = scenario(budget: [10_000], strategies: [StrategySpec(name: "m", kind: .measureRandom),
                                                         StrategySpec(name: "p", kind: .predictor("p"), verify: .selected),
                                                         StrategySpec(name: "u", kind: .predictor("p"))],
                         tau: 0.3, limits: [1.0])
        let r = try run(s)
        #expect(r.cells[0].measures.suffix(3) == ["acc_loss@1.0", "violation@1.0", "regret@1.0"])
        // Measuring everything exactly picks the best architecture within the limit.
        #expect(measure(r, 0, 0, "acc_loss@1.0") == [0, 0, 0])
        #expect(measure(r, 0, 0, "violation@1.0") == [0, 0, 0])
        // Verified picks never violate when the budget is ample.
        #expect(measure(r, 1, 0, "violation@1.0") == [0, 0, 0])
        #expect(measure(r, 1, 0, "acc_loss@1.0").allSatisfy { $0 >= 0 })
        #expect(measure(r, 1, 0, "regret@1.0") == measure(r, 1, 0, "acc_loss@1.0"))
        // Without verification, a noisy predictor's pick may break the limit; then regret is
        // at least the whole best accuracy, above the loss; within the limit they are equal.
        let loss = measure(r, 2, 0, "acc_loss@1.0"), regret = measure(r, 2, 0, "regret@1.0")
        let violation = measure(r, 2, 0, "violation@1.0")
        #expect(violation.contains(1))
        for (k, v) in violation.enumerated() {
            #expect(v == 1 ? regret[k] > loss[k] : regret[k] == loss[k])
        }
    }

    @Test func decisionPicksTheBetterMeanWithAPairedInterval() throws {
        let r = try run(scenario(budget: [30, 10_000], strategies: [StrategySpec(name: "m", kind: .measureRandom),
                                                                   StrategySpec(name: "p", kind: .predictor("p"))]))
        let d = r.decisionRows()
        #expect(d.count == 2)
        for (b, row) in d.enumerated() {
            let m = Summary(measure(r, 0, b, "hv")).mean, p = Summary(measure(r, 1, b, "hv")).mean
            #expect(row.winner == (m >= p ? "m" : "p"))
            let diff = zip(measure(r, row.winner == "m" ? 0 : 1, b, "hv"), measure(r, row.winner == "m" ? 1 : 0, b, "hv")).map { $0 - $1 }
            #expect(row.margin == Summary(diff))
        }
    }
}

@Suite struct DecisionTests {
    func scenario(limit: Double, sizes: [Int] = [40], decideBy: String = "regret") -> Scenario {
        Scenario(name: "d", seed: 5, trials: 30, data: .synthetic(SyntheticSpec(size: 400, rankCorrelation: 0.4, seed: 2)), pairs: [PairSpec(dataset: "synthetic", metric: "latency")],
                 experiment: .budgetStudy(BudgetStudySpec(subsetSizes: sizes, budget: BudgetSpec(seconds: [1, 100], devices: 1, measurement: MeasurementCost(setupSeconds: 1, repeats: 1, runSeconds: 0),
                                    strategies: [StrategySpec(name: "m", kind: .measureRandom), StrategySpec(name: "p", kind: .predictor("p"))],
                                    decideBy: decideBy), predictors: ["p": PredictorSpec(trainSamples: 5, trainSeconds: 0, querySeconds: 0, kendallTau: [(5, 0.3)])], limits: [limit])))
    }

    func run(_ s: Scenario) throws -> BudgetResult {
        var loader = GroundTruthLoader(directory: "/x")
        let pairs = try loader.pairs(for: s)
        return BudgetStudy.run(scenario: s, cells: try BudgetStudy.cells(for: s, pairs: pairs, loader: &loader), jobs: 2)
    }

    /// A limit that some small subsets cannot meet: violation and regret are defined in every
    /// trial (nothing feasible: deploying nothing is right, regret 0; a violating pick loses its
    /// own accuracy); acc_loss is undefined exactly there.
    @Test func infeasibleSubsetsStillScoreEveryTrial() throws {
        let table = SyntheticSpec(size: 400, rankCorrelation: 0.4, seed: 2).makeTable()
        let sorted = table.metrics["latency"]!.sorted()
        let limit = sorted[3]  // only a few architectures meet it: many 40-subsets have none
        let r = try run(scenario(limit: limit))
        let m = r.cells[0].measures
        for name in ["violation", "regret"] {
            let i = m.firstIndex(of: "\(name)@\(Format.number(limit))")!
            for s in 0..<2 { for b in 0..<2 { let v = r.values(cell: 0, strategy: s, budget: b, measure: i); #expect(v.allSatisfy { $0.isFinite }) } }
        }
        let regret = m.firstIndex(of: "regret@\(Format.number(limit))")!, violation = m.firstIndex(of: "violation@\(Format.number(limit))")!
        // acc_loss is NaN exactly in the subsets without a feasible architecture, which exist here.
        let loss = r.values(cell: 0, strategy: 0, budget: 1, measure: m.firstIndex(of: "acc_loss@\(Format.number(limit))")!)
        #expect(loss.contains { $0.isNaN } && loss.contains { $0.isFinite })
        // A violating pick costs at least its own accuracy: regret ≥ 100·acc > 0 whenever violation is 1.
        for s in 0..<2 {
            for b in 0..<2 {
                let v = r.values(cell: 0, strategy: s, budget: b, measure: violation), g = r.values(cell: 0, strategy: s, budget: b, measure: regret)
                #expect(zip(v, g).allSatisfy { $0 == 0 || $1 > 0 })
            }
        }
        // After 100 s everything is measured exactly: no violation, and regret 0.
        #expect(r.values(cell: 0, strategy: 0, budget: 1, measure: violation).allSatisfy { $0 == 0 })
        #expect(r.values(cell: 0, strategy: 0, budget: 1, measure: regret).allSatisfy { $0 == 0 })
    }

    /// Means and the paired margin use the same trials: those where every strategy has a value.
    @Test func decisionsCompareOnCompleteTrials() throws {
        let s = Scenario(name: "d", seed: 5, trials: 20, data: .synthetic(SyntheticSpec(size: 400, rankCorrelation: 0.4, seed: 2)), pairs: [PairSpec(dataset: "synthetic", metric: "latency")],
                         experiment: .budgetStudy(BudgetStudySpec(subsetSizes: [100], budget: BudgetSpec(seconds: [0.5, 3.5, 400], devices: 1, measurement: MeasurementCost(setupSeconds: 1, repeats: 1, runSeconds: 0),
                                            strategies: [StrategySpec(name: "m", kind: .measureRandom), StrategySpec(name: "p", kind: .predictor("p"))],
                                            decideBy: "mra_pareto"), predictors: ["p": PredictorSpec(trainSamples: 50, trainSeconds: 0, querySeconds: 0, kendallTau: [(5, 0.9)])])))
        let r = try run(s)
        let mra = r.cells[0].measures.firstIndex(of: "mra_pareto")!
        let d = r.decisionRows()
        for (b, row) in d.enumerated() {
            let m = r.values(cell: 0, strategy: 0, budget: b, measure: mra), p = r.values(cell: 0, strategy: 1, budget: b, measure: mra)
            let complete = m.indices.filter { m[$0].isFinite && p[$0].isFinite }
            let mMean = Summary(complete.map { m[$0] }).mean, pMean = Summary(complete.map { p[$0] }).mean
            if complete.isEmpty {
                #expect(row.winner == "-")
            } else {
                #expect(row.winner == (mMean <= pMean ? "m" : "p"))
                #expect(row.margin?.n == complete.count)
                #expect(row.marginMean <= 1e-12)  // lower is better: the winner's margin is ≤ 0
            }
        }
        // Below one measurement nothing is selected by anyone: MRA is undefined, no winner, no
        // runner-up; the first real winner after it is not a change.
        #expect(d[0].winner == "-" && d[0].runnerUp == nil && !d[1].winnerChanged)
        // At 3.5 s both have measured the same 3 architectures (the training sample is the start
        // of the shared random order): a tie, decided by scenario order, not significant.
        #expect(d[1].winner == "m" && d[1].marginMean == 0 && !d[1].significant)
    }

    @Test func accLossIsNotADecisionMeasure() {
        #expect(!BudgetMeasure.decisionMeasures.contains("acc_loss"))
        #expect(BudgetMeasure.decisionMeasures.contains("regret"))
    }
}
