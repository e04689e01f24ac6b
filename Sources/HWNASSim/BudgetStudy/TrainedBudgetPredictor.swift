// SPDX-License-Identifier: GPL-3.0-or-later

/// The NB201 one-hot features of a pair's architectures, for budget predictors with `model:`.
struct PairFeatures: Sendable {
    /// The encoding behind ``matrix``.
    var encoding: NB201OneHotEncoding
    /// One row per architecture of the pair (pair row order).
    var matrix: FeatureMatrix
    /// Pair rows of the lookup table's structured cells (base all `none`, then every single-edge
    /// substitution); nil when the pair lacks one of them.
    var lookupTableRows: [Int]?
    /// Other devices' values of the pair's architectures (pair row order), per trained
    /// `transfer` predictor: its features instead of the one-hot.
    var sources: [String: FeatureMatrix] = [:]

    /// The features of `pair`'s architectures, read from `table`'s arch strings.
    /// - Throws: ``InputError`` at `key` when the table has no NB201 arch strings or one does
    ///   not parse.
    init(table: MetricTable, pair: GroundTruthPair, key: String) throws {
        guard let strings = table.archStrings else {
            throw InputError(
                key: key,
                "a trained predictor learns from NB201 arch strings: table '\(table.dataset)' has none (benchmark nb201 has them; csv and synthetic tables do not yet)"
            )
        }
        let rowOfId = Dictionary(table.ids.enumerated().map { ($1, $0) }) { a, _ in a }
        let e = NB201OneHotEncoding()
        let archs = pair.ids.map { strings[rowOfId[$0]!] }
        matrix = try e.matrix(archs, file: table.path, key: key)
        encoding = e
        let lut = LookupTable(encoding: e)
        lookupTableRows = try? lut.trainingRows(matrix, candidates: Array(0..<matrix.rows))
    }
}

/// Fitting a budget predictor with `model:` in one trial: the training positions, the
/// targets (measured values, measurement noise included) and the predictions for every
/// position of the subset.
///
/// Targets are z-scored with the training sample's own mean and sd (what the simulated
/// practitioner knows) before fitting, and predictions mapped back to metric units: an affine
/// map, so least squares and the lookup table rank exactly as on raw values, and the models
/// with fixed hyperparameters (ridge's alpha grid, the GP's priors, the MLP's learning rate)
/// see unit-scale targets whatever the metric's units.
struct TrainedFit {
    var name: String
    var spec: PredictorSpec
    var model: ModelSpec
    /// Features of the subset's positions.
    var features: FeatureMatrix
    /// The measured value of every position.
    var measured: [Double]
    /// The key of the trial's stream; each fit derives its own from it, the name and the size.
    var trialKey: UInt64
    /// The NB201 dataset (FLOPs and parameters count per dataset).
    var dataset: String = ""

    /// The positions measured to train, in measurement order: the first `train_samples` of
    /// the random order, or the lookup table's cells (positions in the subset) followed by
    /// random positions up to `train_samples`.
    static func trainingPositions(spec: PredictorSpec, randomOrder: [Int32], lookupTablePositions: [Int32]?) -> [Int32] {
        switch spec.sample {
        case .random:
            return Array(randomOrder.prefix(spec.trainSamples))
        case .lookupTable:
            let cells = lookupTablePositions ?? []
            let chosen = Set(cells)
            let rest = randomOrder.lazy.filter { !chosen.contains($0) }.prefix(max(0, spec.trainSamples - cells.count))
            return cells + rest
        }
    }

    /// Predictions (metric units) for every position, the model fitted to the measured values
    /// of `positions`. A fit that fails (it should not: the cells check sizes) predicts the
    /// training mean everywhere.
    /// - Complexity: the model's fit on `positions.count` rows plus a prediction of every row.
    func predictions(trainedOn positions: [Int32]) -> [Double] {
        let rows = positions.map(Int.init)
        let y = rows.map { measured[$0] }
        let k = Double(max(y.count, 1))
        let mean = y.reduce(0, +) / k
        let sd0 = (y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / k).squareRoot()
        let sd = sd0 > 0 && sd0.isFinite ? sd0 : 1
        let stream = RandomStream(key: StreamKey.derive(trialKey, StreamKey.hash(name), StreamKey.hash("fit"), UInt64(positions.count)))
        do {
            var m = try model.make(.init(encoding: NB201OneHotEncoding(), dataset: dataset))
            // `transfer` works in metric units (its log fit needs positive values).
            guard model.model != .transfer else {
                try m.fit(features.selecting(rows: rows), y, stream: stream)
                return m.predict(features)
            }
            try m.fit(features.selecting(rows: rows), y.map { ($0 - mean) / sd }, stream: stream)
            return m.predict(features).map { mean + sd * $0 }
        } catch {
            return [Double](repeating: mean, count: features.rows)
        }
    }
}
