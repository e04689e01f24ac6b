// SPDX-License-Identifier: GPL-3.0-or-later
//
// Reads a run folder's tables back: `summary.csv` (written by `SummaryCSV`), and, when
// present, `budget.csv` and `decision.csv`. Every problem is an `InputError` naming the
// file, line and column.

import Foundation

/// Statistics columns shared by `summary.csv` and `budget.csv`, in file order.
let statisticsColumns = ["n", "mean", "sd", "se", "ci95_low", "ci95_high", "median", "q25", "q75"]

/// What a run folder holds, read back.
public struct RunFolder: Sendable {
    /// The folder as given.
    public var path: String
    /// A short display name: the scenario name from `run.json`, else the folder's last component.
    public var name: String
    /// `summary.csv` rows (empty when the run had no noise study).
    public var summary: [SummaryRow]
    /// `budget.csv` rows, when the file exists.
    public var budget: [BudgetRow]?
    /// `decision.csv` rows, when the file exists.
    public var decision: [DecisionRow]?
    /// `learning.csv` rows, when the file exists (a learning-curve run).
    public var learning: [LearningCurve.Row]? = nil
    /// From `run.json`, when present: the scenario file (a path usable from the current folder),
    /// its text, seed and trials.
    public var scenarioFile: String?
    public var scenarioText: String?
    public var seed: UInt64?
    public var trials: Int?
}

/// Reads the tables of a run folder.
public enum SummaryReader {
    /// The sweep columns (those before `first`) and the checked index of each fixed column.
    /// Columns after the fixed ones are errors unless their name starts with one of `extraPrefixes`.
    static func layout(_ table: CSVTable, fixed: [String], extraPrefixes: [String] = []) throws -> (sweep: [String], index: [String: Int]) {
        guard let start = table.header.firstIndex(of: fixed[0]) else {
            _ = try table.column(fixed[0], role: fixed[0])
            throw InputError(file: table.path, line: 1, "no column '\(fixed[0])'")
        }
        var index: [String: Int] = [:]
        for (k, name) in fixed.enumerated() {
            let c = start + k
            guard c < table.header.count else {
                throw InputError(file: table.path, line: 1, column: c + 1, key: name,
                                 "missing column '\(name)'; expected the columns \(fixed.joined(separator: ",")) after any sweep columns")
            }
            guard table.header[c] == name else {
                throw InputError(file: table.path, line: 1, column: c + 1, key: name,
                                 "expected column '\(name)' here, found '\(table.header[c])'")
            }
            index[name] = c
        }
        for c in (start + fixed.count)..<max(start + fixed.count, table.header.count)
        where !extraPrefixes.contains(where: { table.header[c].hasPrefix($0) }) {
            throw InputError(file: table.path, line: 1, column: c + 1, key: table.header[c],
                             "unexpected column '\(table.header[c])' after '\(fixed[fixed.count - 1])'")
        }
        return (Array(table.header[..<start]), index)
    }

    /// Field access with located errors.
    public struct Fields {
        let table: CSVTable
        let index: [String: Int]
        let row: Int

        /// The fields of row `row` of `table`, found by name through `index` (name → column).
        public init(table: CSVTable, index: [String: Int], row: Int) {
            (self.table, self.index, self.row) = (table, index, row)
        }

        public func string(_ name: String) -> String { table[row, index[name]!] }

        public func error(_ name: String, _ message: String) -> InputError {
            InputError(file: table.path, line: table.lineOfRow[row], column: index[name]! + 1, key: name, message)
        }

        public func nonEmpty(_ name: String) throws -> String {
            let s = string(name)
            if s.isEmpty { throw error(name, "empty field, expected a value") }
            return s
        }

        /// A number; an empty field is NaN (undefined) when `allowEmpty`.
        public func number(_ name: String, allowEmpty: Bool = true) throws -> Double {
            let s = string(name).trimmingCharacters(in: .whitespaces)
            if s.isEmpty {
                if allowEmpty { return .nan }
                throw error(name, "empty field, expected a number")
            }
            guard let v = Double(s), v.isFinite else { throw error(name, "'\(s)' is not a finite number") }
            return v
        }

        func integer(_ name: String) throws -> Int {
            let s = string(name).trimmingCharacters(in: .whitespaces)
            guard let v = Int(s) else { throw error(name, "'\(s)' is not a whole number") }
            return v
        }

        func pairing() throws -> Pairing {
            let text = try nonEmpty("pairing")
            guard let p = Pairing(rawValue: text) else {
                throw error("pairing", "unknown pairing '\(text)'; expected one of: \(Pairing.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return p
        }

        func budgetSeconds() throws -> Double {
            let b = try number("budget_s", allowEmpty: false)
            if b <= 0 { throw error("budget_s", "a budget must be positive, found \(string("budget_s"))") }
            return b
        }

        func boolean(_ name: String) throws -> Bool {
            switch string(name).trimmingCharacters(in: .whitespaces) {
            case "true": return true
            case "false": return false
            case let s: throw error(name, "'\(s)' is not true or false")
            }
        }

        func summary() throws -> Summary {
            let n = try integer("n")
            if n < 0 { throw error("n", "n must not be negative, found \(n)") }
            return Summary(n: n, mean: try number("mean"), sd: try number("sd"), se: try number("se"),
                           ci95Low: try number("ci95_low"), ci95High: try number("ci95_high"),
                           median: try number("median"), q25: try number("q25"), q75: try number("q75"))
        }

        func sweep(_ keys: [String]) -> [(key: String, value: String)] {
            keys.enumerated().map { (k, key) in (key, table[row, k]) }
        }
    }

    /// Reads `summary.csv` at `path` into rows that `SummaryCSV.text` writes back unchanged.
    static func readSummary(path: String) throws -> [SummaryRow] {
        let table = try CSVTable(contentsOf: path)
        var (sweep, index) = try layout(table, fixed: SummaryCSV.columns, extraPrefixes: SummaryCSV.trainedColumns)
        let last = index[SummaryCSV.columns.last!]!
        let extra = Array(table.header[(last + 1)...])
        if !extra.isEmpty {
            guard extra == SummaryCSV.trainedColumns else {
                throw InputError(file: path, line: 1, column: last + 2, key: extra[0],
                                 "expected the columns \(SummaryCSV.trainedColumns.joined(separator: ",")) after '\(SummaryCSV.columns.last!)', found \(extra.joined(separator: ","))")
            }
            for (k, name) in extra.enumerated() { index[name] = last + 1 + k }
        }
        return try (0..<table.rowCount).map { r in
            let f = Fields(table: table, index: index, row: r)
            let pairing = try f.pairing()
            let noiseText = try f.nonEmpty("noise")
            guard let noise = NoiseModelKind(rawValue: noiseText) else {
                throw f.error("noise", "unknown noise model '\(noiseText)'; expected one of: \(NoiseModelKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return SummaryRow(
                sweepValues: f.sweep(sweep), dataset: try f.nonEmpty("dataset"), metric: try f.nonEmpty("metric"),
                pairing: pairing, subsetSize: try f.integer("subset_size"), noise: noise,
                level: try f.number("level", allowEmpty: !extra.isEmpty), measure: try f.nonEmpty("measure"), summary: try f.summary(),
                predictor: extra.isEmpty ? nil : try f.nonEmpty("predictor"),
                trainSamples: extra.isEmpty ? nil : try f.integer("train_samples"))
        }
    }

    /// The fixed columns of `budget.csv`, after any sweep columns.
    static let budgetColumns = ["dataset", "metric", "pairing", "subset_size", "noise", "level", "strategy", "budget_s", "measure"]
        + statisticsColumns

    /// The fixed columns of `decision.csv`, after any sweep columns.
    static let decisionColumns = [
        "dataset", "metric", "subset_size", "budget_s", "decide_by", "winner", "winner_mean", "runner_up",
        "runner_up_mean", "margin", "margin_ci95_low", "margin_ci95_high", "n", "significant", "winner_changed",
    ]
    /// The columns `decision.csv` gained with results format 5, after the fixed ones: the
    /// margin relative to the runner-up's mean, then per shown measure `winner:<measure>`, then
    /// per shown measure and strategy `mean:<measure>:<strategy>`. A file without them (an older
    /// run) reads with no per-strategy means.
    static let decisionExtraColumn = "relative_margin"

    /// Reads `budget.csv` at `path`.
    static func readBudget(path: String) throws -> [BudgetRow] {
        let table = try CSVTable(contentsOf: path)
        let (sweep, index) = try layout(table, fixed: budgetColumns)
        return try (0..<table.rowCount).map { r in
            let f = Fields(table: table, index: index, row: r)
            let budget = try f.budgetSeconds()
            let pairing = try f.pairing()
            return BudgetRow(
                sweepValues: f.sweep(sweep), dataset: try f.nonEmpty("dataset"), metric: try f.nonEmpty("metric"),
                pairing: pairing, subsetSize: try f.integer("subset_size"), noise: try f.nonEmpty("noise"),
                level: try f.number("level"), strategy: try f.nonEmpty("strategy"), budgetSeconds: budget,
                measure: try f.nonEmpty("measure"), summary: try f.summary())
        }
    }

    /// Reads `decision.csv` at `path`: the fixed columns, then (when present) `relative_margin`,
    /// `winner:<measure>` per shown measure and `mean:<measure>:<strategy>` per shown measure and
    /// strategy, as `BudgetCSV.decisionText` writes them.
    static func readDecision(path: String) throws -> [DecisionRow] {
        let table = try CSVTable(contentsOf: path)
        let (sweep, index) = try layout(table, fixed: decisionColumns, extraPrefixes: [decisionExtraColumn, "winner:", "mean:", "other:"])
        let last = index[decisionColumns.last!]!
        let hasExtra = table.header.count > last + 1
        if hasExtra, table.header[last + 1] != decisionExtraColumn {
            throw InputError(file: path, line: 1, column: last + 2, key: table.header[last + 1],
                             "expected column '\(decisionExtraColumn)' here, found '\(table.header[last + 1])'")
        }
        // The shown measures and strategies, from the extra columns' names.
        var measures: [String] = [], strategies: [String] = []
        var winnerColumn: [Int] = [], meanColumn: [String: Int] = [:]
        for (c, name) in table.header.enumerated() where c > last + 1 {
            if name.hasPrefix("other:") { continue }  // the best strategy of the other kind, read below
            if name.hasPrefix("winner:") {
                measures.append(String(name.dropFirst(7)))
                winnerColumn.append(c)
            } else {
                let rest = name.dropFirst(5)
                guard let colon = rest.firstIndex(of: ":") else {
                    throw InputError(file: path, line: 1, column: c + 1, key: name, "expected a column mean:<measure>:<strategy>, found '\(name)'")
                }
                let measure = String(rest[..<colon]), strategy = String(rest[rest.index(after: colon)...])
                guard measures.contains(measure) else {
                    throw InputError(file: path, line: 1, column: c + 1, key: name, "no column 'winner:\(measure)' before this one")
                }
                if !strategies.contains(strategy) { strategies.append(strategy) }
                meanColumn["\(measure)\t\(strategy)"] = c
            }
        }
        for m in measures {
            for s in strategies where meanColumn["\(m)\t\(s)"] == nil {
                throw InputError(file: path, line: 1, key: "mean:\(m):\(s)", "missing column 'mean:\(m):\(s)'")
            }
        }
        let extraIndex = Dictionary(table.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return try (0..<table.rowCount).map { r in
            let f = Fields(table: table, index: index, row: r)
            let budget = try f.budgetSeconds()
            var row = DecisionRow(
                sweepValues: f.sweep(sweep), dataset: try f.nonEmpty("dataset"), metric: try f.nonEmpty("metric"),
                subsetSize: try f.integer("subset_size"), budgetSeconds: budget, decideBy: try f.nonEmpty("decide_by"),
                winner: try f.nonEmpty("winner"), winnerMean: try f.number("winner_mean"),
                runnerUp: f.string("runner_up").isEmpty ? nil : f.string("runner_up"), runnerUpMean: try f.number("runner_up_mean"),
                margin: f.string("runner_up").isEmpty ? nil : Summary(
                    n: try f.integer("n"), mean: try f.number("margin"), sd: .nan, se: .nan, ci95Low: try f.number("margin_ci95_low"),
                    ci95High: try f.number("margin_ci95_high"), median: .nan, q25: .nan, q75: .nan),
                significant: try f.boolean("significant"), winnerChanged: try f.boolean("winner_changed"))
            if hasExtra {  // derived from margin and runner_up_mean: checked, not stored
                _ = try Fields(table: table, index: [decisionExtraColumn: last + 1], row: r).number(decisionExtraColumn)
            }
            row.shownMeasures = measures
            row.strategies = strategies
            let extra = Fields(table: table, index: extraIndex, row: r)
            row.winnersByMeasure = try measures.map { try extra.nonEmpty("winner:\($0)") }
            row.means = try measures.map { m in try strategies.map { try extra.number("mean:\(m):\($0)") } }
            if extraIndex["other:strategy"] != nil, !extra.string("other:strategy").isEmpty {
                row.otherKind = extra.string("other:strategy")
                row.otherKindMean = try extra.number("other:mean")
                row.otherKindMargin = Summary(n: try extra.integer("other:n"), mean: try extra.number("other:margin"), sd: .nan, se: .nan,
                                              ci95Low: try extra.number("other:margin_ci95_low"),
                                              ci95High: try extra.number("other:margin_ci95_high"), median: .nan, q25: .nan, q75: .nan)
            }
            return row
        }
    }

    /// Reads a run folder: `summary.csv` and/or `budget.csv` (at least one), `decision.csv`
    /// and `run.json` when present.
    public static func readRun(_ directory: String) throws -> RunFolder {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(file: directory, "not a folder; expected a run folder written by 'hwnas-sim run'")
        }
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        let hasSummary = fm.fileExists(atPath: path("summary.csv"))
        let hasBudget = fm.fileExists(atPath: path("budget.csv"))
        let hasLearning = fm.fileExists(atPath: path("learning.csv"))
        guard hasSummary || hasBudget || hasLearning else {
            throw InputError(file: directory, "no summary.csv, budget.csv or learning.csv in this folder; expected a run folder written by 'hwnas-sim run' or 'learn'")
        }
        let trimmed = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        var run = RunFolder(
            path: directory, name: (trimmed as NSString).lastPathComponent,
            summary: hasSummary ? try readSummary(path: path("summary.csv")) : [],
            budget: hasBudget ? try readBudget(path: path("budget.csv")) : nil,
            decision: fm.fileExists(atPath: path("decision.csv")) ? try readDecision(path: path("decision.csv")) : nil)
        if hasLearning { run.learning = try LearningCSV.read(path: path("learning.csv")) }
        if let data = fm.contents(atPath: path("run.json")) {
            guard let object = try? JSONSerialization.jsonObject(with: data), let json = object as? [String: Any] else {
                throw InputError(file: path("run.json"), "not a JSON object")
            }
            // Paths in run.json lead from the run folder.
            run.scenarioFile = (json["scenario_file"] as? String).map { RelativePath.resolve($0, in: directory) }
            run.scenarioText = json["scenario"] as? String
            run.seed = (json["seed"] as? NSNumber)?.uint64Value
            run.trials = (json["trials"] as? NSNumber)?.intValue
            if let text = run.scenarioText, let name = scenarioName(text) { run.name = name }
        }
        return run
    }

    /// The `name:` of a scenario text (top level), without parsing the whole scenario.
    static func scenarioName(_ text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix("name:") {
            var value = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
            if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]).trimmingCharacters(in: .whitespaces) }
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            return value.isEmpty ? nil : value
        }
        return nil
    }
}
