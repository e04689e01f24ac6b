// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim

@Suite struct DecisionTests {
    func scenario(limit: Double, sizes: [Int] = [40], decideBy: String = "regret") -> Scenario {
        Scenario(
            name: "d", seed: 5, trials: 30, data: .synthetic(SyntheticSpec(size: 400, rankCorrelation: 0.4, seed: 2)),
            pairs: [PairSpec(dataset: "synthetic", metric: "latency")],
            experiment: .budgetStudy(
                BudgetStudySpec(
                    subsetSizes: sizes,
                    budget: BudgetSpec(
                        seconds: [1, 100], devices: 1, measurement: MeasurementCost(setupSeconds: 1, repeats: 1, runSeconds: 0),
                        strategies: [StrategySpec(name: "m", kind: .measureRandom), StrategySpec(name: "p", kind: .predictor("p"))],
                        decideBy: decideBy),
                    predictors: ["p": PredictorSpec(trainSamples: 5, trainSeconds: 0, querySeconds: 0, kendallTau: [(5, 0.3)])],
                    limits: [limit])))
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
        let m = r.cells[0].measures.map(\.name)
        for name in ["violation", "regret"] {
            let i = m.firstIndex(of: "\(name)@\(Format.number(limit))")!
            for s in 0..<2 {
                for b in 0..<2 {
                    let v = r.values(cell: 0, strategy: s, budget: b, measure: i)
                    #expect(v.allSatisfy { $0.isFinite })
                }
            }
        }
        let regret = m.firstIndex(of: "regret@\(Format.number(limit))")!, violation = m.firstIndex(of: "violation@\(Format.number(limit))")!
        // acc_loss is NaN exactly in the subsets without a feasible architecture, which exist here.
        let loss = r.values(cell: 0, strategy: 0, budget: 1, measure: m.firstIndex(of: "acc_loss@\(Format.number(limit))")!)
        #expect(loss.contains { $0.isNaN } && loss.contains { $0.isFinite })
        // A violating pick costs at least its own accuracy: regret ≥ 100·acc > 0 whenever violation is 1.
        for s in 0..<2 {
            for b in 0..<2 {
                let v = r.values(cell: 0, strategy: s, budget: b, measure: violation),
                    g = r.values(cell: 0, strategy: s, budget: b, measure: regret)
                #expect(zip(v, g).allSatisfy { $0 == 0 || $1 > 0 })
            }
        }
        // After 100 s everything is measured exactly: no violation, and regret 0.
        #expect(r.values(cell: 0, strategy: 0, budget: 1, measure: violation).allSatisfy { $0 == 0 })
        #expect(r.values(cell: 0, strategy: 0, budget: 1, measure: regret).allSatisfy { $0 == 0 })
    }

    /// Means and the paired margin use the same trials: those where every strategy has a value.
    @Test func decisionsCompareOnCompleteTrials() throws {
        let s = Scenario(
            name: "d", seed: 5, trials: 20, data: .synthetic(SyntheticSpec(size: 400, rankCorrelation: 0.4, seed: 2)),
            pairs: [PairSpec(dataset: "synthetic", metric: "latency")],
            experiment: .budgetStudy(
                BudgetStudySpec(
                    subsetSizes: [100],
                    budget: BudgetSpec(
                        seconds: [0.5, 3.5, 400], devices: 1, measurement: MeasurementCost(setupSeconds: 1, repeats: 1, runSeconds: 0),
                        strategies: [StrategySpec(name: "m", kind: .measureRandom), StrategySpec(name: "p", kind: .predictor("p"))],
                        decideBy: "mra_pareto"),
                    predictors: ["p": PredictorSpec(trainSamples: 50, trainSeconds: 0, querySeconds: 0, kendallTau: [(5, 0.9)])])))
        let r = try run(s)
        let mra = r.cells[0].measures.map(\.name).firstIndex(of: "mra_pareto")!
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
