// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Finds and loads the tables a scenario names, each table once.
public struct GroundTruthLoader {
    /// The folder holding the `nb201_*.csv` and `fbnet_help_latency.csv` tables.
    public var directory: String
    var tables: [String: MetricTable] = [:]
    /// Notes for the user about what loading left out (`data.missing: drop`), in order.
    public var notes: [String] = []
    /// Warnings about the tables' contents (a constant feature column), in order.
    public var warnings: [InputError] = []

    /// The data folder: `option` (`--data`), else `$HWNAS_SIM_DATA`, else `./Data` when the
    /// working folder has one (a run from the repository's root), else the repository's `Data/`
    /// as it was at build time (``bundledDirectory``), so that a binary built in a clone finds
    /// the tables from any folder.
    public static func resolveDirectory(option: String?) -> String {
        if let option, !option.isEmpty { return option }
        if let env = ProcessInfo.processInfo.environment["HWNAS_SIM_DATA"], !env.isEmpty { return env }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: "Data", isDirectory: &isDirectory), isDirectory.boolValue { return "Data" }
        if let bundled = bundledDirectory, FileManager.default.fileExists(atPath: bundled) { return bundled }
        return "Data"
    }

    /// The repository's `Data/` folder, found from this source file's path at build time
    /// (`<repository>/Sources/…` → `<repository>/Data`); nil when the path has no `Sources`.
    public static let bundledDirectory: String? = {
        let source = #filePath
        guard let range = source.range(of: "/Sources/", options: .backwards) else { return nil }
        return String(source[..<range.lowerBound]) + "/Data"
    }()

    public init(directory: String) {
        self.directory = directory
    }

    /// Every table loaded so far, in load order of their keys.
    var loadedTables: [MetricTable] { tables.keys.sorted().map { tables[$0]! } }

    /// The table behind `pair` in `source`.
    public mutating func table(_ source: DataSource, pair: PairSpec, metricColumns: [String]) throws -> MetricTable {
        let key: String
        switch source {
        case .nb201: key = "nb201/\(pair.dataset)"
        case .csv(let c): key = "csv/\(c.file)/\(metricColumns.joined(separator: ","))"
        case .synthetic(let s): key = "synthetic/\(s.size)/\(s.rankCorrelation)/\(s.seed)"
        case .fbnet:
            throw InputError(key: "data.benchmark", "the FBNet table has no accuracy: it serves learning curves only")
        }
        if var t = tables[key] {
            // A later scenario of a sweep may name an NB201 metric of a further file.
            if case .nb201 = source, metricColumns.contains(where: t.unloadedMetrics.contains) {
                try t.joinNB201Extras(metricColumns, directory: directory)
                tables[key] = t
            }
            return t
        }
        let t: MetricTable
        switch source {
        case .nb201: t = try MetricTable.loadNB201(dataset: pair.dataset, directory: directory, metrics: metricColumns)
        case .csv(let c):
            t = try MetricTable.loadCSV(
                path: c.file, dataset: pair.dataset, idColumn: c.idColumn,
                accuracyColumn: c.accuracyColumn, accuracyInPercent: c.accuracyInPercent,
                metricColumns: metricColumns, dropMissing: c.dropMissing)
        case .synthetic(let s): t = s.makeTable()
        case .fbnet: preconditionFailure("refused above")
        }
        tables[key] = t
        return t
    }

    /// The columns a user (`csv`) table is read with: every pair's metric and latency column,
    /// so that all of a scenario's pairs share one load of the file.
    static func csvColumns(for scenario: Scenario) -> [String] {
        var columns: [String] = []
        for p in scenario.pairs {
            for c in [p.metric, p.latencyColumn].compactMap({ $0 }) where !columns.contains(c) { columns.append(c) }
        }
        return columns
    }

    /// The FBNet sample (`fbnet_help_latency.csv`) of the data folder: architectures and
    /// latencies, no accuracy.
    public func fbnet() throws -> FBNetTable {
        try FBNetTable.load(directory: directory)
    }

    /// The scenario's pairs as ground truth, checking subset sizes against each pair's size.
    public mutating func pairs(for scenario: Scenario) throws -> [GroundTruthPair] {
        let csvColumns = Self.csvColumns(for: scenario)
        var out: [GroundTruthPair] = []
        for (i, p) in scenario.pairs.enumerated() {
            let table: MetricTable
            do { table = try self.table(scenario.data, pair: p, metricColumns: csvColumns) } catch var e as InputError {
                // A problem without a place in the table (file missing, a column absent or
                // empty) is placed at the scenario key that names the table; one with a line
                // keeps its place in the table.
                if e.line == nil {
                    if case .csv = scenario.data { e.key = "data.file" } else { e.key = "data.pairs[\(i)].dataset" }
                    e.column = nil
                }
                throw e
            }
            var pair: GroundTruthPair
            do {
                pair = try GroundTruthPair(table: table, metric: p.metric, pairing: scenario.pairing, precision: scenario.precision)
                pair.dataset = p.dataset  // a user table shared by pairs keeps each pair's own label
                // An NB201 metric of a further file (HELP, cost) is hashed with that file too.
                pair.tableChecksum = table.checksum(covering: [p.metric] + (p.latencyColumn.map { [$0] } ?? [])) ?? pair.tableChecksum
            } catch var e as InputError {
                if e.key == p.metric || e.key == "metric" { e.key = "data.pairs[\(i)].metric" }
                throw e
            }
            if let lat = p.latencyColumn {
                _ = try table.values(of: lat, key: "data.pairs[\(i)].latency_column")
            }
            for (j, n) in scenario.subsetSizes.enumerated() where n > pair.count {
                throw InputError(
                    key: "subset_sizes[\(j)]",
                    "subset size \(n) is larger than \(p.label), which has \(pair.count) architectures\(pair.leftOut > 0 ? " with a value (\(pair.leftOut) missing)" : "")"
                )
            }
            if case .csv(let c) = scenario.data, c.dropMissing, pair.leftOut > 0 {
                let note =
                    "data.missing: drop left \(pair.leftOut) of \(pair.count + pair.leftOut) architectures of \((c.file as NSString).lastPathComponent) without a value of '\(p.metric)' out of that pair"
                if !notes.contains(note) { notes.append(note) }
            }
            out.append(pair)
        }
        return out
    }
}
