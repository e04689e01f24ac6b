// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The text of `hwnas-sim datasets`: the tables found, and for every metric its unit, rows,
/// distinct values and missing values.
public enum DatasetListing {
    public static func text(directory: String) throws -> String {
        let checked = try DataChecksums.of(directory: directory) != nil
        var out = "data folder: \(directory)\(checked ? " (bundled: every table checked against \(DataChecksums.fileName))" : "")\n"
        var found = 0
        for dataset in MetricTable.nb201Datasets {
            let path = (directory as NSString).appendingPathComponent(MetricTable.nb201FileName(dataset))
            guard FileManager.default.fileExists(atPath: path) else {
                out += "\(MetricTable.nb201FileName(dataset)): not found\n"
                continue
            }
            let t = try MetricTable.loadNB201(dataset: dataset, directory: directory, metrics: nil)
            found += 1
            let files = ([path] + t.joinedFiles.map(\.path)).map { ($0 as NSString).lastPathComponent }
            out +=
                "nb201 \(dataset): \(t.count) architectures, accuracy test_acc (200 epochs), \(t.metricNames.count) metrics (\(files.joined(separator: ", ")))\n"
            var rows = [("test_acc", t.accuracyAsWritten ?? t.accuracy.map { $0 * 100 })]
            for m in t.metricNames { rows.append((m, t.metrics[m]!)) }
            out += table(rows)
        }
        if found == 0 {
            out +=
                "no NB201 table found: point --data or $HWNAS_SIM_DATA at the folder holding them (the repository's Data/ has them), or use benchmark: synthetic\n"
        }
        if FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(FBNetTable.fileName)) {
            let f = try FBNetTable.load(directory: directory)
            out +=
                "fbnet: \(f.count) architectures, no accuracy (for predictor learning curves; not for selection or budget scenarios), \(f.metricNames.count) metrics (\(FBNetTable.fileName))\n"
            out += table(f.metricNames.map { ($0, f.metrics[$0]!) })
        } else {
            out += "\(FBNetTable.fileName): not found\n"
        }
        out += "synthetic: built in, metrics \(SyntheticSpec.metricNames.joined(separator: ", "))\n"
        return out
    }

    /// One line per metric: name, unit, rows, distinct and missing values.
    static func table(_ columns: [(name: String, values: [Double])]) -> String {
        let width = max(6, columns.map(\.name.count).max() ?? 0)
        func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, n - s.count))
            return right ? fill + s : s + fill
        }
        var out =
            "  " + pad("metric", width) + "  " + pad("unit", 8) + pad("rows", 7, right: true)
            + pad("distinct", 10, right: true) + pad("missing", 9, right: true) + "\n"
        for (name, values) in columns {
            let present = values.filter { !$0.isNaN }
            let missing = values.count - present.count
            out +=
                "  " + pad(name, width) + "  " + pad(NB201Metrics.unit(of: name), 8) + pad("\(values.count)", 7, right: true)
                + pad("\(Set(present).count)", 10, right: true) + pad("\(missing)", 9, right: true)
                + (missing > 0 ? " (left out of pairs)" : "") + "\n"
        }
        return out
    }
}
