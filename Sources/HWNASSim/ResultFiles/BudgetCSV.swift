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
    public var measure: BudgetMeasure
    public var summary: Summary
}

/// `budget.csv`: per cell, strategy, budget and measure, the measure's statistics over the
/// trials. Owns its columns, its writer (``text(_:)``) and its reader (``read(path:)``).
public enum BudgetCSV {
    /// The fixed columns, after any sweep columns and before the statistics.
    enum Column: String, CaseIterable {
        case dataset, metric, pairing, subsetSize = "subset_size", noise, level, strategy, budgetSeconds = "budget_s", measure
    }

    /// Every fixed column, after any sweep columns.
    static let columns = Column.allCases.map(\.rawValue) + statisticsColumns

    /// Row `r`'s field in column `c`.
    static func field(_ c: Column, of r: BudgetRow) -> String {
        switch c {
        case .dataset: r.dataset
        case .metric: r.metric
        case .pairing: r.pairing.rawValue
        case .subsetSize: String(r.subsetSize)
        case .noise: r.noise
        case .level: Format.number(r.level)
        case .strategy: r.strategy
        case .budgetSeconds: Format.number(r.budgetSeconds)
        case .measure: r.measure.name
        }
    }

    /// The text of `budget.csv` holding `rows`.
    static func text(_ rows: [BudgetRow]) -> String {
        let keys = CSVColumns.sweepKeys(rows.map(\.sweepValues))
        return Format.csv(
            header: keys + columns,
            rows: rows.map { r in
                sweepFields(keys, r.sweepValues) + Column.allCases.map { field($0, of: r) } + SummaryFile.statisticsFields(r.summary)
            })
    }

    /// Reads `budget.csv` at `path`.
    /// - Throws: ``InputError`` at the file, line and column of the first bad field.
    static func read(path: String) throws -> [BudgetRow] {
        let table = try CSVTable(contentsOf: path)
        let (sweep, index) = try SummaryReader.layout(table, fixed: columns)
        return try table.rows.indices.map { r in
            let f = SummaryReader.Fields(table: table, index: index, row: r)
            func text(_ c: Column) throws -> String { try f.nonEmpty(c.rawValue) }
            let name = try text(.measure)
            guard let measure = BudgetMeasure(name: name) else {
                throw f.error(Column.measure.rawValue, "unknown budget measure '\(name)'")
            }
            return BudgetRow(
                sweepValues: f.sweep(sweep), dataset: try text(.dataset), metric: try text(.metric), pairing: try f.pairing(),
                subsetSize: try f.integer(Column.subsetSize.rawValue), noise: try text(.noise), level: try f.number(Column.level.rawValue),
                strategy: try text(.strategy), budgetSeconds: try f.budgetSeconds(), measure: measure, summary: try f.summary())
        }
    }

    /// A row's values of `keys` ("" where the row has none).
    static func sweepFields(_ keys: [String], _ values: [(key: String, value: String)]) -> [String] {
        keys.map { k in values.first { $0.key == k }?.value ?? "" }
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
                        rows.append(
                            BudgetRow(
                                sweepValues: scenario.sweepValues, dataset: cell.pair.dataset, metric: cell.pair.metric,
                                pairing: cell.pair.pairing, subsetSize: cell.subsetSize, noise: noise, level: level,
                                strategy: strategy.name, budgetSeconds: seconds, measure: measure,
                                summary: Summary(values(cell: c, strategy: s, budget: b, measure: m))))
                    }
                }
            }
        }
        return rows
    }
}
