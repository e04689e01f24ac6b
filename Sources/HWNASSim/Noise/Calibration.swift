// SPDX-License-Identifier: GPL-3.0-or-later

/// The Kendall tau a noise model realises on a pair, and the level that gives a target tau.
public struct Calibration: Sendable {
    public var pair: GroundTruthPair
    public var model: NoiseModelKind
    public var subsetSize: Int
    public var trials: Int
    public var seed: UInt64
    public var jobs: Int

    public init(pair: GroundTruthPair, model: NoiseModelKind, subsetSize: Int, trials: Int, seed: UInt64, jobs: Int) {
        self.pair = pair
        self.model = model
        self.subsetSize = min(subsetSize, pair.count)
        self.trials = trials
        self.seed = seed
        self.jobs = jobs
    }

    /// Kendall tau-b between true and predicted z over `trials` trials at `level`.
    public func realisedTau(level: Double) -> Summary {
        let study = NoiseStudySpec(subsetSizes: [subsetSize], noise: NoiseSpec(model: model, levels: [level]), measures: [.kendallTau])
        let scenario = Scenario(name: "calibrate", seed: seed, trials: trials, pairs: [], experiment: .noiseStudy(study))
        let cells = Study.cells(for: scenario, study: study, pairs: [pair])
        return Summary(Study.run(scenario: scenario, cells: cells, jobs: jobs).values)
    }

    /// The level whose mean realised tau is `tau`, by bisection with common random numbers
    /// (the same trial streams at every level). For `kendall-tau` the level is the target.
    public func level(forTau tau: Double) -> Double {
        if model == .kendallTau { return tau }
        var lo = 0.0, hi = 1.0
        var guardCount = 0
        while realisedTau(level: hi).mean > tau && guardCount < 20 {
            lo = hi
            hi *= 2
            guardCount += 1
        }
        for _ in 0..<20 {
            let mid = (lo + hi) / 2
            if realisedTau(level: mid).mean > tau { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
