// SPDX-License-Identifier: GPL-3.0-or-later
//
// Reads a run folder's tables back: `summary.csv` (``SummaryFile``), and, when
// present, `budget.csv` (``BudgetCSV``) and `decision.csv` (``DecisionCSV``). Every problem is an `InputError` naming the
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
                throw InputError(
                    file: table.path, line: 1, column: c + 1, key: name,
                    "missing column '\(name)'; expected the columns \(fixed.joined(separator: ",")) after any sweep columns")
            }
            guard table.header[c] == name else {
                throw InputError(
                    file: table.path, line: 1, column: c + 1, key: name,
                    "expected column '\(name)' here, found '\(table.header[c])'")
            }
            index[name] = c
        }
        for c in (start + fixed.count)..<max(start + fixed.count, table.header.count)
        where !extraPrefixes.contains(where: { table.header[c].hasPrefix($0) }) {
            throw InputError(
                file: table.path, line: 1, column: c + 1, key: table.header[c],
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
                throw error(
                    "pairing", "unknown pairing '\(text)'; expected one of: \(Pairing.allCases.map(\.rawValue).joined(separator: ", "))")
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
            return Summary(
                n: n, mean: try number("mean"), sd: try number("sd"), se: try number("se"),
                ci95Low: try number("ci95_low"), ci95High: try number("ci95_high"),
                median: try number("median"), q25: try number("q25"), q75: try number("q75"))
        }

        func sweep(_ keys: [String]) -> [(key: String, value: String)] {
            keys.enumerated().map { (k, key) in (key, table[row, k]) }
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
            throw InputError(
                file: directory,
                "no summary.csv, budget.csv or learning.csv in this folder; expected a run folder written by 'hwnas-sim run' or 'learn'")
        }
        let trimmed = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        var run = RunFolder(
            path: directory, name: (trimmed as NSString).lastPathComponent,
            summary: hasSummary ? try SummaryFile.read(path: path(SummaryFile.name)) : [],
            budget: hasBudget ? try BudgetCSV.read(path: path("budget.csv")) : nil,
            decision: fm.fileExists(atPath: path("decision.csv")) ? try DecisionCSV.read(path: path("decision.csv")) : nil)
        if hasLearning { run.learning = try LearningFile.read(path: path(LearningFile.name)) }
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
