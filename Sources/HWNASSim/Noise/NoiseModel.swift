// SPDX-License-Identifier: GPL-3.0-or-later

/// The predictor-error models a scenario can choose.
public enum NoiseModelKind: String, Sendable, CaseIterable {
    /// The study code's mixture with a random shift, blocks of 15 and rescaling (docs/study.md §4).
    case paperMixture = "paper-mixture"
    /// Independent N(0, level²) per architecture, in z-units.
    case gaussian
    /// Predictions with a target expected Kendall tau (level = tau), calibrated per table.
    case kendallTau = "kendall-tau"
    /// A model fitted in each trial to the first `level` architectures of the subset
    /// (level = training samples); its predictions replace the noise.
    case trained

    /// What a level means for this model.
    var levelMeaning: String {
        switch self {
        case .paperMixture, .gaussian: "noise standard deviation in z-units"
        case .kendallTau: "target expected Kendall tau"
        case .trained: "training samples"
        }
    }
}

/// Reusable scratch space for noise generation (one per worker).
struct NoiseWorkspace {
    var base: [Double] = []
    var ranks: [Double] = []
    var order: [Int32] = []
    public init() {}
}

/// The study's noise ("paper-mixture"), exactly as the released code draws it.
///
/// For std > 0: `shift ~ U(0, 2·std)`; `k = ⌊N/15⌋` base draws (at least 1), each from
/// `N(+shift, 1)` w.p. 0.725, `N(−shift, 3²)` w.p. 0.265, `U(−15, 15)` w.p. 0.01; each base draw
/// repeated 15 times in a row, the vector continued from its start up to N values; scaled by
/// `std / sd_pop(vector)` without removing the mean. A vector with zero spread (N < 30) gives
/// zero noise: a constant shift would not change any selection.
enum PaperMixtureNoise {
    static let blockLength = 15

    /// Writes the noise for `std` into `out` (its count is N).
    /// - Complexity: O(N) with ⌊N/15⌋ random draws.
    public static func draw(std: Double, into out: UnsafeMutableBufferPointer<Double>, rng: RandomStream, workspace: inout NoiseWorkspace) {
        let n = out.count
        guard std > 0, n > 0 else {
            for i in 0..<n { out[i] = 0 }
            return
        }
        let shift = rng.uniform(0, 2 * std)
        let k = max(1, n / blockLength)
        if workspace.base.count < k { workspace.base = [Double](repeating: 0, count: k) }
        for j in 0..<k {
            let u = rng.uniform()
            if u < 0.725 {
                workspace.base[j] = shift + rng.gaussian(1)
            } else if u < 0.99 {
                workspace.base[j] = -shift + rng.gaussian(3)
            } else {
                workspace.base[j] = rng.uniform(-15, 15)
            }
        }
        let repeated = k * blockLength
        var sum = 0.0
        workspace.base.withUnsafeBufferPointer { base in
            for i in 0..<n {
                let v = base[(i < repeated ? i : i - repeated) / blockLength]
                out[i] = v
                sum += v
            }
        }
        let mean = sum / Double(n)
        var ss = 0.0
        for i in 0..<n {
            let d = out[i] - mean
            ss += d * d
        }
        let sd = (ss / Double(n)).squareRoot()
        // One base draw (N < 30) gives a constant vector: its computed sd is rounding noise.
        let scale = k > 1 && sd > 0 ? std / sd : 0
        for i in 0..<n { out[i] *= scale }
    }
}

/// Independent Gaussian predictor noise in z-units.
enum GaussianNoise {
    /// Writes N(0, std²) draws into `out`.
    public static func draw(std: Double, into out: UnsafeMutableBufferPointer<Double>, rng: RandomStream) {
        guard std > 0 else {
            for i in 0..<out.count { out[i] = 0 }
            return
        }
        for i in 0..<out.count { out[i] = rng.gaussian(std) }
    }
}
