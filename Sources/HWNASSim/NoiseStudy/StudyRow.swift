// SPDX-License-Identifier: GPL-3.0-or-later

/// One output row of a study cell: what a trial's values at one row index were computed under.
///
/// An injected cell has a row per noise level; a trained cell a row per training size, then,
/// with `compare_injected`, a matched injected row per training size.
enum StudyRow: Equatable, Sendable {
    /// Injected noise of `model` at `level` (std in z-units, or a target tau).
    case injected(NoiseModelKind, level: Double)
    /// The trained model `predictor` fitted on `trainSamples` measured architectures.
    case trained(predictor: String, trainSamples: Int)
    /// `kendall-tau` noise at `tau`, the mean tau the trained row of `trainSamples` realised in
    /// the cell (NaN before the trained trials ran, or where that tau is undefined or ≤ 0).
    case injectedMatched(predictor: String, trainSamples: Int, tau: Double)

    /// The noise model the row's values come from (`kendall-tau` for a matched row).
    var noise: NoiseModelKind {
        switch self {
        case .injected(let model, _): model
        case .trained: .trained
        case .injectedMatched: .kendallTau
        }
    }

    /// The row's level as written: the noise level, the training size, or the matched tau.
    var level: Double {
        switch self {
        case .injected(_, let level): level
        case .trained(_, let k): Double(k)
        case .injectedMatched(_, _, let tau): tau
        }
    }

    /// The trained model a row belongs to (a matched row: the one it matches); nil when injected.
    var predictor: String? {
        switch self {
        case .injected: nil
        case .trained(let p, _), .injectedMatched(let p, _, _): p
        }
    }

    /// The training size of a trained row, or of the trained row a matched row matches.
    var trainSamples: Int? {
        switch self {
        case .injected: nil
        case .trained(_, let k), .injectedMatched(_, let k, _): k
        }
    }

    /// Equal when of the same case with bitwise-equal levels (so a NaN tau equals itself).
    static func == (a: StudyRow, b: StudyRow) -> Bool {
        switch (a, b) {
        case let (.injected(m, x), .injected(n, y)): m == n && x.bitPattern == y.bitPattern
        case let (.trained(p, k), .trained(q, j)): p == q && k == j
        case let (.injectedMatched(p, k, x), .injectedMatched(q, j, y)): p == q && k == j && x.bitPattern == y.bitPattern
        default: false
        }
    }
}
