// SPDX-License-Identifier: GPL-3.0-or-later

/// A zero-cost proxy as an accuracy estimator (`{model: proxy, column: NAME}` in a learning
/// curve with `target: accuracy`): its one feature is the architecture's proxy score
/// (``ProxyColumn``).
///
/// - `map: rank` (the default): the estimate is the score itself, ranked as is. It needs no
///   training sample, so it is scored at training size 0; its values are not in accuracy's
///   units, so `rmse` and `mae` are not defined (NaN in `learning.csv`).
/// - `map: monotone`: the score mapped to accuracy by an ``IsotonicRegression`` fitted on the
///   training sample's (score, accuracy) pairs. It is scored at the learning curve's training
///   sizes (at least 2) and in accuracy's units, so `rmse` and `mae` are defined; its ranking
///   equals the raw proxy's except where the fit pools scores into a plateau (ties).
public struct ProxyEstimator: Predictor {
    /// How a proxy's score becomes an estimate.
    public enum Map: String, Sendable, CaseIterable {
        /// The score as is.
        case rank
        /// A non-decreasing step function fitted on the training sample (``IsotonicRegression``).
        case monotone

        /// An unknown map name quoted, with a did-you-mean hint and the names allowed.
        static func unknown(_ name: String) -> String {
            let names = allCases.map(\.rawValue)
            return "'\(name)'\(Suggest.hint(for: name, in: names)); expected one of \(names.joined(separator: ", "))"
        }
    }

    /// The proxy's name.
    public var column: String
    public var map: Map
    /// The fitted map (`monotone`, after ``fit(_:_:stream:)``).
    private(set) var fitted: IsotonicRegression?

    public init(column: String, map: Map = .rank) {
        self.column = column
        self.map = map
    }

    public var name: String { map == .rank ? "proxy:\(column)" : "proxy:\(column):\(map.rawValue)" }
    public var minimumTrainingSize: Int { map == .rank ? 0 : 2 }
    public var maximumTrainingSize: Int? { map == .rank ? 0 : nil }

    /// `rank`: nothing to fit. `monotone`: the isotonic fit of the targets on the scores.
    /// - Throws: ``InputError`` for a training set that does not suit the map (see ``Predictor``).
    /// - Complexity: O(n log n) for n training rows.
    public mutating func fit(_ features: FeatureMatrix, _ targets: [Double], stream: RandomStream) throws {
        try checkTrainingSet(features, targets, columns: 1)
        guard map == .monotone else { return }
        fitted = IsotonicRegression(x: (0..<features.rows).map { features[$0, 0] }, y: targets)
    }

    /// The proxy score of each row (its one feature), or its fitted map.
    /// - Complexity: O(rows) for `rank`, O(rows log n) for `monotone`.
    public func predict(_ features: FeatureMatrix) -> [Double] {
        guard let fitted else { return (0..<features.rows).map { features[$0, 0] } }
        return (0..<features.rows).map { fitted(features[$0, 0]) }
    }
}
