// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim

@Suite struct BudgetLimitTests {
    func scenario(
        budget: [Double], strategies: [StrategySpec], tau: Double = 1, noise: Double = 0, limits: [Double] = [],
        runSeconds: Double? = nil, decideBy: String = "hv", tolerance: Double? = nil
    ) -> Scenario {
        Scenario(
            name: "b", seed: 4, trials: 3, data: .synthetic(SyntheticSpec(size: 400, rankCorrelation: 0.4, seed: 2)),
            pairs: [PairSpec(dataset: "synthetic", metric: "latency")],
            experiment: .budgetStudy(
                BudgetStudySpec(
                    subsetSizes: [300],
                    budget: BudgetSpec(
                        seconds: budget, devices: 1,
                        measurement: MeasurementCost(setupSeconds: 1, repeats: 1, runSeconds: runSeconds, noiseRelativeSD: noise),
                        strategies: strategies, decideBy: decideBy, limitTolerance: tolerance),
                    predictors: ["p": PredictorSpec(trainSamples: 20, trainSeconds: 5, querySeconds: 0.01, kendallTau: [(20, tau)])],
                    limits: limits)))
    }

    func run(_ s: Scenario) throws -> BudgetResult {
        var loader = GroundTruthLoader(directory: "/nonexistent")
        let pairs = try loader.pairs(for: s)
        let cells = try BudgetStudy.cells(for: s, pairs: pairs, loader: &loader)
        return BudgetStudy.run(scenario: s, cells: cells, jobs: 2)
    }

    func measure(_ r: BudgetResult, _ strategy: Int, _ budget: Int, _ name: String) -> [Double] {
        r.values(cell: 0, strategy: strategy, budget: budget, measure: r.cells[0].measures.map(\.name).firstIndex(of: name)!)
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
        #expect(measure(r, 0, 0, "hv_retained").allSatisfy { $0 < 1 })  // before: only what was measured
    }

    @Test func limitsMeasureLossAndViolation() throws {
        let s = scenario(
            budget: [10_000],
            strategies: [
                StrategySpec(name: "m", kind: .measureRandom),
                StrategySpec(name: "p", kind: .predictor("p"), verify: .selected),
                StrategySpec(name: "u", kind: .predictor("p"))
            ],
            tau: 0.3, limits: [1.0])
        let r = try run(s)
        #expect(
            r.cells[0].measures.dropLast(3).suffix(3) == [
                .atLimit(.accLoss, limit: 1), .atLimit(.violation, limit: 1), .atLimit(.regret, limit: 1)
            ])
        #expect(r.cells[0].measures.dropLast(3).suffix(3).map(\.name) == ["acc_loss@1.0", "violation@1.0", "regret@1.0"])
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
        let r = try run(
            scenario(
                budget: [30, 10_000],
                strategies: [
                    StrategySpec(name: "m", kind: .measureRandom),
                    StrategySpec(name: "p", kind: .predictor("p"))
                ]))
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
