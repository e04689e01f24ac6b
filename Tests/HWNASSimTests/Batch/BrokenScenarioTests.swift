// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// Broken scenarios: each gives its exact message with file, line and column, exit status 2,
/// and writes nothing.
@Suite struct BrokenScenarioTests {
    static let base = """
        name: broken
        trials: 2
        data:
          benchmark: synthetic
          size: 500
          pairs:
            - {metric: latency}
        subset_sizes: [100, 200]
        seed: 1
        reference_point: subset-max
        # a budget study has no noise section
        budget:
          seconds: [60, 600]
          measurement: {setup_s: 1, repeats: 5}
          strategies:
            - {name: m, measure: random}
            - {name: p, predictor: p}
        predictors:
          p: {train_samples: 20, train_s: 1, query_s: 0.001, kendall_tau: {20: 0.5}}

        """

    /// The three lines of `base` where a noise study would have its `noise:` section.
    static let noiseFreeLines = "seed: 1\nreference_point: subset-max\n# a budget study has no noise section"

    static let cases: [(name: String, edit: @Sendable (String) -> String, message: String)] = [
        (
            "bad YAML", { $0.replacingOccurrences(of: "trials: 2", with: "trials: [2") },
            "s.yaml:3:5: invalid YAML: while parsing a flow sequence did not find expected ',' or ']'"
        ),
        (
            "unknown key", { $0.replacingOccurrences(of: "trials: 2", with: "trials: 2\ncolour: blue") },
            "s.yaml:3:1: colour: unknown key; expected one of: name, description, seed, trials, data, subset_sizes, noise, reference_point, measures, budget, predictors, selection, sweep, learning_curve, accuracy"
        ),
        (
            "misspelt key", { $0.replacingOccurrences(of: "subset_sizes:", with: "subset_size:") },
            "s.yaml:8:1: subset_size: unknown key (did you mean 'subset_sizes'?); expected one of: name, description, seed, trials, data, subset_sizes, noise, reference_point, measures, budget, predictors, selection, sweep, learning_curve, accuracy"
        ),
        (
            "misspelt value", { $0.replacingOccurrences(of: "measure: random", with: "measure: randm") },
            "s.yaml:16:26: budget.strategies[0].measure: unknown measure 'randm' (did you mean 'random'?); expected one of: random, evolution, local-search"
        ),
        (
            "search key on random", { $0.replacingOccurrences(of: "measure: random}", with: "measure: random, population: 10}") },
            "s.yaml:16:46: budget.strategies[0].population: 'population' is a key of a searching strategy; this strategy cannot search (searching: measure: evolution takes population and sample, a predictor with search: evolution takes candidates)"
        ),
        (
            "population larger than a subset",
            { $0.replacingOccurrences(of: "measure: random}", with: "measure: evolution, population: 150}") },
            "s.yaml:16:49: budget.strategies[0].population: a population of 150 is larger than the smallest subset (100 architectures)"
        ),
        (
            "sample larger than the population",
            { $0.replacingOccurrences(of: "measure: random}", with: "measure: evolution, population: 5, sample: 6}") },
            "s.yaml:16:60: budget.strategies[0].sample: a tournament samples from the population: expected sample ≤ population (5), found 6"
        ),
        (
            "search on a table without structure",
            { $0.replacingOccurrences(of: "measure: random}", with: "measure: local-search}") },
            "s.yaml:16:26: budget.strategies[0].measure: a searching strategy moves by one-edit mutations of NB201 arch strings: table 'synthetic' has none (benchmark nb201 has them; csv and synthetic tables have no structure)"
        ),
        (
            "wrong type", { $0.replacingOccurrences(of: "repeats: 5", with: "repeats: five") },
            "s.yaml:14:38: budget.measurement.repeats: expected a whole number, found 'five'"
        ),
        (
            "tau 1.5", { $0.replacingOccurrences(of: noiseFreeLines, with: "noise:\n  model: kendall-tau\n  levels: [0.5, 1.5]") },
            "s.yaml:11:17: noise.levels[1]: expected a target Kendall tau in (0, 1], found 1.5"
        ),
        (
            "tau curve outside (0, 1]", { $0.replacingOccurrences(of: "{20: 0.5}", with: "{20: 0.5, 200: 0}") },
            "s.yaml:19:82: predictors.p.kendall_tau.200: expected a Kendall tau in (0, 1], found 0.0"
        ),
        (
            "negative cost", { $0.replacingOccurrences(of: "setup_s: 1", with: "setup_s: -1") },
            "s.yaml:14:26: budget.measurement.setup_s: expected a value ≥ 0, found -1.0"
        ),
        (
            "budgets not increasing", { $0.replacingOccurrences(of: "[60, 600]", with: "[600, 60]") },
            "s.yaml:13:18: budget.seconds[1]: budgets must increase: 60.0 follows 600.0"
        ),
        (
            "size larger than the table", { $0.replacingOccurrences(of: "[100, 200]", with: "[100, 900]") },
            "s.yaml:8:21: subset_sizes[1]: subset size 900 is larger than synthetic/latency, which has 500 architectures"
        ),
        (
            "size 1", { $0.replacingOccurrences(of: "[100, 200]", with: "[1, 200]") },
            "s.yaml:8:16: subset_sizes[0]: expected a subset size of at least 2, found 1"
        ),
        (
            "empty level list", { $0.replacingOccurrences(of: noiseFreeLines, with: "noise:\n  model: kendall-tau\n  levels: []") },
            "s.yaml:11:11: noise.levels: expected at least one noise level, found an empty list"
        ),
        (
            "empty pairs", { $0.replacingOccurrences(of: "  pairs:\n    - {metric: latency}", with: "  pairs: []") },
            "s.yaml:6:10: data.pairs: expected at least one {dataset, metric} pair, found an empty list"
        ),
        (
            "unknown metric", { $0.replacingOccurrences(of: "{metric: latency}", with: "{metric: latncy}") },
            "s.yaml:7:16: data.pairs[0].metric: table 'synthetic' has no metric 'latncy' (did you mean 'latency'?); it has: latency, energy"
        ),
        (
            "missing data file",
            {
                $0.replacingOccurrences(
                    of: "  benchmark: synthetic\n  size: 500\n  pairs:\n    - {metric: latency}",
                    with: "  benchmark: nb201\n  pairs:\n    - {dataset: cifar10, metric: raspi4_latency}")
            },
            "s.yaml:6:17: data.pairs[0].dataset: /nonexistent/nb201_cifar10.csv: ground-truth table not found: point --data or $HWNAS_SIM_DATA at the folder holding nb201_cifar10.csv (the repository's Data/ has them)"
        ),
        (
            "undefined predictor", { $0.replacingOccurrences(of: "predictor: p}", with: "predictor: q}") },
            "s.yaml:17:28: budget.strategies[1].predictor: no predictor 'q' in 'predictors' (did you mean 'p'?)"
        ),
        (
            "noise in a budget study",
            { $0.replacingOccurrences(of: noiseFreeLines, with: "noise:\n  model: kendall-tau\n  levels: [0.5, 0.9]") },
            "s.yaml:10:3: noise: `noise` has no effect in a budget study: predictor errors come from the learning curves (predictors.NAME.kendall_tau) and measurement noise from budget.measurement.noise_relative_sd; remove the section"
        ),
        (
            "training larger than subset", { $0.replacingOccurrences(of: "train_samples: 20", with: "train_samples: 150") },
            "s.yaml:19:22: predictors.p.train_samples: 150 training samples leave nothing to predict in a subset of 100"
        )
    ]

    @Test func eachBrokenScenarioGivesItsExactMessage() throws {
        for c in Self.cases {
            let dir = Fixtures.temporaryDirectory()
            let path = dir + "/s.yaml"
            _ = FileManager.default.createFile(atPath: path, contents: Data(c.edit(Self.base).utf8))
            let out = dir + "/out"
            var message = "no error"
            do {
                _ = try ScenarioRunner.run(path: path, options: RunOptions(outDirectory: out, jobs: 1, dataDirectory: "/nonexistent"))
            } catch let e as InputError {
                message = "\(e)".replacingOccurrences(of: dir + "/", with: "")
            }
            #expect(message == c.message, "\(c.name)")
            #expect(!FileManager.default.fileExists(atPath: out), "\(c.name): wrote output")
        }
    }

    @Test func theCommandLineExitsWithTwoAndWritesNothing() throws {
        for c in Self.cases {
            let dir = Fixtures.temporaryDirectory()
            let path = dir + "/s.yaml"
            _ = FileManager.default.createFile(atPath: path, contents: Data(c.edit(Self.base).utf8))
            for command in ["run", "validate"] {
                let r = try CLI.run([command, path, "--data", "/nonexistent"] + (command == "run" ? ["--out", dir + "/out"] : []))
                #expect(r.status == 2, "\(c.name) \(command): \(r.status) \(r.stderr)")
                #expect(r.stderr.replacingOccurrences(of: dir + "/", with: "") == "error: \(c.message)\n", "\(c.name) \(command)")
            }
            #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
        }
    }

    @Test func theBaseScenarioIsValid() throws {
        let path = Fixtures.file("s.yaml", Self.base)
        let files = try Batch.validate([path], dataDirectory: "/nonexistent")
        guard case .success(let plan) = try #require(files.first).result else {
            Issue.record("invalid: \(files)")
            return
        }
        #expect(files.count == 1 && plan.sweepCells == 1 && plan.cells == 2 && plan.trials == 4)
    }
}

@Suite struct ShippedScenarioTests {
    /// Every scenario the repository ships runs as written (validated against the real tables).
    @Test
    func shippedScenariosAreValid() throws {
        let files = try Batch.validate([Fixtures.packageRoot + "/Scenarios"], dataDirectory: Fixtures.dataDirectory)
        let errors = files.compactMap { if case .failure(let e) = $0.result { e } else { nil } }
        #expect(errors.isEmpty, "\(errors)")
        #expect(files.count == 27, "\(files.map(\.file))")
    }

    @Test func syntheticScenarioIsValidWithoutTables() throws {
        let files = try Batch.validate([Fixtures.packageRoot + "/Scenarios/synthetic.yaml"], dataDirectory: "/nonexistent")
        #expect(files.count == 1 && files.allSatisfy { if case .success = $0.result { true } else { false } }, "\(files)")
    }
}
