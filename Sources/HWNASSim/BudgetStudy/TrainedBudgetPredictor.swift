// SPDX-License-Identifier: GPL-3.0-or-later

/// The features of a pair's architectures, for trained predictors (`model:`): the NB201
/// one-hot of an NB201 table, or a csv table's own (``TableFeatures``: numeric columns or an
/// encoded architecture column).
struct PairFeatures: Sendable {
    /// The one-hot encoding behind ``matrix``; nil for numeric feature columns.
    var encoding: (any OneHotEncoding)?
    /// One row per architecture of the pair (pair row order).
    var matrix: FeatureMatrix
    /// Models z-score the columns from their training rows (numeric `data.features`).
    var standardize = false
    /// Pair rows of the lookup table's structured cells (base all `none`, then every single-edge
    /// substitution); nil when the pair lacks one of them or there is no encoding.
    var lookupTableRows: [Int]?
    /// Other devices' values of the pair's architectures (pair row order), per trained
    /// `transfer` predictor: its features instead of the one-hot.
    var sources: [String: FeatureMatrix] = [:]

    /// What a model made for these features knows of them.
    func modelContext(dataset: String) -> ModelSpec.Context {
        .init(encoding: encoding, dataset: dataset, standardizeFeatures: standardize)
    }

    /// The features of `pair`'s architectures, read from `table`'s arch strings.
    /// - Throws: ``InputError`` at `key` when the table has no NB201 arch strings or one does
    ///   not parse.
    init(table: MetricTable, pair: GroundTruthPair, key: String) throws {
        guard let strings = table.archStrings else {
            throw InputError(
                key: key,
                "a trained predictor learns from features: table '\(table.dataset)' has no NB201 arch strings (benchmark nb201 has them; a csv table names its own with data.features or data.arch_column and data.encoding)"
            )
        }
        let rowOfId = table.rowsByID()
        let e = NB201OneHotEncoding()
        let archs = pair.ids.map { strings[rowOfId[$0]!] }
        self.init(encoding: e, matrix: try e.matrix(archs, file: table.path, key: key))
    }

    /// The features of `pair`'s architectures among a csv table's (`features`, one row per
    /// row of `table`, whose ids they follow).
    init(_ features: TableFeatures, table: MetricTable, pair: GroundTruthPair) {
        let rowOfId = table.rowsByID()
        self.init(encoding: features.encoding, matrix: features.matrix.selecting(rows: pair.ids.map { rowOfId[$0]! }))
        standardize = features.standardize && features.encoding == nil
    }

    init(encoding: (any OneHotEncoding)?, matrix: FeatureMatrix) {
        self.encoding = encoding
        self.matrix = matrix
        if let encoding { lookupTableRows = try? LookupTable(encoding: encoding).trainingRows(matrix, candidates: Array(0..<matrix.rows)) }
    }

    /// The features of `pair` in `scenario`'s data: a csv table's own where it names them,
    /// else the table's NB201 arch strings; with the warnings the csv's columns raise.
    /// - Throws: ``InputError`` at `key` (or at the table's line) as the initialisers.
    static func of(scenario: Scenario, table: MetricTable, pair: GroundTruthPair, key: String) throws
        -> (PairFeatures, warnings: [InputError])
    {
        guard case .csv(let c) = scenario.data, c.featureColumns != nil || c.archColumn != nil else {
            return (try PairFeatures(table: table, pair: pair, key: key), [])
        }
        let csv: CSVTable
        do { csv = try CSVTable(contentsOf: c.file) } catch var e as InputError {
            if e.line == nil { e.key = "data.file" }
            throw e
        }
        let read = try TableFeatures.read(c, csv: csv)!
        return (PairFeatures(read, table: table, pair: pair), read.warnings)
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
    /// The encoding of ``features`` (nil: numeric columns) and whether models standardise them.
    var context = ModelSpec.Context(encoding: NB201OneHotEncoding(), dataset: "")

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
            var context = self.context
            context.dataset = dataset
            var m = try model.make(context)
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
