// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// One-time set-up of the GNU Scientific Library.
public enum GSL {
    private static let started: Bool = {
        hwnas_gsl_disable_error_handler()
        hwnas_blas_single_thread()
        return true
    }()

    /// Turns GSL's abort-on-error handler off and holds BLAS to one thread (idempotent,
    /// thread-safe). Every GSL call's inputs are checked in Swift before the call.
    public static func start() { _ = started }

    /// The standard normal quantile Φ⁻¹(p) for p in (0, 1).
    static func normalQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "normal quantile needs p in (0, 1)")
        return gsl_cdf_ugaussian_Pinv(p)
    }

    /// The standard normal distribution function Φ(x).
    static func normalCDF(_ x: Double) -> Double { gsl_cdf_ugaussian_P(x) }

    /// The Student t quantile for `p` with `dof` degrees of freedom (dof ≥ 1).
    static func tQuantile(_ p: Double, dof: Int) -> Double {
        precondition(dof >= 1 && p > 0 && p < 1)
        return gsl_cdf_tdist_Pinv(p, Double(dof))
    }

    /// The quantile `f` in [0, 1] of ascending `sorted` (non-empty), GSL's
    /// `gsl_stats_quantile_from_sorted_data`: with δ = (n − 1)f and i = ⌊δ⌋,
    /// (1 − (δ − i)) · sorted[i] + (δ − i) · sorted[i + 1].
    static func quantileFromSorted(_ sorted: [Double], _ f: Double) -> Double {
        precondition(!sorted.isEmpty && f >= 0 && f <= 1)
        return sorted.withUnsafeBufferPointer { gsl_stats_quantile_from_sorted_data($0.baseAddress, 1, $0.count, f) }
    }

    /// Pearson's correlation of two equally long vectors (n ≥ 2), nil when a vector is constant.
    static func pearson(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) -> Double? {
        let n = x.count
        guard n >= 2, y.count == n, !isConstant(x), !isConstant(y) else { return nil }
        return gsl_stats_correlation(x.baseAddress, 1, y.baseAddress, 1, n)
    }

    /// Spearman's rank correlation (n ≥ 2), nil when a vector is constant. `work` needs 2n doubles.
    static func spearman(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, work: UnsafeMutableBufferPointer<Double>)
        -> Double?
    {
        let n = x.count
        guard n >= 2, y.count == n, work.count >= 2 * n, !isConstant(x), !isConstant(y) else { return nil }
        return gsl_stats_spearman(x.baseAddress, 1, y.baseAddress, 1, n, work.baseAddress)
    }

    static func isConstant(_ v: UnsafeBufferPointer<Double>) -> Bool {
        guard let f = v.first else { return true }
        for x in v where x != f { return false }
        return true
    }
}
