// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A zero-cost proxy of NB201 architectures (an estimate of accuracy that needs no training),
/// aligned to the rows of one dataset's table: a score per architecture, NaN where the source
/// has none, and the seconds each score cost where the source records them.
///
/// Proxies belong to the architecture, so each can be paired with every NB201 dataset:
/// - `naswot_score` (`nb201_naswot_cifar10.csv`): every architecture but the 341 disconnected
///   ones, computed on CIFAR-10 images (``note`` says so on the other datasets);
/// - the NAS-Bench-Suite-Zero proxies (`nb201_zc_subset.csv`): the dataset's own scores on
///   about 725 architectures;
/// - `flops`, `params` (`nb201_cost.csv`): every architecture, the dataset's own network.
///
/// Loaded only when a scenario or `query` names one.
public struct ProxyColumn: Sendable {
    /// The proxy's name (the column or Suite-Zero proxy).
    public var name: String
    /// The NB201 dataset whose table rows the scores follow.
    public var dataset: String
    /// One score per table row; NaN where the proxy has none. Higher = predicted better
    /// (except Suite-Zero's `plain`, which correlates negatively).
    public var scores: [Double]
    /// Seconds the source spent on each score (Suite-Zero only), NaN where not recorded.
    public var seconds: [Double]?
    /// The file the scores were read from, for input hashes.
    public var file: TableFile
    /// A note for the user when the scores were computed on another dataset's images.
    public var note: String?

    /// The number of architectures with a score.
    public var covered: Int { scores.count { !$0.isNaN } }

    /// The file holding the NASWOT score.
    public static let naswotFile = "nb201_naswot_cifar10.csv"
    /// The long-format NAS-Bench-Suite-Zero file.
    public static let suiteZeroFile = "nb201_zc_subset.csv"
    /// The NASWOT column.
    public static let naswot = "naswot_score"
    /// NAS-Bench-Suite-Zero's proxies (and NASLib's validation accuracy), by name.
    public static let suiteZero = [
        "epe_nas", "fisher", "grad_norm", "grasp", "jacov", "l2_norm", "nwot", "plain", "snip", "synflow", "val_accuracy"
    ]
    /// Every proxy name a scenario can give (`flops` and `params` from `nb201_cost.csv`).
    public static let names = [naswot] + suiteZero + NB201Metrics.cost

    /// The proxy `name` for the rows of `table` (an NB201 table: ids are `arch_index`), read
    /// from `directory`; `flops` and `params` are joined into the table when not loaded yet.
    /// - Throws: ``InputError`` at `key` for an unknown name (with a did-you-mean hint), a
    ///   missing or changed file, a score that is not a number.
    /// - Complexity: O(rows of the proxy's file).
    public static func load(_ name: String, table: inout MetricTable, directory: String, key: String) throws -> ProxyColumn {
        let checksums = try DataChecksums.of(directory: directory)
        if NB201Metrics.cost.contains(name) {
            try table.joinNB201Extras([name], directory: directory)
            let values = try table.values(of: name, key: key)
            let file =
                table.joinedMetricFile[name].map { table.joinedFiles[$0] }
                ?? TableFile(path: table.path ?? "", sha256: table.sha256 ?? "", rows: table.count)
            return ProxyColumn(name: name, dataset: table.dataset, scores: values, seconds: nil, file: file)
        }
        return try load(name, dataset: table.dataset, ids: table.ids, directory: directory, checksums: checksums, key: key)
    }

    /// The proxy `name` (not `flops` or `params`) for architectures `ids` (`arch_index`) of NB201
    /// `dataset`, read from `directory`.
    /// - Throws: ``InputError`` at `key` as ``load(_:table:directory:key:)``.
    static func load(
        _ name: String, dataset: String, ids: [String], directory: String, checksums: DataChecksums?, key: String
    ) throws -> ProxyColumn {
        guard names.contains(name), !NB201Metrics.cost.contains(name) else {
            throw InputError(
                key: key, "unknown proxy '\(name)'\(Suggest.hint(for: name, in: names)); expected one of \(names.joined(separator: ", "))")
        }
        let rowOf = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        if name == naswot {
            let csv = try open(naswotFile, directory: directory, checksums: checksums, key: key)
            let id = try csv.column("arch_index", role: "arch_index")
            let values = try csv.numbers(column: try csv.column(naswot, role: naswot), allowMissing: true)
            var scores = [Double](repeating: .nan, count: ids.count)
            for r in 0..<csv.rowCount { if let row = rowOf[csv[r, id]] { scores[row] = values[r] } }
            let note =
                dataset == "cifar10"
                ? nil
                : "naswot_score was computed on CIFAR-10 images; it is used here as the architecture's proxy on \(dataset)"
            return ProxyColumn(
                name: name, dataset: dataset, scores: scores, seconds: nil,
                file: TableFile(path: csv.path, sha256: csv.sha256 ?? "", rows: csv.rowCount), note: note)
        }
        return try suiteZero([name], dataset: dataset, ids: ids, directory: directory, checksums: checksums, key: key)[0]
    }

    /// The Suite-Zero proxies `names` for architectures `ids` of `dataset`, in one pass over
    /// `nb201_zc_subset.csv`.
    /// - Complexity: O(rows of the file).
    static func suiteZero(
        _ names: [String], dataset: String, ids: [String], directory: String, checksums: DataChecksums?, key: String
    ) throws -> [ProxyColumn] {
        let rowOf = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let csv = try open(suiteZeroFile, directory: directory, checksums: checksums, key: key)
        let c = try ["dataset", "arch_index", "proxy", "score", "seconds"].map { try csv.column($0, role: $0) }
        var scores = [[Double]](repeating: [Double](repeating: .nan, count: ids.count), count: names.count)
        var seconds = scores
        for r in 0..<csv.rowCount where csv.field(r, c[0], equals: dataset) {
            guard let row = rowOf[csv[r, c[1]]], let k = names.firstIndex(where: { csv.field(r, c[2], equals: $0) }) else { continue }
            scores[k][row] = try number(csv, r, c[3])
            seconds[k][row] = try number(csv, r, c[4])
        }
        let file = TableFile(path: csv.path, sha256: csv.sha256 ?? "", rows: csv.rowCount)
        return names.indices.map { ProxyColumn(name: names[$0], dataset: dataset, scores: scores[$0], seconds: seconds[$0], file: file) }
    }

    /// Row `r`, column `c` of `csv` as a number; NaN when empty.
    /// - Throws: ``InputError`` at the field when it is not a finite number.
    static func number(_ csv: CSVTable, _ r: Int, _ c: Int) throws -> Double {
        let text = CSVTable.trimmed(csv[r, c])
        if text.isEmpty { return .nan }
        guard let v = Double(text), v.isFinite else {
            throw InputError(file: csv.path, line: csv.lineOfRow[r], column: c + 1, key: csv.header[c], "'\(text)' is not a finite number")
        }
        return v
    }

    /// The bundled proxy file `fileName` of `directory`, checked against its checksum.
    static func open(_ fileName: String, directory: String, checksums: DataChecksums?, key: String) throws -> CSVTable {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(
                file: path, key: key,
                "proxy table not found: point --data or $HWNAS_SIM_DATA at a folder holding \(fileName) (the repository's Data/ has it)")
        }
        return try CSVTable(contentsOf: path, checksums: checksums)
    }
}
