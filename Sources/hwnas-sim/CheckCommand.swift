// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import HWNASSim
import HWNASSimReports

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare run folders with published values, point by point, within tolerances.",
        discussion: """
            Each published point (curve,subset_size,std,measure,value; subset_size 'all' means the \
            mean over all the run's subset sizes) is compared with the run's mean over its pairs. \
            Given several run folders (one scenario run with several seeds), it also prints every \
            point's spread over the runs and how many runs meet every tolerance. Default \
            tolerances are the reproduction's (MRA ±0.06, hypervolume ±0.04, tau ±0.01). Exit status 0; with --strict, 3 when a point lies \
            outside its tolerance or is missing from a run.
            """)

    @Argument(help: "Run folders written by 'hwnas-sim run'.") var runs: [String]
    @Option(name: .long, help: "Published values (curve,subset_size,std,measure,value).") var published: String
    @Option(name: .long, help: "Also write one row per run and point to this CSV file.") var out: String?
    @Option(name: .long, help: "With several runs, also draw the MRA deviations to this SVG file (and a PNG beside it).") var figure:
        String?
    @Option(name: .customLong("mra-tolerance"), help: "Tolerance on MRA means (percentage points).") var mraTolerance = 0.06
    @Option(name: .customLong("hv-tolerance"), help: "Tolerance on hypervolume means.") var hvTolerance = 0.04
    @Option(name: .customLong("tau-tolerance"), help: "Tolerance on mean Kendall tau.") var tauTolerance = 0.01
    @Flag(name: .long, help: "Exit with status 3 when a point lies outside its tolerance or is missing from a run.") var strict = false

    func validate() throws {
        if runs.isEmpty { throw ValidationError("give at least one run folder") }
        for (name, value) in [("--mra-tolerance", mraTolerance), ("--hv-tolerance", hvTolerance), ("--tau-tolerance", tauTolerance)]
        where !(value.isFinite && value >= 0) {
            throw ValidationError("\(name) must be a finite number ≥ 0, found \(value)")
        }
    }

    func run() throws {
        let tolerance = ReproductionTolerance(mra: mraTolerance, hypervolume: hvTolerance, kendallTau: tauTolerance)
        let outcome = try ReproductionCheck.run(runs: runs, publishedFile: published, tolerance: tolerance, csv: out, figure: figure)
        print(outcome.result.text, terminator: "")
        if let files = outcome.figure {
            print(
                files.isEmpty
                    ? "no figure: it needs at least two runs and published mra_all or mra_pareto rows of subset_size 'all'"
                    : "wrote \(files.joined(separator: ", "))")
        }
        if strict && !outcome.result.allWithin { throw ExitCode(3) }
    }
}
