// SPDX-License-Identifier: GPL-3.0-or-later

/// One row of `budget_trials.csv`: every measure of one strategy at one budget in one trial.
struct BudgetTrialRow: Sendable {
    var sweepValues: [(key: String, value: String)]
    var dataset: String
    var metric: String
    var pairing: Pairing
    var subsetSize: Int
    /// As in `budget.csv`: the predictor's noise model and level.
    var noise: String
    var level: Double
    var strategy: String
    var budgetSeconds: Double
    var trial: Int
    /// One value per measure of the file's header.
    var values: [Double]
}

/// `budget_trials.csv` (`--trials-out` of a budget study): one row per trial, strategy and
/// budget, one column per ``BudgetMeasure``, for users' own statistics in pandas or R. Owns
/// its columns, its writer (``text(_:measures:)``) and its reader (``read(path:)``).
enum BudgetTrialsCSV {
    /// The fixed columns, after any sweep columns and before the measures.
    enum Column: String, CaseIterable {
        case dataset, metric, pairing, subsetSize = "subset_size", noise, level, strategy, budgetSeconds = "budget_s", trial
    }

    /// Row `r`'s field in column `c`.
    static func field(_ c: Column, of r: BudgetTrialRow) -> String {
        switch c {
        case .dataset: r.dataset
        case .metric: r.metric
        case .pairing: r.pairing.rawValue
        case .subsetSize: String(r.subsetSize)
        case .noise: r.noise
        case .level: Format.number(r.level)
        case .strategy: r.strategy
        case .budgetSeconds: Format.number(r.budgetSeconds)
        case .trial: String(r.trial)
        }
    }

    /// A per-trial value: a count as an integer, anything else as ``Format/number(_:)``.
    static func value(_ x: Double, of measure: BudgetMeasure) -> String {
        measure.isCount && x.isFinite && x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : Format.number(x)
    }

    /// The text of `budget_trials.csv` holding `rows`, whose values are of `measures`.
    static func text(_ rows: [BudgetTrialRow], measures: [BudgetMeasure]) -> String {
        let keys = CSVColumns.sweepKeys(rows.map(\.sweepValues))
        let header = keys + Column.allCases.map(\.rawValue) + measures.map(\.name)
        return Format.csv(
            header: header,
            rows: rows.map { r in
                BudgetCSV.sweepFields(keys, r.sweepValues) + Column.allCases.map { field($0, of: r) }
                    + zip(r.values, measures).map { value($0, of: $1) }
            })
    }

    /// The text of `budget_trials.csv` for the rows and measures of ``BudgetResult/trialRows()``.
    static func text(_ table: (rows: [BudgetTrialRow], measures: [BudgetMeasure])) -> String {
        text(table.rows, measures: table.measures)
    }

    /// Reads `budget_trials.csv` at `path`: its rows and the measures of its columns.
    /// - Throws: ``InputError`` at the file, line and column of the first bad field.
    static func read(path: String) throws -> (rows: [BudgetTrialRow], measures: [BudgetMeasure]) {
        let table = try CSVTable(contentsOf: path)
        let fixed = Column.allCases.map(\.rawValue)
        var (sweep, index) = try SummaryReader.layout(table, fixed: fixed, extraPrefixes: [""])
        let first = index[fixed.last!]! + 1
        let measures = try table.header[first...].enumerated().map { k, name in
            guard let m = BudgetMeasure(name: name) else {
                throw InputError(file: path, line: 1, column: first + k + 1, key: name, "unknown budget measure '\(name)'")
            }
            index[name] = first + k
            return m
        }
        let rows = try table.rows.indices.map { r in
            let f = SummaryReader.Fields(table: table, index: index, row: r)
            return BudgetTrialRow(
                sweepValues: f.sweep(sweep), dataset: try f.nonEmpty("dataset"), metric: try f.nonEmpty("metric"), pairing: try f.pairing(),
                subsetSize: try f.integer(Column.subsetSize.rawValue), noise: try f.nonEmpty(Column.noise.rawValue),
                level: try f.number(Column.level.rawValue), strategy: try f.nonEmpty(Column.strategy.rawValue),
                budgetSeconds: try f.budgetSeconds(), trial: try f.integer(Column.trial.rawValue),
                values: try measures.map { try f.number($0.name) })
        }
        return (rows, measures)
    }
}

extension BudgetResult {
    /// Rows of `budget_trials.csv`: cells, trials, strategies, budgets; and the measures of
    /// their values (the first cell's: every cell of a run has the same limits).
    func trialRows() -> (rows: [BudgetTrialRow], measures: [BudgetMeasure]) {
        var rows: [BudgetTrialRow] = []
        for (c, cell) in cells.enumerated() {
            let measures = cell.measures.indices
            var columns: [[[Double]]] = []  // [strategy*budget][measure][trial]
            for s in cell.budget.strategies.indices {
                for b in cell.budget.seconds.indices {
                    columns.append(measures.map { values(cell: c, strategy: s, budget: b, measure: $0) })
                }
            }
            let noise = cell.budget.strategies.map(cell.predictionNoise)
            for t in 0..<scenario.trials {
                for (s, strategy) in cell.budget.strategies.enumerated() {
                    for (b, seconds) in cell.budget.seconds.enumerated() {
                        let column = columns[s * cell.budget.seconds.count + b]
                        rows.append(
                            BudgetTrialRow(
                                sweepValues: scenario.sweepValues, dataset: cell.pair.dataset, metric: cell.pair.metric,
                                pairing: cell.pair.pairing, subsetSize: cell.subsetSize, noise: noise[s].noise,
                                level: noise[s].level, strategy: strategy.name, budgetSeconds: seconds, trial: t,
                                values: measures.map { column[$0][t] }))
                    }
                }
            }
        }
        return (rows, cells.first?.measures ?? [])
    }
}
