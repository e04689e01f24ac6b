// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// A reduced re-run of the published study. The 1000-trial check against docs/study.md §6's
/// tolerances lives in `make figures` (Reports/study/README.md, "within tolerance"); here 60
/// trials per cell guard against gross regressions with tolerances widened for the smaller
/// sample (the MRA means' standard error is about 0.06 at 60 trials).
@Suite struct ReproductionTests {
    @Test
    func paperCompatibleReRunIsNearThePublishedCurves() throws {
        let out = Fixtures.temporaryDirectory()
        let report = try ScenarioRunner.run(
            path: Fixtures.packageRoot + "/Scenarios/study/paper-compatible.yaml",
            options: RunOptions(outDirectory: out, trials: 60, jobs: 2, dataDirectory: Fixtures.dataDirectory))
        let headline = try #require(report.headline)
        let published = try CSVTable(contentsOf: Fixtures.packageRoot + "/Scenarios/study/published.csv")
        var checked = 0
        for row in published.rows where row[0] == "mra" {
            let level = Double(row[2])!, measure = row[3], value = Double(row[4])!
            let mean = try #require(headline.value(level: level, measure: measure))
            let tolerance = measure == "kendall_tau" ? 0.015 : 0.25
            #expect(abs(mean - value) <= tolerance, "\(measure) at std \(level): \(mean) vs published \(value)")
            checked += 1
        }
        #expect(checked == 28)
        // Hypervolume per subset size: mean over the five pairs.
        let summary = try SummaryFile.read(path: out + "/summary.csv")
        #expect(published.rows.filter { $0[0] == "hv" }.count == 66)
        for row in published.rows where row[0] == "hv" {
            let size = Int(row[1])!, level = Double(row[2])!, value = Double(row[4])!
            let cells = summary.filter { $0.measure == "hv" && $0.subsetSize == size && $0.level == level }
            #expect(cells.count == 5)
            let mean = cells.map(\.summary.mean).reduce(0, +) / Double(cells.count)
            #expect(abs(mean - value) <= 0.1, "hv at N=\(size), std \(level): \(mean) vs published \(value)")
        }
    }
}
