// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

@Suite("Predictor: Gaussian process") struct GaussianProcessPredictorTests {
    /// Three points x = 0, 1, 2 with y = 1, −1, 2; RBF kernel, ℓ = 1, σf² = 1, σn² = 0.1, no
    /// normalisation. With a = e^{−1/2} and b = e^{−2}, K + σn² I = [[1.1, a, b], [a, 1.1, a],
    /// [b, a, 1.1]]; α = (K + σn² I)⁻¹ y by the adjugate, and the mean at x* is Σ k(x*, xᵢ) αᵢ.
    @Test func posteriorMeanOnThreePoints() throws {
        let a = exp(-0.5), b = exp(-2.0), d = 1.1
        let y = [1.0, -1, 2]
        // Adjugate of the symmetric matrix [[d, a, b], [a, d, a], [b, a, d]].
        let det = d * (d * d - a * a) - a * (a * d - a * b) + b * (a * a - d * b)
        let inv = [
            [d * d - a * a, -(a * d - a * b), a * a - d * b],
            [-(a * d - b * a), d * d - b * b, -(d * a - b * a)],
            [a * a - d * b, -(d * a - a * b), d * d - a * a]
        ].map { $0.map { $0 / det } }
        let alpha = inv.map { row in zip(row, y).reduce(0) { $0 + $1.0 * $1.1 } }
        var gp = GaussianProcess(kernel: .rbf, lengthScale: 1, signalVariance: 1, noiseVariance: 0.1)
        gp.normalize = false
        try gp.fit(FeatureMatrix([[0], [1], [2]]), y, stream: RandomStream(key: 1))
        for xs in [0.5, 1.0, 3.0] {
            let k = [0.0, 1, 2].map { exp(-($0 - xs) * ($0 - xs) / 2) }
            let expected = zip(k, alpha).reduce(0) { $0 + $1.0 * $1.1 }
            let p = gp.predict(FeatureMatrix([[xs]]))[0]
            #expect(abs(p - expected) < 1e-12, "x* = \(xs)")
        }
    }

    @Test func matern52AtFixedHyperParameters() throws {
        // One training point: the mean is k(x*, x) y / (σf² + σn²).
        var gp = GaussianProcess(kernel: .matern52, lengthScale: 2, signalVariance: 3, noiseVariance: 1)
        gp.normalize = false
        try gp.fit(FeatureMatrix([[0.0, 0]]), [8], stream: RandomStream(key: 1))
        let r = 5.0.squareRoot()  // distance to (1, 2)
        let t = 5.0.squareRoot() * r / 2
        let k = 3 * (1 + t + t * t / 3) * exp(-t)
        #expect(abs(gp.predict(FeatureMatrix([[1.0, 2]]))[0] - k * 8 / 4) < 1e-12)
    }

    @Test func searchedFitIsDeterministicAndReasonable() throws {
        var rng = SplitMix64(seed: 21)
        let (x, ops) = Oracle.randomOneHot(150, &rng)
        let y = ops.map { o in o.enumerated().reduce(0.0) { $0 + Double($1.element == 3 ? $1.offset + 1 : 0) } }
        var g1 = GaussianProcess(), g2 = GaussianProcess()
        g1.searchSize = 60
        g2.searchSize = 60
        try g1.fit(x, y, stream: RandomStream(key: 9))
        try g2.fit(x, y, stream: RandomStream(key: 9))
        let (tx, tops) = Oracle.randomOneHot(50, &rng)
        let p = g1.predict(tx)
        #expect(p == g2.predict(tx))
        let truth = tops.map { o in o.enumerated().reduce(0.0) { $0 + Double($1.element == 3 ? $1.offset + 1 : 0) } }
        #expect(try #require(KendallTau.tauB(p, truth)) > 0.8)
    }
}
