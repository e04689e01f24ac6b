// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

@Suite struct BudgetScenarioCheckTests {
    static let scenario = """
        name: w
        trials: 2
        data: {benchmark: synthetic, size: 300, pairs: [{metric: latency}]}
        subset_sizes: [100]
        budget:
          seconds: [60]
          strategies:
            - {name: m, measure: random}

        """

    @Test func aBudgetWithoutMeasurementWarnsOfTheCostItAssumes() throws {
        let scenarios = try Scenario.parse(Self.scenario, file: "s.yaml")
        let warning = try #require(scenarios[0].warnings.first)
        #expect(
            "\(warning)" == "s.yaml:6:3: budget: no 'measurement' section: assuming the default cost (setup_s: 0, warmup_s: 0, repeats: 1, "
                + "noise_relative_sd: 0), so a measurement costs about the latency itself; give budget.measurement for a real device's set-up, warm-up and repeats"
        )
        // With a measurement section there is nothing to warn of; and the tolerance follows its noise.
        let measured = try Scenario.parse(
            Self.scenario.replacingOccurrences(of: "  strategies:", with: "  measurement: {noise_relative_sd: 0.02}\n  strategies:"),
            file: "s.yaml")
        #expect(measured[0].warnings.isEmpty)
        #expect(abs(measured[0].budgetStudy!.budget.limitTolerance - 0.05) < 1e-15)
        #expect(scenarios[0].budgetStudy!.budget.limitTolerance == 0 && scenarios[0].budgetStudy!.budget.decideBy == "mean_regret")
        let given = try Scenario.parse(
            Self.scenario.replacingOccurrences(of: "  strategies:", with: "  limit_tolerance: 0.1\n  strategies:"), file: "s.yaml")
        #expect(given[0].budgetStudy!.budget.limitTolerance == 0.1)
        #expect(
            Fixtures.parseMessage(Self.scenario.replacingOccurrences(of: "  strategies:", with: "  limit_tolerance: -0.1\n  strategies:"))
                == "s.yaml:7:20: budget.limit_tolerance: expected a relative tolerance in [0, 1) (0.05 = 5 %), found -0.1")
    }

    @Test func theCommandLinePrintsTheWarningAndRuns() throws {
        let dir = Fixtures.temporaryDirectory()
        let path = dir + "/s.yaml"
        _ = FileManager.default.createFile(atPath: path, contents: Data(Self.scenario.utf8))
        for command in ["validate", "run"] {
            let r = try CLI.run([command, path, "--data", "/nonexistent"] + (command == "run" ? ["--out", dir + "/out", "--quiet"] : []))
            #expect(r.status == 0, "\(command): \(r.stderr)")
            #expect(r.stderr.hasPrefix("warning: \(path):6:3: budget: no 'measurement' section"), "\(command): \(r.stderr)")
        }
    }

    @Test func aNoiseSectionInABudgetStudyIsAnError() throws {
        let text = Self.scenario.replacingOccurrences(of: "budget:", with: "noise: {model: gaussian, levels: [0.5]}\nbudget:")
        #expect(Fixtures.parseMessage(text).hasPrefix("s.yaml:5:8: noise: `noise` has no effect in a budget study"))
        let dir = Fixtures.temporaryDirectory()
        let path = dir + "/s.yaml"
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        let r = try CLI.run(["run", path, "--data", "/nonexistent", "--out", dir + "/out"])
        #expect(r.status == 2 && r.stderr.hasPrefix("error: \(path):5:8: noise: `noise` has no effect in a budget study"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }
}

/// Budget cells written under an older results format are not reused.
@Suite struct BudgetResumeTests {
    @Test func oldBudgetCellsAreRefusedOnResume() throws {
        let text = BudgetScenarioCheckTests.scenario.replacingOccurrences(of: "subset_sizes: [100]", with: "subset_sizes: [100, 200]")
        let path = Fixtures.file("s.yaml", text)
        let out = Fixtures.temporaryDirectory() + "/run"
        let options = RunOptions(outDirectory: out, jobs: 1, dataDirectory: "/x")
        let first = try ScenarioRunner.run(path: path, options: options)
        #expect(first.cellsRun == 2)
        #expect(try ScenarioRunner.run(path: path, options: options).cellsSkipped == 2)  // same format: resumed
        // Make every finished cell look like one of the previous results format.
        let plan = try RunPlan.make(path: path, options: options)
        var loader = GroundTruthLoader(directory: "/x")
        let store = CellStore(directory: out)
        for cell in plan.cells {
            guard case .budget(let c) = cell.work else {
                Issue.record("not a budget cell")
                continue
            }
            let canonical = cell.scenario.canonicalText(tableChecksums: try loader.pairs(for: cell.scenario).map(\.tableChecksum))
            #expect(RunPlan.cellHash(canonical: canonical, pair: c.pair, size: c.subsetSize) == cell.hash)
            let old = RunPlan.cellHash(
                canonical: canonical, pair: c.pair, size: c.subsetSize, resultsFormat: HWNASSimVersion.resultsFormat - 1)
            let done = try String(contentsOfFile: store.donePath(cell.id), encoding: .utf8)
            try AtomicFile.write(done.replacingOccurrences(of: cell.hash, with: old), to: store.donePath(cell.id))
        }
        let again = try ScenarioRunner.run(path: path, options: options)
        #expect(again.cellsRun == 2 && again.cellsSkipped == 0)
        #expect(HWNASSimVersion.resultsFormat >= 5)  // 5: reported fronts, honest counts, mean_regret
    }
}

/// The table `hwnas-sim decide` prints.
