// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Descriptive statistics of one measure over the trials of a cell.
///
/// Non-finite values (a measure undefined in a trial, such as Kendall's tau of a constant
/// vector) are left out; `n` counts the values used. With n = 0 every statistic is NaN and is
/// written as an empty field; with n = 1, sd, se and the interval are NaN.
public struct Summary: Equatable, Sendable {
    public var n: Int
    public var mean: Double
    public var sd: Double
    public var se: Double
    public var ci95Low: Double
    public var ci95High: Double
    public var median: Double
    public var q25: Double
    public var q75: Double

    /// A summary read back from a file.
    public init(
        n: Int, mean: Double, sd: Double, se: Double, ci95Low: Double, ci95High: Double,
        median: Double, q25: Double, q75: Double
    ) {
        (self.n, self.mean, self.sd, self.se, self.ci95Low, self.ci95High, self.median, self.q25, self.q75) = (
            n, mean, sd, se, ci95Low, ci95High, median, q25, q75
        )
    }

    /// Summarises `values` with GSL: mean, sample sd (n − 1), standard error, the
    /// t-based 95 % interval of the mean (`gsl_cdf_tdist_Pinv`), median and quartiles
    /// (GSL's linear-interpolation quantiles of the sorted data).
    /// - Complexity: O(n log n).
    public init<C: Collection>(_ values: C) where C.Element == Double {
        GSL.start()
        var v = values.filter { $0.isFinite }
        let count = v.count
        n = count
        let nan = Double.nan
        guard n > 0 else {
            (mean, sd, se, ci95Low, ci95High, median, q25, q75) = (nan, nan, nan, nan, nan, nan, nan, nan)
            return
        }
        v.sort()
        (mean, median, q25, q75) = v.withUnsafeBufferPointer { p in
            (
                gsl_stats_mean(p.baseAddress, 1, count),
                gsl_stats_quantile_from_sorted_data(p.baseAddress, 1, count, 0.5),
                gsl_stats_quantile_from_sorted_data(p.baseAddress, 1, count, 0.25),
                gsl_stats_quantile_from_sorted_data(p.baseAddress, 1, count, 0.75)
            )
        }
        guard n > 1 else {
            (sd, se, ci95Low, ci95High) = (nan, nan, nan, nan)
            return
        }
        let m = mean
        let s = v.withUnsafeBufferPointer { gsl_stats_sd_m($0.baseAddress, 1, count, m) }
        sd = s
        se = sd / Double(n).squareRoot()
        let t = GSL.tQuantile(0.975, dof: n - 1)
        ci95Low = mean - t * se
        ci95High = mean + t * se
    }
}
