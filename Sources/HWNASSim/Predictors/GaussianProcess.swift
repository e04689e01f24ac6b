// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Gaussian-process regression (`gp`): an RBF or Matérn-5/2 kernel on the features plus a
/// noise term; the prediction is the posterior mean.
///
/// Targets are z-scored on the training set (zero prior mean after that) unless `normalize`
/// is off. Hyper-parameters not fixed by the caller are chosen by maximising the log marginal
/// likelihood over a grid — length scale a multiple of the median pairwise distance × noise
/// as a fraction of the signal variance, the signal variance in closed form for each pair —
/// on a random subsample of at most `searchSize` training points (drawn from the stream);
/// the final fit uses every training point. Cholesky factors come from
/// `gsl_linalg_cholesky_decomp1`.
///
/// Its cost is cubic in the training size, so it takes at most ``largestTrainingSize``
/// samples (2,000: one factorisation then takes about a second on one core).
public struct GaussianProcess: Predictor {
    /// The covariance function of the distance r between feature vectors.
    public enum Kernel: String, Sendable, CaseIterable {
        /// exp(−r² / 2ℓ²)
        case rbf
        /// (1 + √5 r/ℓ + 5r²/3ℓ²) exp(−√5 r/ℓ)
        case matern52 = "matern52"
    }

    /// The largest training set ``maximumTrainingSize`` allows.
    public static let largestTrainingSize = 2000

    public var kernel: Kernel
    /// Fixed length scale ℓ; nil to choose it.
    public var lengthScale: Double?
    /// Fixed signal variance σf² (of the z-scored targets when `normalize`); nil to choose it.
    public var signalVariance: Double?
    /// Fixed noise variance σn²; nil to choose it.
    public var noiseVariance: Double?
    /// z-scores the targets on the training set before the fit.
    public var normalize = true
    /// The largest subsample the hyper-parameter search factorises for each grid point.
    public var searchSize = 400
    /// Length scales tried, as multiples of the median pairwise distance.
    public var lengthScaleGrid: [Double] = [0.25, 0.5, 1, 2, 4]
    /// Noise variances tried, as fractions of the signal variance.
    public var noiseGrid: [Double] = [1e-4, 1e-3, 1e-2, 0.1, 0.5]

    /// The hyper-parameters of the last fit (ℓ, σf², σn²).
    public private(set) var chosen: (lengthScale: Double, signalVariance: Double, noiseVariance: Double) = (.nan, .nan, .nan)
    var training = FeatureMatrix(rows: 0, columns: 0, values: [])
    var alpha: [Double] = []
    var yMean = 0.0, yScale = 1.0

    public init(kernel: Kernel = .rbf, lengthScale: Double? = nil, signalVariance: Double? = nil, noiseVariance: Double? = nil) {
        self.kernel = kernel
        self.lengthScale = lengthScale
        self.signalVariance = signalVariance
        self.noiseVariance = noiseVariance
    }

    public var name: String { "gp" }
    public var maximumTrainingSize: Int? { Self.largestTrainingSize }

    /// The kernel's correlation (signal variance 1) at squared distance `r2`.
    @inline(__always)
    static func correlation(_ kernel: Kernel, r2: Double, lengthScale l: Double) -> Double {
        switch kernel {
        case .rbf: return exp(-r2 / (2 * l * l))
        case .matern52:
            let t = (5 * r2).squareRoot() / l
            return (1 + t + t * t / 3) * exp(-t)
        }
    }

    /// Squared Euclidean distances between the rows of `a` and of `b` (a.rows × b.rows).
    /// - Complexity: O(a.rows × b.rows × columns).
    static func squaredDistances(_ a: FeatureMatrix, _ b: FeatureMatrix) -> [Double] {
        let p = a.columns
        var out = [Double](repeating: 0, count: a.rows * b.rows)
        a.values.withUnsafeBufferPointer { x in
            b.values.withUnsafeBufferPointer { z in
                for i in 0..<a.rows {
                    for j in 0..<b.rows {
                        var s = 0.0
                        for k in 0..<p {
                            let d = x[i * p + k] - z[j * p + k]
                            s += d * d
                        }
                        out[i * b.rows + j] = s
                    }
                }
            }
        }
        return out
    }

    /// (Cholesky factor of R + g I, (R + g I)⁻¹ y, log |R + g I|) for correlations R at squared
    /// distances `d2`; nil when the matrix is not positive definite.
    /// - Complexity: O(n³).
    static func factor(_ kernel: Kernel, d2: [Double], n: Int, lengthScale: Double, scale: Double, nugget: Double, y: [Double])
        -> (factor: [Double], solution: [Double], logDet: Double)?
    {
        var k = d2.map { scale * correlation(kernel, r2: $0, lengthScale: lengthScale) }
        for i in 0..<n { k[i * n + i] += nugget }
        guard DenseLinearAlgebra.choleskyInPlace(&k, n) else { return nil }
        var b = y
        DenseLinearAlgebra.choleskySolve(&k, n, &b)
        var logDet = 0.0
        for i in 0..<n { logDet += 2 * log(k[i * n + i]) }
        return (k, b, logDet)
    }

    /// - Complexity: O(grid × searchSize³ + n³) time, O(n²) memory.
    public mutating func fit(_ features: FeatureMatrix, _ targets: [Double], stream: RandomStream) throws {
        try checkTrainingSet(features, targets)
        for (v, key) in [(lengthScale, "length_scale"), (signalVariance, "signal_variance"), (noiseVariance, "noise_variance")] {
            if let v, !(v > 0 && v.isFinite) {
                throw InputError(key: "predictor.\(key)", "gp: \(key) must be a finite number > 0, got \(v)")
            }
        }
        let n = features.rows
        yMean = 0
        yScale = 1
        if normalize {
            yMean = targets.reduce(0, +) / Double(n)
            let sd = (targets.reduce(0) { $0 + ($1 - yMean) * ($1 - yMean) } / Double(n)).squareRoot()
            yScale = sd > 0 ? sd : 1
        }
        let y = targets.map { ($0 - yMean) / yScale }
        let d2 = Self.squaredDistances(features, features)
        var l = lengthScale, sf = signalVariance, sn = noiseVariance
        if l == nil || sf == nil || sn == nil {
            (l, sf, sn) = search(features, y, stream: stream)
        }
        // Fall back to more noise when the factorisation fails (duplicated rows, tiny noise).
        var nugget = sn!
        for _ in 0..<8 {
            if let f = Self.factor(kernel, d2: d2, n: n, lengthScale: l!, scale: sf!, nugget: nugget, y: y) {
                alpha = f.solution
                training = features
                chosen = (l!, sf!, nugget)
                return
            }
            nugget = max(nugget * 10, 1e-10 * sf!)
        }
        throw InputError(key: "predictor", "gp: the kernel matrix is not positive definite even with added noise")
    }

    /// The grid point of largest log marginal likelihood, the signal variance profiled out:
    /// for K = σf² (R + g I), σf² = yᵀ(R + g I)⁻¹y / n and
    /// log p(y) = −n/2 log σf² − ½ log |R + g I| − n/2 (1 + log 2π).
    func search(_ features: FeatureMatrix, _ y: [Double], stream: RandomStream) -> (Double, Double, Double) {
        var rows = Array(0..<features.rows)
        if rows.count > searchSize {
            for i in 0..<searchSize { rows.swapAt(i, i + stream.uniformInt(rows.count - i)) }
            rows = Array(rows.prefix(searchSize))
        }
        let sub = features.selecting(rows: rows)
        let ys = rows.map { y[$0] }
        let n = sub.rows
        let d2 = Self.squaredDistances(sub, sub)
        let positive = d2.filter { $0 > 0 }.sorted()
        let median = positive.isEmpty ? 1 : positive[positive.count / 2].squareRoot()
        let lengths = lengthScale.map { [$0] } ?? lengthScaleGrid.map { $0 * median }
        let noises = noiseVariance != nil && signalVariance != nil ? [noiseVariance! / signalVariance!] : noiseGrid
        var best = (score: -Double.infinity, l: lengths[0], sf: signalVariance ?? 1, sn: (noiseVariance ?? 0.1))
        for l in lengths {
            for g in noises {
                guard let f = Self.factor(kernel, d2: d2, n: n, lengthScale: l, scale: 1, nugget: g, y: ys) else { continue }
                let quad = zip(ys, f.solution).reduce(0) { $0 + $1.0 * $1.1 }
                let sf = signalVariance ?? max(quad / Double(n), 1e-12)
                let score = -0.5 * quad / sf - 0.5 * Double(n) * log(sf) - 0.5 * f.logDet
                if score > best.score { best = (score, l, sf, noiseVariance ?? g * sf) }
            }
        }
        return (best.l, best.sf, best.sn)
    }

    /// The posterior mean k*ᵀ (K + σn² I)⁻¹ y, back in the targets' units.
    /// - Complexity: O(rows × training rows × features).
    public func predict(_ features: FeatureMatrix) -> [Double] {
        precondition(training.rows > 0 && features.columns == training.columns, "gp: predict before fit, or wrong number of features")
        let n = training.rows
        var out = [Double](repeating: 0, count: features.rows)
        let chunk = 256
        var start = 0
        while start < features.rows {
            let rows = Array(start..<min(start + chunk, features.rows))
            let d2 = Self.squaredDistances(features.selecting(rows: rows), training)
            for (i, r) in rows.enumerated() {
                var s = 0.0
                for j in 0..<n {
                    s += chosen.signalVariance * Self.correlation(kernel, r2: d2[i * n + j], lengthScale: chosen.lengthScale) * alpha[j]
                }
                out[r] = yMean + yScale * s
            }
            start += chunk
        }
        return out
    }
}
