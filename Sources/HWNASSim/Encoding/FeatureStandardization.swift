// SPDX-License-Identifier: GPL-3.0-or-later

/// Z-scores of numeric feature columns (`data.features`), from the training rows only: each
/// column minus its training mean, divided by its training (population) sd; a column constant
/// over the training rows is only centred. One-hot encodings are never standardised.
///
/// Every model is then invariant to the columns' units and offsets (an affine change of a
/// column changes no prediction beyond rounding), which a Gaussian process with one length
/// scale or ridge's penalty are not on raw columns.
struct FeatureStandardization: Sendable, Equatable {
    /// Training mean of each column.
    var mean: [Double]
    /// Training sd of each column (1 for a constant column).
    var scale: [Double]

    /// The standardisation of `features`' columns over all its rows.
    /// - Complexity: O(rows × columns).
    init(fittedTo features: FeatureMatrix) {
        let p = features.columns
        let n = Double(max(features.rows, 1))
        var mean = [Double](repeating: 0, count: p)
        var scale = [Double](repeating: 1, count: p)
        for j in 0..<p {
            var s = 0.0
            for i in 0..<features.rows { s += features[i, j] }
            let m = s / n
            var ss = 0.0
            for i in 0..<features.rows { ss += (features[i, j] - m) * (features[i, j] - m) }
            let sd = (ss / n).squareRoot()
            mean[j] = m
            scale[j] = sd > 0 && sd.isFinite ? sd : 1
        }
        self.mean = mean
        self.scale = scale
    }

    /// `features` with every column standardised.
    /// - Complexity: O(rows × columns).
    func apply(_ features: FeatureMatrix) -> FeatureMatrix {
        var out = features
        let p = features.columns
        for i in 0..<features.rows {
            for j in 0..<p { out.values[i * p + j] = (features.values[i * p + j] - mean[j]) / scale[j] }
        }
        return out
    }

    /// The columns of `features` (by index) holding one value in every row.
    /// - Complexity: O(rows × columns).
    static func constantColumns(_ features: FeatureMatrix) -> [Int] {
        guard features.rows > 0 else { return [] }
        return (0..<features.columns).filter { j in (1..<features.rows).allSatisfy { features[$0, j] == features[0, j] } }
    }
}

/// A model fitted and queried on standardised features (``FeatureStandardization`` of its
/// training rows), for numeric feature columns; the model itself sees unit-scale columns.
struct StandardizedPredictor: Predictor {
    var base: any Predictor
    var standardization: FeatureStandardization?

    var name: String { base.name }
    var maximumTrainingSize: Int? { base.maximumTrainingSize }
    var minimumTrainingSize: Int { base.minimumTrainingSize }

    mutating func fit(_ features: FeatureMatrix, _ targets: [Double], stream: RandomStream) throws {
        let s = FeatureStandardization(fittedTo: features)
        standardization = s
        try base.fit(s.apply(features), targets, stream: stream)
    }

    func predict(_ features: FeatureMatrix) -> [Double] {
        guard let standardization else { return base.predict(features) }
        return base.predict(standardization.apply(features))
    }
}
