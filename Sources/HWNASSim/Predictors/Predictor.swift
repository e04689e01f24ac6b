// SPDX-License-Identifier: GPL-3.0-or-later

/// A regression model of a hardware metric from architecture features: fitted on measured
/// architectures, then asked for the others.
///
/// Fitting is deterministic given the random stream: every random choice (initial weights,
/// batch order, subsamples) is drawn from `stream`, which the caller keys from
/// (seed, cell, trial) with ``StreamKey``, so results do not depend on scheduling.
public protocol Predictor {
    /// The scenario name of the model (`linreg`, `mlp`, …).
    var name: String { get }
    /// The largest training set the model accepts; nil when unbounded.
    var maximumTrainingSize: Int? { get }
    /// The smallest training set the model accepts (0 for estimators that need no measurement).
    var minimumTrainingSize: Int { get }
    /// Fits the model to `targets` (one per row of `features`).
    /// - Throws: ``InputError`` when the training set does not suit the model (too small, too
    ///   large, wrong number of features, non-finite values).
    mutating func fit(_ features: FeatureMatrix, _ targets: [Double], stream: RandomStream) throws
    /// Predictions for the rows of `features` (the columns the model was fitted on).
    /// Precondition: the model has been fitted.
    func predict(_ features: FeatureMatrix) -> [Double]
}

extension Predictor {
    public var maximumTrainingSize: Int? { nil }
    public var minimumTrainingSize: Int { 1 }

    /// Checks the training set's shape and values against the model's limits.
    /// - Throws: ``InputError`` at key `predictor` saying what was expected.
    func checkTrainingSet(_ features: FeatureMatrix, _ targets: [Double], columns: Int? = nil) throws {
        guard features.rows == targets.count else {
            throw InputError(key: "predictor", "\(name): \(features.rows) feature rows for \(targets.count) targets")
        }
        guard features.rows >= minimumTrainingSize else {
            throw InputError(key: "predictor", "\(name) needs at least \(minimumTrainingSize) training samples, got \(features.rows)")
        }
        if let m = maximumTrainingSize, features.rows > m {
            throw InputError(
                key: "predictor", "\(name) takes at most \(m) training samples (its cost grows fast with the size), got \(features.rows)")
        }
        if let columns, features.columns != columns {
            throw InputError(key: "predictor", "\(name) expects \(columns) features, got \(features.columns)")
        }
        guard targets.allSatisfy(\.isFinite), features.values.allSatisfy(\.isFinite) else {
            throw InputError(key: "predictor", "\(name): a training value is missing or not finite")
        }
    }
}

/// A predictor that picks its own training architectures (the lookup table measures a base
/// cell and its single-edge substitutions) instead of a random sample.
public protocol ChoosesTrainingSet: Predictor {
    /// The rows of `features` it must be trained on, taken among `candidates`.
    /// - Throws: ``InputError`` when a needed architecture is not among the candidates.
    func trainingRows(_ features: FeatureMatrix, candidates: [Int]) throws -> [Int]
}
