// SPDX-License-Identifier: GPL-3.0-or-later
@testable import HWNASSim
import HWNASSimTestSupport

/// Independent small-matrix algebra for the predictor oracles (Gauss–Jordan elimination with
/// partial pivoting; no GSL).
enum Oracle {
    /// The solution of the n × n system A x = b (row-major A).
    static func solve(_ a: [Double], _ b: [Double]) -> [Double] {
        let n = b.count
        var m = a, x = b
        for col in 0..<n {
            let pivot = (col..<n).max { abs(m[$0 * n + col]) < abs(m[$1 * n + col]) }!
            if pivot != col {
                for j in 0..<n { m.swapAt(col * n + j, pivot * n + j) }
                x.swapAt(col, pivot)
            }
            let d = m[col * n + col]
            for j in 0..<n { m[col * n + j] /= d }
            x[col] /= d
            for r in 0..<n where r != col {
                let f = m[r * n + col]
                if f == 0 { continue }
                for j in 0..<n { m[r * n + j] -= f * m[col * n + j] }
                x[r] -= f * x[col]
            }
        }
        return x
    }

    /// Aᵀ A and Aᵀ y for the m × n row-major A.
    static func normalEquations(_ a: [Double], rows m: Int, columns n: Int, _ y: [Double]) -> ([Double], [Double]) {
        var ata = [Double](repeating: 0, count: n * n), aty = [Double](repeating: 0, count: n)
        for i in 0..<m {
            for j in 0..<n {
                aty[j] += a[i * n + j] * y[i]
                for k in 0..<n { ata[j * n + k] += a[i * n + j] * a[i * n + k] }
            }
        }
        return (ata, aty)
    }

    /// [1 X]: the design matrix with an intercept column.
    static func design(_ x: FeatureMatrix) -> [Double] {
        var out: [Double] = []
        for i in 0..<x.rows {
            out.append(1)
            out.append(contentsOf: x.row(i))
        }
        return out
    }

    static func randomMatrix(_ rows: Int, _ columns: Int, _ rng: inout SplitMix64) -> FeatureMatrix {
        FeatureMatrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in rng.unit() * 2 - 1 })
    }

    static func randomOneHot(_ rows: Int, _ rng: inout SplitMix64) -> (FeatureMatrix, [[Int]]) {
        let e = NB201OneHotEncoding()
        let ops = (0..<rows).map { _ in (0..<6).map { _ in rng.int(5) } }
        return (FeatureMatrix(ops.map { e.oneHot($0) }), ops)
    }

    static func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        return zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }
}
