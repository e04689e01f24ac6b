// SPDX-License-Identifier: GPL-3.0-or-later

/// A zero-cost proxy as an accuracy estimator (`{model: proxy, column: NAME}` in a learning
/// curve with `target: accuracy`): its one feature is the architecture's proxy score
/// (``ProxyColumn``), and the estimate is the score itself, ranked as is.
///
/// It needs no training sample, so it is scored at training size 0; its values are not in
/// accuracy's units, so `rmse` and `mae` are not defined (NaN in `learning.csv`).
public struct ProxyEstimator: Predictor {
    /// The proxy's name.
    public var column: String

    public init(column: String) {
        self.column = column
    }

    public var name: String { "proxy:\(column)" }
    public var minimumTrainingSize: Int { 0 }
    public var maximumTrainingSize: Int? { 0 }

    /// Nothing to fit: the proxy is ranked as is.
    public mutating func fit(_ features: FeatureMatrix, _ targets: [Double], stream: RandomStream) throws {
        try checkTrainingSet(features, targets, columns: 1)
    }

    /// The proxy score of each row (its one feature).
    public func predict(_ features: FeatureMatrix) -> [Double] {
        (0..<features.rows).map { features[$0, 0] }
    }
}
