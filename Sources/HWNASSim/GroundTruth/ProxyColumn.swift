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
            let file = table.joinedMetricFile[name].map { table.joinedFiles[$0] } ?? TableFile(path: table.path ?? "", sha256: table.sha256 ?? "", rows: table.count)
            return ProxyColumn(name: name, dataset: table.dataset, scores: values, seconds: nil, file: file)
        }
        guard names.contains(name) else {
            throw InputError(
                key: key, "unknown proxy '\(name)'\(Suggest.hint(for: name, in: names)); expected one of \(names.joined(separator: ", "))")
        }
        let rowOf = Dictionary(table.ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        if name == naswot {
            let csv = try open(naswotFile, directory: directory, checksums: checksums, key: key)
            let id = try csv.column("arch_index", role: "arch_index")
            let values = try csv.numbers(column: try csv.column(naswot, role: naswot), allowMissing: true)
            var scores = [Double](repeating: .nan, count: table.count)
            for r in 0..<csv.rowCount { if let row = rowOf[csv[r, id]] { scores[row] = values[r] } }
            let note =
                table.dataset == "cifar10"
                ? nil
                : "naswot_score was computed on CIFAR-10 images; it is used here as the architecture's proxy on \(table.dataset)"
            return ProxyColumn(
                name: name, dataset: table.dataset, scores: scores, seconds: nil,
                file: TableFile(path: csv.path, sha256: csv.sha256 ?? "", rows: csv.rowCount), note: note)
        }
        let csv = try open(suiteZeroFile, directory: directory, checksums: checksums, key: key)
        let columns = try ["dataset", "arch_index", "proxy", "score", "seconds"].map { try csv.column($0, role: $0) }
        let values = try csv.numbers(columns: [columns[3], columns[4]], allowMissing: true)
        var scores = [Double](repeating: .nan, count: table.count)
        var seconds = scores
        for r in 0..<csv.rowCount where csv.field(r, columns[0], equals: table.dataset) && csv.field(r, columns[2], equals: name) {
            guard let row = rowOf[csv[r, columns[1]]] else { continue }
            scores[row] = values[0][r]
            seconds[row] = values[1][r]
        }
        return ProxyColumn(
            name: name, dataset: table.dataset, scores: scores, seconds: seconds,
            file: TableFile(path: csv.path, sha256: csv.sha256 ?? "", rows: csv.rowCount))
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
