// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Dense linear algebra on row-major `[Double]` buffers through GSL and OpenBLAS: a thin SVD
/// (LAPACK), the minimum-norm least-squares solution, Cholesky factor and solve, and BLAS
/// matrix products.
///
/// Inputs are checked here or by the callers; GSL's error handler is off (``GSL/start()``),
/// and a GSL failure status comes back as a Swift value.
enum DenseLinearAlgebra {
    /// A thin singular value decomposition A = U diag(s) Vᵀ of an m × n matrix, r = min(m, n).
    struct SVD {
        /// m × r, row-major.
        var u: [Double]
        /// r singular values, descending.
        var s: [Double]
        /// n × r, row-major.
        var v: [Double]
        var m: Int, n: Int
        var r: Int { s.count }
    }

    /// Calls `body` with a GSL matrix view of `buffer` (row-major `rows × columns`).
    @inline(__always)
    static func withMatrix<R>(
        _ buffer: UnsafeMutablePointer<Double>, _ rows: Int, _ columns: Int,
        _ body: (UnsafeMutablePointer<gsl_matrix>) -> R
    ) -> R {
        var view = gsl_matrix_view_array(buffer, rows, columns)
        return withUnsafeMutablePointer(to: &view.matrix) { body($0) }
    }

    /// Calls `body` with a GSL vector view of `buffer` (`count` values).
    @inline(__always)
    static func withVector<R>(
        _ buffer: UnsafeMutablePointer<Double>, _ count: Int,
        _ body: (UnsafeMutablePointer<gsl_vector>) -> R
    ) -> R {
        var view = gsl_vector_view_array(buffer, count)
        return withUnsafeMutablePointer(to: &view.vector) { body($0) }
    }

    /// The thin SVD of the m × n row-major `a`: LAPACK's `dgesdd` (divide and conquer, from
    /// OpenBLAS). A row-major m × n matrix is the column-major n × m Aᵀ = V S Uᵀ, so LAPACK's
    /// `vt` of Aᵀ is U row-major as it stands, and its `u` is V column-major (transposed here).
    /// Nil if LAPACK reports a failure.
    /// - Complexity: O(m n min(m, n)).
    static func svd(_ a: [Double], rows m: Int, columns n: Int) -> SVD? {
        precondition(m >= 1 && n >= 1 && a.count == m * n)
        GSL.start()
        let r = min(m, n)
        var t = a  // Aᵀ, column-major n × m
        var s = [Double](repeating: 0, count: r)
        var vColumns = [Double](repeating: 0, count: n * r)  // V, column-major n × r
        var u = [Double](repeating: 0, count: r * m)  // Uᵀ column-major r × m = U row-major m × r
        var iwork = [Int32](repeating: 0, count: 8 * r)
        var size = 0.0
        let query = hwnas_lapack_svd(Int32(n), Int32(m), &t, &s, &vColumns, &u, &size, -1, &iwork)
        guard query == 0 else { return nil }
        var work = [Double](repeating: 0, count: max(1, Int(size)))
        let info = hwnas_lapack_svd(Int32(n), Int32(m), &t, &s, &vColumns, &u, &work, Int32(work.count), &iwork)
        guard info == 0, s.allSatisfy(\.isFinite) else { return nil }
        var v = [Double](repeating: 0, count: n * r)
        for k in 0..<r { for j in 0..<n { v[j * r + k] = vColumns[k * n + j] } }
        return SVD(u: u, s: s, v: v, m: m, n: n)
    }

    /// The Gram matrix of the row-major n × p `x`: XᵀX (p × p) when `features`, else XXᵀ
    /// (n × n), through BLAS `dsyrk`; only the upper triangle (row-major) is filled.
    /// - Complexity: O(n p min(n, p)).
    static func gram(_ x: [Double], rows n: Int, columns p: Int, features: Bool) -> [Double] {
        precondition(x.count == n * p && n >= 1 && p >= 1)
        let size = features ? p : n
        var g = [Double](repeating: 0, count: size * size)
        x.withUnsafeBufferPointer { xp in
            g.withUnsafeMutableBufferPointer { gp in
                cblas_dsyrk(
                    CblasRowMajor, CblasUpper, features ? CblasTrans : CblasNoTrans, Int32(size), Int32(features ? n : p),
                    1, xp.baseAddress, Int32(p), 0, gp.baseAddress, Int32(size))
            }
        }
        return g
    }

    /// The eigenvalues, descending, and eigenvectors of the symmetric n × n `a` whose upper
    /// triangle (row-major) is filled: LAPACK's `dsyevd`. `vectors[k * n + j]` is component j
    /// of the k-th eigenvector. Nil if LAPACK reports a failure.
    /// - Complexity: O(n³).
    static func symmetricEigen(_ a: [Double], _ n: Int) -> (values: [Double], vectors: [Double])? {
        precondition(a.count == n * n && n >= 1)
        GSL.start()
        var m = a  // row-major upper = column-major lower
        var w = [Double](repeating: 0, count: n)
        var size = 0.0
        var isize: Int32 = 0
        guard hwnas_lapack_symmetric_eigen(Int32(n), &m, &w, &size, -1, &isize, -1) == 0 else { return nil }
        var work = [Double](repeating: 0, count: max(1, Int(size)))
        var iwork = [Int32](repeating: 0, count: max(1, Int(isize)))
        let info = hwnas_lapack_symmetric_eigen(Int32(n), &m, &w, &work, Int32(work.count), &iwork, Int32(iwork.count))
        guard info == 0, w.allSatisfy(\.isFinite) else { return nil }
        // Column k of the column-major result is eigenvector k: row k as stored. Reverse to descending.
        var vectors = [Double](repeating: 0, count: n * n)
        for k in 0..<n { for j in 0..<n { vectors[k * n + j] = m[(n - 1 - k) * n + j] } }
        return (w.reversed(), vectors)
    }

    /// The minimum-norm least-squares solution of A c ≈ y (the pseudo-inverse A⁺ y): singular
    /// values at most max(m, n) · ε · s_max count as zero, as numpy's `lstsq`/`pinv` do.
    /// - Returns: the n coefficients and the numerical rank, nil if the SVD failed.
    /// - Complexity: O(m n min(m, n)).
    static func minimumNormSolve(_ a: [Double], rows m: Int, columns n: Int, _ y: [Double]) -> (c: [Double], rank: Int)? {
        precondition(y.count == m)
        guard let d = svd(a, rows: m, columns: n) else { return nil }
        let r = d.r
        let tol = Double(max(m, n)) * Double.ulpOfOne * (d.s.first ?? 0)
        var w = [Double](repeating: 0, count: r)
        var rank = 0
        for k in 0..<r where d.s[k] > tol {
            var dot = 0.0
            for i in 0..<m { dot += d.u[i * r + k] * y[i] }
            w[k] = dot / d.s[k]
            rank += 1
        }
        var c = [Double](repeating: 0, count: n)
        for j in 0..<n {
            var sum = 0.0
            for k in 0..<r { sum += d.v[j * r + k] * w[k] }
            c[j] = sum
        }
        return (c, rank)
    }

    /// Replaces the symmetric positive-definite n × n `a` by its Cholesky factor
    /// (`gsl_linalg_cholesky_decomp1`: L in the lower triangle, Lᵀ in the upper).
    /// - Returns: false when `a` is not (numerically) positive definite.
    /// - Complexity: O(n³ / 3).
    static func choleskyInPlace(_ a: inout [Double], _ n: Int) -> Bool {
        precondition(a.count == n * n && n >= 1)
        GSL.start()
        let status = a.withUnsafeMutableBufferPointer { p in
            withMatrix(p.baseAddress!, n, n) { gsl_linalg_cholesky_decomp1($0) }
        }
        return status == GSL_SUCCESS
    }

    /// Solves (L Lᵀ) x = b in place with a factor from ``choleskyInPlace(_:_:)``.
    /// - Complexity: O(n²).
    static func choleskySolve(_ factor: inout [Double], _ n: Int, _ b: inout [Double]) {
        precondition(b.count == n)
        _ = factor.withUnsafeMutableBufferPointer { f in
            b.withUnsafeMutableBufferPointer { bp in
                withMatrix(f.baseAddress!, n, n) { L in
                    withVector(bp.baseAddress!, n) { gsl_linalg_cholesky_svx(L, $0) }
                }
            }
        }
    }

    /// C = α op(A) op(B) + β C with `gsl_blas_dgemm`; A is `aRows × aColumns` as stored
    /// (before `transA`), likewise B; C is `cRows × cColumns`.
    /// - Complexity: O(cRows × cColumns × inner dimension).
    @inline(__always)
    static func gemm(
        _ transA: Bool, _ transB: Bool, _ alpha: Double,
        _ a: UnsafeMutablePointer<Double>, _ aRows: Int, _ aColumns: Int,
        _ b: UnsafeMutablePointer<Double>, _ bRows: Int, _ bColumns: Int,
        _ beta: Double, _ c: UnsafeMutablePointer<Double>, _ cRows: Int, _ cColumns: Int
    ) {
        withMatrix(a, aRows, aColumns) { A in
            withMatrix(b, bRows, bColumns) { B in
                withMatrix(c, cRows, cColumns) { C in
                    _ = gsl_blas_dgemm(transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, alpha, A, B, beta, C)
                }
            }
        }
    }
}
