// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim

@Suite struct BudgetMeasureTests {
    @Test func namesRoundTripAndAreTheFilesColumns() {
        let all = BudgetMeasure.all(limits: [5, 0.25])
        #expect(
            all.map(\.name) == [
                "hv", "hv_retained", "mra_all", "mra_pareto", "mean_regret", "n_selected", "n_verified", "n_measured",
                "acc_loss@5.0", "violation@5.0", "regret@5.0", "acc_loss@0.25", "violation@0.25", "regret@0.25",
                "budget_used", "time_to_hv95", "time_to_hv99"
            ])
        for m in all { #expect(BudgetMeasure(name: m.name) == m) }
        #expect(BudgetMeasure(name: "regret") == nil && BudgetMeasure(name: "hv@5") == nil && BudgetMeasure(name: "regret@x") == nil)
        #expect(BudgetMeasure(name: "regret@5")?.name == "regret@5.0")
    }

    @Test func directionsAndCounts() {
        #expect(BudgetMeasure.all(limits: [1]).filter { $0.direction == .higherIsBetter } == [.hv, .hvRetained, .budgetUsed])
        #expect(BudgetMeasure.all(limits: [1]).filter(\.isCount) == [.nSelected, .nVerified, .nMeasured])
        #expect(
            BudgetMeasure.largerIsBetter("hv_retained") && !BudgetMeasure.largerIsBetter("regret")
                && !BudgetMeasure.largerIsBetter("mean_regret"))
        // Every decision measure names a measure (a limit measure by its base name).
        for name in BudgetMeasure.decisionMeasures {
            #expect(BudgetMeasure(name: name) != nil || BudgetMeasure(name: name + "@1") != nil, "\(name)")
        }
    }

    /// The measures a run writes are its budget.csv `measure` values and its budget_trials.csv columns.
    @Test func theFilesUseTheCellsMeasures() throws {
        let (result, dir) = try BudgetCSVTests.run()
        let measures = result.cells[0].measures
        let header = try CSVTable(contentsOf: dir + "/budget_trials.csv").header
        #expect(Array(header.suffix(measures.count)) == measures.map(\.name))
        let budget = try BudgetCSV.read(path: dir + "/budget.csv")
        #expect(Array(budget.prefix(measures.count).map(\.measure)) == measures)
    }
}
