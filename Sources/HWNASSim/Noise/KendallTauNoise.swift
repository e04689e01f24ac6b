// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Predictions with a chosen expected Kendall tau against the truth.
///
/// The true values become normal scores `Φ⁻¹((rank + 0.5) / n)` (average ranks for ties);
/// predictions are the scores plus independent `N(0, σ²)`. For a bivariate normal,
/// `τ = (2/π)·arcsin(ρ)` with `ρ = 1/√(1 + σ²)`, so `σ = cot(π·τ/2)`. With ties in the
/// truth, tau-b overshoots that target; ``calibratedSigma(tau:truth:)`` then solves for σ
/// against the realised tau-b on the actual values by bisection.
/// Predictions in metric units come from ``toMetricUnits(score:sortedTruth:)``.
enum KendallTauNoise {
    /// The closed-form σ for target tau (0 at τ = 1).
    static func closedFormSigma(tau: Double) -> Double {
        precondition(tau > 0 && tau <= 1)
        return tau >= 1 ? 0 : 1 / tan(Double.pi * tau / 2)
    }

    /// Writes the normal scores of `values` into `out` (average ranks for ties).
    /// - Complexity: O(n log n).
    static func normalScores(
        _ values: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>, workspace: inout NoiseWorkspace
    ) {
        let n = values.count
        if workspace.order.count < n { workspace.order = [Int32](repeating: 0, count: n) }
        workspace.order.withUnsafeMutableBufferPointer { orderAll in
            var order = UnsafeMutableBufferPointer(rebasing: orderAll[0..<n])
            for i in 0..<n { order[i] = Int32(i) }
            order.sort { values[Int($0)] < values[Int($1)] }
            var i = 0
            while i < n {
                var j = i
                while j + 1 < n && values[Int(order[j + 1])] == values[Int(order[i])] { j += 1 }
                let rank = Double(i + j) / 2
                let score = GSL.normalQuantile((rank + 0.5) / Double(n))
                for k in i...j { out[Int(order[k])] = score }
                i = j + 1
            }
        }
    }

    /// Writes `scores[i] + N(0, sigma²)` into `out`.
    public static func draw(
        scores: UnsafeBufferPointer<Double>, sigma: Double, into out: UnsafeMutableBufferPointer<Double>, rng: RandomStream
    ) {
        if sigma == 0 {
            for i in 0..<out.count { out[i] = scores[i] }
            return
        }
        for i in 0..<out.count { out[i] = scores[i] + rng.gaussian(sigma) }
    }

    /// σ whose mean realised tau-b against `truth` is `tau`.
    ///
    /// Uses the closed form when `truth` has no ties; otherwise bisection with common random
    /// numbers (`replicates` fixed noise vectors from a fixed stream), so the answer is
    /// deterministic and the relation monotone.
    /// - Complexity: O(replicates · iterations · n log n) when the truth has ties.
    static func calibratedSigma(tau: Double, truth: [Double], replicates: Int = 4, iterations: Int = 36) -> Double {
        let sigma0 = closedFormSigma(tau: tau)
        let n = truth.count
        guard tau < 1, n >= 2, Set(truth).count < n else { return sigma0 }
        var workspace = NoiseWorkspace()
        var scores = [Double](repeating: 0, count: n)
        truth.withUnsafeBufferPointer { t in
            scores.withUnsafeMutableBufferPointer { normalScores(t, into: $0, workspace: &workspace) }
        }
        let rng = RandomStream(key: StreamKey.derive(0x7a75_6361_6c69_6272, UInt64(n)))
        let errors = (0..<replicates).map { _ in (0..<n).map { _ in rng.gaussian() } }
        let presorted = KendallTau.Presorted(x: truth)
        var tauWorkspace = KendallTau.Workspace()
        var predicted = [Double](repeating: 0, count: n)
        func realised(_ sigma: Double) -> Double {
            var sum = 0.0
            for e in errors {
                for i in 0..<n { predicted[i] = scores[i] + sigma * e[i] }
                sum += presorted.tauB(predicted, workspace: &tauWorkspace) ?? 0
            }
            return sum / Double(replicates)
        }
        var lo = 0.0
        var hi = max(sigma0, 0.05)
        var guardCount = 0
        while realised(hi) > tau && guardCount < 60 {
            lo = hi
            hi *= 2
            guardCount += 1
        }
        for _ in 0..<iterations {
            let mid = (lo + hi) / 2
            if realised(mid) > tau { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// A predicted score mapped back to metric units through the empirical quantile function
    /// of the (ascending) true values, interpolated linearly.
    static func toMetricUnits(score: Double, sortedTruth: UnsafeBufferPointer<Double>) -> Double {
        let n = sortedTruth.count
        let u = GSL.normalCDF(score)
        let position = u * Double(n) - 0.5
        if position <= 0 { return sortedTruth[0] }
        if position >= Double(n - 1) { return sortedTruth[n - 1] }
        let i = Int(position)
        let f = position - Double(i)
        // Snap rounding noise so that a noise-free score returns its true value exactly.
        if f < 1e-9 { return sortedTruth[i] }
        if f > 1 - 1e-9 { return sortedTruth[i + 1] }
        return sortedTruth[i] + f * (sortedTruth[i + 1] - sortedTruth[i])
    }
}
