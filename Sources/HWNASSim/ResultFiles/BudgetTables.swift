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
    var winnerMean: Double
    public var runnerUp: String?
    var runnerUpMean: Double
    /// Paired difference winner − runner-up over the same trials (mean and 95 % t-interval).
    public var margin: Summary?
    public var significant: Bool
    public var winnerChanged: Bool
    /// The shown measures (output columns): the decision's, then `hv_retained`, `mra_pareto`
    /// and `mean_regret` (each once).
    var shownMeasures: [String] = []
    /// The strategies, in scenario order.
    var strategies: [String] = []
    /// `means[m][s]`: strategy s's mean of shown measure m (the decision measure over the
    /// trials where every strategy has a value, as the margin; the others likewise per measure).
    var means: [[Double]] = []
    /// The winner by each shown measure ("-": none has a value).
    var winnersByMeasure: [String] = []
    /// The best strategy of the other kind than the winner (measuring if a predictor wins, the
    /// best predictor strategy if measuring wins), when it is not the runner-up; with the paired
    /// margin winner − it over the same trials. The practitioner's question is often this one:
    /// when two predictor strategies lead, is either better than measuring? Shown by `decide`,
    /// not written to `decision.csv`.
    public var otherKind: String?
    var otherKindMean: Double = .nan
    public var otherKindMargin: Summary?

    /// The margin's mean and interval (NaN without a runner-up).
    public var marginMean: Double { margin?.mean ?? .nan }
    public var marginLow: Double { margin?.ci95Low ?? .nan }
    public var marginHigh: Double { margin?.ci95High ?? .nan }
    /// The margin relative to the runner-up's mean, margin / |runner-up mean| (NaN when it is 0
    /// or there is no runner-up).
    var relativeMargin: Double { runnerUpMean != 0 ? marginMean / abs(runnerUpMean) : .nan }

    /// The shown measures whose winner is not the decision's winner, with their winners.
    public var disagreements: [(measure: String, winner: String)] {
        zip(shownMeasures, winnersByMeasure).dropFirst().filter { $0.1 != winner && $0.1 != "-" }.map { ($0.0, $0.1) }
    }
}

extension BudgetCell {
    /// The `noise` and `level` columns of a strategy's rows: `kendall-tau` and the tau of a
    /// synthetic predictor at its training size (its curve's or the borrowed one); `trained` and
    /// no level for a trained predictor (its errors are the model's); `none` and no level for
    /// measuring.
    func predictionNoise(of strategy: StrategySpec) -> (noise: String, level: Double) {
        guard case .predictor(let name) = strategy.kind, let p = predictors[name] else { return ("none", .nan) }
        if p.model != nil { return ("trained", .nan) }
        return (NoiseModelKind.kendallTau.rawValue, taus[name] ?? p.tau(samples: p.trainSamples))
    }
}

extension BudgetResult {
    /// Rows of `budget.csv`: cells, strategies, budgets, measures.
    func budgetRows() -> [BudgetRow] {
        var rows: [BudgetRow] = []
        for (c, cell) in cells.enumerated() {
            for (s, strategy) in cell.budget.strategies.enumerated() {
                let (noise, level) = cell.predictionNoise(of: strategy)
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
    /// to the runner-up with its 95 % t-interval, whether the winner changed, and every
    /// strategy's means of the shown measures with the winner by each.
    func decisionRows() -> [DecisionRow] {
        var rows: [DecisionRow] = []
        for (c, cell) in cells.enumerated() {
            let by = cell.budget.decideBy
            guard let m = Self.decisionMeasure(by, cell: cell) else { continue }
            var shown = [m]
            for name in BudgetMeasure.shownMeasures {
                if let k = cell.measures.firstIndex(of: name), !shown.contains(k) { shown.append(k) }
            }
            let names = cell.budget.strategies.map(\.name)
            var previous: String?  // the last budget's winner, "-" (none) not counted
            for (b, seconds) in cell.budget.seconds.enumerated() {
                // Compare on the trials where every strategy has a value (an MRA is undefined
                // while nothing is selected), so that means and the paired margin agree.
                func compared(_ measure: Int) -> (perStrategy: [[Double]], means: [Double], ranked: [Int]) {
                    let all = cell.budget.strategies.indices.map { values(cell: c, strategy: $0, budget: b, measure: measure) }
                    let complete = (0..<scenario.trials).filter { t in all.allSatisfy { $0[t].isFinite } }
                    let perStrategy = all.map { v in complete.map { v[$0] } }
                    let means = perStrategy.map { Summary($0).mean }
                    let larger = BudgetMeasure.largerIsBetter(Self.baseName(cell.measures[measure]))
                    // Rank: better mean first; ties keep the scenario's order.
                    let ranked = cell.budget.strategies.indices.sorted { i, j in
                        let a = means[i], bb = means[j]
                        if a.isNaN != bb.isNaN { return !a.isNaN }
                        if a != bb && !a.isNaN { return larger ? a > bb : a < bb }
                        return i < j
                    }
                    return (perStrategy, means, ranked)
                }
                let (perStrategy, means, ranked) = compared(m)
                let w = ranked[0]
                let r = ranked.count > 1 ? ranked[1] : nil
                var margin: Summary?
                if let r {
                    margin = Summary(zip(perStrategy[w], perStrategy[r]).map { $0 - $1 })
                }
                let significant = margin.map { $0.n > 1 && ($0.ci95Low > 0 || $0.ci95High < 0) } ?? false
                func measures(_ i: Int) -> Bool { cell.budget.strategies[i].kind == .measureRandom }
                let other = ranked.first { measures($0) != measures(w) && !means[$0].isNaN }
                // No strategy has a value (the measure is undefined in every trial): no winner.
                let noWinner = means[w].isNaN
                let name = noWinner ? "-" : names[w]
                var row = DecisionRow(sweepValues: scenario.sweepValues, dataset: cell.pair.dataset, metric: cell.pair.metric,
                                      subsetSize: cell.subsetSize, budgetSeconds: seconds, decideBy: by, winner: name,
                                      winnerMean: means[w], runnerUp: noWinner ? nil : r.map { names[$0] },
                                      runnerUpMean: r.map { means[$0] } ?? .nan, margin: margin, significant: significant,
                                      winnerChanged: !noWinner && previous != nil && previous != name)
                row.shownMeasures = shown.map { cell.measures[$0] }
                row.strategies = names
                if !noWinner, let o = other, o != r {
                    row.otherKind = names[o]
                    row.otherKindMean = means[o]
                    row.otherKindMargin = Summary(zip(perStrategy[w], perStrategy[o]).map { $0 - $1 })
                }
                for k in shown {
                    let other = k == m ? (perStrategy: perStrategy, means: means, ranked: ranked) : compared(k)
                    row.means.append(other.means)
                    row.winnersByMeasure.append(other.means[other.ranked[0]].isNaN ? "-" : names[other.ranked[0]])
                }
                rows.append(row)
                if !noWinner { previous = name }
            }
        }
        return rows
    }

    /// `regret@5.0` → `regret`.
    static func baseName(_ measure: String) -> String {
        measure.firstIndex(of: "@").map { String(measure[..<$0]) } ?? measure
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

    /// The columns `decision.csv` adds after its fixed ones for `row`'s scenario: the winner
    /// by each shown measure (`winner:<measure>`), then each strategy's mean of each
    /// (`mean:<measure>:<strategy>`).
    static func shownColumns(_ row: DecisionRow) -> [String] {
        row.shownMeasures.map { "winner:\($0)" } + row.shownMeasures.flatMap { m in row.strategies.map { "mean:\(m):\($0)" } }
            + otherKindColumns
    }

    /// The last columns of `decision.csv`: the best strategy of the other kind than the winner
    /// (``DecisionRow/otherKind``), its mean and the paired margin winner − it (empty when the
    /// runner-up is already of the other kind, or there is none).
    static let otherKindColumns = ["other:strategy", "other:mean", "other:margin", "other:margin_ci95_low", "other:margin_ci95_high", "other:n"]

    static func otherKindFields(_ r: DecisionRow) -> [String] {
        guard let o = r.otherKind, let m = r.otherKindMargin else { return ["", "", "", "", "", ""] }
        return [o, Format.number(r.otherKindMean), Format.number(m.mean), Format.number(m.ci95Low), Format.number(m.ci95High), String(m.n)]
    }

    static func decisionText(_ rows: [DecisionRow]) -> String {
        let keys = sweepKeys(rows.map(\.sweepValues))
        let extra = rows.first.map(shownColumns) ?? []
        return Format.csv(header: keys + SummaryReader.decisionColumns + [SummaryReader.decisionExtraColumn] + extra, rows: rows.map { r in
            sweepFields(keys, r.sweepValues)
                + [r.dataset, r.metric, String(r.subsetSize), Format.number(r.budgetSeconds), r.decideBy, r.winner,
                   Format.number(r.winnerMean), r.runnerUp ?? "", Format.number(r.runnerUpMean),
                   Format.number(r.marginMean), Format.number(r.marginLow),
                   Format.number(r.marginHigh), String(r.margin?.n ?? 0), String(r.significant), String(r.winnerChanged),
                   Format.number(r.relativeMargin)]
                + r.winnersByMeasure + r.means.flatMap { $0.map(Format.number) } + otherKindFields(r)
        })
    }

    /// A duration as people say it: 30 min, 2 h, 3 d.
    static func duration(_ seconds: Double) -> String {
        if seconds < 60 { return "\(Format.number(seconds)) s" }
        if seconds < 3600 { return "\(Format.number((seconds / 60 * 10).rounded() / 10)) min" }
        if seconds < 2 * 86400 { return "\(Format.number((seconds / 3600 * 10).rounded() / 10)) h" }
        return "\(Format.number((seconds / 86400 * 10).rounded() / 10)) d"
    }

    /// The readable decision table `hwnas-sim decide` prints: per budget every strategy's means
    /// of the shown measures, the winner with its paired margin, 95 % interval and relative
    /// size, a note where the measures disagree, and per group one plain conclusion.
    /// `strategies` (the scenario's) lets the conclusion say what each strategy does.
    public static func decisionTable(_ rows: [DecisionRow], strategies: [StrategySpec] = []) -> String {
        var out = ""
        var groups: [(key: String, rows: [DecisionRow])] = []
        for r in rows {
            let key = (r.sweepValues.map { "\($0.key)=\($0.value)" } + ["\(r.dataset)/\(r.metric)", "N=\(r.subsetSize)"]).joined(separator: "  ")
            if groups.last?.key == key { groups[groups.count - 1].rows.append(r) } else { groups.append((key, [r])) }
        }
        for (key, group) in groups {
            let first = group[0]
            let nameWidth = max(18, (first.strategies + ["strategy"]).map(\.count).max()! + 2)
            let columnWidth = max(12, first.shownMeasures.map(\.count).max().map { $0 + 2 } ?? 12)
            out += "\n\(key)   (decided by \(first.decideBy), \(BudgetMeasure.largerIsBetter(first.decideBy) ? "higher" : "lower") is better)\n"
            out += "budget".padding(toLength: 10, withPad: " ", startingAt: 0) + "strategy".padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                + first.shownMeasures.map { $0.leftPadded(columnWidth) }.joined() + "\n"
            for r in group {
                for (s, name) in r.strategies.enumerated() {
                    let label = s == 0 ? BudgetCSV.duration(r.budgetSeconds) : ""
                    out += label.padding(toLength: 10, withPad: " ", startingAt: 0) + name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                        + r.means.map { v in (v[s].isNaN ? "-" : Format.fixed(v[s], 3)).leftPadded(columnWidth) }.joined()
                        + (name == r.winner ? "  ← winner" : "") + "\n"
                }
                let indent = String(repeating: " ", count: 10)
                if r.winner == "-" {
                    out += indent + "no winner: \(r.decideBy) is undefined in every trial\n"
                } else if let runnerUp = r.runnerUp, let m = r.margin {
                    let relative = r.relativeMargin.isFinite ? ", \(signedPercent(r.relativeMargin)) of \(runnerUp)'s \(Format.fixed(r.runnerUpMean, 3))" : ""
                    out += indent + "\(r.winner) over \(runnerUp): \(signed(m.mean, 3)) [\(Format.fixed(m.ci95Low, 3)), \(Format.fixed(m.ci95High, 3))]"
                        + "\(relative), \(r.significant ? "significant" : "not significant") (\(m.n) paired trials)"
                        + (r.winnerChanged ? "   ← winner changes" : "") + "\n"
                }
                if let other = r.otherKind, let m = r.otherKindMargin {
                    let kind: String
                    switch strategies.first(where: { $0.name == other })?.kind {
                    case .measureRandom?: kind = "the best measuring strategy"
                    case .predictor?: kind = "the best predictor strategy"
                    case nil: kind = "the best of the other kind"
                    }
                    let relative = r.otherKindMean != 0 && r.otherKindMean.isFinite
                        ? ", \(signedPercent(m.mean / abs(r.otherKindMean))) of \(other)'s \(Format.fixed(r.otherKindMean, 3))" : ""
                    let sig = m.n > 1 && (m.ci95Low > 0 || m.ci95High < 0)
                    out += indent + "\(r.winner) over \(other) (\(kind)): \(signed(m.mean, 3)) [\(Format.fixed(m.ci95Low, 3)), \(Format.fixed(m.ci95High, 3))]"
                        + "\(relative), \(sig ? "significant" : "not significant") (\(m.n) paired trials)\n"
                }
                let disagree = r.disagreements
                if !disagree.isEmpty {
                    out += indent + "measures disagree: " + disagree.map { "\($0.measure) favours \($0.winner)" }.joined(separator: ", ") + "\n"
                }
            }
            out += conclusion(group, strategies: strategies) + "\n"
        }
        return out
    }

    static func signed(_ x: Double, _ decimals: Int) -> String {
        let s = Format.fixed(x, decimals)
        return s.hasPrefix("-") || Double(s) == 0 ? s : "+" + s
    }

    static func signedPercent(_ x: Double) -> String {
        let s = Format.fixed(100 * x, abs(x) < 0.1 ? 1 : 0)
        return (s.hasPrefix("-") || Double(s) == 0 ? s : "+" + s) + " %"
    }

    /// What a strategy does, in words: "measure on the device", "a linreg predictor with verification".
    static func describe(_ name: String, strategies: [StrategySpec]) -> String {
        guard let s = strategies.first(where: { $0.name == name }) else { return name }
        switch (s.kind, s.verify) {
        case (.measureRandom, _): return "measuring on the device (\(name))"
        case (.predictor(let p), .none): return "a \(p) predictor trusted without verification (\(name))"
        case (.predictor(let p), .selected): return "a \(p) predictor with verification (\(name))"
        case (.predictor(let p), .iterate): return "a \(p) predictor with iterated verification (\(name))"
        }
    }

    /// One plain line for a group of budgets: which strategy wins over which budgets, and by how
    /// much ("measure on the device up to 1 h: measure-only wins by 0.3 to 0.5 mean_regret; from
    /// 2 h a linreg predictor with verification (linreg+verify) wins by 0.27 mean_regret").
    static func conclusion(_ rows: [DecisionRow], strategies: [StrategySpec]) -> String {
        // Consecutive budgets with the same significant winner; budgets without one form their own runs.
        func key(_ r: DecisionRow) -> String { r.significant ? r.winner : "" }
        var segments: [[DecisionRow]] = []
        for r in rows {
            if let last = segments.last?.last, key(last) == key(r) { segments[segments.count - 1].append(r) } else { segments.append([r]) }
        }
        let parts = segments.enumerated().map { k, seg -> String in
            let a = duration(seg.first!.budgetSeconds), b = duration(seg.last!.budgetSeconds)
            let range: String
            if segments.count == 1 { range = seg.count == 1 ? "at \(a)" : "at every budget (\(a) to \(b))" }
            else if k == 0 { range = "up to \(b)" }
            else if k == segments.count - 1 { range = "from \(a)" }
            else { range = seg.count == 1 ? "at \(a)" : "from \(a) to \(b)" }
            guard key(seg[0]) != "" else {
                let leaders = seg.map(\.winner).filter { $0 != "-" }
                return leaders.isEmpty ? "\(range) no strategy has a value"
                    : "\(range) no strategy is significantly better (ahead: \(Array(Set(leaders)).sorted().joined(separator: ", ")))"
            }
            let winner = seg[0].winner
            let margins = seg.map { abs($0.marginMean) }
            let lo = margins.min()!, hi = margins.max()!
            let by = " by " + (Format.fixed(lo, 3) == Format.fixed(hi, 3) ? Format.fixed(lo, 3) : "\(Format.fixed(lo, 3)) to \(Format.fixed(hi, 3))")
                + " \(seg[0].decideBy)"
            if let s = strategies.first(where: { $0.name == winner }), case .measureRandom = s.kind {
                return "measure on the device \(range): \(winner) wins\(by)"
            }
            return "\(range) \(describe(winner, strategies: strategies)) wins\(by)"
        }
        return "→ " + parts.joined(separator: "; ") + "." + kindConclusion(rows, strategies: strategies)
    }

    /// The practitioner's question when the leaders are of one kind: per budget, does the best
    /// predictor strategy beat the best measuring strategy (or the reverse) significantly? One
    /// line naming the budgets where each kind wins against the other ("" when the scenario has
    /// strategies of one kind only, or the runner-up is of the other kind at every budget: the
    /// first line then says it already).
    static func kindConclusion(_ rows: [DecisionRow], strategies: [StrategySpec]) -> String {
        guard rows.contains(where: { $0.otherKind != nil }) else { return "" }
        func isMeasuring(_ name: String) -> Bool? {
            strategies.first { $0.name == name }.map { $0.kind == .measureRandom }
        }
        // Per budget: the kind ahead and whether its margin over the best of the other kind is significant.
        let verdicts: [(budget: Double, measuring: Bool, margin: Summary)?] = rows.map { r in
            guard r.winner != "-", let w = isMeasuring(r.winner) else { return nil }
            if let other = r.otherKind, let m = r.otherKindMargin, isMeasuring(other) != w { return (r.budgetSeconds, w, m) }
            if let ru = r.runnerUp, let m = r.margin, isMeasuring(ru) == !w { return (r.budgetSeconds, w, m) }
            return nil
        }
        guard verdicts.contains(where: { $0 != nil }), verdicts.contains(where: { $0?.measuring == false }) || verdicts.contains(where: { $0?.measuring == true }),
              Set(strategies.map { $0.kind == .measureRandom }).count == 2 else { return "" }
        var parts: [String] = []
        var k = 0
        while k < verdicts.count {
            guard let v = verdicts[k] else { k += 1; continue }
            let significant = v.margin.n > 1 && (v.margin.ci95Low > 0 || v.margin.ci95High < 0)
            var j = k
            var margins = [abs(v.margin.mean)]
            while j + 1 < verdicts.count, let u = verdicts[j + 1], u.measuring == v.measuring,
                  (u.margin.n > 1 && (u.margin.ci95Low > 0 || u.margin.ci95High < 0)) == significant {
                j += 1
                margins.append(abs(u.margin.mean))
            }
            let a = duration(v.budget), b = duration(verdicts[j]!.budget)
            let range = k == j ? "at \(a)" : "from \(a) to \(b)"
            let who = v.measuring ? "measuring beats the best predictor strategy" : "the best predictor strategy beats measuring"
            let by = Format.fixed(margins.min()!, 3) == Format.fixed(margins.max()!, 3) ? Format.fixed(margins[0], 3)
                : "\(Format.fixed(margins.min()!, 3)) to \(Format.fixed(margins.max()!, 3))"
            parts.append("\(range) \(who) by \(by) \(rows[k].decideBy)" + (significant ? "" : " (not significant)"))
            k = j + 1
        }
        return parts.isEmpty ? "" : "\n→ predictor or measuring: " + parts.joined(separator: "; ") + "."
    }
}
