// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// L2-regularised least squares (`ridge`): minimises ‖y − b − X w‖² + α ‖w‖² (the intercept b
/// is not penalised; α is scikit-learn's `alpha`, GSL's λ²).
///
/// Features and targets are centred on the training set (and the features scaled to unit
/// standard deviation when `standardize` is on); α is fixed, or chosen per fit by generalised
/// cross-validation, GCV(α) = n · RSS(α) / (n − 1 − dof(α))², dof(α) = Σ s²/(s² + α), over a
/// log grid of α from the singular values of the centred features (the criterion of
/// `gsl_multifit_linear_gcv`, with one more degree of freedom for the intercept). The
/// singular values come from the eigendecomposition of the smaller Gram matrix, not an SVD:
/// one BLAS product and a min(n, p)-sized eigenproblem, then O(min(n, p)) per grid value.
public struct RidgeRegression: Predictor {
    /// The penalty; nil to choose it by GCV at every fit.
    public var alpha: Double?
    /// Scales every feature to unit sd over the training set before the fit (features on
    /// different scales, such as other devices' latencies); off for one-hot encodings.
    public var standardize: Bool
    /// How α is chosen when it is not fixed.
    public enum Selection: String, Sendable, CaseIterable {
        /// Generalised cross-validation.
        case gcv
        /// Exact leave-one-out error, Σ (rᵢ / (1 − hᵢᵢ))², from the hat matrix's diagonal.
        case loo
    }

    /// How α is chosen when it is not fixed.
    public var selection = Selection.gcv
    /// Number of α values on the grid.
    public var gridSize = 60

    /// The penalty of the last fit (fixed or chosen).
    public private(set) var chosenAlpha: Double = .nan
    var intercept = 0.0
    var weights: [Double] = []

    public init(alpha: Double? = nil, standardize: Bool = false) {
        self.alpha = alpha
        self.standardize = standardize
    }

    public var name: String { "ridge" }

    /// - Complexity: O(n p min(n, p) + min(n, p)³) for the spectrum (``spectrum(_:_:rows:columns:withU:)``)
    ///   plus O(grid × min(n, p)) for GCV.
    public mutating func fit(_ features: FeatureMatrix, _ targets: [Double], stream: RandomStream) throws {
        try checkTrainingSet(features, targets)
        if let alpha, !(alpha >= 0 && alpha.isFinite) {
            throw InputError(key: "predictor.alpha", "ridge: alpha must be a finite number ≥ 0, got \(alpha)")
        }
        let n = features.rows, p = features.columns
        var mean = [Double](repeating: 0, count: p), scale = [Double](repeating: 1, count: p)
        for i in 0..<n { for j in 0..<p { mean[j] += features.values[i * p + j] } }
        for j in 0..<p { mean[j] /= Double(n) }
        if standardize {
            var ss = [Double](repeating: 0, count: p)
            for i in 0..<n {
                for j in 0..<p {
                    let d = features.values[i * p + j] - mean[j]
                    ss[j] += d * d
                }
            }
            for j in 0..<p where ss[j] > 0 { scale[j] = (ss[j] / Double(n)).squareRoot() }
        }
        let yMean = targets.reduce(0, +) / Double(n)
        let yc = targets.map { $0 - yMean }
        var xc = [Double](repeating: 0, count: n * p)
        for i in 0..<n { for j in 0..<p { xc[i * p + j] = (features.values[i * p + j] - mean[j]) / scale[j] } }
        guard let d = Self.spectrum(xc, yc, rows: n, columns: p, withU: alpha == nil && selection == .loo) else {
            throw InputError(key: "predictor", "ridge: the eigendecomposition of the \(n) × \(p) features' Gram matrix did not converge")
        }
        let a: Double
        if let alpha {
            a = alpha
        } else if selection == .loo {
            a = Self.looAlpha(u: d.u, r: d.s.count, s: d.s, beta: d.beta, y: yc, gridSize: gridSize)
        } else {
            a = Self.gcvAlpha(s: d.s, beta: d.beta, yNorm2: yc.reduce(0) { $0 + $1 * $1 }, n: n, gridSize: gridSize)
        }
        chosenAlpha = a
        let r = d.s.count
        var w = [Double](repeating: 0, count: p)
        for k in 0..<r {
            let s = d.s[k]
            let f = s / (s * s + a) * d.beta[k]
            for j in 0..<p { w[j] += d.v[j * r + k] * f }
        }
        var b = yMean
        for j in 0..<p {
            w[j] /= scale[j]
            b -= w[j] * mean[j]
        }
        intercept = b
        weights = w
    }

    /// The non-zero part of the thin SVD Xc = U diag(s) Vᵀ of the centred features, with
    /// β = Uᵀ yc: r singular values (descending), β, V (p × r row-major) and, when `withU`,
    /// U (n × r row-major; else empty).
    struct Spectrum {
        var s: [Double], beta: [Double], v: [Double], u: [Double]
    }

    /// The spectrum from the eigendecomposition of the smaller Gram matrix (XcᵀXc, p × p, when
    /// n ≥ p; XcXcᵀ, n × n, otherwise): s² are its eigenvalues, and V (or U) its eigenvectors,
    /// the other side by one product. Eigenvalues at most 100 · max(n, p) · ε · the largest
    /// count as zero (rounding in the Gram matrix, such as the one-hot encodings' exact
    /// collinearities); a penalty of at least 1e-8 · s_max² (the GCV grid) weighs them by
    /// under 3 · 10⁻² · s² / s_max² anyway. Nil if LAPACK fails.
    /// - Complexity: O(n p min(n, p) + min(n, p)³), no SVD.
    static func spectrum(_ x: [Double], _ y: [Double], rows n: Int, columns p: Int, withU: Bool) -> Spectrum? {
        let tall = n >= p
        let m = tall ? p : n
        guard let (values, e) = DenseLinearAlgebra.symmetricEigen(DenseLinearAlgebra.gram(x, rows: n, columns: p, features: tall), m) else {
            return nil
        }
        let tol = 100 * Double(max(n, p)) * Double.ulpOfOne * max(values[0], 0)
        let r = values.prefix { $0 > tol && $0 > 0 }.count
        let s = values.prefix(r).map { $0.squareRoot() }
        var beta = [Double](repeating: 0, count: r)
        var v = [Double](repeating: 0, count: p * r)
        var u = [Double](repeating: 0, count: withU ? n * r : 0)
        if tall {
            // V = eigenvectors; β_k = v_kᵀ Xcᵀ y / s_k; U = Xc V / s.
            var xty = [Double](repeating: 0, count: p)
            for i in 0..<n { for j in 0..<p { xty[j] += x[i * p + j] * y[i] } }
            for k in 0..<r {
                var c = 0.0
                for j in 0..<p {
                    v[j * r + k] = e[k * p + j]
                    c += e[k * p + j] * xty[j]
                }
                beta[k] = c / s[k]
            }
            if withU {
                for i in 0..<n {
                    for k in 0..<r {
                        var dot = 0.0
                        for j in 0..<p { dot += x[i * p + j] * e[k * p + j] }
                        u[i * r + k] = dot / s[k]
                    }
                }
            }
        } else {
            // U = eigenvectors; β_k = u_kᵀ y; V = Xcᵀ U / s.
            for k in 0..<r {
                var c = 0.0
                for i in 0..<n { c += e[k * n + i] * y[i] }
                beta[k] = c
                for j in 0..<p {
                    var dot = 0.0
                    for i in 0..<n { dot += x[i * p + j] * e[k * n + i] }
                    v[j * r + k] = dot / s[k]
                }
                if withU { for i in 0..<n { u[i * r + k] = e[k * n + i] } }
            }
        }
        return Spectrum(s: s, beta: beta, v: v, u: u)
    }

    /// The α minimising GCV on a log grid from s_max² · 1e-8 to s_max² · 1e3 (the smallest when
    /// no grid value leaves a residual degree of freedom).
    /// - Complexity: O(gridSize × s.count).
    static func gcvAlpha(s: [Double], beta: [Double], yNorm2: Double, n: Int, gridSize: Int) -> Double {
        guard let sMax = s.first, sMax > 0 else { return 0 }
        let outside = max(0, yNorm2 - beta.reduce(0) { $0 + $1 * $1 })  // ‖y‖² outside the column space
        var best = (alpha: 0.0, score: Double.infinity)
        let lo = log(sMax * sMax * 1e-8), hi = log(sMax * sMax * 1e3)
        for g in 0..<gridSize {
            let a = exp(lo + (hi - lo) * Double(g) / Double(max(1, gridSize - 1)))
            var rss = outside, dof = 0.0
            for k in s.indices {
                let f = s[k] * s[k] / (s[k] * s[k] + a)
                dof += f
                rss += (1 - f) * (1 - f) * beta[k] * beta[k]
            }
            let denominator = Double(n) - 1 - dof
            guard denominator > 1e-9 else { continue }
            let score = Double(n) * rss / (denominator * denominator)
            if score < best.score { best = (a, score) }
        }
        return best.score.isFinite ? best.alpha : sMax * sMax * 1e-8
    }

    /// The α minimising the exact leave-one-out error on the grid of ``gcvAlpha(s:beta:yNorm2:n:gridSize:)``:
    /// the hat matrix of the fit with its unpenalised intercept is 11ᵀ/n + U diag(f) Uᵀ, so the
    /// left-out residual of sample i is rᵢ / (1 − hᵢᵢ).
    /// - Complexity: O(gridSize × n × s.count).
    static func looAlpha(u: [Double], r: Int, s: [Double], beta: [Double], y: [Double], gridSize: Int) -> Double {
        guard let sMax = s.first, sMax > 0 else { return 0 }
        let n = y.count
        var best = (alpha: sMax * sMax * 1e-8, score: Double.infinity)
        let lo = log(sMax * sMax * 1e-8), hi = log(sMax * sMax * 1e3)
        var f = [Double](repeating: 0, count: s.count)
        for g in 0..<gridSize {
            let a = exp(lo + (hi - lo) * Double(g) / Double(max(1, gridSize - 1)))
            for k in s.indices { f[k] = s[k] * s[k] / (s[k] * s[k] + a) }
            var score = 0.0
            for i in 0..<n {
                var fit = 0.0, h = 1 / Double(n)
                for k in s.indices {
                    let uik = u[i * r + k]
                    fit += f[k] * beta[k] * uik
                    h += f[k] * uik * uik
                }
                guard h < 1 - 1e-9 else {
                    score = .infinity
                    break
                }
                let e = (y[i] - fit) / (1 - h)
                score += e * e
            }
            if score < best.score { best = (a, score) }
        }
        return best.alpha
    }

    public func predict(_ features: FeatureMatrix) -> [Double] {
        precondition(weights.count == features.columns, "ridge: predict before fit, or wrong number of features")
        return LinearModel.evaluate(intercept: intercept, weights: weights, features)
    }
}
