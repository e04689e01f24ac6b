// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A predictor's costs and learning curve.
public struct PredictorSpec: Equatable, Sendable {
    /// Architectures measured to train it.
    public var trainSamples: Int
    /// Fixed training time, seconds.
    var trainSeconds: Double
    /// Extra training time per training sample, seconds.
    var trainSecondsPerSample: Double
    /// Time per predicted architecture, seconds.
    var querySeconds: Double
    /// Learning curve: (training samples, Kendall tau), ascending in samples (empty for a
    /// trained predictor).
    public var kendallTau: [(samples: Double, tau: Double)]
    /// The model fitted in each trial to the measured training sample (`model:`); nil: a
    /// synthetic predictor whose errors are calibrated `kendall-tau` noise.
    var model: ModelSpec? = nil
    /// How a trained predictor's training sample is chosen (`sample:`).
    var sample: TrainingSample = .random
    /// `retrain_every`: with `verify: iterate`, refit after every K verification measurements;
    /// nil: refit at the end of each verification round only.
    var retrainEvery: Int? = nil
    /// `kendall_tau: {from: NAME}`: a synthetic predictor whose tau is that of trained predictor
    /// NAME's learning curve on the same pair at this predictor's `train_samples` (measured in
    /// each cell, see `BudgetStudy.borrowedTau`); nil: the typed `kendall_tau` curve.
    var tauFrom: String? = nil

    /// The first training set of a trained predictor.
    enum TrainingSample: String, Sendable, CaseIterable {
        /// The first `train_samples` positions of the trial's random measurement order.
        case random
        /// The lookup table's structured cells (base + every single-edge substitution), then
        /// random positions up to `train_samples`.
        case lookupTable = "lookup-table"
    }

    /// The default `query_s` of a trained model: 20 µs per predicted architecture.
    static let defaultQuerySeconds = 2e-5

    /// The default `train_samples` of a trained model that has one: `flops` and `params` 10
    /// (the line from FLOPs or parameters to the metric's units), `transfer` its `samples`
    /// option or 10 (HELP's few-shot count); nil: the key is required.
    static func defaultTrainSamples(_ model: ModelSpec) -> Int? {
        switch model.model {
        case .flops, .params: return 10
        case .transfer: return model.integer("samples") ?? TransferPredictor.defaultTrainingSamples
        default: return nil
        }
    }

    /// The documented default fixed training cost (`train_s`) of a trained model, seconds:
    /// closed-form fits (`linreg`, `ridge`, `lookup-table`, `transfer`, `flops`, `params`)
    /// 0.01 s; `gp` 0.01 s plus a cubic term (see ``defaultTrainSecondsPerSample(_:samples:)``);
    /// `mlp` 1 s plus a per-sample term.
    static func defaultTrainSeconds(_ model: ModelSpec.Model) -> Double {
        model == .mlp ? 1 : 0.01
    }

    /// The documented default per-sample training cost (`train_s_per_sample`) of a trained
    /// model at `samples` training samples: `mlp` 0.002 s per sample (200 epochs of a small
    /// network); `gp` 1e-9 s × n² per sample (its n³ Cholesky factorisation: 1 s at n = 1,000); 0 for the closed forms.
    static func defaultTrainSecondsPerSample(_ model: ModelSpec.Model, samples: Int) -> Double {
        switch model {
        case .mlp: return 0.002
        case .gp: return 1e-9 * Double(samples) * Double(samples)
        default: return 0
        }
    }

    public init(
        trainSamples: Int, trainSeconds: Double, trainSecondsPerSample: Double = 0,
        querySeconds: Double, kendallTau: [(samples: Double, tau: Double)]
    ) {
        self.trainSamples = trainSamples
        self.trainSeconds = trainSeconds
        self.trainSecondsPerSample = trainSecondsPerSample
        self.querySeconds = querySeconds
        self.kendallTau = kendallTau
    }

    public static func == (a: PredictorSpec, b: PredictorSpec) -> Bool {
        a.trainSamples == b.trainSamples && a.trainSeconds == b.trainSeconds
            && a.trainSecondsPerSample == b.trainSecondsPerSample && a.querySeconds == b.querySeconds
            && a.kendallTau.map(\.samples) == b.kendallTau.map(\.samples)
            && a.kendallTau.map(\.tau) == b.kendallTau.map(\.tau)
            && a.model == b.model && a.sample == b.sample && a.retrainEvery == b.retrainEvery && a.tauFrom == b.tauFrom
    }

    /// Kendall tau after training on `samples` measurements: linear in log(samples) between
    /// the curve's points, flat outside them.
    public func tau(samples: Int) -> Double {
        let s = Double(max(samples, 1))
        guard let first = kendallTau.first, let last = kendallTau.last else { return 0 }
        if s <= first.samples { return first.tau }
        if s >= last.samples { return last.tau }
        for k in 1..<kendallTau.count where s <= kendallTau[k].samples {
            let (s0, t0) = kendallTau[k - 1], (s1, t1) = kendallTau[k]
            let f = (log(s) - log(s0)) / (log(s1) - log(s0))
            return t0 + f * (t1 - t0)
        }
        return last.tau
    }
}
