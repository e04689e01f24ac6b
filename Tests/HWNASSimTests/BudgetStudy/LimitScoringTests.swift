// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// `mean_regret` and the tolerance of latency limits.
@Suite struct MeanRegretTests {
    /// A world of the given accuracies (fractions) and true metrics.
    func world(accuracy: [Double], metric: [Double]) -> BudgetWorld {
        var order = (0..<Int32(accuracy.count)).map { $0 }
        order.sort { accuracy[Int($0)] > accuracy[Int($1)] }
        return BudgetWorld(
            n: accuracy.count, accuracy: accuracy, orderByAccuracy: order, cost: metric, measured: metric,
            randomOrder: order, predicted: [:])
    }

    @Test func theGridIsGSLsPercentiles() {
        let sorted = (1...21).map(Double.init)  // (n − 1)·k/20 = k: the k-th percentile step hits value k + 1
        #expect(LimitScoring.grid(sortedMetric: sorted) == (2...20).map(Double.init))
        // Between values: linear interpolation.
        let g = LimitScoring.grid(sortedMetric: [0, 10])
        #expect(g.count == 19 && abs(g[0] - 0.5) < 1e-12 && abs(g[18] - 9.5) < 1e-12)
    }

    @Test func junkThatLooksFastCostsRegretButNoHypervolume() {
        // True front: (0.60, 1) … (0.80, 5); junk: accurate-looking, measured by nobody, truly slow.
        let accuracy = [0.60, 0.65, 0.70, 0.75, 0.80, 0.79, 0.74, 0.69]
        let metric = [1.0, 2, 3, 4, 5, 20, 20, 20]
        let w = world(accuracy: accuracy, metric: metric)
        let scoring = LimitScoring(limits: LimitScoring.grid(sortedMetric: metric.sorted()), world: w, metric: metric, tolerance: 0.05)
        let trueFront: [Int32] = [4, 3, 2, 1, 0]
        var believed = metric
        for j in 5..<8 { believed[j] = 0.5 }  // the junk looks faster than anything
        let junkFront = FrontReport.nonDominated(w.orderByAccuracy, accuracy: accuracy, values: believed) + trueFront
        let reported = w.orderByAccuracy.filter { junkFront.contains($0) }  // accuracy-descending
        let reference = (accuracy: 0.0, metric: 22.0)
        func hv(_ front: [Int32]) -> Double {
            TrialScoring.staircaseVolume(
                accuracy: front.map { accuracy[Int($0)] }, metric: front.map { metric[Int($0)] }, reference: reference)
        }
        #expect(hv(reported) == hv(trueFront))  // scored with true values the junk is dominated
        let honest = scoring.meanRegret(front: trueFront, believed: metric, accuracy: accuracy)
        let junk = scoring.meanRegret(front: reported, believed: believed, accuracy: accuracy)
        #expect(honest == 0)  // the true front with exact values: every pick is the best within its limit
        #expect(junk > honest + 10)
    }

    @Test func aPickWithinTheToleranceIsNotAViolation() {
        // Position 0 measured 3.9 under the limit 4 but truly 4.1 (2.5 % over); position 1 truly within.
        let accuracy = [0.80, 0.70], metric = [4.1, 3.5]
        let w = world(accuracy: accuracy, metric: metric)
        let tolerant = LimitScoring(limits: [4], world: w, metric: metric, tolerance: 0.05)
        let strict = LimitScoring(limits: [4], world: w, metric: metric, tolerance: 0)
        let pick = LimitPick.pick(w.orderByAccuracy, believed: [3.9, 3.5], accuracy: accuracy, limit: 4)
        #expect(pick == 0 && tolerant.bestWithin == [0.70])
        #expect(!tolerant.violates(pick: 0, limit: 0))
        #expect(tolerant.regret(pick: 0, limit: 0, accuracy: accuracy) == 0)  // more accurate than the best within: clamped at 0
        #expect(strict.violates(pick: 0, limit: 0))
        #expect(abs(strict.regret(pick: 0, limit: 0, accuracy: accuracy) - 80) < 1e-9)  // worthless, and loses its own accuracy
        // Beyond the tolerance it is a violation again: 4.3 > 4 × 1.05.
        let far = LimitScoring(limits: [4], world: w, metric: [4.3, 3.5], tolerance: 0.05)
        #expect(far.violates(pick: 0, limit: 0))
        // No pick loses the best within the limit.
        #expect(abs(tolerant.regret(pick: -1, limit: 0, accuracy: accuracy) - 70) < 1e-9)
    }

    @Test func theToleranceAppliesToTheScenariosLimits() throws {
        // Measuring everything with 10 % noise: picks at the edge of a limit may break it by a
        // few per cent; with a 60 % tolerance (6 sd) none is a violation, with 0 some are.
        let sorted = SyntheticSpec(size: 400, rankCorrelation: 0.4, seed: 2).makeTable().metrics["latency"]!.sorted()
        let limits = (1...19).map { sorted[$0 * 20] }
        func violations(_ tolerance: Double) throws -> Double {
            let t = BudgetLimitTests()
            let s = t.scenario(
                budget: [10_000], strategies: [StrategySpec(name: "m", kind: .measureRandom)], noise: 0.1,
                limits: limits, tolerance: tolerance)
            let r = try t.run(s)
            return limits.map { t.measure(r, 0, 0, "violation@\(Format.number($0))").reduce(0, +) }.reduce(0, +)
        }
        #expect(try violations(0.6) == 0)
        #expect(try violations(0) > 0)
    }

    @Test func everyBudgetRowHasAMeanRegretDecidedLowerIsBetter() throws {
        let t = BudgetLimitTests()
        let s = t.scenario(
            budget: [30, 10_000],
            strategies: [
                StrategySpec(name: "m", kind: .measureRandom),
                StrategySpec(name: "p", kind: .predictor("p"))
            ],
            tau: 0.5, decideBy: BudgetSpec.defaultDecideBy)
        let r = try t.run(s)
        #expect(r.cells[0].measures.contains(.meanRegret) && BudgetMeasure.meanRegret.direction == .lowerIsBetter)
        // Everything measured exactly: the reported front is the true front, mean regret 0.
        #expect(t.measure(r, 0, 1, "mean_regret") == [0, 0, 0])
        let d = r.decisionRows()
        #expect(
            d.allSatisfy { $0.decideBy == "mean_regret" && $0.shownMeasures == ["mean_regret", "hv_retained", "mra_pareto", "budget_used"] }
        )
        for (b, row) in d.enumerated() {
            let means = [0, 1].map { Summary(t.measure(r, $0, b, "mean_regret")).mean }
            #expect(row.winner == (means[0] <= means[1] ? "m" : "p"))
            #expect(row.means[0] == means)
        }
    }
}

/// Warnings and errors of budget scenarios, named at their place in the file.
