// SPDX-License-Identifier: GPL-3.0-or-later

/// The paired comparison of a budget study's strategies at each budget, by the scenario's
/// `decide_by` (rows of `decision.csv`, see ``DecisionCSV``).
///
/// The winner at one budget, with the paired margin to the runner-up, and every strategy's
/// means of the measures `decide` shows.
public struct DecisionRow: Sendable {
    public var sweepValues: [(key: String, value: String)]
    public var dataset: String
    public var metric: String
    public var subsetSize: Int
    public var budgetSeconds: Double
    public var decideBy: String
    public var winner: String
    public var winnerMean: Double
    public var runnerUp: String?
    public var runnerUpMean: Double
    /// Paired difference winner − runner-up over the same trials (mean and 95 % t-interval).
    public var margin: Summary?
    public var significant: Bool
    public var winnerChanged: Bool
    /// The shown measures (output columns): the decision's, then `hv_retained`, `mra_pareto`,
    /// `mean_regret` and `budget_used` (each once).
    public var shownMeasures: [String] = []
    /// The strategies, in scenario order.
    public var strategies: [String] = []
    /// `means[m][s]`: strategy s's mean of shown measure m (the decision measure over the
    /// trials where every strategy has a value, as the margin; the others likewise per measure).
    public var means: [[Double]] = []
    /// The winner by each shown measure ("-": none has a value).
    public var winnersByMeasure: [String] = []
    /// The best strategy of the other kind than the winner (measuring if a predictor wins, the
    /// best predictor strategy if measuring wins), when it is not the runner-up; with the paired
    /// margin winner − it over the same trials. The practitioner's question is often this one:
    /// when two predictor strategies lead, is either better than measuring? Shown by `decide`,
    /// not written to `decision.csv`.
    public var otherKind: String?
    public var otherKindMean: Double = .nan
    public var otherKindMargin: Summary?
    /// Per strategy: the median of the decision measure over the same trials as the means.
    public var medians: [Double] = []
    /// Per strategy: the share of those trials whose value exceeds ``tailThreshold`` (1
    /// percentage point), for a decision measure in points (regrets, MRAs); NaN otherwise.
    public var tailShares: [Double] = []

    /// The tail of a measure in percentage points: trials worse than 1 point.
    public static let tailThreshold = 1.0

    /// The margin's mean and interval (NaN without a runner-up).
    public var marginMean: Double { margin?.mean ?? .nan }
    public var marginLow: Double { margin?.ci95Low ?? .nan }
    public var marginHigh: Double { margin?.ci95High ?? .nan }
    /// The margin relative to the runner-up's mean, margin / |runner-up mean| (NaN when it is 0
    /// or there is no runner-up).
    public var relativeMargin: Double { runnerUpMean != 0 ? marginMean / abs(runnerUpMean) : .nan }

    /// The shown measures whose winner is not the decision's winner, with their winners.
    public var disagreements: [(measure: String, winner: String)] {
        zip(shownMeasures, winnersByMeasure).dropFirst().filter { $0.1 != winner && $0.1 != "-" && $0.0 != "budget_used" }.map {
            ($0.0, $0.1)
        }
    }
}

extension BudgetResult {
    /// The measure column a decision uses: `acc_loss`/`violation` mean those at the first limit.
    static func decisionMeasure(_ name: String, cell: BudgetCell) -> Int? {
        cell.measures.firstIndex { $0.name == name } ?? cell.measures.firstIndex { $0.baseName == name }
    }

    /// Per cell and budget: the best strategy by the scenario's `decide_by`, the paired margin
    /// to the runner-up with its 95 % t-interval, whether the winner changed, and every
    /// strategy's means of the shown measures with the winner by each.
    func decisionRows() -> [DecisionRow] {
        var rows: [DecisionRow] = []
        for (c, cell) in cells.enumerated() {
            guard let m = Self.decisionMeasure(cell.budget.decideBy, cell: cell) else { continue }
            var shown = [m]
            for measure in BudgetMeasure.shown {
                if let k = cell.measures.firstIndex(of: measure), !shown.contains(k) { shown.append(k) }
            }
            var previous: String?  // the last budget's winner, "-" (none) not counted
            for b in cell.budget.seconds.indices {
                let row = decisionRow(cell: c, budget: b, measure: m, shown: shown, previousWinner: previous)
                rows.append(row)
                if row.winner != "-" { previous = row.winner }
            }
        }
        return rows
    }

    /// The strategies' values of `measure` at budget `b` over the trials where every strategy
    /// has a value (an MRA is undefined while nothing is selected), so that means and the
    /// paired margin agree; their means; and the strategies ranked, better mean first (ties
    /// keep the scenario's order, undefined means last).
    func compared(cell c: Int, budget b: Int, measure: Int) -> (perStrategy: [[Double]], means: [Double], ranked: [Int]) {
        let cell = cells[c]
        let all = cell.budget.strategies.indices.map { values(cell: c, strategy: $0, budget: b, measure: measure) }
        let complete = (0..<scenario.trials).filter { t in all.allSatisfy { $0[t].isFinite } }
        let perStrategy = all.map { v in complete.map { v[$0] } }
        let means = perStrategy.map { Summary($0).mean }
        let larger = cell.measures[measure].direction == .higherIsBetter
        let ranked = cell.budget.strategies.indices.sorted { i, j in
            let a = means[i], bb = means[j]
            if a.isNaN != bb.isNaN { return !a.isNaN }
            if a != bb && !a.isNaN { return larger ? a > bb : a < bb }
            return i < j
        }
        return (perStrategy, means, ranked)
    }

    /// The decision at budget `b` of cell `c` by measure `m`, with the shown measures' means.
    func decisionRow(cell c: Int, budget b: Int, measure m: Int, shown: [Int], previousWinner previous: String?) -> DecisionRow {
        let cell = cells[c]
        let names = cell.budget.strategies.map(\.name)
        let (perStrategy, means, ranked) = compared(cell: c, budget: b, measure: m)
        let w = ranked[0]
        let r = ranked.count > 1 ? ranked[1] : nil
        let margin = r.map { Summary(zip(perStrategy[w], perStrategy[$0]).map { $0 - $1 }) }
        let significant = margin.map { $0.n > 1 && ($0.ci95Low > 0 || $0.ci95High < 0) } ?? false
        // "Measuring" is every strategy without a predictor: at random or searching.
        func measures(_ i: Int) -> Bool { cell.budget.strategies[i].measuresOnly }
        let other = ranked.first { measures($0) != measures(w) && !means[$0].isNaN }
        // No strategy has a value (the measure is undefined in every trial): no winner.
        let noWinner = means[w].isNaN
        let name = noWinner ? "-" : names[w]
        var row = DecisionRow(
            sweepValues: scenario.sweepValues, dataset: cell.pair.dataset, metric: cell.pair.metric,
            subsetSize: cell.subsetSize, budgetSeconds: cell.budget.seconds[b], decideBy: cell.budget.decideBy, winner: name,
            winnerMean: means[w], runnerUp: noWinner ? nil : r.map { names[$0] },
            runnerUpMean: r.map { means[$0] } ?? .nan, margin: margin, significant: significant,
            winnerChanged: !noWinner && previous != nil && previous != name)
        row.shownMeasures = shown.map { cell.measures[$0].name }
        row.strategies = names
        row.medians = perStrategy.map { Summary($0).median }
        let inPoints = ["mean_regret", "regret", "mra_all", "mra_pareto"].contains(cell.measures[m].baseName)
        row.tailShares = perStrategy.map { v in
            inPoints && !v.isEmpty ? Double(v.filter { $0 > DecisionRow.tailThreshold }.count) / Double(v.count) : .nan
        }
        if !noWinner, let o = other, o != r {
            row.otherKind = names[o]
            row.otherKindMean = means[o]
            row.otherKindMargin = Summary(zip(perStrategy[w], perStrategy[o]).map { $0 - $1 })
        }
        for k in shown {
            let byK = k == m ? (perStrategy: perStrategy, means: means, ranked: ranked) : compared(cell: c, budget: b, measure: k)
            row.means.append(byK.means)
            row.winnersByMeasure.append(byK.means[byK.ranked[0]].isNaN ? "-" : names[byK.ranked[0]])
        }
        return row
    }
}
