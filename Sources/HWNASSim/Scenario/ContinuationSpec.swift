// SPDX-License-Identifier: GPL-3.0-or-later

/// What a `verify: iterate` strategy does once its search has converged (a refit's
/// predictions pick nothing new): the strategy key `then:`.
public enum Continuation: Equatable, Sendable {
    /// Stop measuring (the behaviour before `then:` existed).
    case stop
    /// Measure the unmeasured architectures in the trial's random order until the budget ends.
    case random
    /// Measure the Pareto set under optimistic values (measured where measured, predicted −
    /// κσ elsewhere), round after round.
    case optimistic(kappa: Double)
    /// Measure the `batch` unmeasured architectures of largest exact expected hypervolume
    /// improvement (metric ~ N(predicted, σ²)), batch after batch.
    case ehvi(batch: Int)

    /// The `then:` values.
    static let names = ["stop", "random", "optimistic", "ehvi"]
    /// The `then:` of a `verify: iterate` strategy that gives none: `optimistic` (κ = 2),
    /// chosen by measurement (docs/budget.md, "After convergence"): on the shipped questions
    /// it matches `ehvi`'s regret at a tenth of its cost, and with re-measurement
    /// (``defaultRemeasure``) it beats `stop` from the first hour on.
    static let `default` = Continuation.optimistic(kappa: defaultKappa)
    /// The `remeasure:` of a continuing `verify: iterate` strategy that gives none, when
    /// measurements are noisy: two repeats of each deciding member, so that measuring more
    /// does not let a noisy value that looks just inside a limit decide a pick.
    static let defaultRemeasure = 2
    /// The default `kappa` of `then: optimistic`: the front two σ below the predictions.
    static let defaultKappa = 2.0
    /// The default `batch` of `then: ehvi`.
    static let defaultBatch = 10

    /// The `then:` value.
    var name: String {
        switch self {
        case .stop: "stop"
        case .random: "random"
        case .optimistic: "optimistic"
        case .ehvi: "ehvi"
        }
    }

    /// The manifest's text: empty for `stop` (so existing manifests keep their bytes).
    var canonical: String {
        switch self {
        case .stop: ""
        case .random: " then=random"
        case .optimistic(let k): " then=optimistic kappa=\(Format.number(k))"
        case .ehvi(let b): " then=ehvi batch=\(b)"
        }
    }
}
