// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// Each study result file's reader gives rows its writer turns back into the same bytes.
@Suite struct ResultFileRoundTripTests {
    /// A swept study with per-trial rows: swept keys lead every file.
    static let swept = """
        name: round-trip
        seed: 4
        trials: 5
        data:
          benchmark: synthetic
          size: 500
          pairs: [{metric: latency}, {metric: energy}]
        subset_sizes: [60, 300]
        noise: {model: gaussian, levels: [0.0, 0.4]}
        sweep:
          noise.model: [gaussian, paper-mixture]

        """

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func summaryHeadlineAndTrialsReadBackToTheSameBytes() throws {
        let out = Fixtures.temporaryDirectory("round-trip")
        _ = try ScenarioRunner.run(
            path: Fixtures.file("s.yaml", Self.swept),
            options: RunOptions(outDirectory: out, jobs: 2, dataDirectory: "/nonexistent", trialsOut: true))
        let summary = try SummaryFile.read(path: out + "/summary.csv")
        let perCellAndLevel = summary.filter { r in
            r.sweepValues[0].value == "gaussian" && r.level == 0 && r.subsetSize == 60 && r.metric == "latency"
        }
        #expect(summary.count == 16 * perCellAndLevel.count)  // sweep cells × pairs × sizes × levels
        #expect(SummaryFile.text(summary) == (try text(out + "/summary.csv")))

        let headline = try HeadlineFile.read(path: out + "/headline.csv")
        #expect(headline.sweepKeys == ["noise.model"] && headline.blocks.map(\.values) == [["gaussian"], ["paper-mixture"]])
        #expect(headline.blocks.allSatisfy { $0.table.levels == [0, 0.4] })
        #expect(HeadlineFile.text(headline) == (try text(out + "/headline.csv")))
        // The headline read back is the one computed from the summary rows.
        let computed = HeadlineBlocks(rows: summary)
        for (a, b) in zip(headline.blocks, computed.blocks) {
            #expect(a.table.levels == b.table.levels)
            for m in b.table.measures {
                for level in b.table.levels { #expect(a.table.value(level: level, measure: m) == b.table.value(level: level, measure: m)) }
            }
        }

        let trials = try TrialsFile.read(path: out + "/trials.csv")
        #expect(trials.sweepKeys == ["noise.model"] && !trials.trained)
        #expect(trials.rows.count == 2 * 2 * 2 * 5 * 2)  // sweep cells × pairs × sizes × trials × levels
        #expect(TrialsFile.text(trials) == (try text(out + "/trials.csv")))
        // The per-trial values average to the summary's means.
        let tau = trials.measures.firstIndex(of: "kendall_tau")!
        let some = trials.rows.filter {
            $0.sweepValues == ["paper-mixture"] && $0.metric == "energy" && $0.subsetSize == 300 && $0.level == 0.4
        }
        let match = try #require(
            summary.first { (r: SummaryRow) -> Bool in
                r.sweepValues[0].value == "paper-mixture" && r.metric == "energy" && r.subsetSize == 300 && r.level == 0.4
                    && r.measure == "kendall_tau"
            })
        let total: Double = some.map { $0.values[tau] }.reduce(0, +)
        #expect(some.count == 5 && abs(total / 5 - match.summary.mean) < 1e-12)
    }

    @Test func aHeadlineWithoutLevelIsLocated() throws {
        let e = #expect(throws: InputError.self) { try HeadlineFile.read(path: Fixtures.file("headline.csv", "lvl,hv\n0.5,1\n")) }
        #expect(e?.line == 1, "\(String(describing: e))")
        let bad = #expect(throws: InputError.self) { try HeadlineFile.read(path: Fixtures.file("headline.csv", "level,hv\n0.5,x\n")) }
        #expect(bad?.line == 2 && bad?.key == "hv", "\(String(describing: bad))")
    }
}
