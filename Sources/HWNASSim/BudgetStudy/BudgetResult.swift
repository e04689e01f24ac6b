// SPDX-License-Identifier: GPL-3.0-or-later

/// The outcome of a budget study: `[cell][trial][strategy][budget][measure]`.
struct BudgetResult: Sendable {
    var scenario: Scenario
    var cells: [BudgetCell]
    var values: [Double]

    /// One value per trial.
    func values(cell c: Int, strategy s: Int, budget b: Int, measure m: Int) -> [Double] {
        let cell = cells[c]
        let perTrial = cell.valuesPerTrial
        let nm = cell.measures.count, nb = cell.budget.seconds.count
        let start = c * scenario.trials * perTrial
        return (0..<scenario.trials).map { values[start + $0 * perTrial + (s * nb + b) * nm + m] }
    }
}
