// SPDX-License-Identifier: GPL-3.0-or-later

/// A dense matrix of features, one row per architecture, stored row-major.
public struct FeatureMatrix: Sendable, Equatable {
    /// Number of rows (architectures).
    public var rows: Int
    /// Number of columns (features).
    public var columns: Int
    /// The values, row after row (`rows × columns` of them).
    public var values: [Double]

    /// This matrix with `raw` (one value per row) appended as a last column, z-scored with its
    /// mean and population sd after a non-finite value gets the lowest finite one; 0 for a
    /// column without spread (a proxy as a feature beside the one-hot).
    /// - Complexity: O(rows × columns).
    func appendingStandardized(_ raw: [Double]) -> FeatureMatrix {
        let lowest = raw.filter(\.isFinite).min() ?? 0
        let score = raw.map { $0.isFinite ? $0 : lowest }
        let n = Double(max(score.count, 1))
        let mean = score.reduce(0, +) / n
        let sd = (score.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        let c = columns
        var out: [Double] = []
        out.reserveCapacity(rows * (c + 1))
        for i in 0..<rows {
            out.append(contentsOf: values[(i * c)..<((i + 1) * c)])
            out.append(sd > 0 ? (score[i] - mean) / sd : 0)
        }
        return FeatureMatrix(rows: rows, columns: c + 1, values: out)
    }

    /// A matrix over `values` (row-major, `rows × columns` values).
    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(
            rows >= 0 && columns >= 0 && values.count == rows * columns, "FeatureMatrix: \(values.count) values for \(rows) × \(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix with the given rows (each as long as the first; `columns` when there are none).
    public init(_ rowList: [[Double]], columns: Int? = nil) {
        let c = rowList.first?.count ?? columns ?? 0
        precondition(rowList.allSatisfy { $0.count == c }, "FeatureMatrix: ragged rows")
        self.init(rows: rowList.count, columns: c, values: rowList.flatMap { $0 })
    }

    /// The value at (`row`, `column`).
    @inlinable public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// Row `r` as an array.
    /// - Complexity: O(columns).
    public func row(_ r: Int) -> [Double] { Array(values[(r * columns)..<((r + 1) * columns)]) }

    /// The rows at `indices`, in that order.
    /// - Complexity: O(indices.count × columns).
    public func selecting(rows indices: [Int]) -> FeatureMatrix {
        var out = [Double]()
        out.reserveCapacity(indices.count * columns)
        for r in indices { out.append(contentsOf: values[(r * columns)..<((r + 1) * columns)]) }
        return FeatureMatrix(rows: indices.count, columns: columns, values: out)
    }

    /// Column `c` as an array.
    /// - Complexity: O(rows).
    public func column(_ c: Int) -> [Double] { (0..<rows).map { values[$0 * columns + c] } }
}
