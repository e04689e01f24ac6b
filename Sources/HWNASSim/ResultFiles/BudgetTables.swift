// SPDX-License-Identifier: GPL-3.0-or-later

/// One row of `budget.csv`: a measure's statistics for a strategy at a budget.
public struct BudgetRow: Sendable {
    public var sweepValues: [(key: String, value: String)]
    public var dataset: String
    public var metric: String
    public var pairing: Pairing
    public var subsetSize: Int
    /// The predictor's noise model and its Kendall tau at its training size ("none", empty for measuring only).
    public var noise: String
    public var level: Double
    public var strategy: String
    public var budgetSeconds: Double
    public var measure: String
    public var summary: Summary
}

/// The winner at one budget, with the paired margin to the runner-up.
public struct DecisionRow: Sendable {
    public var sweepValues: [(key: String, value: String)]
    public var dataset: String
    public var metric: String
    public var subsetSize: Int
    public var budgetSeconds: Double
    public var decideBy: String
    public var winner: String
    var winnerMean: Double
    public var runnerUp: String?
    var runnerUpMean: Double
    /// Paired difference winner − runner-up over the same trials (mean and 95 % t-interval).
    public var margin: Summary?
    public var significant: Bool
    public var winnerChanged: Bool

    /// The margin's mean and interval (NaN without a runner-up).
    public var marginMean: Double { margin?.mean ?? .nan }
    public var marginLow: Double { margin?.ci95Low ?? .nan }
    public var marginHigh: Double { margin?.ci95High ?? .nan }
}

extension BudgetResult {
    /// Rows of `budget.csv`: cells, strategies, budgets, measures.
    func budgetRows() -> [BudgetRow] {
        var rows: [BudgetRow] = []
        for (c, cell) in cells.enumerated() {
            for (s, strategy) in cell.budget.strategies.enumerated() {
                var noise = "none", level = Double.nan
                if case .predictor(let name) = strategy.kind, let p = cell.predictors[name] {
                    noise = NoiseModelKind.kendallTau.rawValue
                    level = p.tau(samples: p.trainSamples)
                }
                for (b, seconds) in cell.budget.seconds.enumerated() {
                    for (m, measure) in cell.measures.enumerated() {
                        rows.append(BudgetRow(sweepValues: scenario.sweepValues, dataset: cell.pair.dataset, metric: cell.pair.metric,
                                              pairing: cell.pair.pairing, subsetSize: cell.subsetSize, noise: noise, level: level,
                                              strategy: strategy.name, budgetSeconds: seconds, measure: measure,
                                              summary: Summary(values(cell: c, strategy: s, budget: b, measure: m))))
                    }
                }
            }
        }
        return rows
    }

    /// The measure column a decision uses: `acc_loss`/`violation` mean those at the first limit.
    static func decisionMeasure(_ name: String, cell: BudgetCell) -> Int? {
        if let m = cell.measures.firstIndex(of: name) { return m }
        return cell.measures.firstIndex { $0.hasPrefix(name + "@") }
    }

    /// Per cell and budget: the best strategy by the scenario's `decide_by`, the paired margin
    /// to the runner-up with its 95 % t-interval, and whether the winner changed.
    func decisionRows() -> [DecisionRow] {
        var rows: [DecisionRow] = []
        for (c, cell) in cells.enumerated() {
            let by = cell.budget.decideBy
            guard let m = Self.decisionMeasure(by, cell: cell) else { continue }
            let larger = BudgetMeasure.largerIsBetter(by)
            var previous: String?  // the last budget's winner, "-" (none) not counted
            for (b, seconds) in cell.budget.seconds.enumerated() {
                // Compare on the trials where every strategy has a value (an MRA is undefined
                // while nothing is selected), so that means and the paired margin agree.
                let all = cell.budget.strategies.indices.map { values(cell: c, strategy: $0, budget: b, measure: m) }
                let complete = (0..<scenario.trials).filter { t in all.allSatisfy { $0[t].isFinite } }
                let perStrategy = all.map { v in complete.map { v[$0] } }
                let means = perStrategy.map { Summary($0).mean }
                // Rank: better mean first; ties keep the scenario's order.
                let ranked = cell.budget.strategies.indices.sorted { i, j in
                    let a = means[i], bb = means[j]
                    if a.isNaN != bb.isNaN { return !a.isNaN }
                    if a != bb && !a.isNaN { return larger ? a > bb : a < bb }
                    return i < j
                }
                let w = ranked[0]
                let r = ranked.count > 1 ? ranked[1] : nil
                var margin: Summary?
                if let r {
                    margin = Summary(zip(perStrategy[w], perStrategy[r]).map { $0 - $1 })
                }
                let significant = margin.map { $0.n > 1 && ($0.ci95Low > 0 || $0.ci95High < 0) } ?? false
                // No strategy has a value (the measure is undefined in every trial): no winner.
                let noWinner = means[w].isNaN
                let name = noWinner ? "-" : cell.budget.strategies[w].name
                rows.append(DecisionRow(sweepValues: scenario.sweepValues, dataset: cell.pair.dataset, metric: cell.pair.metric,
                                        subsetSize: cell.subsetSize, budgetSeconds: seconds, decideBy: by, winner: name,
                                        winnerMean: means[w], runnerUp: noWinner ? nil : r.map { cell.budget.strategies[$0].name },
                                        runnerUpMean: r.map { means[$0] } ?? .nan, margin: margin, significant: significant,
                                        winnerChanged: !noWinner && previous != nil && previous != name))
                if !noWinner { previous = name }
            }
        }
        return rows
    }
}

/// `budget.csv` and `decision.csv`.
public enum BudgetCSV {
    /// The swept keys of all rows, in first-seen order.
    static func sweepKeys(_ values: [[(key: String, value: String)]]) -> [String] {
        var keys: [String] = []
        for v in values { for (k, _) in v where !keys.contains(k) { keys.append(k) } }
        return keys
    }

    /// A row's values of `keys` ("" where the row has none).
    static func sweepFields(_ keys: [String], _ values: [(key: String, value: String)]) -> [String] {
        keys.map { k in values.first { $0.key == k }?.value ?? "" }
    }

    static func budgetText(_ rows: [BudgetRow]) -> String {
        let keys = sweepKeys(rows.map(\.sweepValues))
        return Format.csv(header: keys + SummaryReader.budgetColumns, rows: rows.map { r in
            sweepFields(keys, r.sweepValues)
                + [r.dataset, r.metric, r.pairing.rawValue, String(r.subsetSize), r.noise, Format.number(r.level), r.strategy,
                   Format.number(r.budgetSeconds), r.measure] + SummaryCSV.statistics(r.summary)
        })
    }

    static func decisionText(_ rows: [DecisionRow]) -> String {
        let keys = sweepKeys(rows.map(\.sweepValues))
        return Format.csv(header: keys + SummaryReader.decisionColumns, rows: rows.map { r in
            sweepFields(keys, r.sweepValues)
                + [r.dataset, r.metric, String(r.subsetSize), Format.number(r.budgetSeconds), r.decideBy, r.winner,
                   Format.number(r.winnerMean), r.runnerUp ?? "", Format.number(r.runnerUpMean),
                   Format.number(r.marginMean), Format.number(r.marginLow),
                   Format.number(r.marginHigh), String(r.margin?.n ?? 0), String(r.significant), String(r.winnerChanged)]
        })
    }

    /// A duration as people say it: 30 min, 2 h, 3 d.
    static func duration(_ seconds: Double) -> String {
        if seconds < 60 { return "\(Format.number(seconds)) s" }
        if seconds < 3600 { return "\(Format.number((seconds / 60 * 10).rounded() / 10)) min" }
        if seconds < 2 * 86400 { return "\(Format.number((seconds / 3600 * 10).rounded() / 10)) h" }
        return "\(Format.number((seconds / 86400 * 10).rounded() / 10)) d"
    }

    /// The readable decision table `hwnas-sim decide` prints.
    public static func decisionTable(_ rows: [DecisionRow]) -> String {
        var out = ""
        var lastGroup = ""
        for r in rows {
            let group = (r.sweepValues.map { "\($0.key)=\($0.value)" } + ["\(r.dataset)/\(r.metric)", "N=\(r.subsetSize)"]).joined(separator: "  ")
            if group != lastGroup {
                out += "\n\(group)   (decided by \(r.decideBy), \(BudgetMeasure.largerIsBetter(r.decideBy) ? "higher" : "lower") is better)\n"
                out += "budget".padding(toLength: 9, withPad: " ", startingAt: 0)
                    + "winner".padding(toLength: 18, withPad: " ", startingAt: 0) + "mean".leftPadded(8) + "   "
                    + "runner-up".padding(toLength: 18, withPad: " ", startingAt: 0) + "mean".leftPadded(8)
                    + "margin".leftPadded(9) + "   95% interval".padding(toLength: 22, withPad: " ", startingAt: 0) + "significant\n"
                lastGroup = group
            }
            let interval = r.margin.map { "[\(Format.fixed($0.ci95Low, 3)), \(Format.fixed($0.ci95High, 3))]" } ?? "-"
            out += BudgetCSV.duration(r.budgetSeconds).padding(toLength: 9, withPad: " ", startingAt: 0)
                + r.winner.padding(toLength: 18, withPad: " ", startingAt: 0) + Format.fixed(r.winnerMean, 3).leftPadded(8) + "   "
                + (r.runnerUp ?? "-").padding(toLength: 18, withPad: " ", startingAt: 0)
                + (r.runnerUp == nil ? "-" : Format.fixed(r.runnerUpMean, 3)).leftPadded(8)
                + (r.margin.map { Format.fixed($0.mean, 3) } ?? "-").leftPadded(9) + "   "
                + interval.padding(toLength: 19, withPad: " ", startingAt: 0)
                + (r.significant ? "yes" : "no") + (r.winnerChanged ? "   ← winner changes" : "") + "\n"
        }
        return out
    }
}
