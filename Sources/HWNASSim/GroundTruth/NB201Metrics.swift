// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The metrics of the NB201 tables: their names, units and the files they are read from.
///
/// Every NB201 dataset offers the ten HW-NAS-Bench columns of `nb201_<dataset>.csv`, HELP's 23
/// latencies (`nb201_help_latency.csv`) and the network's `flops` and `params`
/// (`nb201_cost.csv`), joined by `arch_index`. The two further files are read only when a
/// scenario names one of their metrics (or by `query` and `datasets`).
public enum NB201Metrics {
    /// The HW-NAS-Bench columns of `nb201_<dataset>.csv`, in file order.
    public static let hwNASBench = [
        "edgegpu_latency", "edgegpu_energy", "raspi4_latency", "edgetpu_latency", "pixel3_latency",
        "eyeriss_latency", "eyeriss_energy", "eyeriss_arithmetic_intensity", "fpga_latency", "fpga_energy"
    ]

    /// HELP's measured latencies, in file order: desktop GPUs at batch sizes 1, 32 and 256, Xeon
    /// CPUs, phones (whole milliseconds).
    public static let help =
        ["1080ti", "2080ti", "titanx", "titanxp", "titan_rtx"].flatMap { gpu in [1, 32, 256].map { "\(gpu)_\($0)_latency" } }
        + ["gold_6226", "gold_6240", "silver_4114", "silver_4210r", "pixel2", "samsung_a50", "samsung_s7", "essential_ph_1"].map {
            "\($0)_latency"
        }

    /// The network's cost: multiply-accumulates (MFLOPs) and parameters (millions).
    public static let cost = ["flops", "params"]

    /// Every metric a scenario can name on an NB201 dataset.
    public static let all = hwNASBench + help + cost

    /// The unit of a metric (or of `test_acc`), by its name; "" when not known.
    public static func unit(of metric: String) -> String {
        switch metric {
        case "test_acc": return "%"
        case "flops": return "MFLOPs"
        case "params": return "M"
        case "eyeriss_arithmetic_intensity": return "OPs/byte"
        default:
            if metric == "latency" || metric.hasSuffix("_latency") { return "ms" }
            if metric == "energy" || metric.hasSuffix("_energy") { return "mJ" }
            if metric.hasSuffix("_seconds") { return "s" }
            if metric == "val_accuracy" { return "%" }
            return ""
        }
    }
}

/// A further NB201 table joined into `nb201_<dataset>.csv` by `arch_index`.
enum NB201Extra: CaseIterable {
    /// `nb201_help_latency.csv`: HELP's 23 latencies (the same for every dataset).
    case help
    /// `nb201_cost.csv`: FLOPs and parameters, one pair of columns per dataset.
    case cost

    var fileName: String {
        switch self {
        case .help: "nb201_help_latency.csv"
        case .cost: "nb201_cost.csv"
        }
    }

    var metricNames: [String] {
        switch self {
        case .help: NB201Metrics.help
        case .cost: NB201Metrics.cost
        }
    }

    /// The file's column holding `metric` for `dataset`.
    func column(of metric: String, dataset: String) -> String {
        switch self {
        case .help: metric
        case .cost: "\(dataset)_\(metric)_M"
        }
    }
}

/// One file read into a table.
public struct TableFile: Sendable, Equatable {
    public var path: String
    public var sha256: String
    public var rows: Int
}

extension MetricTable {
    /// Joins the NB201 metrics of `needed` (all when nil) that live in further files of
    /// `directory` and are not loaded yet. With nil, a further file that is absent is skipped.
    /// - Throws: ``InputError`` when a needed file is absent, changed (bundled folder), or does
    ///   not match the table row for row.
    mutating func joinNB201Extras(_ needed: [String]?, directory: String) throws {
        let checksums = try DataChecksums.of(directory: directory)
        for extra in NB201Extra.allCases {
            let wanted = extra.metricNames.filter { unloadedMetrics.contains($0) && (needed?.contains($0) ?? true) }
            guard !wanted.isEmpty else { continue }
            let path = (directory as NSString).appendingPathComponent(extra.fileName)
            guard FileManager.default.fileExists(atPath: path) else {
                if needed == nil { continue }
                throw InputError(
                    file: path,
                    "ground-truth table not found: it holds \(wanted.joined(separator: ", ")); point --data or $HWNAS_SIM_DATA at a folder holding \(extra.fileName)"
                )
            }
            try join(path: path, checksums: checksums, columns: wanted.map { (extra.column(of: $0, dataset: dataset), $0) })
        }
    }

    /// Joins `columns` (file column, metric name) of the table at `path` by `arch_index`,
    /// checking `arch_str` where the file has one.
    /// - Complexity: O(rows of both tables).
    mutating func join(path: String, checksums: DataChecksums?, columns: [(column: String, metric: String)]) throws {
        let csv = try CSVTable(contentsOf: path, checksums: checksums)
        let idC = try csv.column("arch_index", role: "id column")
        // Row r of this table is row rowOf[r] of the file: the identity when the rows line up.
        var rowOf = Array(ids.indices)
        if csv.rowCount != ids.count || !ids.indices.allSatisfy({ csv.field($0, idC, equals: ids[$0]) }) {
            var fileRow: [String: Int] = [:]
            for r in 0..<csv.rowCount {
                if let first = fileRow.updateValue(r, forKey: csv[r, idC]) {
                    throw InputError(
                        file: path, line: csv.lineOfRow[r], column: idC + 1, key: "arch_index",
                        "duplicate architecture id '\(csv[r, idC])' (first on line \(csv.lineOfRow[first]))")
                }
            }
            for (r, id) in ids.enumerated() {
                guard let f = fileRow[id] else {
                    throw InputError(file: path, key: "arch_index", "architecture \(id) of \(self.path ?? dataset) has no row here")
                }
                rowOf[r] = f
            }
        }
        if let strC = csv.header.firstIndex(of: "arch_str"), let archStrings {
            for (r, f) in rowOf.enumerated() where !csv.field(f, strC, equals: archStrings[r]) {
                throw InputError(
                    file: path, line: csv.lineOfRow[f], column: strC + 1, key: "arch_str",
                    "architecture \(ids[r]) is '\(csv[f, strC])' here but '\(archStrings[r])' in \(self.path ?? dataset)")
            }
        }
        let fileIndex = joinedFiles.count
        let values = try csv.numbers(columns: columns.map { try csv.column($0.column, role: "metric") }, allowMissing: true)
        for ((_, metric), values) in zip(columns, values) {
            metrics[metric] = rowOf.map { values[$0] }
            metricNames.append(metric)
            joinedMetricFile[metric] = fileIndex
        }
        unloadedMetrics.removeAll { name in columns.contains { $0.metric == name } }
        joinedFiles.append(TableFile(path: path, sha256: csv.sha256 ?? "", rows: csv.rowCount))
    }

    /// The checksum of the data behind `metrics`: the table file's SHA-256, followed (after
    /// `+`) by that of each joined file one of them comes from; nil for generated tables.
    public func checksum(covering metrics: [String]) -> String? {
        guard let sha256 else { return nil }
        let files = Set(metrics.compactMap { joinedMetricFile[$0] }).sorted()
        return ([sha256] + files.map { joinedFiles[$0].sha256 }).joined(separator: "+")
    }
}
