// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// Budgets with trainers (`budget.trainers`, `accuracy:` on each strategy) on the NB201 tables:
/// parsing, bad input, and runs through the runner.
@Suite struct TrainingBudgetTests {
    static func scenario(
        training: String = "{epochs: 2, seconds_per_epoch: 10, seconds_per_epoch_per_mflop: 0.1}",
        strategies: String = """
            - {name: train, accuracy: {source: train}}
            - {name: naswot, accuracy: {source: proxy, column: naswot_score}}
            - {name: params, accuracy: {source: proxy, column: params}}
            - {name: ridge, accuracy: {source: predictor, predictor: ridge}}
            - {name: ridge-nw, accuracy: {source: predictor, predictor: ridge, proxy_feature: naswot_score, proxy_s: 1}}
        """,
        seconds: String = "[600, 3600]", trainers: String = "trainers: 4"
    ) -> String {
        """
        name: acc-budget
        seed: 3
        trials: 4
        data:
          benchmark: nb201
          pairs: [{dataset: cifar10, metric: raspi4_latency}]
        subset_sizes: [300]
        budget:
          seconds: \(seconds)
          \(trainers)
          training: \(training)
          measurement: {setup_s: 5, warmup_s: 3, repeats: 50, noise_relative_sd: 0.02}
          strategies:
        \(strategies)
        predictors:
          ridge: {model: ridge, train_samples: 12, retrain_every: 4}

        """
    }

    /// The result files of a run of `text` with `jobs` workers.
    static func run(_ text: String, jobs: Int) throws -> [String: Data] {
        let out = Fixtures.temporaryDirectory("accbudget")
        _ = try ScenarioRunner.run(
            path: Fixtures.file("s.yaml", text),
            options: RunOptions(outDirectory: out, jobs: jobs, dataDirectory: Fixtures.dataDirectory, trialsOut: true))
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: out) where !["run.json", "cells", "plan.json"].contains(name) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
        }
        return files
    }

    /// The mean of `measure` for `strategy` at `budget` seconds in budget.csv.
    static func mean(_ files: [String: Data], strategy: String, measure: String, budget: String) throws -> Double {
        let text = String(decoding: try #require(files["budget.csv"]), as: UTF8.self)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let h = lines[0]
        let (s, m, b, v) = (
            h.firstIndex(of: "strategy")!, h.firstIndex(of: "measure")!, h.firstIndex(of: "budget_s")!, h.firstIndex(of: "mean")!
        )
        let row = try #require(lines.dropFirst().first { $0[s] == strategy && $0[m] == measure && $0[b] == budget })
        return Double(row[v])!
    }

    @Test func parsesTrainersTrainingAndEachSource() throws {
        let budget = try #require(try Scenario.parse(Self.scenario(), file: "s.yaml")[0].budgetStudy?.budget)
        #expect(budget.trainers == 4)
        #expect(budget.training?.seconds(mflops: 10) == 2 * (10 + 0.1 * 10))
        #expect(budget.training?.accuracyNoiseSD == 0.26)
        #expect(
            budget.strategies.map(\.kind) == [
                .train(.random), .train(.proxy(column: "naswot_score", seconds: 0.18)), .train(.proxy(column: "params", seconds: 0)),
                .train(.predictor("ridge")), .train(.predictor("ridge", proxyFeature: "naswot_score", seconds: 1))
            ])
        #expect(budget.strategies.map(\.measuresOnly) == [true, false, false, false, false])
    }

    @Test func badInputNamesFileLineAndKey() throws {
        let noTrainers = Self.scenario(trainers: "").replacingOccurrences(
            of: "  training: {epochs: 2, seconds_per_epoch: 10, seconds_per_epoch_per_mflop: 0.1}\n", with: "")
        // (scenario, the start of its message)
        let cases: [(String, String)] = [
            (
                Self.scenario(training: "{epochs: 2, seconds_per_epoch: -1}"),
                "s.yaml:11:44: budget.training.seconds_per_epoch: expected a cost ≥ 0 seconds, found -1.0"
            ),
            (
                Self.scenario(training: "{epochs: 2}"),
                "s.yaml:11:13: budget.training: training costs nothing: give seconds_per_epoch and/or seconds_per_epoch_per_mflop (seconds on one trainer), or setup_s"
            ),
            (Self.scenario(trainers: ""), "s.yaml:11:13: budget.training: 'training' has no trainers: add budget.trainers: K"),
            (
                Self.scenario(strategies: "        - {name: m, measure: random}"),
                "s.yaml:14:11: budget.strategies[0]: strategy 'm' takes accuracy as known, but this budget has trainers: give it accuracy: {source: train|proxy|predictor} (its latency is measured at random)"
            ),
            (
                Self.scenario(strategies: "        - {name: k, accuracy: {source: known}}"),
                "s.yaml:14:40: budget.strategies[0].accuracy.source: a budget strategy learns accuracy by training: expected source train, proxy or predictor ('known' belongs to noise studies)"
            ),
            (
                Self.scenario(strategies: "        - {name: p, accuracy: {source: proxy, column: naswot}}"),
                "s.yaml:14:55: budget.strategies[0].accuracy.column: unknown proxy 'naswot'"
            ),
            (
                Self.scenario(strategies: "        - {name: p, accuracy: {source: train, column: params}}"),
                "s.yaml:14:55: budget.strategies[0].accuracy.column: belongs to accuracy source 'proxy', not 'train'"
            ),
            (
                Self.scenario(strategies: "        - {name: p, accuracy: {source: predictor, predictor: lasso}}"),
                "s.yaml:14:31: budget.strategies[0].accuracy: no predictor 'lasso' in 'predictors'"
            ),
            (
                Self.scenario(strategies: "        - {name: p, accuracy: {source: train}, verify: iterate}"),
                "s.yaml:14:56: budget.strategies[0].verify: 'verify' does not apply to a training strategy ('accuracy:')"
            ),
            (
                Self.scenario(strategies: "        - {name: p, accuracy: {source: predictor, predictor: ridge, proxy_s: 1}}"),
                "s.yaml:14:78: budget.strategies[0].accuracy.proxy_s: 'proxy_s' is the cost of a proxy_feature: give one or remove it"
            ),
            (
                Self.scenario().replacingOccurrences(of: "{model: ridge,", with: "{model: flops,"),
                "s.yaml:17:31: budget.strategies[3].accuracy: predictor 'ridge': a flops model does not learn accuracy"
            ),
            (
                noTrainers,
                "s.yaml:13:31: budget.strategies[0].accuracy: training networks needs trainers: add budget.trainers: K and budget.training"
            )
        ]
        for (text, message) in cases {
            let got = Fixtures.parseMessage(text)
            #expect(got.hasPrefix(message), "\(got)")
        }
        // A proxy covering too few architectures of the pair: refused when the run is planned.
        let e = try #require(Fixtures.planError(Self.scenario(strategies: "        - {name: p, accuracy: {source: proxy, column: nwot}}")))
        #expect("\(e)".contains("/s.yaml:14:55: budget.strategies[0].accuracy.column: proxy 'nwot' scores 724 of the 15625"), "\(e)")
    }

    /// Same bytes whatever `--jobs`; with no seed noise, training that costs a second and a
    /// budget that trains and measures everything, every strategy ends on the true front.
    @Test func runsAreReproducibleAndEndOnTheTrueFront() throws {
        let text = Self.scenario()
        let one = try Self.run(text, jobs: 1)
        #expect(one == (try Self.run(text, jobs: 2)))
        #expect(!one.isEmpty)
        let exact = Self.scenario(
            training: "{epochs: 1, setup_s: 1, accuracy_noise_sd: 0}", seconds: "[60, 86400]"
        ).replacingOccurrences(of: "noise_relative_sd: 0.02", with: "noise_relative_sd: 0")
        let files = try Self.run(exact, jobs: 2)
        for s in ["train", "naswot", "params", "ridge", "ridge-nw"] {
            #expect(try Self.mean(files, strategy: s, measure: "mean_regret", budget: "86400.0") == 0, "\(s)")
            #expect(try Self.mean(files, strategy: s, measure: "hv_retained", budget: "86400.0") == 1, "\(s)")
            #expect(try Self.mean(files, strategy: s, measure: "mean_regret", budget: "60.0") > 0, "\(s)")
        }
    }
}
