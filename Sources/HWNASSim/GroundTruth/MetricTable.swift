// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// One ground-truth table: architectures with an accuracy and hardware metrics.
///
/// Missing metric values are NaN (the NB201 Edge TPU `-1` sentinel becomes NaN on loading).
public struct MetricTable: Sendable {
    /// The dataset label (`cifar10`, a user table's name, `synthetic`).
    public var dataset: String
    /// The file it was read from, nil for generated tables.
    public var path: String?
    /// The file's SHA-256, nil for generated tables.
    var sha256: String?
    /// Architecture ids, one per row.
    var ids: [String]
    /// NB201 genotype strings where the table has them (needed by `paper-sorted`).
    var archStrings: [String]?
    /// Accuracy as a fraction in [0, 1].
    public var accuracy: [Double]
    /// Metric names, in table order.
    var metricNames: [String]
    /// Metric values by name, NaN where missing.
    public var metrics: [String: [Double]]
    /// The accuracy as the file writes it (NB201: percent), where it was read from one.
    public var accuracyAsWritten: [Double]? = nil
    /// Further files joined into the table by architecture id (NB201's HELP and cost tables).
    public var joinedFiles: [TableFile] = []
    /// The index in `joinedFiles` of the file each joined metric comes from.
    var joinedMetricFile: [String: Int] = [:]
    /// Metrics the table's folder offers that are not loaded yet (joined on demand).
    public var unloadedMetrics: [String] = []

    public var count: Int { ids.count }

    /// The row of each architecture id (its first row when an id repeats).
    /// - Complexity: O(rows).
    func rowsByID() -> [String: Int] { Dictionary(ids.enumerated().map { ($1, $0) }) { a, _ in a } }

    /// Number of missing values of `metric`.
    func missingCount(_ metric: String) -> Int {
        metrics[metric]?.reduce(0) { $0 + ($1.isNaN ? 1 : 0) } ?? 0
    }

    /// The values of `metric`, or an error naming the metrics there are.
    public func values(of metric: String, key: String = "metric") throws -> [Double] {
        if let v = metrics[metric] { return v }
        if unloadedMetrics.contains(metric) {
            throw InputError(
                file: path, key: key, "metric '\(metric)' of table '\(dataset)' is not loaded: name it in the scenario's pairs")
        }
        let all = metricNames + unloadedMetrics
        let hint = Suggest.hint(for: metric, in: all)
        throw InputError(
            file: path, key: key, "table '\(dataset)' has no metric '\(metric)'\(hint); it has: \(all.joined(separator: ", "))")
    }
}

extension MetricTable {
    /// The NB201 datasets the project knows.
    public static let nb201Datasets = ["cifar10", "cifar100", "ImageNet16-120"]

    /// The file name of an NB201 × HW-NAS-Bench table.
    static func nb201FileName(_ dataset: String) -> String { "nb201_\(dataset).csv" }

    /// Reads `nb201_<dataset>.csv` from `directory`: `arch_index`, `arch_str`, `test_acc`
    /// (percent) and every further column as a metric. `edgetpu_latency` values of `-1` are
    /// missing. The metrics of the further NB201 files (``NB201Metrics``) among `metrics` are
    /// joined by `arch_index`; with nil, every further file the folder has. A table listed in
    /// the folder's `SHA256SUMS` is refused when its bytes have changed.
    public static func loadNB201(dataset: String, directory: String, metrics needed: [String]? = []) throws -> MetricTable {
        guard nb201Datasets.contains(dataset) else {
            let hint = Suggest.hint(for: dataset, in: nb201Datasets)
            throw InputError(
                key: "dataset", "unknown NB201 dataset '\(dataset)'\(hint); expected one of \(nb201Datasets.joined(separator: ", "))")
        }
        let path = (directory as NSString).appendingPathComponent(nb201FileName(dataset))
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(
                file: path,
                "ground-truth table not found: point --data or $HWNAS_SIM_DATA at the folder holding \(nb201FileName(dataset)) (the repository's Data/ has them)"
            )
        }
        let csv = try CSVTable(contentsOf: path, checksums: try DataChecksums.of(directory: directory))
        let idC = try csv.column("arch_index", role: "id column")
        let strC = try csv.column("arch_str", role: "arch column")
        let accC = try csv.column("test_acc", role: "accuracy column")
        let acc = try csv.numbers(column: accC, allowMissing: false)
        let metricColumns = csv.header.indices.filter { ![idC, strC, accC].contains($0) }
        let names = metricColumns.map { csv.header[$0] }
        let values = try csv.numbers(
            columns: metricColumns, allowMissing: true,
            missingSentinels: names.map { $0 == "edgetpu_latency" ? -1 : nil })
        let metrics = Dictionary(uniqueKeysWithValues: zip(names, values))
        var table = MetricTable(
            dataset: dataset, path: path, sha256: csv.sha256,
            ids: csv.strings(column: idC), archStrings: csv.strings(column: strC),
            accuracy: acc.map { $0 / 100 }, metricNames: names, metrics: metrics, accuracyAsWritten: acc,
            unloadedMetrics: (NB201Metrics.help + NB201Metrics.cost).filter { metrics[$0] == nil })
        try table.checkIDsUnique(csv: csv, column: idC)
        try table.joinNB201Extras(needed, directory: directory)
        return table
    }

    /// Reads a user table: `idColumn`, `accuracyColumn` (in `accuracyUnit`) and `metricColumns`.
    ///
    /// Missing values, one rule: an empty, `NA` or `NaN` metric cell is an error naming file,
    /// line and column, unless `dropMissing` (`data.missing: drop`), which leaves that
    /// architecture out of that metric (counted in the pair's `leftOut`). Accuracy is never
    /// missing. Metric values must be ≥ 0; accuracies must fit their unit, and a `percent`
    /// table whose accuracies are all ≤ 1 (fractions, surely) is refused.
    static func loadCSV(
        path: String, dataset: String, idColumn: String, accuracyColumn: String,
        accuracyInPercent: Bool, metricColumns: [String], dropMissing: Bool = false
    ) throws -> MetricTable {
        let csv = try CSVTable(contentsOf: path)
        let idC = try csv.column(idColumn, role: "data.id_column")
        let accC = try csv.column(accuracyColumn, role: "data.accuracy_column")
        let acc = try csv.numbers(column: accC, allowMissing: false)
        let scale = accuracyInPercent ? 100.0 : 1.0
        for (r, a) in acc.enumerated() where a < 0 || a > scale {
            throw InputError(
                file: path, line: csv.lineOfRow[r], column: accC + 1, key: accuracyColumn,
                "accuracy \(a) is outside [0, \(Int(scale))] (\(accuracyInPercent ? "percent" : "fraction"))"
                    + (accuracyInPercent ? "" : "; percentages? set data.accuracy_unit: percent"))
        }
        if accuracyInPercent, acc.count > 1, acc.allSatisfy({ $0 <= 1 }) {
            throw InputError(
                file: path, key: accuracyColumn,
                "every accuracy is at most 1, which looks like fractions read as percent (MRA would come out 100 times too small): set data.accuracy_unit: fraction"
            )
        }
        var metrics: [String: [Double]] = [:]
        for name in metricColumns {
            let c = try csv.column(name, role: "metric")
            if !dropMissing, let r = (0..<csv.rowCount).first(where: { CSVTable.isMissing(csv[$0, c]) }) {
                let cell = CSVTable.trimmed(csv[r, c])
                throw InputError(
                    file: path, line: csv.lineOfRow[r], column: c + 1, key: name,
                    "missing value (\(cell.isEmpty ? "an empty cell" : "'\(cell)'")) of metric '\(name)': give every architecture a value, or set data.missing: drop to leave such architectures out of that metric"
                )
            }
            let v = try csv.numbers(column: c, allowMissing: true, missingTokens: true)
            for (r, x) in v.enumerated() where x < 0 {
                throw InputError(file: path, line: csv.lineOfRow[r], column: c + 1, key: name, "negative value \(x), expected a metric ≥ 0")
            }
            if v.allSatisfy({ $0.isNaN }) {
                throw InputError(file: path, key: name, "every value of metric '\(name)' is missing")
            }
            metrics[name] = v
        }
        let table = MetricTable(
            dataset: dataset, path: path, sha256: csv.sha256,
            ids: csv.strings(column: idC), archStrings: nil,
            accuracy: acc.map { $0 / scale }, metricNames: metricColumns, metrics: metrics)
        try table.checkIDsUnique(csv: csv, column: idC)
        return table
    }

    /// Refuses a table whose architecture ids repeat, naming both lines.
    /// - Complexity: O(rows); ids that are the row numbers (NB201's `arch_index`) need no table.
    func checkIDsUnique(csv: CSVTable, column: Int) throws {
        try Self.checkIDsUnique(ids, csv: csv, column: column)
    }

    /// - Throws: ``InputError`` at the file, line and column of the first id seen before.
    static func checkIDsUnique(_ ids: [String], csv: CSVTable, column: Int) throws {
        let path = csv.path
        if ids.indices.allSatisfy({ ids[$0] == String($0) }) { return }
        var seen: [String: Int] = [:]
        seen.reserveCapacity(ids.count)
        for (r, id) in ids.enumerated() {
            if let first = seen[id] {
                throw InputError(
                    file: path, line: csv.lineOfRow[r], column: column + 1, key: csv.header[column],
                    "duplicate architecture id '\(id)' (first on line \(csv.lineOfRow[first]))")
            }
            seen[id] = r
        }
    }
}
