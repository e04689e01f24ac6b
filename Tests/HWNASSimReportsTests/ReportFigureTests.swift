// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

@testable import HWNASSim
@testable import HWNASSimReports
import HWNASSimTestSupport
import SVGCharts

/// The text elements inside the SVG group with id `id`.
private func texts(inGroup id: String, of svg: String) -> [String] {
    guard let start = svg.range(of: "<g id=\"\(id)\"") else { return [] }
    let body = svg[start.upperBound...].components(separatedBy: "</g>").first ?? ""
    return body.components(separatedBy: "<text").dropFirst().compactMap { piece in
        guard let open = piece.firstIndex(of: ">"), let close = piece.range(of: "</text>") else { return nil }
        return String(piece[piece.index(after: open)..<close.lowerBound])
    }
}

private func summary(_ mean: Double, _ low: Double, _ high: Double, n: Int = 10) -> Summary {
    Summary(n: n, mean: mean, sd: .nan, se: .nan, ci95Low: low, ci95High: high, median: .nan, q25: .nan, q75: .nan)
}

/// Decision maps give the winner's margin over the best strategy of the other kind (predictor
/// strategies against measuring ones), draw a margin that is not significant as a grey tie, and
/// size their cells so that no label is cut short.
@Suite struct DecisionMapTests {
    static func row(winner: String, runnerUp: String, margin: Summary, other: String? = nil, otherMargin: Summary? = nil) -> DecisionRow {
        let significant = margin.ci95Low > 0 || margin.ci95High < 0
        var r = DecisionRow(
            sweepValues: [], dataset: "d", metric: "m_latency", subsetSize: 100, budgetSeconds: 3600, decideBy: "mean_regret",
            winner: winner, winnerMean: 1, runnerUp: runnerUp, runnerUpMean: 1.1, margin: margin, significant: significant,
            winnerChanged: false)
        r.otherKind = other
        r.otherKindMargin = otherMargin
        return r
    }

    static let kinds = ["measure-only": true, "evo": true, "p+verify": false, "p+iterate": false]

    @Test func theMarginIsOverTheBestStrategyOfTheOtherKind() {
        // Two predictor strategies lead (a tie between them); measuring is clearly behind.
        let r = Self.row(
            winner: "p+iterate", runnerUp: "p+verify", margin: summary(-0.02, -0.06, 0.02), other: "measure-only",
            otherMargin: summary(-4.36, -6.7, -2.0))
        let c = ReportBuilder.decisionCell(r, measuring: Self.kinds)
        #expect(c.rival == "measure-only" && c.rivalIsOtherKind && c.margin?.mean == -4.36 && c.significant)
        #expect(c.text == "p+iterate\n-4.360\nvs measure-only")
        // The runner-up is already of the other kind: decision.csv leaves other:* empty.
        let s = Self.row(winner: "measure-only", runnerUp: "p+iterate", margin: summary(0, 0, 0))
        let d = ReportBuilder.decisionCell(s, measuring: Self.kinds)
        #expect(d.rival == "p+iterate" && d.rivalIsOtherKind && !d.significant)
        #expect(d.text == "measure-only\n0.000 n.s.\nvs p+iterate")
        // Strategies of one kind: the runner-up, not called the other kind.
        let t = Self.row(winner: "evo", runnerUp: "measure-only", margin: summary(-0.5, -0.7, -0.3))
        let e = ReportBuilder.decisionCell(t, measuring: Self.kinds)
        #expect(e.rival == "measure-only" && !e.rivalIsOtherKind && e.significant)
        // A tie with the runner-up but a significant margin over the other kind is a win; the
        // reverse is a tie.
        let u = Self.row(
            winner: "p+iterate", runnerUp: "p+verify", margin: summary(-0.5, -0.7, -0.3), other: "measure-only",
            otherMargin: summary(-0.1, -0.3, 0.1))
        let map = ReportBuilder.decisionMap([r, u.with(budget: 7200)], rowKey: { _ in "" }, measuring: Self.kinds)
        #expect(map.cells == [["p+iterate", ReportBuilder.decisionTie]])
        #expect(map.categories == ["p+iterate", ReportBuilder.decisionTie])
        #expect(map.texts[0][1] == "p+iterate\n-0.100 n.s.\nvs measure-only")
    }

    static func budgetScenario(budgets: [Int]) -> String {
        Fixtures.file(
            "kinds.yaml",
            """
            name: kinds
            trials: 6
            data: {benchmark: synthetic, size: 300, pairs: [{metric: energy, latency_column: latency}]}
            subset_sizes: [200]
            budget:
              seconds: [\(budgets.map(String.init).joined(separator: ", "))]
              measurement: {setup_s: 1, noise_relative_sd: 0.02}
              strategies:
                - {name: measure-only, measure: random}
                - {name: predictor+verify, predictor: p, verify: selected}
                - {name: predictor+iterate, predictor: p, verify: iterate}
            predictors:
              p: {train_samples: 10, kendall_tau: 0.9}

            """)
    }

    /// The report of a real run: where the two predictor strategies tie with each other but beat
    /// measuring, the cell names the winner in colour with its margin over measure-only (from
    /// decision.csv's other:* columns), not the runner-up's; every label fits its cell.
    @Test func theReportDrawsTheMarginOverTheOtherKindAndLabelsThatFit() throws {
        let budgets = [30, 60, 120, 240, 480, 960, 1920, 3840, 7680]
        let run = Fixtures.temporaryDirectory("kinds-run") + "/run"
        _ = try ScenarioRunner.run(
            path: Self.budgetScenario(budgets: budgets), options: RunOptions(outDirectory: run, jobs: 1, dataDirectory: "/x"))
        let decision = try #require(try SummaryReader.readRun(run).decision)
        // The case this test is about: not significant over the runner-up, significant over the other kind.
        let first = try #require(decision.first)
        let other = try #require(first.otherKindMargin)
        #expect(first.otherKind == "measure-only" && !first.significant && (other.ci95High < 0 || other.ci95Low > 0))
        #expect(
            ReportBuilder.measuringStrategies(try SummaryReader.readRun(run)) == [
                "measure-only": true, "predictor+verify": false, "predictor+iterate": false
            ])

        let out = Fixtures.temporaryDirectory("kinds-report")
        _ = try StudyReport.write(runs: [run], options: ReportOptions(outDirectory: out, dataDirectory: "/x", renderPNG: false))
        let svg = try String(contentsOfFile: out + "/fig7-decision.svg", encoding: .utf8)
        let labels = texts(inGroup: "cell-labels", of: svg)
        let joined = labels.joined(separator: "\n")
        #expect(joined.contains(ReportBuilder.signed(other.mean, 3)) && joined.contains("measure-only"), "\(labels)")
        #expect(!joined.contains(ReportBuilder.signed(first.marginMean, 3) + " n.s."), "the runner-up's margin is drawn")
        // The winner's cell is coloured, not a grey tie.
        let cells = svg.components(separatedBy: "<g id=\"cells\"").dropFirst().first?.components(separatedBy: "</g>").first ?? ""
        let firstFill = cells.components(separatedBy: "fill=\"").dropFirst().first?.prefix(7)
        #expect(firstFill != nil && firstFill != "#d9d9d9", "the first cell is drawn as a tie")
        // No label is cut short, and none is smaller than 9 px.
        #expect(!labels.isEmpty && !labels.contains { $0.contains("…") }, "\(labels)")
        let group = svg.components(separatedBy: "<g id=\"cell-labels\"").dropFirst().first?.components(separatedBy: "</g>").first ?? ""
        let sizes = group.components(separatedBy: "font-size=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        #expect(!sizes.isEmpty && sizes.allSatisfy { $0 >= 9 }, "\(Set(sizes))")
        #expect(svg.contains("best strategy of the other kind"))
    }
}

extension DecisionRow {
    fileprivate func with(budget: Double) -> DecisionRow {
        var r = self
        r.budgetSeconds = budget
        return r
    }
}

/// Titles name the metric's kind and hypervolume axes their unit.
@Suite struct FigureUnitTests {
    @Test func metricKindsComeFromTheColumnName() {
        #expect(ReportBuilder.metricKind(["edgegpu_energy"]) == "energy")
        #expect(ReportBuilder.metricKind(["raspi4_latency", "pixel3_latency"]) == "latency")
        #expect(ReportBuilder.metricKind(["raspi4_latency", "edgegpu_energy"]) == "metric")
        #expect(ReportBuilder.metricKind(["flops"]) == "flops")
        #expect(ReportBuilder.measureName("mean_regret", metrics: ["fpga_energy"]) == "mean regret over 19 energy limits")
        #expect(ReportBuilder.hypervolumeLabel(["edgegpu_energy"]) == "Hypervolume (accuracy fraction × energy in sd)")
        #expect(ReportBuilder.hypervolumeUnit(["edgegpu_energy"]).contains("energy (mJ) z-scored"))
    }

    /// An energy pair's budget figures say energy, never latency, and their axes carry units.
    @Test func anEnergyPairsFiguresNameEnergyAndUnits() throws {
        let run = Fixtures.temporaryDirectory("energy-run") + "/run"
        _ = try ScenarioRunner.run(
            path: DecisionMapTests.budgetScenario(budgets: [30, 300]),
            options: RunOptions(outDirectory: run, jobs: 1, dataDirectory: "/x"))
        let out = Fixtures.temporaryDirectory("energy-report")
        _ = try StudyReport.write(runs: [run], options: ReportOptions(outDirectory: out, dataDirectory: "/x", renderPNG: false))
        let page = try String(contentsOfFile: out + "/README.md", encoding: .utf8)
        #expect(page.contains("mean regret over 19 energy limits") && !page.contains("latency limits"))
        for figure in ["fig6-budget", "fig6c-anytime"] {
            let svg = try String(contentsOfFile: out + "/\(figure).svg", encoding: .utf8)
            #expect(svg.contains("ean regret over 19 energy limits") && !svg.contains("latency limits"), "\(figure)")
        }
        let fig6 = try String(contentsOfFile: out + "/fig6-budget.svg", encoding: .utf8)
        #expect(fig6.contains(">Hypervolume (accuracy fraction × energy in sd)<"))
        let anytime = try String(contentsOfFile: out + "/fig6c-anytime.svg", encoding: .utf8)
        #expect(
            anytime.contains(">hv_retained (share of the true front’s)<")
                || anytime.contains(">hv_retained (share of the true front&apos;s)<"))
    }
}

/// Each trained marker is joined to its own matched injected point, never across predictors.
@Suite struct TrainedVsInjectedFigureTests {
    static func point(_ predictor: String, _ k: Int, trained: Bool, tau: Double, hv: Double) -> ReportBuilder.TrainedPoint {
        let one = { (x: Double) in PooledStatistics([Summary([x, x])]) }
        return ReportBuilder.TrainedPoint(
            predictor: predictor, trainSamples: k, subsetSize: 100, trained: trained, tau: one(tau),
            measures: ["hv": one(hv), "mra_all": one(1), "mra_pareto": one(0.5)])
    }

    @Test func segmentsJoinEachTrainedPointToItsOwnMatch() {
        // Sorted by tau, the injected points alternate predictors: a line through them zigzags.
        let points = [
            Self.point("linreg", 10, trained: true, tau: 0.30, hv: 3.0), Self.point("linreg", 10, trained: false, tau: 0.31, hv: 2.9),
            Self.point("gp", 10, trained: true, tau: 0.35, hv: 3.4), Self.point("gp", 10, trained: false, tau: 0.34, hv: 3.1),
            Self.point("linreg", 50, trained: true, tau: 0.70, hv: 3.3), Self.point("linreg", 50, trained: false, tau: 0.71, hv: 3.2),
            Self.point("gp", 50, trained: true, tau: 0.60, hv: 3.5)
        ]
        let segments = ReportBuilder.matchedSegments(points, subsetSize: 100, measure: "hv")
        // gp at 50 has no match: no segment.
        #expect(segments.count == 3)
        #expect(segments.map(\.trained.y) == [3.0, 3.4, 3.3])
        #expect(segments.map(\.injected.y) == [2.9, 3.1, 3.2])
        #expect(segments.map(\.injected.x) == [0.31, 0.34, 0.71])
        #expect(ReportBuilder.matchedSegments(points, subsetSize: 200, measure: "hv").isEmpty)
    }
}
