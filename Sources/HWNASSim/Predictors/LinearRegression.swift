// SPDX-License-Identifier: GPL-3.0-or-later

/// Ordinary least squares with an intercept (`linreg`).
///
/// Solves [1 X] c ≈ y through the SVD of the design matrix and keeps the minimum-norm
/// solution c = [1 X]⁺ y (intercept included in the norm), so it is defined for any number of
/// samples: when there are fewer samples than features, and for the one-hot encodings, whose
/// slot groups each sum to one and so are collinear with the intercept column.
///
/// GSL's `gsl_multifit_linear` is not used (GSL 2.7, measured on the NB201 one-hot): on a
/// rank-deficient design it divides by singular values at rounding level (coefficients of norm
/// ~1e13, predictions off by ~0.1 at 300 samples), and with fewer samples than coefficients it
/// returns NaN with a success status. `gsl_multifit_linear_tsvd` truncates, but after scaling
/// the columns, so it minimises ‖D c‖ for its scaling D rather than ‖c‖ (same predictions when
/// n ≥ p, other coefficients), and also returns NaN when n < p.
public struct LinearRegression: Predictor {
    /// Intercept first, then one coefficient per feature (empty before fitting).
    public private(set) var coefficients: [Double] = []
    /// The numerical rank of the last design matrix.
    public private(set) var rank = 0

    public init() {}

    public var name: String { "linreg" }

    /// - Complexity: O(n p²) for n samples and p features (p² n when n < p).
    public mutating func fit(_ features: FeatureMatrix, _ targets: [Double], stream: RandomStream) throws {
        try checkTrainingSet(features, targets)
        let n = features.rows, p = features.columns + 1
        var design = [Double](repeating: 1, count: n * p)
        for i in 0..<n {
            for j in 0..<features.columns { design[i * p + j + 1] = features.values[i * features.columns + j] }
        }
        guard let (c, r) = DenseLinearAlgebra.minimumNormSolve(design, rows: n, columns: p, targets) else {
            throw InputError(key: "predictor", "linreg: the SVD of the \(n) × \(p) design matrix did not converge")
        }
        coefficients = c
        rank = r
    }

    /// - Complexity: O(rows × features).
    public func predict(_ features: FeatureMatrix) -> [Double] {
        precondition(coefficients.count == features.columns + 1, "linreg: predict before fit, or wrong number of features")
        return LinearModel.evaluate(intercept: coefficients[0], weights: Array(coefficients.dropFirst()), features)
    }
}

/// Evaluation of an affine model on feature rows.
enum LinearModel {
    /// intercept + row · weights for every row.
    /// - Complexity: O(rows × columns).
    static func evaluate(intercept: Double, weights: [Double], _ features: FeatureMatrix) -> [Double] {
        let p = features.columns
        return features.values.withUnsafeBufferPointer { x in
            (0..<features.rows).map { i in
                var s = intercept
                for j in 0..<p { s += x[i * p + j] * weights[j] }
                return s
            }
        }
    }
}
