// SPDX-License-Identifier: GPL-3.0-or-later

/// `decision.csv`: per cell and budget the winner by `decide_by`, the paired margin to the
/// runner-up, then every strategy's means of the shown measures and the best strategy of the
/// other kind. Owns its columns, its writer (``text(_:)``) and its reader (``read(path:)``).
public enum DecisionCSV {
    /// The fixed columns, after any sweep columns.
    enum Column: String, CaseIterable {
        case dataset, metric, subsetSize = "subset_size", budgetSeconds = "budget_s", decideBy = "decide_by", winner
        case winnerMean = "winner_mean", runnerUp = "runner_up", runnerUpMean = "runner_up_mean", margin
        case marginLow = "margin_ci95_low", marginHigh = "margin_ci95_high", n, significant, winnerChanged = "winner_changed"
    }

    static let columns = Column.allCases.map(\.rawValue)

    /// The column results format 5 added after the fixed ones: the margin relative to the
    /// runner-up's mean. Then per shown measure `winner:<measure>`, per shown measure and
    /// strategy `mean:<measure>:<strategy>`, then ``otherKindColumns``. A file without them
    /// (an older run) reads with no per-strategy means.
    static let relativeMarginColumn = "relative_margin"

    /// The last columns: the best strategy of the other kind than the winner
    /// (``DecisionRow/otherKind``), its mean and the paired margin winner − it (empty when the
    /// runner-up is already of the other kind, or there is none).
    static let otherKindColumns = [
        "other:strategy", "other:mean", "other:margin", "other:margin_ci95_low", "other:margin_ci95_high", "other:n"
    ]

    /// Row `r`'s field in column `c`.
    static func field(_ c: Column, of r: DecisionRow) -> String {
        switch c {
        case .dataset: r.dataset
        case .metric: r.metric
        case .subsetSize: String(r.subsetSize)
        case .budgetSeconds: Format.number(r.budgetSeconds)
        case .decideBy: r.decideBy
        case .winner: r.winner
        case .winnerMean: Format.number(r.winnerMean)
        case .runnerUp: r.runnerUp ?? ""
        case .runnerUpMean: Format.number(r.runnerUpMean)
        case .margin: Format.number(r.marginMean)
        case .marginLow: Format.number(r.marginLow)
        case .marginHigh: Format.number(r.marginHigh)
        case .n: String(r.margin?.n ?? 0)
        case .significant: String(r.significant)
        case .winnerChanged: String(r.winnerChanged)
        }
    }

    /// The per-scenario columns after `relative_margin` for `row`'s scenario: the winner by
    /// each shown measure, then each strategy's mean of each, then ``otherKindColumns``.
    static func shownColumns(_ row: DecisionRow) -> [String] {
        row.shownMeasures.map { "winner:\($0)" } + row.shownMeasures.flatMap { m in row.strategies.map { "mean:\(m):\($0)" } }
            + otherKindColumns
    }

    /// The tail columns after ``otherKindColumns``: per strategy the decision measure's median
    /// (`median:<decide_by>:<strategy>`) and the share of trials worse than 1 point
    /// (`tail:<decide_by>:<strategy>`, empty for a measure not in points).
    static func tailColumns(_ row: DecisionRow) -> [String] {
        row.strategies.map { "median:\(row.decideBy):\($0)" } + row.strategies.map { "tail:\(row.decideBy):\($0)" }
    }

    static func tailFields(_ r: DecisionRow) -> [String] {
        let blank = [String](repeating: "", count: r.strategies.count)
        return (r.medians.isEmpty ? blank : r.medians.map(Format.number)) + (r.tailShares.isEmpty ? blank : r.tailShares.map(Format.number))
    }

    static func otherKindFields(_ r: DecisionRow) -> [String] {
        guard let o = r.otherKind, let m = r.otherKindMargin else { return ["", "", "", "", "", ""] }
        return [o, Format.number(r.otherKindMean), Format.number(m.mean), Format.number(m.ci95Low), Format.number(m.ci95High), String(m.n)]
    }

    /// The text of `decision.csv` holding `rows`.
    static func text(_ rows: [DecisionRow]) -> String {
        let keys = CSVColumns.sweepKeys(rows.map(\.sweepValues))
        // A file read back from an older run has no medians: it is written back without them.
        let tails = rows.contains { !$0.medians.isEmpty }
        let extra = rows.first.map { shownColumns($0) + (tails ? tailColumns($0) : []) } ?? []
        return Format.csv(
            header: keys + columns + [relativeMarginColumn] + extra,
            rows: rows.map { r in
                BudgetCSV.sweepFields(keys, r.sweepValues) + Column.allCases.map { field($0, of: r) } + [Format.number(r.relativeMargin)]
                    + r.winnersByMeasure + r.means.flatMap { $0.map(Format.number) } + otherKindFields(r) + (tails ? tailFields(r) : [])
            })
    }

    /// The shown measures and strategies named by the columns after `relative_margin`
    /// (`winner:<measure>`, `mean:<measure>:<strategy>`), each `mean:` column checked.
    static func shownLayout(_ table: CSVTable, after last: Int) throws -> (measures: [String], strategies: [String]) {
        let path = table.path
        var measures: [String] = [], strategies: [String] = [], meanColumns: Set<String> = []
        for (c, name) in table.header.enumerated()
        where c > last + 1 && !name.hasPrefix("other:") && !name.hasPrefix("median:") && !name.hasPrefix("tail:") {
            if name.hasPrefix("winner:") {
                measures.append(String(name.dropFirst(7)))
                continue
            }
            let rest = name.dropFirst(5)
            guard let colon = rest.firstIndex(of: ":") else {
                throw InputError(
                    file: path, line: 1, column: c + 1, key: name, "expected a column mean:<measure>:<strategy>, found '\(name)'")
            }
            let measure = String(rest[..<colon]), strategy = String(rest[rest.index(after: colon)...])
            guard measures.contains(measure) else {
                throw InputError(file: path, line: 1, column: c + 1, key: name, "no column 'winner:\(measure)' before this one")
            }
            if !strategies.contains(strategy) { strategies.append(strategy) }
            meanColumns.insert("mean:\(measure):\(strategy)")
        }
        for m in measures {
            for s in strategies where !meanColumns.contains("mean:\(m):\(s)") {
                throw InputError(file: path, line: 1, key: "mean:\(m):\(s)", "missing column 'mean:\(m):\(s)'")
            }
        }
        return (measures, strategies)
    }

    /// Reads `decision.csv` at `path`: the fixed columns, then (when present) the columns
    /// ``text(_:)`` writes after them.
    /// - Throws: ``InputError`` at the file, line and column of the first bad field.
    static func read(path: String) throws -> [DecisionRow] {
        let table = try CSVTable(contentsOf: path)
        let (sweep, index) = try SummaryReader.layout(
            table, fixed: columns, extraPrefixes: [relativeMarginColumn, "winner:", "mean:", "other:", "median:", "tail:"])
        let last = index[columns.last!]!
        let hasExtra = table.header.count > last + 1
        if hasExtra, table.header[last + 1] != relativeMarginColumn {
            throw InputError(
                file: path, line: 1, column: last + 2, key: table.header[last + 1],
                "expected column '\(relativeMarginColumn)' here, found '\(table.header[last + 1])'")
        }
        let (measures, strategies) = try shownLayout(table, after: last)
        let extraIndex = Dictionary(table.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return try table.rows.indices.map { r in
            var row = try fixedFields(SummaryReader.Fields(table: table, index: index, row: r), sweep: sweep)
            if hasExtra {  // derived from margin and runner_up_mean: checked, not stored
                _ = try SummaryReader.Fields(table: table, index: [relativeMarginColumn: last + 1], row: r).number(relativeMarginColumn)
            }
            row.shownMeasures = measures
            row.strategies = strategies
            try readShown(SummaryReader.Fields(table: table, index: extraIndex, row: r), into: &row)
            return row
        }
    }

    /// A row's fixed columns.
    static func fixedFields(_ f: SummaryReader.Fields, sweep: [String]) throws -> DecisionRow {
        func text(_ c: Column) -> String { f.string(c.rawValue) }
        func number(_ c: Column) throws -> Double { try f.number(c.rawValue) }
        let budget = try f.budgetSeconds()
        let runnerUp = text(.runnerUp)
        return DecisionRow(
            sweepValues: f.sweep(sweep), dataset: try f.nonEmpty(Column.dataset.rawValue), metric: try f.nonEmpty(Column.metric.rawValue),
            subsetSize: try f.integer(Column.subsetSize.rawValue), budgetSeconds: budget,
            decideBy: try f.nonEmpty(Column.decideBy.rawValue),
            winner: try f.nonEmpty(Column.winner.rawValue), winnerMean: try number(.winnerMean),
            runnerUp: runnerUp.isEmpty ? nil : runnerUp, runnerUpMean: try number(.runnerUpMean),
            margin: runnerUp.isEmpty
                ? nil
                : Summary(
                    n: try f.integer(Column.n.rawValue), mean: try number(.margin), sd: .nan, se: .nan, ci95Low: try number(.marginLow),
                    ci95High: try number(.marginHigh), median: .nan, q25: .nan, q75: .nan),
            significant: try f.boolean(Column.significant.rawValue), winnerChanged: try f.boolean(Column.winnerChanged.rawValue))
    }

    /// A row's winners and means by shown measure and its best strategy of the other kind.
    static func readShown(_ extra: SummaryReader.Fields, into row: inout DecisionRow) throws {
        row.winnersByMeasure = try row.shownMeasures.map { try extra.nonEmpty("winner:\($0)") }
        row.means = try row.shownMeasures.map { m in try row.strategies.map { try extra.number("mean:\(m):\($0)") } }
        if extra.index["median:\(row.decideBy):\(row.strategies.first ?? "")"] != nil {
            row.medians = try row.strategies.map { try extra.number("median:\(row.decideBy):\($0)") }
            row.tailShares = try row.strategies.map { try extra.number("tail:\(row.decideBy):\($0)") }
        }
        guard extra.index["other:strategy"] != nil, !extra.string("other:strategy").isEmpty else { return }
        row.otherKind = extra.string("other:strategy")
        row.otherKindMean = try extra.number("other:mean")
        row.otherKindMargin = Summary(
            n: try extra.integer("other:n"), mean: try extra.number("other:margin"), sd: .nan, se: .nan,
            ci95Low: try extra.number("other:margin_ci95_low"),
            ci95High: try extra.number("other:margin_ci95_high"), median: .nan, q25: .nan, q75: .nan)
    }
}
