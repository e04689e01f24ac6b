// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The exact two-dimensional expected hypervolume improvement (EHVI) of candidates whose
/// accuracy is known and whose metric is uncertain, against a measured front (accuracy
/// maximised, metric minimised, bounded by a reference point).
///
/// For a candidate of accuracy `a` and metric `y`, the improvement is the area
/// `HVI(y) = ∫_y^U w(η) dη`, where `U` is the smallest metric of the front members at least as
/// accurate as `a` (the reference metric when there are none) and `w(η) = a − A(η)` the width
/// left free at height `η`: `A(η)` the largest accuracy below `a` of a member with metric ≤ η
/// (the reference accuracy when there is none). `w` is a step function, so with
/// `Y ~ N(μ, σ²)`, `E[HVI(Y)] = ∫ w(η) P(Y ≤ η) dη = Σᵢ wᵢ (G(bᵢ₊₁) − G(bᵢ))` over its steps
/// `[bᵢ, bᵢ₊₁)`, with `G(x) = σ (z Φ(z) + φ(z))`, `z = (x − μ)/σ` (and `G(x) = max(x − μ, 0)`
/// at σ = 0: the exact improvement of a point at `μ`).
struct ExpectedHypervolumeImprovement {
    /// The front's members strictly inside the reference box, accuracy descending (so metric
    /// descending too).
    let accuracy: [Double], metric: [Double]
    let reference: (accuracy: Double, metric: Double)

    /// The front of the points (`accuracy`, `metric`) (any set: dominated points are dropped).
    /// - Complexity: O(n log n).
    init(accuracy: [Double], metric: [Double], reference: (accuracy: Double, metric: Double)) {
        let inside = accuracy.indices.filter { accuracy[$0] > reference.accuracy && metric[$0] < reference.metric }
        let sorted = inside.sorted { accuracy[$0] > accuracy[$1] || (accuracy[$0] == accuracy[$1] && metric[$0] < metric[$1]) }
        var fa: [Double] = [], fm: [Double] = []
        for i in sorted where fm.last.map({ metric[i] < $0 }) ?? true {
            fa.append(accuracy[i])
            fm.append(metric[i])
        }
        self.accuracy = fa
        self.metric = fm
        self.reference = reference
    }

    /// Below this z, `G` is taken as 0: `G(x) < 10⁻¹⁷ σ` there, far below any improvement
    /// that can decide a pick.
    static let cutoff = -8.5

    /// `∫_{-∞}^{x} P(Y ≤ η) dη` for `Y ~ N(μ, σ²)`.
    @inline(__always)
    static func integratedCDF(_ x: Double, mean: Double, sd: Double) -> Double {
        guard sd > 0 else { return max(x - mean, 0) }
        let z = (x - mean) / sd
        if z < cutoff { return 0 }
        let cdf = 0.5 * erfc(-z / 2.0.squareRoot())
        let pdf = exp(-0.5 * z * z) / (2 * Double.pi).squareRoot()
        return sd * (z * cdf + pdf)
    }

    /// The expected improvement of one candidate of accuracy `a`, metric ~ N(`mean`, `sd`²).
    /// - Complexity: O(log F + F') for a front of F members, F' of them less accurate than `a`.
    func value(accuracy a: Double, mean: Double, sd: Double) -> Double {
        guard a > reference.accuracy else { return 0 }
        // Members at least as accurate as `a` form a prefix; the first one after it is less accurate.
        var lo = 0, hi = accuracy.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if accuracy[mid] >= a { lo = mid + 1 } else { hi = mid }
        }
        let upper = lo > 0 ? metric[lo - 1] : reference.metric
        // Far above the step function's top: nothing to gain.
        if sd > 0 ? (upper - mean) / sd < Self.cutoff : upper <= mean { return 0 }
        // Steps from the top down: above member j's metric the width is a − accuracy[j].
        var total = 0.0
        var gTop = Self.integratedCDF(upper, mean: mean, sd: sd)
        for j in lo..<accuracy.count {
            let b = metric[j]
            let gB = Self.integratedCDF(b, mean: mean, sd: sd)
            total += (a - accuracy[j]) * (gTop - gB)
            gTop = gB
            if gTop == 0 { return total }
        }
        return total + (a - reference.accuracy) * gTop
    }

    /// The expected improvement of every candidate (`accuracy`, N(`mean`, `sd`²)).
    /// - Complexity: O(C (log F + F)) for C candidates.
    func values(accuracy a: [Double], mean: [Double], sd: [Double]) -> [Double] {
        (0..<a.count).map { value(accuracy: a[$0], mean: mean[$0], sd: sd[$0]) }
    }
}
