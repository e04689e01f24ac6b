// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// HELP's sample of 5,000 FBNet architectures (`fbnet_help_latency.csv`): 22 block choices
/// each and 27 device latencies (ms), no accuracy.
///
/// For predictor learning curves and noise calibration; a selection or budget scenario needs
/// an accuracy and is refused on it.
public struct FBNetTable: Sendable {
    /// The file name in a data folder.
    public static let fileName = "fbnet_help_latency.csv"
    /// The block choices, by index (0…8).
    public static let operations = ["k3_e1", "k3_e1_g2", "k3_e3", "k3_e6", "k5_e1", "k5_e1_g2", "k5_e3", "k5_e6", "skip"]
    /// Blocks per architecture.
    public static let blocks = 22

    public var path: String
    public var sha256: String
    /// `fbnet_index` of each row.
    public var ids: [String]
    /// The 22 block choices of each architecture, as indices into ``operations``.
    public var ops: [[UInt8]]
    /// Latency names, in file order.
    public var metricNames: [String]
    /// Latencies by name, ms.
    public var metrics: [String: [Double]]

    public var count: Int { ids.count }

    /// The block choices of row `r` by name, joined by `-` (the file's `arch_ops`).
    public func archString(_ r: Int) -> String { ops[r].map { Self.operations[Int($0)] }.joined(separator: "-") }

    /// The block choices of row `r` by index, joined by `-` (the file's `op_idx_list`).
    public func opIndexList(_ r: Int) -> String { ops[r].map(String.init).joined(separator: "-") }

    /// The 22 block choices of `text`: indices 0…8 or names, joined by `-`; nil otherwise.
    public static func parseOps(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == blocks else { return nil }
        var out: [UInt8] = []
        for p in parts {
            if let i = UInt8(p), Int(i) < operations.count {
                out.append(i)
            } else if let i = operations.firstIndex(of: String(p)) {
                out.append(UInt8(i))
            } else {
                return nil
            }
        }
        return out
    }

    /// Reads `fbnet_help_latency.csv` from `directory`, checked against the folder's
    /// `SHA256SUMS` when it has one.
    /// - Throws: ``InputError`` naming the file, line and column of what is wrong.
    public static func load(directory: String) throws -> FBNetTable {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(
                file: path,
                "ground-truth table not found: point --data or $HWNAS_SIM_DATA at the folder holding \(fileName) (the repository's Data/ has it)"
            )
        }
        let csv = try CSVTable(contentsOf: path, checksums: try DataChecksums.of(directory: directory))
        let idC = try csv.column("fbnet_index", role: "id column")
        let opsC = try csv.column("op_idx_list", role: "arch column")
        let namesC = csv.header.firstIndex(of: "arch_ops")
        var ops: [[UInt8]] = []
        ops.reserveCapacity(csv.rowCount)
        for r in 0..<csv.rowCount {
            guard let o = parseOps(csv[r, opsC]), !o.isEmpty else {
                throw InputError(
                    file: path, line: csv.lineOfRow[r], column: opsC + 1, key: "op_idx_list",
                    "'\(csv[r, opsC])' is not \(blocks) block choices 0…\(operations.count - 1) joined by '-'")
            }
            if let namesC, parseOps(csv[r, namesC]) != o {
                throw InputError(
                    file: path, line: csv.lineOfRow[r], column: namesC + 1, key: "arch_ops",
                    "'\(csv[r, namesC])' does not name the choices of op_idx_list '\(csv[r, opsC])'")
            }
            ops.append(o)
        }
        let metricColumns = csv.header.indices.filter { ![idC, opsC, namesC].contains($0) }
        let metricNames = metricColumns.map { csv.header[$0] }
        let metrics = Dictionary(uniqueKeysWithValues: zip(metricNames, try csv.numbers(columns: metricColumns, allowMissing: true)))
        let table = FBNetTable(
            path: path, sha256: csv.sha256 ?? "", ids: csv.strings(column: idC), ops: ops,
            metricNames: metricNames, metrics: metrics)
        var seen: [String: Int] = [:]
        for (r, id) in table.ids.enumerated() {
            if let first = seen.updateValue(r, forKey: id) {
                throw InputError(
                    file: path, line: csv.lineOfRow[r], column: idC + 1, key: "fbnet_index",
                    "duplicate architecture id '\(id)' (first on line \(csv.lineOfRow[first]))")
            }
        }
        return table
    }
}
