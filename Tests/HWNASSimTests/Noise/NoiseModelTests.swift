// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

@Suite struct NoiseModelTests {
    @Test(arguments: [100, 500, 1000, 15625, 29, 14])
    func paperMixtureHasBlocksOfFifteenAndTheTargetSpread(n: Int) {
        let rng = RandomStream(key: 5)
        var ws = NoiseWorkspace()
        var out = [Double](repeating: .nan, count: n)
        out.withUnsafeMutableBufferPointer { PaperMixtureNoise.draw(std: 0.4, into: $0, rng: rng, workspace: &ws) }
        let k = max(1, n / 15)
        if k * 15 <= n {
            for i in 0..<(k * 15) { #expect(out[i] == out[(i / 15) * 15]) }
            for i in (k * 15)..<n { #expect(out[i] == out[i - k * 15]) }
        }
        let mean = out.reduce(0, +) / Double(n)
        let sd = (out.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)).squareRoot()
        if n >= 30 {
            #expect(abs(sd - 0.4) < 1e-12)
        } else {
            #expect(out.allSatisfy { $0 == 0 })  // one block: no spread, no noise
        }
    }

    /// One shift per vector, mixture mean +0.725·shift − 0.265·shift > 0, and the mean is not
    /// removed: the noise vectors' means are positive on average (about 0.46·E[shift]·scale).
    @Test func paperMixtureKeepsItsMean() {
        var total = 0.0
        var ws = NoiseWorkspace()
        for key in 0..<300 {
            let rng = RandomStream(key: UInt64(key))
            var out = [Double](repeating: 0, count: 1500)
            out.withUnsafeMutableBufferPointer { PaperMixtureNoise.draw(std: 1, into: $0, rng: rng, workspace: &ws) }
            total += out.reduce(0, +) / 1500
        }
        #expect(total / 300 > 0.1, "mean of the noise means \(total / 300)")
    }

    @Test func paperMixtureAtZeroIsZero() {
        let rng = RandomStream(key: 1)
        var ws = NoiseWorkspace()
        var out = [Double](repeating: 1, count: 50)
        out.withUnsafeMutableBufferPointer { PaperMixtureNoise.draw(std: 0, into: $0, rng: rng, workspace: &ws) }
        #expect(out.allSatisfy { $0 == 0 })
    }

    @Test func closedFormSigma() {
        #expect(KendallTauNoise.closedFormSigma(tau: 1) == 0)
        #expect(abs(KendallTauNoise.closedFormSigma(tau: 0.5) - 1) < 1e-12)  // cot(π/4) = 1
        // τ = (2/π)·arcsin(1/√(1+σ²)) inverts it.
        for tau in [0.3, 0.7, 0.9] {
            let s = KendallTauNoise.closedFormSigma(tau: tau)
            #expect(abs(2 / Double.pi * asin(1 / (1 + s * s).squareRoot()) - tau) < 1e-12)
        }
    }

    @Test func normalScoresAverageTies() {
        var ws = NoiseWorkspace()
        let values: [Double] = [3, 1, 3, 2]
        var out = [Double](repeating: 0, count: 4)
        values.withUnsafeBufferPointer { v in
            out.withUnsafeMutableBufferPointer { KendallTauNoise.normalScores(v, into: $0, workspace: &ws) }
        }
        #expect(out[1] == GSL.normalQuantile(0.5 / 4))
        #expect(out[3] == GSL.normalQuantile(1.5 / 4))
        #expect(out[0] == GSL.normalQuantile(3.0 / 4) && out[2] == out[0])  // ranks 2 and 3 average 2.5
    }

    @Test func kendallTauNoiseAtOneKeepsRanks() {
        let pair = Fixtures.syntheticPair(size: 3000)
        let cell = StudyCell(
            pair: pair, subsetSize: 1000, noise: NoiseSpec(model: .kendallTau, levels: [1]), sigmas: [0],
            reference: .subsetMax, measures: [.kendallTau, .spearman], seed: 3)
        let v = Study.trialValues(cell: cell, trial: 0)
        #expect(v[0] == 1)
        #expect(abs(v[1] - 1) < 1e-12)
    }

    @Test func metricUnitsInvertTheScores() {
        let truth: [Double] = [0.5, 1.5, 2.0, 4.0, 8.0]
        var ws = NoiseWorkspace()
        var scores = [Double](repeating: 0, count: 5)
        truth.withUnsafeBufferPointer { t in
            scores.withUnsafeMutableBufferPointer { KendallTauNoise.normalScores(t, into: $0, workspace: &ws) }
        }
        truth.withUnsafeBufferPointer { sorted in
            for i in 0..<5 { #expect(abs(KendallTauNoise.toMetricUnits(score: scores[i], sortedTruth: sorted) - truth[i]) < 1e-9) }
            #expect(KendallTauNoise.toMetricUnits(score: -10, sortedTruth: sorted) == 0.5)
            #expect(KendallTauNoise.toMetricUnits(score: 10, sortedTruth: sorted) == 8.0)
        }
    }

    /// Mean realised tau-b over 40 trials at the full size hits the target within ±0.01,
    /// with ties in the truth (synthetic latency has three significant digits).
    @Test(arguments: [0.3, 0.5, 0.7, 0.9])
    func kendallTauNoiseHitsItsTarget(target: Double) {
        let pair = Fixtures.syntheticPair(size: 15625)
        #expect(Set(pair.z).count < pair.count)  // the metric has ties: calibration is exercised
        let c = Calibration(pair: pair, model: .kendallTau, subsetSize: 15625, trials: 24, seed: 11, jobs: 2)
        let s = c.realisedTau(level: target)
        #expect(abs(s.mean - target) < 0.01, "mean tau \(s.mean) for target \(target)")
    }

    @Test(arguments: [
        ("raspi4_latency", 0.3), ("raspi4_latency", 0.5), ("raspi4_latency", 0.7), ("raspi4_latency", 0.9),
        ("eyeriss_arithmetic_intensity", 0.5), ("eyeriss_arithmetic_intensity", 0.85)
    ])
    func kendallTauNoiseHitsItsTargetOnRealTables(metric: String, target: Double) throws {
        let pair = try Fixtures.realPair("ImageNet16-120", metric)
        let c = Calibration(pair: pair, model: .kendallTau, subsetSize: 15625, trials: 24, seed: 12, jobs: 2)
        let s = c.realisedTau(level: target)
        #expect(abs(s.mean - target) < 0.01, "\(metric): mean tau \(s.mean) for target \(target)")
    }
}

import Foundation
