// SPDX-License-Identifier: GPL-3.0-or-later

/// Where a scenario's selection gets the accuracy it believes (`accuracy:`). Whatever the
/// source, the selection is scored on true accuracy.
public struct AccuracySpec: Equatable, Sendable {
    /// The accuracy sources.
    public enum Source: String, Sendable, CaseIterable {
        /// The true (seed-averaged) accuracy: the study's upper bound and the default.
        case known
        /// The accuracy observed after training: the true one plus seed noise of
        /// ``AccuracySpec/noiseSD`` percentage points (the mean of ``AccuracySpec/repeats`` trainings).
        case train
        /// Injected noise calibrated to ``AccuracySpec/kendallTau``, as `kendall-tau` noise on the metric.
        case noise
        /// A zero-cost proxy's score (``AccuracySpec/column``), ranked as is (``AccuracySpec/map``
        /// `rank`) or mapped to accuracy by a monotone fit on ``AccuracySpec/trainSamples``
        /// trained architectures of each trial's subset (`monotone`).
        case proxy
        /// A model (``AccuracySpec/model``) fitted per trial to the observed accuracy of
        /// ``AccuracySpec/trainSamples`` trained architectures of the subset (NB201 one-hot,
        /// optionally with ``AccuracySpec/proxyFeature`` as an extra feature), predicting the others.
        case predictor
    }

    public var source: Source = .known
    /// `noise`: the target Kendall tau of believed against true accuracy, in (0, 1].
    public var kendallTau = 1.0
    /// `train`: the seed noise's standard deviation, percentage points (`proxy` with a
    /// monotone map: that of the trained architectures, default 0; `predictor`: that of the
    /// trained architectures, default ``defaultNoiseSD`` as for `train`).
    public var noiseSD = AccuracySpec.defaultNoiseSD
    /// `train`: trainings averaged per architecture (different seeds).
    public var repeats = 1
    /// `proxy`: the proxy's name (``ProxyColumn/names``).
    public var column: String?
    /// `proxy`: the score as is, or its monotone (isotonic) map to accuracy.
    public var map = ProxyEstimator.Map.rank
    /// `proxy` with `map: monotone`, `predictor`: the architectures of each trial's subset
    /// trained (their accuracy observed) to fit the map or the model on; at least 2.
    public var trainSamples = 0
    /// `predictor`: the model fitted to the trained architectures' observed accuracy (linreg,
    /// ridge, gp or mlp, with its options).
    public var model: ModelSpec?
    /// `predictor`: a proxy (``ProxyColumn/names``) appended to the one-hot as one more
    /// feature, z-scored over each trial's subset; nil: the one-hot alone.
    public var proxyFeature: String?

    public init() {}

    /// The default seed noise of `train`, percentage points: the mean absolute difference of
    /// re-trained networks from their benchmark accuracy, 0.21 points (Accel-NASBench, quoted
    /// in issue 24), as the sd of a normal with that mean absolute value (0.21 × √(π/2) = 0.263).
    /// Single-seed NB201 accuracies differ from the seed-averaged ones by up to about 2 points
    /// (data README §7: 78 of 2,416 differing architectures by more than 0.5).
    public static let defaultNoiseSD = 0.26

    /// The models a `predictor` source fits: those that learn from random training samples of
    /// one-hot features (not the lookup table's structured cells, the closed-form costs, other
    /// devices' values or a proxy).
    static let predictorModels: [ModelSpec.Model] = [.linreg, .ridge, .gp, .mlp]

    /// `proxy_feature: none`: the one-hot alone, the same spec (and hashes) as without the key.
    static let noProxyFeature = "none"

    /// The text cell hashes are made from; nil for `known` (so a scenario without the section,
    /// or with `source: known`, keeps its hashes).
    var canonical: String? {
        switch source {
        case .known: return nil
        case .train: return "accuracy=train sd=\(Format.number(noiseSD)) repeats=\(repeats)"
        case .noise: return "accuracy=noise tau=\(Format.number(kendallTau))"
        case .proxy:
            let base = "accuracy=proxy column=\(column ?? "")"
            guard map == .monotone else { return base }
            return base + " map=monotone train_samples=\(trainSamples) sd=\(Format.number(noiseSD))"
        case .predictor:
            let model = model.map(LearningCurveSpec.canonical) ?? ""
            return "accuracy=predictor model=\(model) train_samples=\(trainSamples) sd=\(Format.number(noiseSD))"
                + (proxyFeature.map { " proxy_feature=\($0)" } ?? "")
        }
    }
}
