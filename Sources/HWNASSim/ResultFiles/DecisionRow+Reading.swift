// SPDX-License-Identifier: GPL-3.0-or-later

// What the decision table (rendered outside the core, in HWNASSimReports) reads of a decision
// row and of the scenario's strategies.

extension DecisionRow {
    /// Whether a larger value of the decision measure is better (`hv`, `hv_retained`).
    public var largerIsBetter: Bool { BudgetMeasure.largerIsBetter(decideBy) }
    /// Whether the row has a tail share (a decision measure in percentage points).
    public var hasTail: Bool { tailShares.contains { !$0.isNaN } }
}

extension StrategySpec {
    /// What the strategy does: measure at random, or train a named predictor.
    public var strategyKind: Kind { kind }
    /// How a predictor strategy verifies its selection.
    public var verification: Verification { verify }
    /// Whether the strategy searches (`measure: evolution`/`local-search`, or a predictor with `search:`).
    public var isSearching: Bool { search != nil }
}
