// SPDX-License-Identifier: GPL-3.0-or-later

/// The cost of one live measurement on the device.
///
/// Measuring architecture `a` takes `setup_s + warmup_s + repeats × latency(a)` seconds, the
/// latency read from the table in milliseconds, or `setup_s + warmup_s + repeats × run_s` when
/// a fixed `run_s` is given. The measured metric carries relative Gaussian noise
/// `noise_relative_sd` (0 = exact).
public struct MeasurementCost: Equatable, Sendable {
    var setupSeconds: Double
    var warmupSeconds: Double
    public var repeats: Int
    /// A fixed run time per repeat in seconds, used instead of the latency column when set.
    var runSeconds: Double?
    var noiseRelativeSD: Double

    public init(
        setupSeconds: Double = 0, warmupSeconds: Double = 0, repeats: Int = 1,
        runSeconds: Double? = nil, noiseRelativeSD: Double = 0
    ) {
        self.setupSeconds = setupSeconds
        self.warmupSeconds = warmupSeconds
        self.repeats = repeats
        self.runSeconds = runSeconds
        self.noiseRelativeSD = noiseRelativeSD
    }

    /// Seconds to measure an architecture whose latency is `latencyMs`.
    func seconds(latencyMs: Double) -> Double {
        setupSeconds + warmupSeconds + Double(repeats) * (runSeconds ?? latencyMs / 1000)
    }
}

/// How a strategy verifies what it selected.
public enum Verification: String, Sendable, CaseIterable {
    case none
    /// Measure the selected architectures not yet measured, best predicted accuracy first.
    case selected
    /// Re-select with measured values in place of predictions until nothing new is picked.
    case iterate
}

/// One strategy of a budget study.
public struct StrategySpec: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// Measure architectures in random order until the budget ends.
        case measureRandom
        /// Measure a training sample, train the named predictor, predict the rest.
        case predictor(String)
        /// `measure: evolution`: multi-objective regularized evolution (``MeasureEvolution``).
        case evolution
        /// `measure: local-search`: Pareto local search with restarts (``MeasureLocalSearch``).
        case localSearch
        /// `accuracy: {source: …}` in a budget with trainers: trains networks to learn their
        /// accuracy, chosen as ``TrainingChoice`` says, and measures latency at random
        /// (``TrainCandidates``).
        case train(TrainingChoice)

        /// Whether the strategy trains a predictor.
        var hasPredictor: Bool {
            if case .predictor = self { return true }
            return false
        }
    }

    public var name: String
    var kind: Kind
    var verify: Verification
    /// The search settings of a searching strategy (`measure: evolution`, or a predictor with
    /// `search: evolution`); nil for any other.
    var search: SearchSettings?
    /// `then:` (only with `verify: iterate`): what happens after convergence.
    var then: Continuation = .stop
    /// `remeasure: k` (with measurement noise, on a `verify: iterate` predictor strategy or a
    /// measuring one: random, evolution, local search; by default 2 on a continuing `verify:
    /// iterate` one when measurements are noisy, ``Continuation/defaultRemeasure``): the reported
    /// members that decide picks near limits are measured k more times; nil: off.
    var remeasure: Int?

    public init(name: String, kind: Kind, verify: Verification = .none, search: SearchSettings? = nil) {
        self.name = name
        self.kind = kind
        self.verify = verify
        self.search = search
    }

    /// Whether the strategy measures without a predictor (at random or by searching): the
    /// "measuring" side of `decide`'s "predictor or measuring".
    public var measuresOnly: Bool {
        switch kind {
        case .measureRandom, .evolution, .localSearch, .train(.random): true
        case .predictor, .train: false
        }
    }
}

/// The settings of a searching strategy. Defaults: NASLib's regularized evolution (population
/// 50, tournament sample 10) and BANANAS's 50 candidates per acquisition round (NASLib
/// `num_candidates`... its default is 100 or 200 by space; 50 as issue 21 asks).
public struct SearchSettings: Equatable, Sendable {
    /// `population:` members kept (aging: the oldest leaves when a child joins a full one).
    public var population = 50
    /// `sample:` members drawn per tournament.
    public var sample = 10
    /// `candidates:` one-edit mutations of the measured front scored per acquisition round.
    public var candidates = 50

    public init(population: Int = 50, sample: Int = 10, candidates: Int = 50) {
        (self.population, self.sample, self.candidates) = (population, sample, candidates)
    }
}

/// The time-budget section of a scenario.
public struct BudgetSpec: Equatable, Sendable {
    /// Checkpoints in simulated seconds, strictly increasing.
    public var seconds: [Double]
    /// Parallel measurement devices.
    public var devices: Int
    /// `trainers: K`: GPUs that train networks (0: accuracy is known, as in every budget
    /// without them); their cost model is ``training``.
    public var trainers = 0
    var training: TrainingCost?
    var measurement: MeasurementCost
    public var strategies: [StrategySpec]
    /// The measure that decides the winner per budget.
    public var decideBy: String
    /// `limit_tolerance` as given: how far (relative) a pick's true metric may exceed its
    /// latency limit before it counts as a violation; nil: ``defaultLimitTolerance``.
    var limitToleranceGiven: Double?

    /// The default decision measure of a budget study.
    public static let defaultDecideBy = "mean_regret"
    /// The default `limit_tolerance` is this many times `measurement.noise_relative_sd`.
    static let toleranceInNoiseSDs = 2.5

    public init(
        seconds: [Double], devices: Int = 1, measurement: MeasurementCost,
        strategies: [StrategySpec], decideBy: String = BudgetSpec.defaultDecideBy, limitTolerance: Double? = nil
    ) {
        self.seconds = seconds
        self.devices = devices
        self.measurement = measurement
        self.strategies = strategies
        self.decideBy = decideBy
        self.limitToleranceGiven = limitTolerance
    }

    /// 2.5 × the measurement noise's relative sd: a pick whose measured value met its limit
    /// is within the tolerance unless its measurement erred by more than 2.5 sd.
    var defaultLimitTolerance: Double { Self.toleranceInNoiseSDs * measurement.noiseRelativeSD }

    /// The relative tolerance in use: a pick breaks limit L when its true metric exceeds
    /// L × (1 + tolerance).
    var limitTolerance: Double { limitToleranceGiven ?? defaultLimitTolerance }
}
