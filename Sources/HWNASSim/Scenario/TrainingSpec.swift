// SPDX-License-Identifier: GPL-3.0-or-later

/// What training one network costs on a trainer (`budget.training`), and the seed noise of the
/// accuracy it returns.
///
/// Training architecture `a` takes `setup_s + epochs × (seconds_per_epoch +
/// seconds_per_epoch_per_mflop × MFLOPs(a))` seconds on one trainer, the MFLOPs of the pair's
/// dataset from `nb201_cost.csv`. The accuracy observed after training is the true (seed-averaged)
/// one plus N(0, `accuracy_noise_sd`²) percentage points, one draw per architecture and trial,
/// common to every strategy (paired comparisons).
public struct TrainingCost: Equatable, Sendable {
    public var epochs = 200
    public var setupSeconds = 0.0
    public var secondsPerEpoch = 0.0
    public var secondsPerEpochPerMFLOP = 0.0
    /// Seed noise of an observed accuracy, percentage points (``AccuracySpec/defaultNoiseSD``).
    public var accuracyNoiseSD = AccuracySpec.defaultNoiseSD

    public init() {}

    /// Seconds to train an architecture of `mflops` MFLOPs.
    func seconds(mflops: Double) -> Double {
        setupSeconds + Double(epochs) * (secondsPerEpoch + secondsPerEpochPerMFLOP * mflops)
    }

    /// The text cell hashes are made from.
    var canonical: String {
        "training epochs=\(epochs) setup=\(Format.number(setupSeconds)) per_epoch=\(Format.number(secondsPerEpoch))"
            + "+\(Format.number(secondsPerEpochPerMFLOP))/MFLOP accuracy_sd=\(Format.number(accuracyNoiseSD))"
    }
}

/// How a strategy of a budget with trainers (`accuracy:` on the strategy) chooses the networks
/// to train: the accuracy it believes of an architecture it has not trained.
public enum TrainingChoice: Equatable, Sendable {
    /// `source: train`: believes nothing before training; trains at random.
    case random
    /// `source: proxy`: a zero-cost proxy scored on every architecture first (`proxy_s` seconds
    /// each on the trainers), then the Pareto set of (proxy, measured latency) trained.
    case proxy(column: String, seconds: Double)
    /// `source: predictor`: the named predictor (`predictors.NAME`, a `model:`) trained on the
    /// accuracies observed so far: `train_samples` random networks first, refitted after every
    /// `retrain_every` more. With `proxy_feature`, the proxy (scored first, `proxy_s` each) is
    /// a feature beside the one-hot.
    case predictor(String, proxyFeature: String? = nil, seconds: Double = 0)

    /// The default seconds per proxy evaluation: NASWOT about 0.18 s on a GPU (its authors'
    /// README, data README §7); `flops` and `params` are counted from the architecture (0).
    static func defaultProxySeconds(_ column: String) -> Double {
        column == ProxyColumn.naswot ? 0.18 : 0
    }

    /// The proxy scored first and its seconds per architecture, if any.
    var proxy: (column: String, seconds: Double)? {
        switch self {
        case .random, .predictor(_, nil, _): nil
        case .proxy(let column, let seconds), .predictor(_, let column?, let seconds): (column, seconds)
        }
    }

    /// The text cell hashes are made from.
    var canonical: String {
        switch self {
        case .random: "accuracy:train"
        case .proxy(let column, let seconds): "accuracy:proxy:\(column):\(Format.number(seconds))s"
        case .predictor(let name, nil, _): "accuracy:predictor:\(name)"
        case .predictor(let name, let proxy?, let seconds): "accuracy:predictor:\(name):\(proxy):\(Format.number(seconds))s"
        }
    }
}
