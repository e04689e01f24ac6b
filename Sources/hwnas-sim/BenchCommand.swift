// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import HWNASSim
import HWNASSimBenchmarks

/// `hwnas-sim bench`: the release-build benchmarks behind README's Performance section.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time selections, Kendall's tau-b and whole scenario runs; print a table and write a CSV.",
        discussion: """
            Every figure is the median of --repeats runs. Selection and tau-b rates are single-thread (per core). \
            Scenario rows run this binary as a child process (`run`, `learn`) and report its wall time and peak memory; \
            they are skipped when the NB201 tables are missing. Run on an otherwise idle machine.
            """)

    @Option(name: .long, help: "CSV output file.") var out: String = "Reports/bench.csv"
    @Option(name: .long, help: "Runs per figure; the table shows their median.") var repeats: Int = 5
    @Flag(name: .long, help: "Shorter runs: 100 study trials instead of 1000, shorter timing windows.") var quick = false
    @Option(name: .long, help: "Folder with the scenario files.") var scenarios: String = "Scenarios"
    @Flag(name: .customLong("skip-learn"), help: "Leave out the long row: the learn run of predictors/paper-table3.yaml.") var skipLearn =
        false
    @Flag(name: .customLong("predictors-only"), help: "Only the predictor rows (fits per second; the learn run unless --skip-learn).")
    var predictorsOnly = false
    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        if repeats < 1 { throw ValidationError("--repeats must be at least 1, found \(repeats)") }
    }

    func run() throws {
        let suite = BenchmarkSuite(
            repeats: repeats, quick: quick, scenarios: scenarios, skipLearn: skipLearn, predictorsOnly: predictorsOnly,
            dataDirectory: dataOptions.directory, executable: Bundle.main.executablePath ?? CommandLine.arguments[0])
        let rows = try suite.run(writingTo: out) { row in
            let median = row.median.isFinite ? String(format: "%.4g", row.median) : "skipped"
            FileHandle.standardError.write(Data("  \(row.benchmark) n=\(row.n): \(median) \(row.unit)\n".utf8))
        }
        print(Benchmarks.table(rows), terminator: "")
        print("wrote \(out)")
    }
}
