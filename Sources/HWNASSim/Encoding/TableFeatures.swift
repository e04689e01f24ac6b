// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The features a user table (`benchmark: csv`) gives its trained predictors, one row per
/// table row: its numeric `data.features` columns (standardised from each fit's training rows
/// unless `data.standardize: false`), or its `data.arch_column` read with `data.encoding`.
/// Learning curves, budgets and trained noise studies read them alike.
struct TableFeatures {
    /// One row per table row.
    var matrix: FeatureMatrix
    /// The one-hot encoding behind ``matrix``; nil for numeric feature columns.
    var encoding: (any OneHotEncoding)?
    /// Whether models z-score the columns from their training rows.
    var standardize: Bool
    /// Warnings about the columns (one value in every row), with file and key.
    var warnings: [InputError] = []

    /// Reads the features `c` names from `csv`; nil when it names none.
    /// - Throws: ``InputError`` at `data.features[j]` or `data.arch_column` for a missing
    ///   column, at the file, line and column of a missing or non-numeric feature cell (which
    ///   `data.missing: drop` does not cover), or of a string the encoding does not read.
    /// - Complexity: O(rows × features).
    static func read(_ c: CSVSource, csv: CSVTable) throws -> TableFeatures? {
        if let names = c.featureColumns {
            var cols: [[Double]] = []
            for (j, name) in names.enumerated() {
                let col = try column(name, of: csv, file: c.file, key: "data.features[\(j)]")
                do { cols.append(try csv.numbers(column: col, allowMissing: false)) } catch var e as InputError
                    where e.message.hasPrefix("empty cell")
                {
                    e.message += " (a feature column needs a value in every row: data.missing: drop covers metric columns only)"
                    throw e
                }
            }
            let matrix = FeatureColumns.interleave(cols, rows: csv.rowCount)
            let warnings = FeatureStandardization.constantColumns(matrix).map { j in
                InputError(
                    file: c.file, key: "data.features[\(j)]",
                    "feature column '\(names[j])' holds one value (\(Format.number(cols[j].first ?? .nan))) in every row: it tells the models nothing"
                )
            }
            return TableFeatures(matrix: matrix, encoding: nil, standardize: c.standardizeFeatures, warnings: warnings)
        }
        guard let arch = c.archColumn else { return nil }
        let a = try column(arch, of: csv, file: c.file, key: "data.arch_column")
        let e = try Encodings.named(c.encoding ?? "nb201")
        let matrix = try e.matrix(
            (0..<csv.rowCount).map { CSVTable.trimmed(csv[$0, a]) }, file: csv.path, lines: csv.lineOfRow, key: csv.header[a])
        return TableFeatures(matrix: matrix, encoding: e, standardize: false)
    }

    /// The index of column `name` of `csv`, or an error at `key` naming the columns there are.
    static func column(_ name: String, of csv: CSVTable, file: String, key: String) throws -> Int {
        guard let col = csv.header.firstIndex(of: name) else {
            throw InputError(
                key: key,
                "\((file as NSString).lastPathComponent) has no column '\(name)'\(Suggest.hint(for: name, in: csv.header)); it has: \(csv.header.joined(separator: ", "))"
            )
        }
        return col
    }
}
