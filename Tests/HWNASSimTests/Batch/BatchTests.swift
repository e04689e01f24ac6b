// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

@Suite struct BatchTests {
    static let grid = """
        name: grid
        seed: 9
        trials: 40
        data:
          benchmark: synthetic
          size: 6000
          pairs: [{metric: latency}, {metric: energy}]
        subset_sizes: [500, 2000, 6000]
        noise:
          model: paper-mixture
          levels: [0.0, 0.5]

        """

    func folderContents(_ dir: String) -> [String: String] {
        var out: [String: String] = [:]
        let fm = FileManager.default
        for sub in ["", "cells/"] {
            for name in (try? fm.contentsOfDirectory(atPath: dir + "/" + sub)) ?? [] where name != "run.json" && name != "cells" {
                out[sub + name] = try? String(contentsOfFile: dir + "/" + sub + name, encoding: .utf8)
            }
        }
        return out
    }

    @Test func sweepOfThreeByTwoByTwoRunsTwelveCells() throws {
        let text = """
            name: sweep
            trials: 3
            data: {benchmark: synthetic, size: 400, pairs: [{metric: latency}]}
            subset_sizes: [100]
            noise: {model: gaussian, levels: [0.5]}
            measures: [hv, mra_all]
            sweep:
              seed: [1, 2, 3]
              noise.model: [gaussian, paper-mixture]
              data.rank_correlation: [0.2, 0.6]

            """
        let out = Fixtures.temporaryDirectory()
        let report = try ScenarioRunner.run(
            path: Fixtures.file("sweep.yaml", text), options: RunOptions(outDirectory: out, jobs: 2, dataDirectory: "/x"))
        #expect(report.cellsRun == 12)
        let table = try CSVTable(contentsOf: out + "/summary.csv")
        #expect(table.header == ["seed", "noise.model", "data.rank_correlation"] + SummaryFile.columns)
        #expect(table.rows.count == 12 * 2)
        #expect(table.rows.map { "\($0[0]) \($0[1]) \($0[2])" }.uniqued().count == 12)
        #expect(table.rows[0].prefix(3) == ["1", "gaussian", "0.2"] && table.rows[23].prefix(3) == ["3", "paper-mixture", "0.6"])
        #expect(table.rows[4][7] == "paper-mixture")  // the noise column follows the swept model
    }

    @Test func shardsMergeToTheSingleMachineBytes() throws {
        let scenario = Fixtures.file("grid.yaml", Self.grid)
        let root = Fixtures.temporaryDirectory()
        _ = try ScenarioRunner.run(
            path: scenario, options: RunOptions(outDirectory: root + "/whole", jobs: 2, dataDirectory: "/x", trialsOut: true))
        for k in 1...3 {
            let r = try ScenarioRunner.run(
                path: scenario,
                options: RunOptions(
                    outDirectory: root + "/shard\(k)", jobs: 1, dataDirectory: "/x",
                    shard: try Shard("\(k)/3"), trialsOut: true))
            #expect(r.cellsRun == 2)
            #expect(!FileManager.default.fileExists(atPath: root + "/shard\(k)/summary.csv"))
        }
        _ = try Batch.merge([root + "/shard1", root + "/shard2", root + "/shard3"], out: root + "/merged")
        // Every file (summary, headline, trials, plan, cells) but run.json's wall time is the same.
        let whole = folderContents(root + "/whole"), merged = folderContents(root + "/merged")
        #expect(whole.keys.sorted() == merged.keys.sorted())
        #expect(whole == merged)
        #expect(whole["headline.csv"] != nil && whole["trials.csv"] != nil)
        // A missing shard is named.
        let missing = #expect(throws: InputError.self) { try Batch.merge([root + "/shard1", root + "/shard2"], out: root + "/partial") }
        #expect(missing.map { "\($0)" }?.contains("is in no shard") == true)
        // A failed merge leaves nothing in --out (no partial cells/), nor a staging folder.
        #expect(!FileManager.default.fileExists(atPath: root + "/partial"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["merged", "shard1", "shard2", "shard3", "whole"])
        // Shards of another N are refused as such.
        _ = try ScenarioRunner.run(
            path: scenario,
            options: RunOptions(
                outDirectory: root + "/half", jobs: 1, dataDirectory: "/x",
                shard: try Shard("1/2"), trialsOut: true))
        let mixed = #expect(throws: InputError.self) { try Batch.merge([root + "/shard1", root + "/half"], out: root + "/mixed") }
        #expect(mixed.map { "\($0)" }?.contains("shards of different N cannot be merged") == true)
        #expect(mixed?.file == root + "/half/plan.json")
        // Merging again into the merged folder (same inputs) replaces it with the same bytes;
        // a folder of other results is refused.
        _ = try Batch.merge([root + "/shard1", root + "/shard2", root + "/shard3"], out: root + "/merged")
        #expect(folderContents(root + "/merged") == whole)
        _ = try ScenarioRunner.run(
            path: scenario, options: RunOptions(outDirectory: root + "/other", seed: 99, jobs: 1, dataDirectory: "/x"))
        let occupied = #expect(throws: InputError.self) {
            try Batch.merge([root + "/shard1", root + "/shard2", root + "/shard3"], out: root + "/other")
        }
        #expect(occupied?.key == "--out")
    }

    /// run.json's paths lead from the run folder: the scenario file resolves from wherever the
    /// folder is read, also after a merge into another folder.
    @Test func runManifestPathsResolveFromTheRunFolder() throws {
        let scenario = Fixtures.file("grid.yaml", Self.grid)
        let root = Fixtures.temporaryDirectory()
        for k in 1...2 {
            _ = try ScenarioRunner.run(
                path: scenario,
                options: RunOptions(
                    outDirectory: root + "/deep/shard\(k)", jobs: 1, dataDirectory: "/x",
                    shard: try Shard("\(k)/2")))
        }
        _ = try Batch.merge([root + "/deep/shard1", root + "/deep/shard2"], out: root + "/m")
        for run in [root + "/deep/shard1", root + "/m"] {
            let json =
                try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: run + "/run.json"))) as? [String: Any]
            let file = try #require(json?["scenario_file"] as? String)
            #expect(!file.hasPrefix("/"), "\(file)")
            #expect(RelativePath.absolute(run + "/" + file) == RelativePath.absolute(scenario))
        }
        _ = try ScenarioRunner.run(path: scenario, options: RunOptions(outDirectory: root + "/whole", jobs: 1, dataDirectory: "/x"))
        let folder = try SummaryReader.readRun(root + "/whole")
        #expect(folder.scenarioFile.map(RelativePath.absolute) == RelativePath.absolute(scenario))
    }

    @Test func shardSpecification() throws {
        #expect(try Shard("2/3").contains(1) && !Shard("2/3").contains(2))
        for bad in ["4/3", "0/3", "1/0", "a/b", "3"] {
            #expect(throws: InputError.self) { try Shard(bad) }
        }
    }

    @Test func batchRunsFoldersIntoNamedFolders() throws {
        let dir = Fixtures.temporaryDirectory()
        try Self.grid.write(toFile: dir + "/a.yaml", atomically: true, encoding: .utf8)
        try Self.grid.replacingOccurrences(of: "name: grid", with: "name: grid2").replacingOccurrences(of: "trials: 40", with: "trials: 5")
            .write(toFile: dir + "/b.yaml", atomically: true, encoding: .utf8)
        let out = Fixtures.temporaryDirectory()
        let reports = try Batch.run([dir], root: out, options: RunOptions(jobs: 2, dataDirectory: "/x"))
        #expect(reports.count == 2)
        #expect(FileManager.default.fileExists(atPath: out + "/grid/summary.csv"))
        #expect(FileManager.default.fileExists(atPath: out + "/grid2/summary.csv"))
        // Sharded over the whole batch (12 cells) and merged: the same bytes.
        for k in 1...2 {
            _ = try Batch.run([dir], root: out + "/s\(k)", options: RunOptions(jobs: 1, dataDirectory: "/x", shard: try Shard("\(k)/2")))
        }
        _ = try Batch.merge([out + "/s1", out + "/s2"], out: out + "/merged")
        for name in ["grid", "grid2"] {
            #expect(
                try String(contentsOfFile: out + "/\(name)/summary.csv", encoding: .utf8)
                    == String(contentsOfFile: out + "/merged/\(name)/summary.csv", encoding: .utf8))
        }
    }

    @Test func rerunSkipsFinishedCellsAndForceRedoesThem() throws {
        let scenario = Fixtures.file("grid.yaml", Self.grid)
        let out = Fixtures.temporaryDirectory()
        let first = try ScenarioRunner.run(path: scenario, options: RunOptions(outDirectory: out, jobs: 2, dataDirectory: "/x"))
        #expect(first.cellsRun == 6 && first.cellsSkipped == 0)
        let second = try ScenarioRunner.run(path: scenario, options: RunOptions(outDirectory: out, jobs: 2, dataDirectory: "/x"))
        #expect(second.cellsRun == 0 && second.cellsSkipped == 6)
        let forced = try ScenarioRunner.run(
            path: scenario, options: RunOptions(outDirectory: out, jobs: 2, dataDirectory: "/x", force: true))
        #expect(forced.cellsRun == 6)
        // Other inputs (another seed) change every cell's hash: nothing is reused.
        let reseeded = try ScenarioRunner.run(
            path: scenario, options: RunOptions(outDirectory: out, seed: 10, jobs: 2, dataDirectory: "/x", force: true))
        #expect(reseeded.cellsRun == 6)
    }

    /// A run killed with SIGKILL part-way and rerun ends with the same files as a run never
    /// interrupted, and the rerun redoes only the missing cells.
    @Test func killedRunResumesToTheSameBytes() throws {
        let dir = Fixtures.temporaryDirectory()
        let scenario = dir + "/grid.yaml"
        try Self.grid.replacingOccurrences(of: "trials: 40", with: "trials: 400").write(toFile: scenario, atomically: true, encoding: .utf8)
        let whole = dir + "/whole", killed = dir + "/killed"
        _ = try CLI.run(["run", scenario, "--out", whole, "--jobs", "2", "--quiet"])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["run", scenario, "--out", killed, "--jobs", "2", "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        func done() -> Int {
            ((try? FileManager.default.contentsOfDirectory(atPath: killed + "/cells")) ?? []).filter { $0.hasSuffix(".done") }.count
        }
        var waited = 0
        while done() < 2 && waited < 120_000 {
            usleep(5000)
            waited += 5
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let finishedBeforeKill = done()
        #expect(finishedBeforeKill >= 2)
        #expect(finishedBeforeKill < 6, "the run finished before the kill: the test tested nothing")
        let rerun = try CLI.run(["run", scenario, "--out", killed, "--jobs", "2", "--quiet"])
        #expect(rerun.status == 0)
        #expect(rerun.stdout.contains("(\(finishedBeforeKill) of 6 cells already done)"), "\(rerun.stdout)")
        #expect(folderContents(whole) == folderContents(killed))
        #expect(folderContents(whole)["summary.csv"] != nil)
        try? FileManager.default.removeItem(atPath: dir)
    }
}

extension Sequence where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
