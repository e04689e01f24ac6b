// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// Trained budget scenarios on the NB201 tables through the runner: the same bytes whatever
/// `--jobs`, shards or resume.
@Suite struct TrainedBudgetRunTests {
    static let scenario = """
        name: trained-grid
        seed: 5
        trials: 3
        data:
          benchmark: nb201
          pairs: [{dataset: ImageNet16-120, metric: raspi4_latency}]
        subset_sizes: [400, 800]
        budget:
          seconds: [300, 1200]
          measurement: {setup_s: 5, warmup_s: 3, repeats: 50, noise_relative_sd: 0.02}
          strategies:
            - {name: measure-only, measure: random}
            - {name: linreg+iterate, predictor: linreg, verify: iterate}
            - {name: transfer+iterate, predictor: transfer, verify: iterate}
            - {name: flops+verify, predictor: flops, verify: selected}
            - {name: borrowed+verify, predictor: borrowed, verify: selected}
        predictors:
          linreg: {model: linreg, train_samples: 20, retrain_every: 5}
          transfer: {model: transfer, train_samples: 8, source: [pixel3_latency, edgegpu_latency], retrain_every: 5}
          flops: {model: flops, train_samples: 5}
          borrowed: {train_samples: 20, kendall_tau: {from: linreg}}
        sweep:
          predictors.linreg.train_samples: [20, 40]

        """

    static func contents(_ dir: String) -> [String: String] {
        var out: [String: String] = [:]
        for sub in ["", "cells/"] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir + "/" + sub)) ?? []
            where name != "run.json" && name != "cells" {
                out[sub + name] = try? String(contentsOfFile: dir + "/" + sub + name, encoding: .utf8)
            }
        }
        return out
    }

    @Test func sameBytesWhateverTheJobsShardsOrResume() throws {
        let file = Fixtures.file("trained-grid.yaml", Self.scenario)
        let root = Fixtures.temporaryDirectory("trained-grid")
        func run(_ out: String, jobs: Int, shard: String? = nil) throws -> RunReport {
            try ScenarioRunner.run(
                path: file,
                options: RunOptions(
                    outDirectory: root + "/" + out, jobs: jobs, dataDirectory: Fixtures.dataDirectory,
                    shard: try shard.map(Shard.init)))
        }
        let one = try run("one", jobs: 1)
        #expect(one.cellsRun == 4)
        _ = try run("two", jobs: 3)
        let whole = Self.contents(root + "/one")
        #expect(whole["decision.csv"] != nil && whole["budget.csv"] != nil)
        #expect(Self.contents(root + "/two") == whole)
        // Shards, merged.
        _ = try run("s1", jobs: 2, shard: "1/2")
        _ = try run("s2", jobs: 1, shard: "2/2")
        _ = try Batch.merge([root + "/s1", root + "/s2"], out: root + "/merged")
        #expect(Self.contents(root + "/merged") == whole)
        // Resume: the whole run into the folder of shard 2/2 runs the other shard's cells only.
        let resumed = try run("s2", jobs: 2)
        #expect(resumed.cellsSkipped == 2 && resumed.cellsRun == 2)
        #expect(Self.contents(root + "/s2") == whole)
        // The borrowed tau is written as the synthetic predictor's level; trained ones say so.
        let budget = try CSVTable(contentsOf: root + "/one/budget.csv")
        let noise = budget.header.firstIndex(of: "noise")!, strategy = budget.header.firstIndex(of: "strategy")!
        let level = budget.header.firstIndex(of: "level")!
        let borrowed = budget.rows.filter { $0[strategy] == "borrowed+verify" }
        #expect(!borrowed.isEmpty && borrowed.allSatisfy { $0[noise] == "kendall-tau" && (Double($0[level]) ?? 0) > 0.3 })
        #expect(budget.rows.filter { $0[strategy] == "linreg+iterate" }.allSatisfy { $0[noise] == "trained" && $0[level].isEmpty })
    }
}
