// SPDX-License-Identifier: GPL-3.0-or-later
import HWNASSim
import SVGCharts

extension ReportBuilder {
    /// The anytime figure of a budget run: hypervolume retained and mean regret against the
    /// budget in hours, and per strategy the median time to 95 % and 99 % of the true front's
    /// hypervolume at the largest budget (over the trials that reached it). Nothing without the
    /// anytime measures (an older budget.csv).
    mutating func addAnytime(_ rows: [BudgetRow], strategies: [String], label: String, suffix: String) {
        guard rows.contains(where: { $0.measure == .timeToHV99 }), let last = rows.map(\.budgetSeconds).max() else { return }
        let budgets = Array(Set(rows.map(\.budgetSeconds))).sorted()
        func pooled(_ strategy: String, _ t: Double, _ m: BudgetMeasure) -> PooledStatistics {
            PooledStatistics(rows.filter { $0.strategy == strategy && $0.budgetSeconds == t && $0.measure == m }.map(\.summary))
        }
        func overTime(_ m: BudgetMeasure) -> [Series] {
            strategies.enumerated().map { i, s in
                Series(name: s, points: budgets.map { ($0 / 3600, pooled(s, $0, m).mean) }, style: ChartPalette.seriesStyle(i))
            }
        }
        let regretTitle = Self.measureName(BudgetMeasure.meanRegret.name, metrics: Array(Set(rows.map(\.metric))))
        let thresholds: [(Double, BudgetMeasure)] = [(95, .timeToHV95), (99, .timeToHV99)]
        let toHV = strategies.enumerated().map { i, s in
            Series(
                name: s, points: thresholds.map { ($0.0, pooled(s, last, $0.1).mean / 3600) }, style: ChartPalette.seriesStyle(i))
        }
        let panels = [
            LineChart(
                title: "Hypervolume retained", xLabel: "Budget (h)", yLabel: "hv_retained (share of the true front's)",
                yRange: Self.sharedRange(overTime(.hvRetained).flatMap { $0.points.map(\.y) }, includeZero: false),
                series: overTime(.hvRetained), legendPlacement: .hidden),
            LineChart(
                title: regretTitle.prefix(1).uppercased() + regretTitle.dropFirst(), xLabel: "Budget (h)",
                yLabel: "mean_regret (percentage points)",
                yRange: Self.sharedRange(overTime(.meanRegret).flatMap { $0.points.map(\.y) }, includeZero: true),
                series: overTime(.meanRegret), legendPlacement: .hidden),
            LineChart(
                title: "Time to 95 % and 99 % of the true hypervolume", xLabel: "Share of the true front's hypervolume (%)",
                yLabel: "Mean time over the trials that reached it (h)",
                yRange: Self.sharedRange(toHV.flatMap { $0.points.map(\.y) }, includeZero: true), series: toHV,
                legendPlacement: .hidden)
        ].map { $0.document(width: Self.panelWidth - 40, height: Self.panelHeight - 40) }
        let figure = PanelFigure(
            title: "Anytime: quality against simulated time, and time to the true front's hypervolume", subtitle: label,
            caption:
                "Means over pairs and subset sizes. Right: the mean time at which the reported front first held 95 % / 99 % of the true front's hypervolume, over the trials that reached it within \(DecisionTableDuration.text(last)) (budget.csv's n counts them).",
            rows: [panels], legend: .forSeries(toHV))
        add(
            "fig6c-anytime" + suffix, figure.document(), alt: "Anytime curves",
            text: "Hypervolume retained and mean regret against the budget in hours; time to 95/99 % of the true hypervolume (\(label)).")
    }
}

/// A duration in words, as the decision table writes it.
enum DecisionTableDuration {
    static func text(_ seconds: Double) -> String { DecisionTable.duration(seconds) }
}
