// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Synchronization
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

@Suite struct WorkUnitTests {
    /// Longest first, each to the worker free first, worked by hand.
    @Test func longestFirstScheduleByHand() {
        // 7 5 4 3 3 2 on two workers: [7] [5] → [7] [5 4] → [7 3] [5 4] → [7 3] [5 4 3] → [7 3 2] [5 4 3]: 12 and 12.
        #expect(WorkUnitLog.longestFirstMakespan([3, 7, 2, 5, 3, 4], workers: 2) == 12)
        // 5 5 4 4 3 3 3 on three workers: [5] [5] [4] → [5] [5] [4 4] → [5 3] [5] [4 4] → [5 3] [5 3] [4 4]
        // → [5 3 3] [5 3] [4 4]: 11, where the best schedule ([5 4] [5 4] [3 3 3]) takes 9.
        #expect(WorkUnitLog.longestFirstMakespan([3, 4, 5, 3, 5, 4, 3], workers: 3) == 11)
        #expect(WorkUnitLog.longestFirstMakespan([1, 1, 1], workers: 64) == 1)
        #expect(WorkUnitLog.longestFirstMakespan([], workers: 16) == 0)
        let log = WorkUnitLog()
        log.record([3, 4, 5, 3, 5, 4, 3])
        #expect(log.predictedSpeedup(workers: 3) == 27.0 / 11)
        log.recordSerial(3)  // serial work runs alone: (27 + 3) / (11 + 3)
        #expect(log.predictedSpeedup(workers: 3) == 30.0 / 14)
        #expect(WorkUnitLog().predictedSpeedup(workers: 16) == 1)
    }

    /// While a log is current, every item of a parallel loop is one unit; a loop nested in an
    /// item is part of that item.
    @Test func parallelLoopsRecordTheirItems() {
        let log = WorkUnitLog()
        WorkUnitLog.$current.withValue(log) {
            ParallelFor.run(count: 37, jobs: 3, makeState: { () }) { _, _ in
                ParallelFor.run(count: 5, jobs: 2, makeState: { () }) { _, _ in }
            }
        }
        #expect(log.units.count == 37)
        #expect(log.units.allSatisfy { $0 >= 0 })
        ParallelFor.run(count: 4, jobs: 2, makeState: { () }) { _, _ in }  // no log current
        #expect(log.units.count == 37)
    }

    func manifest(_ out: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(String(contentsOfFile: out + "/run.json", encoding: .utf8).utf8)) as! [String: Any]
    }

    /// `run.json` counts one unit per trial of the cells run, and predicts a speedup no larger
    /// than the worker count; a resumed run with nothing left to do runs no units.
    @Test func runManifestCarriesWorkUnits() throws {
        for text in [ScenarioRunnerTests.study, ScenarioRunnerTests.budget] {
            let scenario = Fixtures.file("s.yaml", text)
            let out = Fixtures.temporaryDirectory()
            let options = RunOptions(outDirectory: out, jobs: 2, dataDirectory: "/nonexistent")
            let plan = try RunPlan.make(path: scenario, options: options)
            _ = try ScenarioRunner.run(plan: plan, options: options)
            let json = try manifest(out)
            let units = try #require(json["work_units"] as? [String: Double])
            #expect(Int(units["count"]!) == plan.cells.map(\.trials).reduce(0, +))
            #expect(units["total"]! > 0 && units["longest"]! > 0 && units["longest"]! <= units["total"]!)
            #expect(units["serial"]! >= 0)
            let speedup = try #require(json["predicted_speedup"] as? [String: Double])
            #expect(Set(speedup.keys) == ["16", "64"])
            #expect(speedup["16"]! >= 1 && speedup["16"]! <= 16 && speedup["64"]! >= speedup["16"]! && speedup["64"]! <= 64)
            _ = try ScenarioRunner.run(plan: plan, options: options)
            #expect((try manifest(out)["work_units"] as? [String: Double])?["count"] == 0)
        }
    }

    /// Trials of several cells share one pool, and the cells' files do not depend on it: one
    /// worker, three, and a shard each give the same bytes.
    @Test func pooledCellsGiveTheSameFilesForAnyJobsAndShards() throws {
        let scenario = Fixtures.file("s.yaml", ScenarioRunnerTests.study)
        func files(jobs: Int, shard: String? = nil, out: String = Fixtures.temporaryDirectory()) throws -> [String: String] {
            _ = try ScenarioRunner.run(
                path: scenario, options: RunOptions(outDirectory: out, jobs: jobs, dataDirectory: "/x", shard: try shard.map(Shard.init)))
            return BatchTests().folderContents(out)
        }
        let one = try files(jobs: 1), three = try files(jobs: 3)
        #expect(one == three)
        let shared = Fixtures.temporaryDirectory()
        _ = try files(jobs: 2, shard: "1/2", out: shared)
        let whole = try files(jobs: 2, shard: "2/2", out: shared)
        #expect(whole["summary.csv"] == one["summary.csv"])
    }
}
