// SPDX-License-Identifier: GPL-3.0-or-later

extension StudyTrial {
    /// `predictor`: the architectures of ``trainedArchitectures(cell:subset:trialKey:)`` (the
    /// same ones a monotone map with the same `trainSamples` trains) keep their observed
    /// accuracy; the model, fitted to it with ``TrainedFit`` (targets z-scored with the trained
    /// sample's own mean and sd, its stream keyed by the trial, "accuracy MODEL" and the size),
    /// predicts every other position from ``accuracyFeatures(cell:subset:)``.
    /// - Parameter believed: receives the estimate by subset position.
    /// Like the monotone map it allocates (the features and the fit), once per level.
    /// - Complexity: the model's fit on `trainSamples` rows and its prediction of the N rows.
    static func predictAccuracy(cell: StudyCell, subset s: Subset, believed: UnsafeMutableBufferPointer<Double>, trialKey: UInt64) {
        guard let model = cell.accuracy.model else { return }
        let n = s.count
        let (trained, observed) = trainedArchitectures(cell: cell, subset: s, trialKey: trialKey)
        var measured = [Double](repeating: 0, count: n)
        for (j, p) in trained.enumerated() { measured[p] = observed[j] }
        let fit = TrainedFit(
            name: "accuracy \(model.name)",
            spec: PredictorSpec(trainSamples: trained.count, trainSeconds: 0, querySeconds: 0, kendallTau: []),
            model: model, features: accuracyFeatures(cell: cell, subset: s), measured: measured, trialKey: trialKey,
            dataset: cell.pair.dataset,
            context: ModelSpec.Context(encoding: cell.believedProxy.isEmpty ? NB201OneHotEncoding() : nil, dataset: cell.pair.dataset))
        let values = fit.predictions(trainedOn: trained.map { Int32($0) })
        for i in 0..<n { believed[i] = cell.pair.precision.stored(values[i]) }
        for (j, p) in trained.enumerated() { believed[p] = observed[j] }
    }

    /// The features of the subset's positions for `predictor`: the one-hot of their pair rows,
    /// then, with a `proxy_feature`, its score z-scored over the subset (mean and population sd
    /// of the subset's scores after an architecture without a score gets the subset's lowest
    /// one; 0 for a score without spread).
    /// - Complexity: O(N × features).
    static func accuracyFeatures(cell: StudyCell, subset s: Subset) -> FeatureMatrix {
        let rows = s.rows.map(Int.init)
        let oneHot = (cell.accuracyFeatures ?? FeatureMatrix(rows: 0, columns: 0, values: [])).selecting(rows: rows)
        guard !cell.believedProxy.isEmpty else { return oneHot }
        return oneHot.appendingStandardized(rows.map { cell.believedProxy[$0] })
    }
}
