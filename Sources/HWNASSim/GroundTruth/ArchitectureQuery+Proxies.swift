// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

extension ArchitectureQuery {
    /// Adds the zero-cost proxies of NB201 row `r` to ``columns``, read from `directory` only
    /// now (a query of one architecture): `naswot_score` (computed on CIFAR-10 images, shown on
    /// every dataset; missing for disconnected cells), then, for an architecture of the
    /// NAS-Bench-Suite-Zero subset, each of its proxies on this dataset and `<proxy>_seconds`,
    /// what computing it cost. `flops` and `params` are metrics already.
    /// - Throws: ``InputError`` for a missing or changed proxy table.
    /// - Complexity: O(rows of the proxy tables).
    mutating func addProxies(row r: Int, directory: String) throws {
        guard benchmark == .nb201 else { return }
        let checksums = try DataChecksums.of(directory: directory)
        let id = [ids[r]]
        let naswot = try ProxyColumn.load(
            ProxyColumn.naswot, dataset: dataset, ids: id, directory: directory, checksums: checksums, key: "--arch")
        var added = [(name: ProxyColumn.naswot, value: naswot.scores[0])]
        let suiteZero = try ProxyColumn.suiteZero(
            ProxyColumn.suiteZero, dataset: dataset, ids: id, directory: directory, checksums: checksums, key: "--arch")
        for p in suiteZero {
            let name = p.name
            let seconds = p.seconds?[0] ?? .nan
            guard !p.scores[0].isNaN || !seconds.isNaN else { continue }  // not in the subset
            added.append((name, p.scores[0]))
            if name != "val_accuracy" { added.append((name + "_seconds", seconds)) }
        }
        for (name, value) in added {
            var values = [Double](repeating: .nan, count: count)
            values[r] = value
            columns.append((name, values))
        }
    }
}
