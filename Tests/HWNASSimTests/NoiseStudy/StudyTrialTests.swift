// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@_spi(Benchmarks) @testable import HWNASSim
import HWNASSimTestSupport

@Suite struct StudyTrialTests {
    static let measures = Measure.allCases

    func cell(
        _ pair: GroundTruthPair, size: Int, model: NoiseModelKind, levels: [Double], accuracySD: Double = 0,
        reference: ReferencePoint = .subsetMax
    ) -> StudyCell {
        let noise = NoiseSpec(model: model, levels: levels, accuracySD: accuracySD)
        let sigmas = model == .kendallTau ? levels.map { KendallTauNoise.calibratedSigma(tau: $0, truth: pair.z) } : []
        return StudyCell(
            pair: pair, subsetSize: size, noise: noise, sigmas: sigmas, reference: reference,
            measures: Self.measures, seed: 99)
    }

    /// Recomputes every measure of a recorded trial by brute force and compares.
    func checkAgainstBruteForce(_ c: StudyCell, trial: Int) {
        let values = Study.trialValues(cell: c, trial: trial)
        let selections = Study.selections(cell: c, trial: trial)
        #expect(selections.count == c.noise.levels.count)
        for (li, s) in selections.enumerated() {
            let n = c.subsetSize
            #expect(s.subset.count == n && Set(s.subset).count == n)
            #expect(s.subset.allSatisfy { c.pair.accuracy[$0] == s.accuracy[s.subset.firstIndex(of: $0)!] })
            // Fronts by brute force.
            let trueFront = ParetoFront.bruteForceIndices(accuracy: s.accuracy, metric: s.z)
            #expect(trueFront == s.trueFront)
            let selected = ParetoFront.bruteForceIndices(accuracy: s.predictedAccuracy, metric: s.predicted)
            #expect(selected == s.selected)
            let local = ParetoFront.bruteForceIndices(accuracy: selected.map { s.accuracy[$0] }, metric: selected.map { s.z[$0] })
            #expect(local.map { selected[$0] } == s.verified)
            // Reference point and hypervolume.
            let zMax = s.z.max()!
            #expect(s.reference.metric == 1.1 * zMax && s.reference.accuracy == 0)
            let hv = Hypervolume2D.accuracyMetric(
                accuracy: selected.map { s.accuracy[$0] }, metric: selected.map { s.z[$0] },
                reference: s.reference)
            let hvTrue = Hypervolume2D.accuracyMetric(
                accuracy: trueFront.map { s.accuracy[$0] }, metric: trueFront.map { s.z[$0] },
                reference: s.reference)
            // MRA and hardware gap by brute force over the true front.
            func loss(_ i: Int) -> Double {
                trueFront.filter { s.z[$0] <= s.z[i] }.map { s.accuracy[$0] }.max()! - s.accuracy[i]
            }
            func gap(_ i: Int) -> Double {
                s.z[i] - trueFront.filter { s.accuracy[$0] >= s.accuracy[i] }.map { s.z[$0] }.min()!
            }
            let mraAll = 100 * selected.map(loss).reduce(0, +) / Double(selected.count)
            let mraPareto = 100 * s.verified.map(loss).reduce(0, +) / Double(s.verified.count)
            let gapAll = selected.map(gap).reduce(0, +) / Double(selected.count)
            let gapPareto = s.verified.map(gap).reduce(0, +) / Double(s.verified.count)
            let tau = KendallTau.tauB(s.z, s.predicted)
            let m = Self.measures.count
            func value(_ measure: Measure) -> Double { values[li * m + Self.measures.firstIndex(of: measure)!] }
            #expect(abs(value(.hv) - hv) < 1e-12)
            #expect(abs(value(.hvRetained) - hv / hvTrue) < 1e-12)
            #expect(abs(value(.mraAll) - mraAll) < 1e-9)
            #expect(abs(value(.mraPareto) - mraPareto) < 1e-9)
            #expect(abs(value(.hwGapAll) - gapAll) < 1e-9)
            #expect(abs(value(.hwGapPareto) - gapPareto) < 1e-9)
            #expect(value(.nSelected) == Double(selected.count))
            #expect(value(.nVerified) == Double(s.verified.count))
            #expect(value(.nTrueFront) == Double(trueFront.count))
            if let tau { #expect(value(.kendallTau) == tau) } else { #expect(value(.kendallTau).isNaN) }
        }
    }

    @Test func trialMatchesBruteForceForEveryNoiseModel() {
        let pair = Fixtures.syntheticPair(size: 600)
        checkAgainstBruteForce(cell(pair, size: 150, model: .paperMixture, levels: [0, 0.3, 1.0]), trial: 0)
        checkAgainstBruteForce(cell(pair, size: 200, model: .gaussian, levels: [0, 0.5]), trial: 3)
        checkAgainstBruteForce(cell(pair, size: 120, model: .kendallTau, levels: [0.5, 1.0]), trial: 1)
        checkAgainstBruteForce(cell(pair, size: 100, model: .gaussian, levels: [0.2], accuracySD: 1.0), trial: 2)
        checkAgainstBruteForce(cell(pair, size: 600, model: .paperMixture, levels: [0.4]), trial: 5)
    }

    /// The study code adds float64 noise into its float32 array: in `float32` mode every
    /// prediction is a `Float`, selections are made on those, and they are the float64
    /// predictions rounded (within half a float32 step).
    @Test func float32PrecisionRoundsPredictionsLikeTheStudyCode() throws {
        let table = SyntheticSpec(size: 900, rankCorrelation: 0.4, seed: 3).makeTable()
        let single = try GroundTruthPair(table: table, metric: "latency", pairing: .true, precision: .float32)
        let double = try GroundTruthPair(table: table, metric: "latency", pairing: .true, precision: .float64)
        for model in [NoiseModelKind.paperMixture, .gaussian] {
            let c32 = cell(single, size: 300, model: model, levels: [0, 0.5, 1.0], accuracySD: model == .gaussian ? 0.5 : 0)
            checkAgainstBruteForce(c32, trial: 4)
            // The float64 run on the float32-rounded truth draws the same noise.
            var truth32 = double
            truth32.accuracy = single.accuracy
            truth32.z = single.z
            let c64 = cell(truth32, size: 300, model: model, levels: [0, 0.5, 1.0], accuracySD: model == .gaussian ? 0.5 : 0)
            let s32 = Study.selections(cell: c32, trial: 4), s64 = Study.selections(cell: c64, trial: 4)
            var unrounded = 0
            for (a, b) in zip(s32, s64) {
                #expect(a.subset == b.subset)
                for (p, q) in zip(a.predicted, b.predicted) {
                    #expect(Double(Float(p)) == p)
                    #expect(p == Double(Float(q)))
                    if Double(Float(q)) != q { unrounded += 1 }
                }
                for (p, q) in zip(a.predictedAccuracy, b.predictedAccuracy) {
                    #expect(Double(Float(p)) == p && p == Double(Float(q)))
                }
            }
            #expect(unrounded > 100)
        }
    }

    @Test func noiseFreeLevelSelectsTheTrueFront() {
        let pair = Fixtures.syntheticPair(size: 1000)
        let c = cell(pair, size: 300, model: .paperMixture, levels: [0])
        for trial in 0..<5 {
            let v = Study.trialValues(cell: c, trial: trial)
            let m = Self.measures
            #expect(v[m.firstIndex(of: .mraAll)!] == 0)
            #expect(v[m.firstIndex(of: .mraPareto)!] == 0)
            #expect(v[m.firstIndex(of: .hvRetained)!] == 1)
            #expect(v[m.firstIndex(of: .kendallTau)!] == 1)
            #expect(v[m.firstIndex(of: .nSelected)!] == v[m.firstIndex(of: .nTrueFront)!])
        }
    }

    @Test func trialsAreReproducibleAndIndependentOfOrder() {
        let pair = Fixtures.syntheticPair(size: 800)
        let c = cell(pair, size: 400, model: .paperMixture, levels: [0.2, 0.8])
        let a = Study.trialValues(cell: c, trial: 7)
        _ = Study.trialValues(cell: c, trial: 3)
        let b = Study.trialValues(cell: c, trial: 7)
        #expect(a.elementsEqual(b) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        let other = Study.trialValues(cell: c, trial: 8)
        #expect(!a.elementsEqual(other))
    }

    @Test func frontMaxAndExplicitReferencePoints() {
        let pair = Fixtures.syntheticPair(size: 500)
        let front = cell(pair, size: 200, model: .gaussian, levels: [0.3], reference: .frontMax)
        let s = Study.selections(cell: front, trial: 0)[0]
        #expect(s.reference.metric == 1.1 * s.trueFront.map { s.z[$0] }.max()!)
        let explicit = cell(pair, size: 200, model: .gaussian, levels: [0.3], reference: .explicit(accuracy: 0.1, metric: 2))
        let e = Study.selections(cell: explicit, trial: 0)[0]
        #expect(e.reference.accuracy == 0.1 && e.reference.metric == 2)
        let hv = Study.trialValues(cell: explicit, trial: 0)[Self.measures.firstIndex(of: .hv)!]
        let expected = Hypervolume2D.accuracyMetric(
            accuracy: e.selected.map { e.accuracy[$0] }, metric: e.selected.map { e.z[$0] },
            reference: (0.1, 2))
        #expect(abs(hv - expected) < 1e-12)
    }
}
