// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

@Suite struct ExpectedHypervolumeImprovementTests {
    /// A hand-made front (accuracy maximised, metric minimised) with a dominated point and one
    /// outside the reference box.
    static let accuracy = [0.9, 0.8, 0.6, 0.7, 0.95, 0.3]
    static let metric = [8.0, 5.0, 2.0, 6.0, 12.0, 1.0]
    static let reference = (accuracy: 0.2, metric: 10.0)

    /// The exact improvement of adding (a, y), by the hypervolume of the front with and without it.
    static func improvement(_ a: Double, _ y: Double) -> Double {
        let before = Hypervolume2D.accuracyMetric(accuracy: accuracy, metric: metric, reference: reference)
        let after = Hypervolume2D.accuracyMetric(accuracy: accuracy + [a], metric: metric + [y], reference: reference)
        return after - before
    }

    /// E[HVI(Y)], Y ~ N(μ, σ²), by composite Simpson integration on each piece between the
    /// front's metrics (where HVI is linear, the integrand smooth), over μ ± 14σ.
    static func bruteForce(_ a: Double, mean: Double, sd: Double) -> Double {
        let lo = mean - 14 * sd, hi = mean + 14 * sd
        let cuts = ([lo, hi] + metric.filter { $0 > lo && $0 < hi } + [reference.metric].filter { $0 > lo && $0 < hi }).sorted()
        func f(_ y: Double) -> Double {
            let z = (y - mean) / sd
            return improvement(a, y) * exp(-0.5 * z * z) / (sd * (2 * Double.pi).squareRoot())
        }
        var total = 0.0
        for (x0, x1) in zip(cuts, cuts.dropFirst()) where x1 > x0 {
            let m = 2000
            let h = (x1 - x0) / Double(m)
            var s = f(x0) + f(x1)
            for i in 1..<m { s += f(x0 + Double(i) * h) * (i % 2 == 1 ? 4 : 2) }
            total += s * h / 3
        }
        return total
    }

    @Test func equalsBruteForceIntegration() {
        let ehvi = ExpectedHypervolumeImprovement(accuracy: Self.accuracy, metric: Self.metric, reference: Self.reference)
        #expect(ehvi.accuracy == [0.9, 0.8, 0.6, 0.3])
        #expect(ehvi.metric == [8, 5, 2, 1])
        for (a, mean, sd) in [
            (0.85, 6.0, 1.5), (0.95, 9.0, 2.0), (0.5, 1.5, 0.7), (0.7, 4.0, 3.0), (0.99, 3.0, 0.2), (0.3, 9.9, 5.0),
            (0.65, 2.5, 0.05)
        ] {
            let exact = ehvi.value(accuracy: a, mean: mean, sd: sd)
            let brute = Self.bruteForce(a, mean: mean, sd: sd)
            #expect(abs(exact - brute) < 1e-9, "a \(a) μ \(mean) σ \(sd): \(exact) vs \(brute)")
            #expect(exact > 0)
        }
    }

    /// With σ → 0 (and at σ = 0) the expectation is the exact improvement of the point (a, μ).
    @Test func zeroSigmaIsTheExactImprovement() {
        let ehvi = ExpectedHypervolumeImprovement(accuracy: Self.accuracy, metric: Self.metric, reference: Self.reference)
        for (a, y) in [(0.85, 6.0), (0.95, 9.0), (0.5, 1.5), (0.7, 4.0), (0.99, 3.0), (0.85, 9.0), (0.1, 1.0), (0.6, 2.0), (0.7, -1.0)] {
            let exact = Self.improvement(a, y)
            #expect(abs(ehvi.value(accuracy: a, mean: y, sd: 0) - exact) < 1e-12)
            #expect(abs(ehvi.value(accuracy: a, mean: y, sd: 1e-9) - exact) < 1e-8)
        }
        // A dominated candidate gains nothing.
        #expect(ehvi.value(accuracy: 0.85, mean: 9.0, sd: 0) == 0)
    }

    /// An empty front: the improvement is the candidate's own box, (a − a_ref)(m_ref − y).
    @Test func emptyFrontIsTheCandidatesBox() {
        let ehvi = ExpectedHypervolumeImprovement(accuracy: [], metric: [], reference: (0, 10))
        #expect(abs(ehvi.value(accuracy: 0.5, mean: 4, sd: 0) - 3) < 1e-12)
        // Far below the reference the Gaussian spread changes nothing (linear region).
        #expect(abs(ehvi.value(accuracy: 0.5, mean: 4, sd: 0.1) - 3) < 1e-12)
    }

    /// 15,625 candidates against a front of 40 members: every value matches the one-by-one
    /// call, and the set is evaluated in one pass.
    @Test func vectorisedMatchesOneByOne() {
        var rng = SplitMix64(seed: 3)
        let fa = (0..<40).map { 0.5 + 0.01 * Double($0) }, fm = (0..<40).map { 1 + 0.2 * Double($0) }
        let ehvi = ExpectedHypervolumeImprovement(accuracy: fa, metric: fm, reference: (0, 12))
        let n = 15625
        let a = (0..<n).map { _ in rng.unit() }, mu = (0..<n).map { _ in 1 + 10 * rng.unit() }, sd = (0..<n).map { _ in rng.unit() }
        let v = ehvi.values(accuracy: a, mean: mu, sd: sd)
        #expect(v.count == n)
        for i in stride(from: 0, to: n, by: 997) { #expect(v[i] == ehvi.value(accuracy: a[i], mean: mu[i], sd: sd[i])) }
        #expect(v.allSatisfy { $0 >= 0 && $0.isFinite })
    }
}
