// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

@Suite struct ScenarioRunnerTests {
    static let study = """
        name: small
        seed: 17
        trials: 12
        data:
          benchmark: synthetic
          size: 3000
          pairs: [{metric: latency}, {metric: energy}]
        subset_sizes: [100, 1000]
        noise:
          model: paper-mixture
          levels: [0.0, 0.3, 1.0]

        """

    static let budget = """
        name: small-budget
        seed: 3
        trials: 6
        data:
          benchmark: synthetic
          size: 2000
          pairs: [{metric: latency}]
        subset_sizes: [1500]
        selection: {limit: 1.0}
        budget:
          seconds: [60, 600, 3600]
          devices: 2
          measurement: {setup_s: 1, warmup_s: 1, repeats: 10, noise_relative_sd: 0.02}
          strategies:
            - {name: measure-only, measure: random}
            - {name: p+verify, predictor: p, verify: selected}
            - {name: p+iterate, predictor: p, verify: iterate, then: stop}
            - {name: p+continue, predictor: p, verify: iterate}
        predictors:
          p: {train_samples: 50, train_s: 2, query_s: 0.001, kendall_tau: {10: 0.3, 1000: 0.8}}

        """

    func run(_ text: String, jobs: Int) throws -> String {
        let scenario = Fixtures.file("s.yaml", text)
        let out = Fixtures.temporaryDirectory()
        _ = try ScenarioRunner.run(path: scenario, options: RunOptions(outDirectory: out, jobs: jobs, dataDirectory: "/nonexistent"))
        return out
    }

    func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<missing>" }

    @Test func sameSeedGivesByteIdenticalOutputsForAnyJobs() throws {
        for text in [Self.study, Self.budget] {
            let a = try run(text, jobs: 1), b = try run(text, jobs: 2), c = try run(text, jobs: 3)
            // Every file but run.json (wall time, jobs): outputs, plan and cells.
            let whole = BatchTests().folderContents(a)
            #expect(whole["headline.csv"] != nil || whole["decision.csv"] != nil)
            #expect(whole["plan.json"] != nil && whole.keys.contains { $0.hasPrefix("cells/") })
            #expect(whole == BatchTests().folderContents(b))
            #expect(whole == BatchTests().folderContents(c))
        }
    }

    /// Pins a small run's output: an optimisation that changes any number fails here.
    @Test func pinnedOutput() throws {
        let a = try run(Self.study, jobs: 2)
        let summary = read(a + "/summary.csv")
        #expect(
            summary.hasPrefix("dataset,metric,pairing,subset_size,noise,level,measure,n,mean,sd,se,ci95_low,ci95_high,median,q25,q75\n"))
        #expect(summary.split(separator: "\n").count == 1 + 2 * 2 * 3 * Measure.allCases.count)
        #expect(
            SHA256.hex(of: Array(summary.utf8)) == "effe469da633faff4acc1ca3ff18936f35798567390852dc66fff3cb1a6ca4ee",
            "summary.csv changed:\n\(summary.prefix(600))")
        let b = try run(Self.budget, jobs: 2)
        let budget = read(b + "/budget.csv")
        #expect(
            // Re-pinned when `then: optimistic` with two repeats became the default (p+continue
            // added); every other row kept its bytes: without p+continue's rows the file still
            // hashes to b41123db…b318, the pin before.
            SHA256.hex(of: Array(budget.utf8)) == "4227515881c6322e6d370f3c1fc5417c56e2d87967085272583eb0b74a8117a5",
            "budget.csv changed:\n\(budget.prefix(600))")
    }

    @Test func writesProvenance() throws {
        let out = try run(Self.study, jobs: 1)
        let json = try JSONSerialization.jsonObject(with: Data(read(out + "/run.json").utf8)) as! [String: Any]
        #expect(json["version"] as? String == HWNASSimVersion.string)
        #expect(json["seed"] as? Int == 17 && json["trials"] as? Int == 12)
        #expect((json["scenario"] as? String)?.contains("name: small") == true)
        #expect((json["outputs"] as? [String]) == ["summary.csv", "headline.csv", "trial0.csv"])
    }

    @Test func overridesApply() throws {
        let scenario = Fixtures.file("s.yaml", Self.study)
        let out = Fixtures.temporaryDirectory()
        _ = try ScenarioRunner.run(path: scenario, options: RunOptions(outDirectory: out, trials: 5, seed: 2, jobs: 2, dataDirectory: "/x"))
        let summary = read(out + "/summary.csv")
        #expect(summary.split(separator: "\n")[1].split(separator: ",")[7] == "5")
    }

    /// A sweep's headline is one block per sweep cell, the swept keys leading: two noise models
    /// are never averaged into one curve.
    @Test func sweptHeadlineHasOneBlockPerSweepCell() throws {
        let scenario = """
            name: swept
            trials: 3
            data: {benchmark: synthetic, size: 300, pairs: [{metric: latency}]}
            subset_sizes: [100]
            noise: {model: gaussian, levels: [0.5, 1.0]}
            measures: [hv, mra_all]
            sweep: {noise.model: [gaussian, paper-mixture]}

            """
        let out = Fixtures.temporaryDirectory()
        let report = try ScenarioRunner.run(
            path: Fixtures.file("s.yaml", scenario), options: RunOptions(outDirectory: out, dataDirectory: "/x"))
        let csv = try CSVTable(contentsOf: out + "/headline.csv")
        #expect(csv.header == ["noise.model", "level", "hv", "mra_all"])
        #expect(csv.rows.map { $0[0] + "@" + $0[1] } == ["gaussian@0.5", "gaussian@1.0", "paper-mixture@0.5", "paper-mixture@1.0"])
        // Each block is its own sweep cell's mean: the summary rows of that cell alone.
        let summary = try SummaryFile.read(path: out + "/summary.csv")
        for row in csv.rows {
            let mean = summary.first { $0.sweepValues.first?.value == row[0] && Format.number($0.level) == row[1] && $0.measure == "hv" }!
                .summary.mean
            #expect(row[2] == Format.number(mean))
        }
        guard case .study(let rows) = report.outcome else {
            Issue.record("not a study: \(report.outcome)")
            return
        }
        let blocks = HeadlineBlocks(rows: rows)
        #expect(
            blocks.sweepKeys == ["noise.model"]
                && blocks.blocks.indices.map(blocks.label) == ["noise.model=gaussian", "noise.model=paper-mixture"])
        #expect(report.headline == nil)  // two sweep cells: no single headline
    }
}
