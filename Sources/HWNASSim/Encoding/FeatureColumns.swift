// SPDX-License-Identifier: GPL-3.0-or-later

/// Numeric columns of a table used directly as features (`data.features: [columns]`).
public enum FeatureColumns {
    /// The feature matrix made of `columns` of `csv`, in that order.
    /// - Throws: ``InputError`` at the file and line of a missing, empty or non-numeric cell, or
    ///   naming `key` for a missing column or an empty list.
    /// - Complexity: O(rows × columns).
    public static func matrix(_ csv: CSVTable, columns: [String], key: String = "data.features") throws -> FeatureMatrix {
        guard !columns.isEmpty else {
            throw InputError(file: csv.path, key: key, "no feature columns, expected a list of numeric column names")
        }
        var cols: [[Double]] = []
        for name in columns {
            let c = try csv.column(name, role: key)
            cols.append(try csv.numbers(column: c, allowMissing: false))
        }
        return interleave(cols, rows: csv.rowCount)
    }

    /// The feature matrix made of metric `columns` of `table` (for `transfer`: other devices'
    /// values of the same architectures); NaN (missing) values are kept, for the caller to
    /// leave those rows out.
    /// - Throws: ``InputError`` at `key` for a column the table does not have.
    public static func matrix(_ table: MetricTable, columns: [String], key: String = "source") throws -> FeatureMatrix {
        guard !columns.isEmpty else { throw InputError(file: table.path, key: key, "no source columns, expected a list of metric names") }
        let cols = try columns.map { try table.values(of: $0, key: key) }
        return interleave(cols, rows: table.count)
    }

    static func interleave(_ cols: [[Double]], rows: Int) -> FeatureMatrix {
        var values = [Double](repeating: 0, count: rows * cols.count)
        for (j, col) in cols.enumerated() {
            for i in 0..<rows { values[i * cols.count + j] = col[i] }
        }
        return FeatureMatrix(rows: rows, columns: cols.count, values: values)
    }
}
