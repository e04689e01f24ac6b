// SPDX-License-Identifier: GPL-3.0-or-later

/// Which ground truth a scenario reads.
public enum DataSource: Equatable, Sendable {
    /// The NB201 × HW-NAS-Bench tables `nb201_<dataset>.csv`.
    case nb201
    /// A user table; the pairs' `dataset` is a label.
    case csv(CSVSource)
    /// The built-in seeded generator.
    case synthetic(SyntheticSpec)
    /// The bundled FBNet latency sample (`fbnet_help_latency.csv`): no accuracy, so for
    /// learning curves only; the pairs' `dataset` is `fbnet`.
    case fbnet
}

/// Where and how a user table is read.
public struct CSVSource: Equatable, Sendable {
    public var file: String
    var idColumn: String
    var accuracyColumn: String
    /// Accuracy given in percent (true) or as a fraction (false).
    var accuracyInPercent: Bool
    /// `data.missing: drop`: leave architectures without a metric value out of that metric
    /// (default: such a cell is an error).
    var dropMissing = false
    /// `data.features`: numeric columns used as a learning curve's features.
    var featureColumns: [String]? = nil
    /// `data.arch_column`: a column of architecture strings, encoded with ``encoding``.
    var archColumn: String? = nil
    /// `data.encoding` of `archColumn` (`nb201`, `fbnet`).
    var encoding: String? = nil
}

/// One (dataset, metric) pair of a scenario.
public struct PairSpec: Equatable, Sendable {
    public var dataset: String
    public var metric: String
    /// The column giving the latency in ms that measuring an architecture takes (budgets);
    /// nil: the metric itself when it is a latency.
    var latencyColumn: String?

    public init(dataset: String, metric: String, latencyColumn: String? = nil) {
        self.dataset = dataset
        self.metric = metric
        self.latencyColumn = latencyColumn
    }

    public var label: String { "\(dataset)/\(metric)" }
}

/// The hypervolume reference point (accuracy fraction, z).
public enum ReferencePoint: Equatable, Sendable {
    /// Accuracy 0 and 1.1 × the maximum z over the whole subset (the study's code).
    case subsetMax
    /// Accuracy 0 and 1.1 × the maximum z of the true front (the study's text).
    case frontMax
    /// Given explicitly.
    case explicit(accuracy: Double, metric: Double)

    public var name: String {
        switch self {
        case .subsetMax: "subset-max"
        case .frontMax: "front-max"
        case .explicit(let a, let m): "explicit(\(a),\(m))"
        }
    }
}

/// The measures a trial can compute, in output order.
public enum Measure: String, Sendable, CaseIterable {
    case kendallTau = "kendall_tau"
    case spearman
    case pearson
    case hv
    case hvRetained = "hv_retained"
    case mraAll = "mra_all"
    case mraPareto = "mra_pareto"
    case hwGapAll = "hw_gap_all"
    case hwGapPareto = "hw_gap_pareto"
    case nSelected = "n_selected"
    case nVerified = "n_verified"
    case nTrueFront = "n_true_front"
}

/// Noise settings of a scenario.
public struct NoiseSpec: Equatable, Sendable {
    public var model: NoiseModelKind
    /// Levels: std in z-units, or target tau for `kendall-tau`.
    public var levels: [Double]
    /// Standard deviation of Gaussian noise on accuracy, in percentage points (0: off).
    var accuracySD: Double
    /// `model: trained`: the models fitted in each trial (`noise.predictor`), each with its own
    /// training sizes when it sets them (`train_samples`); empty for injected noise.
    var predictors: [TrainedNoisePredictor] = []
    /// `model: trained`: relative sd of the noise on a measured training value (0: exact).
    var measurementRelativeSD: Double = 0
    /// `model: trained` with `compare_injected: true`: every trained row also runs
    /// `kendall-tau` noise at the mean tau the trained model realised in the cell.
    var compareInjected = false

    public init(model: NoiseModelKind, levels: [Double], accuracySD: Double = 0) {
        self.model = model
        self.levels = levels
        self.accuracySD = accuracySD
    }
}

/// One model of a `model: trained` noise section.
struct TrainedNoisePredictor: Equatable, Sendable {
    var model: ModelSpec
    /// Its own training sizes (`{model: …, train_samples: [...]}`); nil: `noise.levels`.
    var ownLevels: [Int]?
    /// The sizes it trains on, for the scenario's `levels`: the lookup table its own count (25
    /// NB201 cells), transfer its `samples` option when given, else the predictor's own list,
    /// else the levels (for transfer: its target-device measurements).
    /// Whether its training sizes are the scenario's `levels`.
    var usesLevels: Bool {
        ownLevels == nil && model.model != .lookupTable && !(model.model == .transfer && model.integer("samples") != nil)
    }

    func sizes(levels: [Double]) -> [Int] {
        if model.model == .lookupTable { return [LookupTable(encoding: NB201OneHotEncoding()).measurementCount] }
        if model.model == .transfer, let samples = model.integer("samples") { return [samples] }
        return ownLevels ?? levels.map { Int($0) }
    }
}

/// A whole scenario: the study grid, and optionally a time budget.
public struct Scenario: Equatable, Sendable {
    public var name: String
    public var seed: UInt64
    public var trials: Int
    public var data: DataSource
    public var pairing: Pairing
    public var precision: Precision
    public var pairs: [PairSpec]
    public var subsetSizes: [Int]
    public var noise: NoiseSpec
    var referencePoint: ReferencePoint
    /// The measures to compute and write (default: all).
    public var measures: [Measure]
    /// A time-budget study, when present.
    public var budget: BudgetSpec?
    /// A learning-curve experiment (`learning_curve:`), when present: the scenario trains and
    /// scores predictors instead of selecting architectures.
    public var learningCurve: LearningCurveSpec?
    /// Predictor definitions used by budget strategies.
    public var predictors: [String: PredictorSpec]
    /// Latency-limited selection: limits in metric units.
    public var limits: [Double]
    /// Values of swept keys for this cell of a sweep (key path → value as written).
    public var sweepValues: [(key: String, value: String)]
    /// Where each key path stands in the scenario file (line, column), for errors found after
    /// parsing (a subset size larger than its table, a metric the table lacks).
    var sourceMarks: [String: SourceMark] = [:]
    /// Problems that do not stop the scenario from running (an assumed default worth
    /// knowing), each placed at its key like an error; `hwnas-sim` prints them as warnings.
    public var warnings: [InputError] = []

    public init(name: String, seed: UInt64 = 1, trials: Int = 100, data: DataSource = .nb201,
                pairing: Pairing = .true, precision: Precision = .float64, pairs: [PairSpec],
                subsetSizes: [Int], noise: NoiseSpec, referencePoint: ReferencePoint = .subsetMax,
                measures: [Measure] = Measure.allCases, budget: BudgetSpec? = nil,
                predictors: [String: PredictorSpec] = [:], limits: [Double] = [],
                sweepValues: [(key: String, value: String)] = []) {
        self.name = name
        self.seed = seed
        self.trials = trials
        self.data = data
        self.pairing = pairing
        self.precision = precision
        self.pairs = pairs
        self.subsetSizes = subsetSizes
        self.noise = noise
        self.referencePoint = referencePoint
        self.measures = measures
        self.budget = budget
        self.predictors = predictors
        self.limits = limits
        self.sweepValues = sweepValues
    }

    public static func == (a: Scenario, b: Scenario) -> Bool {
        a.name == b.name && a.seed == b.seed && a.trials == b.trials && a.data == b.data
            && a.pairing == b.pairing && a.precision == b.precision && a.pairs == b.pairs
            && a.subsetSizes == b.subsetSizes && a.noise == b.noise && a.referencePoint == b.referencePoint
            && a.measures == b.measures && a.budget == b.budget && a.predictors == b.predictors
            && a.learningCurve == b.learningCurve
            && a.limits == b.limits && a.sweepValues.map(\.key) == b.sweepValues.map(\.key)
            && a.sweepValues.map(\.value) == b.sweepValues.map(\.value)
    }
}

/// A 1-based line and column in a scenario file.
struct SourceMark: Equatable, Sendable {
    public var line: Int
    public var column: Int
}

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

    public init(trainSamples: Int, trainSeconds: Double, trainSecondsPerSample: Double = 0,
                querySeconds: Double, kendallTau: [(samples: Double, tau: Double)]) {
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

import Foundation
