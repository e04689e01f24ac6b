// SPDX-License-Identifier: GPL-3.0-or-later
import HWNASSim

/// The decision table `hwnas-sim decide` and `run` print for a budget study, with one plain
/// conclusion per group of budgets: rendered from `decision.csv`'s rows (``DecisionRow``).
public enum DecisionTable {
    /// A duration as people say it: 30 min, 2 h, 3 d.
    public static func duration(_ seconds: Double) -> String {
        if seconds < 60 { return "\(Format.number(seconds)) s" }
        if seconds < 3600 { return "\(Format.number((seconds / 60 * 10).rounded() / 10)) min" }
        if seconds < 2 * 86400 { return "\(Format.number((seconds / 3600 * 10).rounded() / 10)) h" }
        return "\(Format.number((seconds / 86400 * 10).rounded() / 10)) d"
    }

    /// The readable decision table `hwnas-sim decide` prints: per budget every strategy's means
    /// of the shown measures, the winner with its paired margin, 95 % interval and relative
    /// size, a note where the measures disagree, and per group one plain conclusion.
    /// `strategies` (the scenario's) lets the conclusion say what each strategy does.
    public static func text(_ rows: [DecisionRow], strategies: [StrategySpec] = []) -> String {
        var out = ""
        var groups: [(key: String, rows: [DecisionRow])] = []
        for r in rows {
            let key = (r.sweepValues.map { "\($0.key)=\($0.value)" } + ["\(r.dataset)/\(r.metric)", "N=\(r.subsetSize)"]).joined(
                separator: "  ")
            if groups.last?.key == key { groups[groups.count - 1].rows.append(r) } else { groups.append((key, [r])) }
        }
        for (key, group) in groups {
            let first = group[0]
            let nameWidth = max(18, (first.strategies + ["strategy"]).map(\.count).max()! + 2)
            let columnWidth = max(12, first.shownMeasures.map(\.count).max().map { $0 + 2 } ?? 12)
            out += "\n\(key)   (decided by \(first.decideBy), \(first.largerIsBetter ? "higher" : "lower") is better)\n"
            out +=
                "budget".padding(toLength: 10, withPad: " ", startingAt: 0)
                + "strategy".padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                + first.shownMeasures.map { $0.leftPadded(columnWidth) }.joined()
                + (first.medians.isEmpty ? "" : "median".leftPadded(10) + (first.hasTail ? "> 1 pt".leftPadded(9) : "")) + "\n"
            for r in group {
                for (s, name) in r.strategies.enumerated() {
                    let label = s == 0 ? duration(r.budgetSeconds) : ""
                    out +=
                        label.padding(toLength: 10, withPad: " ", startingAt: 0)
                        + name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                        + r.means.map { v in (v[s].isNaN ? "-" : Format.fixed(v[s], 3)).leftPadded(columnWidth) }.joined()
                        + tailText(r, s)
                        + (name == r.winner ? "  ← winner" : "") + "\n"
                }
                let indent = String(repeating: " ", count: 10)
                if r.winner == "-" {
                    out += indent + "no winner: \(r.decideBy) is undefined in every trial\n"
                } else if let runnerUp = r.runnerUp, let m = r.margin {
                    let relative =
                        r.relativeMargin.isFinite
                        ? ", \(signedPercent(r.relativeMargin)) of \(runnerUp)'s \(Format.fixed(r.runnerUpMean, 3))" : ""
                    out +=
                        indent
                        + "\(r.winner) over \(runnerUp): \(signed(m.mean, 3)) [\(Format.fixed(m.ci95Low, 3)), \(Format.fixed(m.ci95High, 3))]"
                        + "\(relative), \(r.significant ? "significant" : "not significant") (\(m.n) paired trials)"
                        + (r.winnerChanged ? "   ← winner changes" : "") + "\n"
                }
                if let other = r.otherKind, let m = r.otherKindMargin {
                    let kind: String
                    switch strategies.first(where: { $0.name == other })?.measuresOnly {
                    case true?: kind = "the best measuring strategy"
                    case false?: kind = "the best predictor strategy"
                    case nil: kind = "the best of the other kind"
                    }
                    let relative =
                        r.otherKindMean != 0 && r.otherKindMean.isFinite
                        ? ", \(signedPercent(m.mean / abs(r.otherKindMean))) of \(other)'s \(Format.fixed(r.otherKindMean, 3))" : ""
                    let sig = m.n > 1 && (m.ci95Low > 0 || m.ci95High < 0)
                    out +=
                        indent
                        + "\(r.winner) over \(other) (\(kind)): \(signed(m.mean, 3)) [\(Format.fixed(m.ci95Low, 3)), \(Format.fixed(m.ci95High, 3))]"
                        + "\(relative), \(sig ? "significant" : "not significant") (\(m.n) paired trials)\n"
                }
                let disagree = r.disagreements
                if !disagree.isEmpty {
                    out +=
                        indent + "measures disagree: " + disagree.map { "\($0.measure) favours \($0.winner)" }.joined(separator: ", ")
                        + "\n"
                }
            }
            out += conclusion(group, strategies: strategies) + "\n"
        }
        return out
    }

    /// The decision measure's median and share of trials worse than 1 point for strategy `s`
    /// ("" for a row read from an older `decision.csv`).
    static func tailText(_ r: DecisionRow, _ s: Int) -> String {
        guard s < r.medians.count else { return "" }
        let median = (r.medians[s].isNaN ? "-" : Format.fixed(r.medians[s], 3)).leftPadded(10)
        guard r.hasTail else { return median }
        return median + (r.tailShares[s].isNaN ? "-" : "\(Format.fixed(100 * r.tailShares[s], 0)) %").leftPadded(9)
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
        if s.isSearching { return searchDescription(s) }
        switch (s.strategyKind, s.verification) {
        case (.measureRandom, _), (.evolution, _), (.localSearch, _): return "measuring on the device (\(name))"
        case (.predictor(let p), .none): return "a \(p) predictor trusted without verification (\(name))"
        case (.predictor(let p), .selected): return "a \(p) predictor with verification (\(name))"
        case (.predictor(let p), .iterate): return "a \(p) predictor with iterated verification (\(name))"
        case (.train(let choice), _): return trainingDescription(choice, name: name)
        }
    }

    /// A searching strategy in words: "measuring by evolution (evo)", "a ridge predictor guiding
    /// an evolution (ridge+evo)".
    static func searchDescription(_ s: StrategySpec) -> String {
        switch s.strategyKind {
        case .evolution: return "measuring by evolution (\(s.name))"
        case .localSearch: return "measuring by local search (\(s.name))"
        case .predictor(let p): return "a \(p) predictor guiding an evolution (\(s.name))"
        case .measureRandom: return "measuring on the device (\(s.name))"
        case .train(let choice): return trainingDescription(choice, name: s.name)
        }
    }

    /// A training strategy in words: "training at random (train-all)", "training what NASWOT
    /// ranks first (naswot)", "training what a ridge accuracy predictor picks (ridge-acc)".
    static func trainingDescription(_ choice: TrainingChoice, name: String) -> String {
        switch choice {
        case .random: "training at random (\(name))"
        case .proxy(let column, _): "training what \(column) ranks first (\(name))"
        case .predictor(let p, _, _): "training what the \(p) accuracy predictor picks (\(name))"
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
            if segments.count == 1 {
                range = seg.count == 1 ? "at \(a)" : "at every budget (\(a) to \(b))"
            } else if k == 0 {
                range = "up to \(b)"
            } else if k == segments.count - 1 {
                range = "from \(a)"
            } else {
                range = seg.count == 1 ? "at \(a)" : "from \(a) to \(b)"
            }
            guard key(seg[0]) != "" else {
                let leaders = seg.map(\.winner).filter { $0 != "-" }
                return leaders.isEmpty
                    ? "\(range) no strategy has a value"
                    : "\(range) no strategy is significantly better (ahead: \(Array(Set(leaders)).sorted().joined(separator: ", ")))"
            }
            let winner = seg[0].winner
            let margins = seg.map { abs($0.marginMean) }
            let lo = margins.min()!, hi = margins.max()!
            let by =
                " by "
                + (Format.fixed(lo, 3) == Format.fixed(hi, 3) ? Format.fixed(lo, 3) : "\(Format.fixed(lo, 3)) to \(Format.fixed(hi, 3))")
                + " \(seg[0].decideBy)"
            if let s = strategies.first(where: { $0.name == winner }), s.strategyKind == .measureRandom {
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
            strategies.first { $0.name == name }.map(\.measuresOnly)
        }
        // Per budget: the kind ahead and whether its margin over the best of the other kind is significant.
        let verdicts: [(budget: Double, measuring: Bool, margin: Summary)?] = rows.map { r in
            guard r.winner != "-", let w = isMeasuring(r.winner) else { return nil }
            if let other = r.otherKind, let m = r.otherKindMargin, isMeasuring(other) != w { return (r.budgetSeconds, w, m) }
            if let ru = r.runnerUp, let m = r.margin, isMeasuring(ru) == !w { return (r.budgetSeconds, w, m) }
            return nil
        }
        guard verdicts.contains(where: { $0 != nil }),
            verdicts.contains(where: { $0?.measuring == false }) || verdicts.contains(where: { $0?.measuring == true }),
            Set(strategies.map(\.measuresOnly)).count == 2
        else { return "" }
        var parts: [String] = []
        var k = 0
        while k < verdicts.count {
            guard let v = verdicts[k] else {
                k += 1
                continue
            }
            let significant = v.margin.n > 1 && (v.margin.ci95Low > 0 || v.margin.ci95High < 0)
            var j = k
            var margins = [abs(v.margin.mean)]
            while j + 1 < verdicts.count, let u = verdicts[j + 1], u.measuring == v.measuring,
                (u.margin.n > 1 && (u.margin.ci95Low > 0 || u.margin.ci95High < 0)) == significant
            {
                j += 1
                margins.append(abs(u.margin.mean))
            }
            let a = duration(v.budget), b = duration(verdicts[j]!.budget)
            let range = k == j ? "at \(a)" : "from \(a) to \(b)"
            let who = v.measuring ? "measuring beats the best predictor strategy" : "the best predictor strategy beats measuring"
            let by =
                Format.fixed(margins.min()!, 3) == Format.fixed(margins.max()!, 3)
                ? Format.fixed(margins[0], 3)
                : "\(Format.fixed(margins.min()!, 3)) to \(Format.fixed(margins.max()!, 3))"
            parts.append("\(range) \(who) by \(by) \(rows[k].decideBy)" + (significant ? "" : " (not significant)"))
            k = j + 1
        }
        return parts.isEmpty ? "" : "\n→ predictor or measuring: " + parts.joined(separator: "; ") + "."
    }
}
