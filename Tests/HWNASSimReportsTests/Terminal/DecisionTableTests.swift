// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim
@testable import HWNASSimReports

/// The table `hwnas-sim decide` prints.
@Suite struct DecisionTableTests {
    func row(_ seconds: Double, winner: String, runnerUp: String, margin: Double, significant: Bool = true) -> DecisionRow {
        var r = DecisionRow(
            sweepValues: [], dataset: "d", metric: "m", subsetSize: 100, budgetSeconds: seconds, decideBy: "mean_regret",
            winner: winner, winnerMean: 1, runnerUp: runnerUp, runnerUpMean: 1 - margin,
            margin: Summary(
                n: 10, mean: margin, sd: 0.1, se: 0.03, ci95Low: margin - 0.05, ci95High: margin + 0.05,
                median: margin, q25: margin, q75: margin),
            significant: significant, winnerChanged: false)
        r.shownMeasures = ["mean_regret", "hv_retained", "mra_pareto"]
        r.strategies = ["measure-only", "linreg+verify"]
        r.means = [[1, 1.5], [0.97, 0.98], [0.9, 0.8]]
        r.winnersByMeasure = [winner, "linreg+verify", "linreg+verify"]
        return r
    }

    let strategies = [
        StrategySpec(name: "measure-only", kind: .measureRandom),
        StrategySpec(name: "linreg+verify", kind: .predictor("linreg"), verify: .selected)
    ]

    @Test func everyStrategySideBySideWithTheWinnerAndAPlainConclusion() {
        let rows = [
            row(1800, winner: "measure-only", runnerUp: "linreg+verify", margin: -0.5),
            row(3600, winner: "measure-only", runnerUp: "linreg+verify", margin: -0.25),
            row(7200, winner: "linreg+verify", runnerUp: "measure-only", margin: -0.125)
        ]
        let text = DecisionTable.text(rows, strategies: strategies)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(
            lines.contains {
                $0.hasPrefix("budget") && $0.contains("mean_regret") && $0.contains("hv_retained") && $0.contains("mra_pareto")
            })
        #expect(lines.contains("30.0 min  measure-only              1.000        0.970        0.900  ← winner"))
        #expect(lines.contains("          linreg+verify             1.500        0.980        0.800"))
        #expect(
            lines.contains(
                "          measure-only over linreg+verify: -0.500 [-0.550, -0.450], -33 % of linreg+verify's 1.500, significant (10 paired trials)"
            ))
        #expect(lines.contains("          measures disagree: hv_retained favours linreg+verify, mra_pareto favours linreg+verify"))
        #expect(
            lines.last == "→ measure on the device up to 1.0 h: measure-only wins by 0.250 to 0.500 mean_regret; "
                + "from 2.0 h a linreg predictor with verification (linreg+verify) wins by 0.125 mean_regret.")
        // A budget without a significant winner is said so.
        let unsure = [row(1800, winner: "measure-only", runnerUp: "linreg+verify", margin: -0.01, significant: false)]
        #expect(
            DecisionTable.conclusion(unsure, strategies: strategies)
                == "→ at 30.0 min no strategy is significantly better (ahead: measure-only).")
    }

    /// Two predictor strategies lead: the winner's margin over the best measuring strategy is
    /// printed and concluded on, beside the (not significant) margin over the runner-up.
    @Test func theMarginOverTheOtherKindIsShownWhenTheRunnerUpIsOfTheSameKind() {
        let kinds = strategies + [StrategySpec(name: "ridge+iterate", kind: .predictor("ridge"), verify: .iterate)]
        func twoPredictors(_ seconds: Double, otherMargin: Double, low: Double, high: Double) -> DecisionRow {
            var r = row(seconds, winner: "ridge+iterate", runnerUp: "linreg+verify", margin: -0.01, significant: false)
            r.strategies = ["measure-only", "linreg+verify", "ridge+iterate"]
            r.means = [[1.5, 0.51, 0.5], [0.97, 0.98, 0.99], [0.9, 0.8, 0.7]]
            r.otherKind = "measure-only"
            r.otherKindMean = 1.5
            r.otherKindMargin = Summary(
                n: 10, mean: otherMargin, sd: .nan, se: .nan, ci95Low: low, ci95High: high, median: .nan, q25: .nan, q75: .nan)
            return r
        }
        let rows = [
            twoPredictors(1800, otherMargin: -1, low: -1.2, high: -0.8), twoPredictors(3600, otherMargin: -0.5, low: -0.7, high: -0.3),
            twoPredictors(7200, otherMargin: -0.1, low: -0.3, high: 0.1)
        ]
        let lines = DecisionTable.text(rows, strategies: kinds).split(separator: "\n").map(String.init)
        #expect(
            lines.contains(
                "          ridge+iterate over measure-only (the best measuring strategy): -1.000 [-1.200, -0.800], -67 % of measure-only's 1.500, significant (10 paired trials)"
            ))
        #expect(
            lines.last
                == "→ predictor or measuring: from 30.0 min to 1.0 h the best predictor strategy beats measuring by 0.500 to 1.000 mean_regret; "
                + "at 2.0 h the best predictor strategy beats measuring by 0.100 mean_regret (not significant).")
    }
}
