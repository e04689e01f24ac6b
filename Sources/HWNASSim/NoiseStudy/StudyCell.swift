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
    /// The trained predictor of a `model: trained` cell; nil for injected noise.
    var trained: TrainedStudyModel? = nil
    /// Trials of this cell when it runs fewer than the scenario's (a costly model's `trials`).
    var ownTrials: Int? = nil
    /// Where the selection's believed accuracy comes from (`accuracy:`).
    public var accuracy = AccuracySpec()
    /// `accuracy.source: noise`: σ of the noise on the accuracy's normal scores (calibrated
    /// on the whole pair to the target tau).
    var accuracySigma = 0.0
    /// `accuracy.source: proxy`: the proxy's score by pair row, −∞ where it has none
    /// (`predictor`: its `proxy_feature`'s, empty without one).
    var believedProxy: [Double] = []
    /// `accuracy.source: predictor`: the NB201 one-hot of the pair's architectures (pair row
    /// order), the features its model learns accuracy from; nil for the other sources.
    var accuracyFeatures: FeatureMatrix?

    public init(
        pair: GroundTruthPair, subsetSize: Int, noise: NoiseSpec, sigmas: [Double] = [],
        reference: ReferencePoint, measures: [Measure], seed: UInt64
    ) {
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

    /// Values written per trial: rows × measures (a trained cell: its training sizes, and as
    /// many matched injected rows with `compare_injected`).
    public var valuesPerTrial: Int { rowCount * measures.count }

    /// The number of ``rows``, without building them.
    var rowCount: Int {
        guard let t = trained else { return noise.levels.count }
        return t.sizes.count * (t.compareInjected ? 2 : 1)
    }

    /// The cell's rows, in output order: one per noise level; for a trained cell one per
    /// training size, then (with `compare_injected`) the matched injected row of each size.
    var rows: [StudyRow] {
        guard let t = trained else { return noise.levels.map { .injected(noise.model, level: $0) } }
        let trainedRows = t.sizes.map { StudyRow.trained(predictor: t.name, trainSamples: $0) }
        guard t.compareInjected else { return trainedRows }
        return trainedRows
            + t.sizes.indices.map { k in
                .injectedMatched(predictor: t.name, trainSamples: t.sizes[k], tau: k < t.matchedTaus.count ? t.matchedTaus[k] : .nan)
            }
    }

    /// The trials this cell runs when the scenario asks for `scenarioTrials`.
    func trials(_ scenarioTrials: Int) -> Int { min(ownTrials ?? scenarioTrials, scenarioTrials) }
}

/// The trained predictor of a study cell (`noise.model: trained`): what each trial fits, on
/// which features, at which training sizes.
struct TrainedStudyModel: Sendable {
    var model: ModelSpec
    /// The model's name in the output rows.
    var name: String { model.name }
    /// Features of every row of the pair: the NB201 one-hot, or for `transfer` the source
    /// devices' values.
    var features: FeatureMatrix
    /// The training sizes: one trained row each.
    var sizes: [Int]
    /// `lookup-table`: the pair rows of its structured cells (measured wherever they are, in or
    /// out of the subset); nil: the first `size` positions of the subset are measured.
    var lookupTableRows: [Int32]?
    /// Relative sd of the measurement noise on a training value (0: exact).
    var measurementRelativeSD: Double
    /// Per pair row, the z-units one relative unit of measurement noise moves it:
    /// `metric / sd_pop(metric)` (empty without measurement noise).
    var noiseScale: [Double]
    /// Also run `kendall-tau` noise at the tau each size realised (the cell's mean).
    var compareInjected: Bool
    /// The mean tau each size realised, after the trained trials (NaN where it is undefined
    /// or ≤ 0, so no injected noise matches it); empty before.
    var matchedTaus: [Double] = []
    /// The features' encoding (nil: a csv table's numeric columns) and whether they are standardised.
    var context = ModelSpec.Context(encoding: NB201OneHotEncoding(), dataset: "")
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
