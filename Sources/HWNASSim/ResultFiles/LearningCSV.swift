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
        return try (0..<table.rowCount).map { r in
            let f = SummaryReader.Fields(table: table, index: index, row: r)
            return LearningCurve.Row(dataset: try f.nonEmpty("dataset"), metric: try f.nonEmpty("metric"),
                                     predictor: try f.nonEmpty("predictor"), trainSamples: try f.integer("train_samples"),
                                     measure: try f.nonEmpty("measure"), summary: try f.summary())
        }
    }

    /// A printed table of mean Kendall tau (± half the 95 % interval): a block per pair, a
    /// row per predictor, a column per training size.
    public static func tauTable(_ rows: [LearningCurve.Row]) -> String {
        let tau = rows.filter { $0.measure == "kendall_tau" }
        var pairs: [String] = []
        for r in tau where !pairs.contains("\(r.dataset)/\(r.metric)") { pairs.append("\(r.dataset)/\(r.metric)") }
        var out = ""
        for pair in pairs {
            let mine = tau.filter { "\($0.dataset)/\($0.metric)" == pair }
            var predictors: [String] = []
            for r in mine where !predictors.contains(r.predictor) { predictors.append(r.predictor) }
            let sizes = Array(Set(mine.map(\.trainSamples))).sorted()
            out += "\(pair): Kendall tau (mean over the trials) by training samples\n"
            let width = max(12, (predictors.map(\.count).max() ?? 0) + 2)
            out += "predictor".padding(toLength: width, withPad: " ", startingAt: 0)
                + sizes.map { String($0).leftPadded(7) }.joined() + "\n"
            for p in predictors {
                var line = p.padding(toLength: width, withPad: " ", startingAt: 0)
                for s in sizes {
                    let cell = mine.first { $0.predictor == p && $0.trainSamples == s }
                    line += (cell.map { $0.summary.mean.isFinite ? Format.fixed($0.summary.mean, 3) : "-" } ?? "").leftPadded(7)
                }
                out += line + "\n"
            }
        }
        return out
    }
}

