// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The text of `hwnas-sim datasets`: the tables found, their metrics, rows and missing values.
public enum DatasetListing {
    public static func text(directory: String) throws -> String {
        var out = "data folder: \(directory)\n"
        var found = 0
        for dataset in MetricTable.nb201Datasets {
            let path = (directory as NSString).appendingPathComponent(MetricTable.nb201FileName(dataset))
            guard FileManager.default.fileExists(atPath: path) else {
                out += "\(MetricTable.nb201FileName(dataset)): not found\n"
                continue
            }
            let t = try MetricTable.loadNB201(dataset: dataset, directory: directory)
            found += 1
            out += "nb201 \(dataset): \(t.count) architectures, accuracy test_acc (200 epochs), \(t.metricNames.count) metrics\n"
            for m in t.metricNames {
                let missing = t.missingCount(m)
                out += "  \(m)\(missing > 0 ? " (\(missing) missing, left out)" : "")\n"
            }
        }
        if found == 0 {
            out += "no NB201 table found: run `make data` (copies them from ../shared/data), or use benchmark: synthetic\n"
        }
        out += "synthetic: built in, metrics \(SyntheticSpec.metricNames.joined(separator: ", "))\n"
        return out
    }
}
