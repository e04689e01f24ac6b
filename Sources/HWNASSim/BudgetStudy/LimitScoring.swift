// SPDX-License-Identifier: GPL-3.0-or-later

/// Latency limits of one trial and the best true accuracy within each: scores a pick made by
/// believed values under a limit the user learns only after the search.
///
/// A pick breaks limit L when its true metric exceeds L × (1 + `tolerance`) (`budget.limit_tolerance`,
/// default 2.5 × `measurement.noise_relative_sd`), so that measurement noise at the edge of a
/// limit does not turn a good pick into a worthless one. Its regret, in accuracy percentage
/// points: for a pick within the limit (and tolerance), best true accuracy within L minus its
/// own, at least 0 (a pick just above L may be more accurate than anything within it); a pick
/// that breaks the limit is worthless and loses what it seemed to offer too, max(best within
/// L, its own accuracy); no pick loses the best within L. "Best within L" is 0 when nothing in
/// the subset meets L (deploying nothing is then right).
struct LimitScoring {
    var limits: [Double]
    var tolerance: Double
    /// Best true accuracy (fraction) with true metric ≤ each limit; NaN when nothing meets it.
    var bestWithin: [Double]
    /// True metric per position.
    var metric: [Double]

    /// The grid of `mean_regret`: the 5th, 10th, …, 95th percentiles of the subset's true
    /// metric (19 limits), each `gsl_stats_quantile_from_sorted_data` at f = k/20: linear
    /// interpolation between the sorted values at positions ⌊(n − 1)f⌋ and the next.
    static func grid(sortedMetric: [Double]) -> [Double] {
        (1...19).map { GSL.quantileFromSorted(sortedMetric, Double($0) / 20) }
    }

    /// Scores `limits` for a trial's subset; `metric` is its true metric per position.
    /// - Complexity: O(N) per limit at worst (a scan down the accuracy order).
    init(limits: [Double], world: BudgetWorld, metric: [Double], tolerance: Double) {
        self.limits = limits
        self.tolerance = tolerance
        self.metric = metric
        bestWithin = limits.map { limit in
            for a in world.orderByAccuracy where metric[Int(a)] <= limit { return world.accuracy[Int(a)] }
            return .nan
        }
    }

    /// Whether position `pick` truly breaks limit number `li` beyond the tolerance.
    func violates(pick: Int, limit li: Int) -> Bool { metric[pick] > limits[li] * (1 + tolerance) }

    /// The regret of `pick` (-1: none) under limit number `li`, in accuracy percentage points.
    func regret(pick: Int, limit li: Int, accuracy: [Double]) -> Double {
        let best = bestWithin[li]
        let achievable = best.isNaN ? 0 : best  // deploying nothing is worth 0
        guard pick >= 0 else { return 100 * achievable }
        let acc = accuracy[pick]
        return violates(pick: pick, limit: li) ? 100 * max(achievable, acc) : 100 * max(0, achievable - acc)
    }

    /// The mean regret over every limit of a pick from `front` (accuracy-descending) by its
    /// believed values and `believedAccuracy` (the true `accuracy` unless the strategy learns
    /// it by training), scored on `accuracy`.
    func meanRegret(front: [Int32], believed: [Double], accuracy: [Double], believedAccuracy: [Double]? = nil) -> Double {
        guard !limits.isEmpty else { return .nan }
        var sum = 0.0
        for li in limits.indices {
            let pick = LimitPick.pick(front, believed: believed, accuracy: believedAccuracy ?? accuracy, limit: limits[li])
            sum += regret(pick: pick, limit: li, accuracy: accuracy)
        }
        return sum / Double(limits.count)
    }
}
