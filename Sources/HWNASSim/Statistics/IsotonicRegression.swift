// SPDX-License-Identifier: GPL-3.0-or-later

/// A non-decreasing step function y ≈ f(x) fitted by weighted least squares (isotonic
/// regression), by pool-adjacent-violators.
///
/// The fit minimises Σ wᵢ (yᵢ − f(xᵢ))² over non-decreasing f. Points with equal x are pooled
/// first (their weighted mean at total weight), so f is a function of x; then adjacent blocks
/// whose means decrease are merged into their weighted mean until none do. The result is the
/// unique least-squares optimum.
///
/// Prediction is a step function, not an interpolation: ``callAsFunction(_:)`` returns the
/// fitted value of the nearest fitted x at or below the query, and clamps outside the fitted
/// range (below the smallest fitted x: the first value; above the largest: the last). It
/// therefore only takes fitted values, and a strictly increasing input keeps its order
/// except where the fit pools (plateaus, which become ties).
///
/// GSL offers no isotonic regression (its `gsl_fit` and `gsl_multifit` fit linear models
/// only), so this is written here.
public struct IsotonicRegression: Sendable, Equatable {
    /// The distinct fitted x, ascending.
    public private(set) var knots: [Double]
    /// The fitted value at each of ``knots``, non-decreasing.
    public private(set) var values: [Double]

    /// Fits `y` against `x` with `weights` (all 1 when nil).
    /// - Precondition: `x`, `y` (and `weights`) have the same, non-zero count; every value is
    ///   finite and every weight positive.
    /// - Complexity: O(n log n) for the sort by x, then O(n) for the pooling.
    public init(x: [Double], y: [Double], weights: [Double]? = nil) {
        precondition(!x.isEmpty && x.count == y.count && (weights?.count ?? x.count) == x.count, "isotonic fit: mismatched or empty input")
        precondition(x.allSatisfy(\.isFinite) && y.allSatisfy(\.isFinite), "isotonic fit: values must be finite")
        precondition(weights?.allSatisfy { $0 > 0 && $0.isFinite } ?? true, "isotonic fit: weights must be positive")
        let order = x.indices.sorted { x[$0] < x[$1] }
        // Pool ties in x: one point per distinct x, its weighted mean y at total weight.
        var xs: [Double] = []
        var means: [Double] = []
        var mass: [Double] = []
        for i in order {
            let w = weights?[i] ?? 1
            if let last = xs.last, last == x[i] {
                let total = mass[mass.count - 1] + w
                means[means.count - 1] += (y[i] - means[means.count - 1]) * w / total
                mass[mass.count - 1] = total
            } else {
                xs.append(x[i])
                means.append(y[i])
                mass.append(w)
            }
        }
        // Pool adjacent violators: a stack of blocks (mean, weight, points), means increasing.
        var blockMean: [Double] = []
        var blockWeight: [Double] = []
        var blockSize: [Int] = []
        for j in xs.indices {
            var m = means[j], w = mass[j], size = 1
            while let last = blockMean.last, last > m {
                let lw = blockWeight.removeLast()
                let total = lw + w
                m = (blockMean.removeLast() * lw + m * w) / total
                w = total
                size += blockSize.removeLast()
            }
            blockMean.append(m)
            blockWeight.append(w)
            blockSize.append(size)
        }
        knots = xs
        values = []
        values.reserveCapacity(xs.count)
        for (m, size) in zip(blockMean, blockSize) { values.append(contentsOf: repeatElement(m, count: size)) }
    }

    /// The fitted value at `x`: that of the largest knot ≤ `x`, the first value below the
    /// knots and the last above them.
    /// - Complexity: O(log k) for k knots (binary search).
    public func callAsFunction(_ x: Double) -> Double {
        var lo = 0, hi = knots.count  // the first knot > x lies in lo...hi
        while lo < hi {
            let mid = (lo + hi) / 2
            if knots[mid] <= x { lo = mid + 1 } else { hi = mid }
        }
        return values[max(lo - 1, 0)]
    }
}
