// SPDX-License-Identifier: GPL-3.0-or-later

/// One cell of a budget study: a pair at one subset size, with the scenario's strategies.
struct BudgetCell: Sendable {
    var pair: GroundTruthPair
    /// Latency in ms per row of the pair, the cost basis of a measurement.
    var latencyMs: [Double]
    var subsetSize: Int
    var budget: BudgetSpec
    var predictors: [String: PredictorSpec]
    /// σ of the calibrated `kendall-tau` noise per predictor, from its learning curve at its
    /// training-sample count.
    var sigmas: [String: Double]
    var limits: [Double]
    var reference: ReferencePoint
    var seed: UInt64
    /// The latency column named for the pair, if any (part of the stream key, so that two
    /// pairs that differ only in it draw differently).
    var latencyColumn: String? = nil
    /// The NB201 one-hot of the pair's architectures, when a predictor of the cell is trained
    /// (`model:`).
    var features: PairFeatures? = nil
    /// The Kendall tau of each synthetic predictor at its training size: its curve's, or the one
    /// borrowed from a trained predictor (`kendall_tau: {from: NAME}`).
    var taus: [String: Double] = [:]
    /// The one-edit structure of the pair's architectures, when a strategy searches.
    var structure: PairStructure? = nil
    /// With `budget.trainers`: seconds to train each architecture of the pair on one GPU (pair
    /// row order), and the score of each proxy a strategy ranks by (−∞ where it has none).
    var trainingSeconds: [Double] = []
    var proxyScores: [String: [Double]] = [:]

    /// Output measures, in order.
    var measures: [BudgetMeasure] { BudgetMeasure.all(limits: limits) }

    var valuesPerTrial: Int { budget.strategies.count * budget.seconds.count * measures.count }

    func streamKey(trial: Int) -> UInt64 {
        StreamKey.derive(
            seed, StreamKey.hash("\(pair.dataset)/\(pair.metric)" + (latencyColumn.map { "/" + $0 } ?? "")),
            UInt64(subsetSize), UInt64(trial))
    }
}

extension BudgetCell {
    /// The `noise` and `level` columns of a strategy's rows: `kendall-tau` and the tau of a
    /// synthetic predictor at its training size (its curve's or the borrowed one); `trained` and
    /// no level for a trained predictor (its errors are the model's); `none` and no level for
    /// measuring.
    func predictionNoise(of strategy: StrategySpec) -> (noise: String, level: Double) {
        guard case .predictor(let name) = strategy.kind, let p = predictors[name] else { return ("none", .nan) }
        if p.model != nil { return ("trained", .nan) }
        return (NoiseModelKind.kendallTau.rawValue, taus[name] ?? p.tau(samples: p.trainSamples))
    }
}
