// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// `learning.csv`: a row per pair × predictor × training size × measure (``LearningCurve/Row``).
public enum LearningCSV {
    /// The columns, in order.
    public static let columns = ["dataset", "metric", "predictor", "train_samples", "measure"] + statisticsColumns

    /// The CSV text of `rows`.
    public static func text(_ rows: [LearningCurve.Row]) -> String {
        Format.csv(header: columns, rows: rows.map { r in
            [r.dataset, r.metric, r.predictor, String(r.trainSamples), r.measure] + SummaryCSV.statistics(r.summary)
        })
    }

    /// Reads a `learning.csv` back.
    /// - Throws: ``InputError`` at the file, line and column of a missing column or a bad field.
    public static func read(path: String) throws -> [LearningCurve.Row] {
        let table = try CSVTable(contentsOf: path)
        guard table.header == columns else {
            throw InputError(file: path, line: 1, "expected the columns \(columns.joined(separator: ", ")), found \(table.header.joined(separator: ", "))")
        }
        let index = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        return try table.rows.indices.map { r in
            let f = SummaryReader.Fields(table: table, index: index, row: r)
            return LearningCurve.Row(dataset: try f.nonEmpty("dataset"), metric: try f.nonEmpty("metric"),
                                     predictor: try f.nonEmpty("predictor"), trainSamples: try f.integer("train_samples"),
                                     measure: try f.nonEmpty("measure"), summary: try f.summary())
        }
    }
}
