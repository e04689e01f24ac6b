// SPDX-License-Identifier: GPL-3.0-or-later

// What the decision table (rendered outside the core, in HWNASSimReports) reads of a decision
// row and of the scenario's strategies.

extension DecisionRow {
    /// Whether a larger value of the decision measure is better (`hv`, `hv_retained`).
    public var largerIsBetter: Bool { BudgetMeasure.largerIsBetter(decideBy) }
}

extension StrategySpec {
    /// What the strategy does: measure at random, or train a named predictor.
    public var strategyKind: Kind { kind }
    /// How a predictor strategy verifies its selection.
    public var verification: Verification { verify }
}
