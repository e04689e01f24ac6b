// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

@Suite struct CellStoreTests {
    static let scenario = """
        name: store
        seed: 3
        trials: 4
        data: {benchmark: synthetic, size: 300, pairs: [{metric: latency}]}
        subset_sizes: [50, 100]
        noise: {model: gaussian, levels: [0.0, 0.5]}

        """

    func run(
        _ dir: String, seed: UInt64? = nil, shard: String? = nil, force: Bool = false, trialsOut: Bool = false,
        scenario: String = Self.scenario
    ) throws -> RunReport {
        try ScenarioRunner.run(
            path: Fixtures.file("s.yaml", scenario),
            options: RunOptions(
                outDirectory: dir, seed: seed, jobs: 1, dataDirectory: "/x", shard: try shard.map(Shard.init),
                force: force, trialsOut: trialsOut))
    }

    @Test func aTruncatedCellTableIsRedone() throws {
        let dir = Fixtures.temporaryDirectory()
        _ = try run(dir)
        let cell = try #require(try FileManager.default.contentsOfDirectory(atPath: dir + "/cells").first { $0.hasSuffix(".summary.csv") })
        let whole = try String(contentsOfFile: dir + "/cells/" + cell, encoding: .utf8)
        try String(whole.prefix(40)).write(toFile: dir + "/cells/" + cell, atomically: false, encoding: .utf8)
        let again = try run(dir)
        #expect(again.cellsRun == 1 && again.cellsSkipped == 1)
        #expect(try String(contentsOfFile: dir + "/cells/" + cell, encoding: .utf8) == whole)
    }

    @Test func anUnfinishedRunLeavesNoOldResults() throws {
        let dir = Fixtures.temporaryDirectory()
        _ = try run(dir)
        #expect(FileManager.default.fileExists(atPath: dir + "/summary.csv"))
        let shard = try run(dir, seed: 77, shard: "1/2", force: true)  // other inputs, only half the cells
        #expect(shard.cellsRun == 1)
        #expect(!FileManager.default.fileExists(atPath: dir + "/summary.csv"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/headline.csv"))
    }

    /// A folder holding results of other inputs (another scenario file of the same name, a
    /// seed) is refused without --force, and nothing in it is touched; the same inputs resume.
    @Test func resultsOfOtherInputsAreRefusedWithoutForce() throws {
        let dir = Fixtures.temporaryDirectory()
        _ = try run(dir)
        let before = try String(contentsOfFile: dir + "/summary.csv", encoding: .utf8)
        for (name, attempt) in [
            ("seed", { try run(dir, seed: 77) }),
            ("file", { try run(dir, scenario: Self.scenario.replacingOccurrences(of: "trials: 4", with: "trials: 5")) })
        ] {
            let e = #expect(throws: InputError.self, "\(name)") { _ = try attempt() }
            #expect(e?.key == "--out" && e?.file == dir, "\(name)")
            #expect("\(e.map { "\($0)" } ?? "")".contains("holds results of scenario 'store' (2 of 2 cells finished)"), "\(name)")
            #expect("\(e.map { "\($0)" } ?? "")".contains("--force"), "\(name)")
            #expect(try String(contentsOfFile: dir + "/summary.csv", encoding: .utf8) == before, "\(name)")
        }
        #expect(try run(dir).cellsSkipped == 2)
        #expect(try run(dir, seed: 77, force: true).cellsRun == 2)
    }

    /// A rerun without --trials-out never deletes the trials.csv of a run with it.
    @Test func trialsOfAnEarlierRunAreKept() throws {
        let dir = Fixtures.temporaryDirectory()
        _ = try run(dir, trialsOut: true)
        let e = #expect(throws: InputError.self) { _ = try run(dir) }
        #expect(e?.key == "--trials-out")
        #expect(FileManager.default.fileExists(atPath: dir + "/trials.csv"))
        #expect(try run(dir, trialsOut: true).cellsSkipped == 2)
        _ = try run(dir, force: true)
        #expect(!FileManager.default.fileExists(atPath: dir + "/trials.csv"))
    }

    @Test func strayTemporariesOfDeadWritersGoThoseOfLiveOnesStay() throws {
        let dir = Fixtures.temporaryDirectory()
        let store = CellStore(directory: dir)
        try FileManager.default.createDirectory(atPath: store.cellsDirectory, withIntermediateDirectories: true)
        let dead = "a.csv" + AtomicFile.temporaryMarker + AtomicFile.host + "-2147483646"
        let live = "b.csv" + AtomicFile.temporaryMarker + AtomicFile.host + "-1"  // pid 1 is alive
        let other = "c.csv" + AtomicFile.temporaryMarker + "elsewhere-2147483646"
        for name in [dead, live, other] { _ = FileManager.default.createFile(atPath: store.cellsDirectory + "/" + name, contents: Data()) }
        store.removeStrayTemporaries()
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: store.cellsDirectory))
        #expect(left == [live, other])
    }

    @Test func mergeWritesProvenance() throws {
        let root = Fixtures.temporaryDirectory()
        for k in 1...2 { _ = try run(root + "/s\(k)", shard: "\(k)/2") }
        _ = try Batch.merge([root + "/s1", root + "/s2"], out: root + "/m")
        let manifest = try JSONDecoder().decode(RunManifest.self, from: try Data(contentsOf: URL(fileURLWithPath: root + "/m/run.json")))
        #expect(manifest.outputs == ["summary.csv", "headline.csv", "trial0.csv"] && manifest.cells == 2 && manifest.seed == 3)
        #expect(manifest.scenario.contains("name: store"))
    }
}

@Suite struct ScenarioLimitTests {
    func message(_ text: String) -> String { Fixtures.parseMessage(text) }

    static let base = """
        name: s
        data: {benchmark: synthetic, size: 300, pairs: [{metric: latency}]}
        subset_sizes: [100]
        noise: {model: paper-mixture, levels: [0.0, 0.5]}

        """

    @Test func aliasBombsAreRefused() {
        var text = "name: bomb\ndescription:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for (i, c) in "bcdefgh".enumerated() {
            let prev = Array("abcdefgh")[i]
            text += "  \(c): &\(c) [" + Array(repeating: "*\(prev)", count: 10).joined(separator: ", ") + "]\n"
        }
        #expect(message(text).hasPrefix("s.yaml:1:1: the scenario expands to more than 100000 YAML nodes"))
    }

    @Test func selectionNeedsABudgetAndALimit() {
        #expect(
            message(Self.base + "selection: {limit: 2}\n")
                == "s.yaml:5:12: selection: a latency-limited selection needs a 'budget' section (it scores the pick of each strategy)")
        #expect(message(Self.base + "selection: {}\n").contains("missing key 'limit'"))
    }

    @Test func paperMixtureNeedsThirtyArchitectures() {
        #expect(
            message(Self.base.replacingOccurrences(of: "[100]", with: "[29]"))
                == "s.yaml:3:16: subset_sizes[0]: paper-mixture noise needs subsets of at least 30 (⌊N/15⌋ ≥ 2 blocks, or its spread is 0), found 29"
        )
        // Only noise needs the blocks: a noise-free level list is fine, and so are other models.
        #expect(
            message(Self.base.replacingOccurrences(of: "[100]", with: "[29]").replacingOccurrences(of: "[0.0, 0.5]", with: "[0.0]"))
                == "no error")
        #expect(
            message(Self.base.replacingOccurrences(of: "[100]", with: "[29]").replacingOccurrences(of: "paper-mixture", with: "gaussian"))
                == "no error")
        let swept =
            Self.base.replacingOccurrences(of: "[100]", with: "[20]").replacingOccurrences(of: "paper-mixture", with: "gaussian")
            + "sweep:\n  noise.model: [gaussian, paper-mixture]\n"
        #expect(message(swept).hasSuffix("found 20 (in the sweep cell noise.model=paper-mixture)"))
    }

    @Test func negativeZeroLevelIsZero() throws {
        let s = try Scenario.parse(Self.base.replacingOccurrences(of: "[0.0, 0.5]", with: "[-0.0, 0.5]"), file: "s.yaml")[0]
        #expect(s.noiseStudy?.noise.levels[0].bitPattern == 0.0.bitPattern)
    }
}
