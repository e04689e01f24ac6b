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
    /// `data.features`: numeric columns used as the trained predictors' features.
    var featureColumns: [String]? = nil
    /// `data.standardize`: z-score `featureColumns` from the training rows (default true).
    var standardizeFeatures = true
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

/// A whole scenario: what every experiment shares (name, seed, trials, data, pairs, sweep cell)
/// and the ``Experiment`` it runs.
public struct Scenario: Equatable, Sendable {
    public var name: String
    public var seed: UInt64
    public var trials: Int
    public var data: DataSource
    public var pairing: Pairing
    public var precision: Precision
    public var pairs: [PairSpec]
    /// The kind of experiment, with its own sections.
    public var experiment: Experiment
    /// Values of swept keys for this cell of a sweep (key path → value as written).
    public var sweepValues: [(key: String, value: String)]
    /// Where each key path stands in the scenario file (line, column), for errors found after
    /// parsing (a subset size larger than its table, a metric the table lacks).
    var sourceMarks: [String: SourceMark] = [:]
    /// Problems that do not stop the scenario from running (an assumed default worth
    /// knowing), each placed at its key like an error; `hwnas-sim` prints them as warnings.
    public var warnings: [InputError] = []

    public init(
        name: String, seed: UInt64 = 1, trials: Int = 100, data: DataSource = .nb201,
        pairing: Pairing = .true, precision: Precision = .float64, pairs: [PairSpec],
        experiment: Experiment, sweepValues: [(key: String, value: String)] = []
    ) {
        self.name = name
        self.seed = seed
        self.trials = trials
        self.data = data
        self.pairing = pairing
        self.precision = precision
        self.pairs = pairs
        self.experiment = experiment
        self.sweepValues = sweepValues
    }

    /// The subset sizes of a selection experiment (none for a learning curve).
    public var subsetSizes: [Int] { experiment.subsetSizes }

    public static func == (a: Scenario, b: Scenario) -> Bool {
        a.name == b.name && a.seed == b.seed && a.trials == b.trials && a.data == b.data
            && a.pairing == b.pairing && a.precision == b.precision && a.pairs == b.pairs
            && a.experiment == b.experiment
            && a.sweepValues.map(\.key) == b.sweepValues.map(\.key)
            && a.sweepValues.map(\.value) == b.sweepValues.map(\.value)
    }
}

/// A 1-based line and column in a scenario file.
struct SourceMark: Equatable, Sendable {
    public var line: Int
    public var column: Int
}
