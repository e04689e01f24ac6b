// SPDX-License-Identifier: GPL-3.0-or-later

/// One cell of a study: a (dataset, metric) pair at one subset size, with everything its
/// trials share (noise levels, calibrated σ, reference point, measures, seed).
public struct StudyCell: Sendable {
    public var pair: GroundTruthPair
    public var subsetSize: Int
    public var noise: NoiseSpec
    /// σ per level for `kendall-tau` noise (calibrated on the whole pair), empty otherwise.
    var sigmas: [Double]
    public var reference: ReferencePoint
    public var measures: [Measure]
    public var seed: UInt64

    public init(pair: GroundTruthPair, subsetSize: Int, noise: NoiseSpec, sigmas: [Double] = [],
                reference: ReferencePoint, measures: [Measure], seed: UInt64) {
        self.pair = pair
        self.subsetSize = subsetSize
        self.noise = noise
        self.sigmas = sigmas
        self.reference = reference
        self.measures = measures
        self.seed = seed
    }

    /// The random-stream key of `trial`: a function of (seed, pair, subset size, trial) only.
    func streamKey(trial: Int) -> UInt64 {
        StreamKey.derive(seed, StreamKey.hash("\(pair.dataset)/\(pair.metric)"), UInt64(subsetSize), UInt64(trial))
    }

    /// Values written per trial: levels × measures.
    public var valuesPerTrial: Int { noise.levels.count * measures.count }
}

/// What one trial selected at one noise level, for plotting (figure 4).
public struct TrialSelection: Sendable {
    /// Rows of the pair drawn into the subset, in drawn order.
    public var subset: [Int]
    /// Subset positions on the true front.
    public var trueFront: [Int]
    /// Subset positions selected under predicted values.
    public var selected: [Int]
    /// Selected positions that survive verification.
    public var verified: [Int]
    /// True accuracy and z, and the predicted metric (z-units; normal scores for
    /// `kendall-tau`) and predicted accuracy, by subset position.
    public var accuracy: [Double]
    public var z: [Double]
    public var predicted: [Double]
    var predictedAccuracy: [Double]
    /// The reference point (accuracy, z).
    public var reference: (accuracy: Double, metric: Double)
}
