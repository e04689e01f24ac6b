// SPDX-License-Identifier: GPL-3.0-or-later

/// What a scenario asks: the kind of experiment, with the sections only that kind reads.
///
/// A scenario file's kind follows from its sections: `learning_curve:` makes a learning curve,
/// `budget:` a budget study, anything else a noise study (which then needs `noise:`).
public enum Experiment: Equatable, Sendable {
    /// Select architectures under predicted values at every noise level (or trained model)
    /// and score the selections (docs/study.md §3).
    case noiseStudy(NoiseStudySpec)
    /// Spend a time budget on measuring or on training a predictor, strategy by strategy.
    case budgetStudy(BudgetStudySpec)
    /// Train and score predictors at growing training sizes.
    case learningCurve(LearningCurveSpec)

    /// The kind without its spec, for comparisons.
    public enum Kind: String, Sendable, CaseIterable {
        case noiseStudy = "noise study"
        case budgetStudy = "budget study"
        case learningCurve = "learning curve"
    }

    public var kind: Kind {
        switch self {
        case .noiseStudy: .noiseStudy
        case .budgetStudy: .budgetStudy
        case .learningCurve: .learningCurve
        }
    }

    /// The subset sizes a selection experiment draws; none for a learning curve (its training
    /// sizes are ``LearningCurveSpec/trainSamples``).
    public var subsetSizes: [Int] {
        switch self {
        case .noiseStudy(let s): s.subsetSizes
        case .budgetStudy(let s): s.subsetSizes
        case .learningCurve: []
        }
    }
}

/// A noise study: subsets of each size, scored at every level of one noise model.
public struct NoiseStudySpec: Equatable, Sendable {
    public var subsetSizes: [Int]
    public var noise: NoiseSpec
    var referencePoint: ReferencePoint
    /// The measures to compute and write (default: all).
    public var measures: [Measure]
    /// Where the selection's believed accuracy comes from (`accuracy:`; default known).
    public var accuracy = AccuracySpec()

    public init(
        subsetSizes: [Int], noise: NoiseSpec, referencePoint: ReferencePoint = .subsetMax,
        measures: [Measure] = Measure.allCases
    ) {
        self.subsetSizes = subsetSizes
        self.noise = noise
        self.referencePoint = referencePoint
        self.measures = measures
    }
}

/// A time-budget study: its strategies, the predictors they name and the latency limits
/// their picks are scored under.
public struct BudgetStudySpec: Equatable, Sendable {
    public var subsetSizes: [Int]
    public var budget: BudgetSpec
    /// Predictor definitions used by the strategies.
    public var predictors: [String: PredictorSpec]
    /// Latency-limited selection: limits in metric units.
    public var limits: [Double]
    var referencePoint: ReferencePoint
    /// `measures:` as given: read into the cell hash only (a budget study writes its own).
    public var measures: [Measure]

    public init(
        subsetSizes: [Int], budget: BudgetSpec, predictors: [String: PredictorSpec] = [:], limits: [Double] = [],
        referencePoint: ReferencePoint = .subsetMax, measures: [Measure] = Measure.allCases
    ) {
        self.subsetSizes = subsetSizes
        self.budget = budget
        self.predictors = predictors
        self.limits = limits
        self.referencePoint = referencePoint
        self.measures = measures
    }
}
