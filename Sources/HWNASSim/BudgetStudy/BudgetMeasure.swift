// SPDX-License-Identifier: GPL-3.0-or-later

/// A measure of a budget study at one checkpoint: a value of `budget.csv`'s `measure` column
/// and a column of `budget_trials.csv`, named by ``name``.
///
/// The front a strategy reports is scored by ``hv``, ``hvRetained``, ``mraAll``,
/// ``mraPareto`` and ``meanRegret``, described by the counts ``nSelected``, ``nVerified`` and
/// ``nMeasured``; its pick under each latency limit of the scenario by the three
/// ``LimitMeasure``s, named `acc_loss@L`, `violation@L` and `regret@L`.
public enum BudgetMeasure: Hashable, Sendable {
    case hv, hvRetained, mraAll, mraPareto, meanRegret, nSelected, nVerified, nMeasured
    /// A measure of the pick under latency limit `limit` (metric units).
    case atLimit(LimitMeasure, limit: Double)
    /// The anytime measures (``AnytimeMeasures``): the share of device-time used by the
    /// checkpoint, and the simulated seconds at which the reported front first reached 95 % /
    /// 99 % of the true front's hypervolume (NaN when not by the checkpoint).
    case budgetUsed, timeToHV95, timeToHV99

    /// The measures of the pick under one latency limit, in output order.
    public enum LimitMeasure: String, CaseIterable, Sendable {
        /// Best true accuracy within the limit minus the pick's, in percentage points.
        case accLoss = "acc_loss"
        /// 1 when the pick truly breaks the limit beyond the tolerance, else 0.
        case violation
        /// The pick's regret (see ``LimitScoring``), in percentage points.
        case regret
    }

    /// Which way a measure is better.
    public enum Direction: Sendable {
        case lowerIsBetter, higherIsBetter
    }

    /// The measures of every checkpoint, in output order (the limit measures follow).
    static let base: [BudgetMeasure] = [.hv, .hvRetained, .mraAll, .mraPareto, .meanRegret, .nSelected, .nVerified, .nMeasured]

    /// The anytime measures, after the limit measures (so that the columns before them keep
    /// their places).
    static let anytime: [BudgetMeasure] = [.budgetUsed, .timeToHV95, .timeToHV99]

    /// Every measure of a cell with latency limits `limits`, in output order.
    static func all(limits: [Double]) -> [BudgetMeasure] {
        base + limits.flatMap { l in LimitMeasure.allCases.map { BudgetMeasure.atLimit($0, limit: l) } } + anytime
    }

    /// The measures `decide` shows for every strategy beside the decision measure.
    /// `budget_used` says how much of the budget each strategy spent; it decides nothing
    /// (``DecisionRow/disagreements`` leaves it out).
    static let shown: [BudgetMeasure] = [.hvRetained, .mraPareto, .meanRegret, .budgetUsed]

    /// Measure names a decision can be made by (`decide_by`); `regret` and `violation` mean
    /// those at the first limit. (`acc_loss` is not one: it is negative when a pick breaks the
    /// limit, so it would reward violations; decide by `regret`, which counts a violating pick
    /// as worth nothing.)
    static let decisionMeasures = ["mean_regret", "hv", "hv_retained", "mra_pareto", "mra_all", "regret", "violation"]

    /// The name without a limit: `regret@5.0` → `regret`.
    public var baseName: String {
        switch self {
        case .hv: "hv"
        case .hvRetained: "hv_retained"
        case .mraAll: "mra_all"
        case .mraPareto: "mra_pareto"
        case .meanRegret: "mean_regret"
        case .nSelected: "n_selected"
        case .nVerified: "n_verified"
        case .nMeasured: "n_measured"
        case .budgetUsed: "budget_used"
        case .timeToHV95: "time_to_hv95"
        case .timeToHV99: "time_to_hv99"
        case .atLimit(let m, _): m.rawValue
        }
    }

    /// The name in the result files: the base name, `@` and the limit for a limit measure.
    public var name: String {
        guard case .atLimit(_, let limit) = self else { return baseName }
        return "\(baseName)@\(Format.number(limit))"
    }

    /// The measure named `name`; nil for an unknown name.
    public init?(name: String) {
        if let at = name.firstIndex(of: "@") {
            guard let kind = LimitMeasure(rawValue: String(name[..<at])),
                let limit = Double(name[name.index(after: at)...]), limit.isFinite
            else { return nil }
            self = .atLimit(kind, limit: limit)
            return
        }
        guard let m = (Self.base + Self.anytime).first(where: { $0.baseName == name }) else { return nil }
        self = m
    }

    public var direction: Direction {
        switch self {
        case .hv, .hvRetained, .budgetUsed: .higherIsBetter
        default: .lowerIsBetter
        }
    }

    /// Whether the measure counts architectures (its per-trial values are whole numbers).
    public var isCount: Bool {
        switch self {
        case .nSelected, .nVerified, .nMeasured: true
        default: false
        }
    }

    /// Whether larger values of the measure (or base name) `name` are better.
    static func largerIsBetter(_ name: String) -> Bool {
        (BudgetMeasure(name: name) ?? BudgetMeasure(name: name + "@0"))?.direction == .higherIsBetter
    }
}
