// SPDX-License-Identifier: GPL-3.0-or-later

/// `learning.csv`: a row per pair × predictor × training size × measure (``LearningCurve/Row``).
public enum LearningFile {
    /// The assembled file's name.
    public static let name = "learning.csv"

    /// The columns, in order.
    static let columns = CSVColumns(["dataset", "metric", "predictor", "train_samples", "measure"] + statisticsColumns)

    /// The CSV text of `rows`.
    static func text(_ rows: [LearningCurve.Row]) -> String {
        columns.csv(rows) { r, row in
            row["dataset"] = r.dataset
            row["metric"] = r.metric
            row["predictor"] = r.predictor
            row["train_samples"] = String(r.trainSamples)
            row["measure"] = r.measure
            SummaryFile.fill(&row, statistics: r.summary)
        }
    }

    /// Reads a `learning.csv` back.
    /// - Throws: ``InputError`` at the file, line and column of a missing column or a bad field.
    public static func read(path: String) throws -> [LearningCurve.Row] {
        let table = try columns.table(path: path)
        return try table.rows.indices.map { r in
            let f = columns.fields(table, row: r)
            return LearningCurve.Row(
                dataset: try f.nonEmpty("dataset"), metric: try f.nonEmpty("metric"),
                predictor: try f.nonEmpty("predictor"), trainSamples: try f.integer("train_samples"),
                measure: try f.nonEmpty("measure"), summary: try f.summary())
        }
    }
}
