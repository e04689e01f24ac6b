// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// `budget.csv` and `budget_trials.csv`: written, read back, written again to the same bytes.
@Suite struct BudgetCSVTests {
    static let scenario = """
        name: files
        seed: 3
        trials: 3
        data:
          benchmark: synthetic
          size: 200
          pairs: [{metric: latency}]
        subset_sizes: [60]
        selection: {limit: [0.5, 1.5]}
        sweep:
          predictors.p.train_samples: [10]
        budget:
          seconds: [5, 50]
          devices: 2
          measurement: {setup_s: 1, noise_relative_sd: 0.02}
          strategies:
            - {name: m, measure: random}
            - {name: p, predictor: p, verify: selected}
        predictors:
          p: {train_samples: 10, train_s: 2, kendall_tau: 0.5}
        """

    /// The scenario above run with per-trial rows; its result and folder.
    static func run() throws -> (BudgetResult, String) {
        let dir = Fixtures.temporaryDirectory("budget-files")
        let file = dir + "/s.yaml"
        _ = FileManager.default.createFile(atPath: file, contents: Data(scenario.utf8))
        _ = try ScenarioRunner.run(
            path: file, options: RunOptions(outDirectory: dir, jobs: 1, dataDirectory: Fixtures.dataDirectory, trialsOut: true))
        let s = try Scenario.parse(scenario, file: file)[0]
        var loader = GroundTruthLoader(directory: dir)
        let cells = try BudgetStudy.cells(for: s, pairs: try loader.pairs(for: s), loader: &loader)
        return (BudgetStudy.run(scenario: s, cells: cells, jobs: 1), dir)
    }

    @Test func budgetCSVRoundTrips() throws {
        let (result, dir) = try Self.run()
        let text = try String(contentsOfFile: dir + "/budget.csv", encoding: .utf8)
        #expect(BudgetCSV.text(result.budgetRows()) == text)
        let rows = try BudgetCSV.read(path: dir + "/budget.csv")
        #expect(rows.count == 2 * 2 * (8 + 2 * 3 + 3))
        #expect(BudgetCSV.text(rows) == text)
        #expect(rows[8].measure == .atLimit(.accLoss, limit: 0.5) && rows[0].sweepValues.map(\.key) == ["predictors.p.train_samples"])
    }

    @Test func budgetTrialsCSVRoundTrips() throws {
        let (result, dir) = try Self.run()
        let text = try String(contentsOfFile: dir + "/budget_trials.csv", encoding: .utf8)
        #expect(BudgetTrialsCSV.text(result.trialRows()) == text)
        let (rows, measures) = try BudgetTrialsCSV.read(path: dir + "/budget_trials.csv")
        #expect(rows.count == 3 * 2 * 2 && measures == result.cells[0].measures)
        #expect(BudgetTrialsCSV.text(rows, measures: measures) == text)
        // Counts are whole numbers in the file; a trial's value is the result's.
        let nMeasured = measures.firstIndex(of: .nMeasured)!
        #expect(rows[0].values[nMeasured] == result.values(cell: 0, strategy: 0, budget: 0, measure: nMeasured)[0])
        #expect(!text.contains(".0,") || measures.contains { !$0.isCount })
    }

    @Test func anUnknownMeasureIsAnErrorAtItsPlace() throws {
        let (_, dir) = try Self.run()
        let text = try String(contentsOfFile: dir + "/budget.csv", encoding: .utf8)
        let bad = Fixtures.file("budget.csv", text.replacingOccurrences(of: ",mean_regret,", with: ",mean_regert,"))
        #expect(throws: InputError.self) { try BudgetCSV.read(path: bad) }
        let trials = try String(contentsOfFile: dir + "/budget_trials.csv", encoding: .utf8)
        let badColumn = Fixtures.file("budget_trials.csv", trials.replacingOccurrences(of: ",n_selected,", with: ",n_chosen,"))
        do {
            _ = try BudgetTrialsCSV.read(path: badColumn)
            Issue.record("an unknown column was accepted")
        } catch let e as InputError {
            #expect(e.line == 1 && e.key == "n_chosen")
        }
    }
}
