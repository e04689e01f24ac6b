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
    @Flag(name: .customLong("skip-learn"), help: "Leave out the long row: the learn run of predictors/paper-table3.yaml.") var skipLearn = false
    @Flag(name: .customLong("predictors-only"), help: "Only the predictor rows (fits per second; the learn run unless --skip-learn).") var predictorsOnly = false
    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        if repeats < 1 { throw ValidationError("--repeats must be at least 1, found \(repeats)") }
    }

    func run() throws {
        let minSeconds = quick ? 0.1 : 0.4
        let directory = dataOptions.directory
        let tables = ["cifar10", "cifar100", "ImageNet16-120"]
        let haveData = tables.allSatisfy { FileManager.default.fileExists(atPath: "\(directory)/nb201_\($0).csv") }
        var rows: [BenchmarkRow] = []
        func add(_ row: BenchmarkRow) {
            rows.append(row)
            FileHandle.standardError.write(Data("  \(row.benchmark) n=\(row.n): \(row.median.isFinite ? String(format: "%.4g", row.median) : "skipped") \(row.unit)\n".utf8))
        }

        // Whole scenarios first, as child processes of this binary, while this process is still
        // small: Linux counts the parent's peak RSS at spawn into the child's ru_maxrss.
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        let studyTrials = quick ? 100 : 1000
        let study = "\(scenarios)/study/paper-compatible.yaml"
        let budget = "\(scenarios)/budget/raspi4-predict-or-measure.yaml"
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hwnas-bench-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        func scenarioRows(_ name: String, file: String, trials: Int, jobs: Int, note: String, repeats: Int? = nil) throws {
            let repeats = repeats ?? self.repeats
            guard haveData, FileManager.default.fileExists(atPath: file) else {
                let why = haveData ? "skipped: \(file) not found" : "skipped: NB201 tables not in \(directory)"
                add(.skipped("\(name) wall", n: trials, unit: "s", note: why))
                add(.skipped("\(name) peak memory", n: trials, unit: "MiB", note: why))
                return
            }
            var outcomes: [ChildRun.Outcome] = []
            for _ in 0..<repeats {
                let o = try ChildRun.run(executable: executable, arguments: [
                    "run", file, "--trials", String(trials), "--jobs", String(jobs), "--out", scratch, "--data", directory,
                    "--force", "--quiet"])  // --force: every repeat really runs (a rerun would resume from the cells)
                guard o.status == 0 else { throw ExitCode.failure }
                outcomes.append(o)
            }
            add(BenchmarkRow(benchmark: "\(name) wall", n: trials, unit: "s", samples: outcomes.map(\.seconds), note: note))
            add(BenchmarkRow(benchmark: "\(name) peak memory", n: trials, unit: "MiB", samples: outcomes.map(\.maxRSSMiB), note: note))
            LoadBenchmarks.workUnitRows(runFolder: scratch, name: name).forEach(add)
        }
        let learn = "\(scenarios)/predictors/paper-table3.yaml"
        if !skipLearn, haveData, FileManager.default.fileExists(atPath: learn) {
            try Benchmarks.learnRows(executable: executable, scenario: learn, jobs: 2, directory: directory, scratch: scratch, repeats: 1).forEach(add)
        }
        if predictorsOnly {
            try Benchmarks.predictorRows(directory: directory, repeats: repeats, minSeconds: minSeconds, add: add)
            return try write(rows)
        }
        if haveData {
            add(try LoadBenchmarks.queryRow(executable: executable, directory: directory, repeats: repeats))
            add(try LoadBenchmarks.loadRow(directory: directory, repeats: repeats))
        }
        let studyNote = quick ? "--quick: 100 trials, not 1000" : "incl. loading, SHA-256, writing"
        try scenarioRows("paper-compatible --jobs 1", file: study, trials: studyTrials, jobs: 1, note: studyNote)
        try scenarioRows("paper-compatible --jobs 2", file: study, trials: studyTrials, jobs: 2, note: studyNote)
        try scenarioRows("raspi4-predict-or-measure --jobs 2", file: budget, trials: 200, jobs: 2, note: "budget scenario")
        for c in BudgetBenchmarks.cases(scenarios: scenarios, repeats: repeats, quick: quick) {
            try scenarioRows(c.name, file: c.file, trials: c.trials, jobs: c.jobs, note: c.note, repeats: c.repeats)
            if let wall = rows.last(where: { $0.benchmark == "\(c.name) wall" }) {
                add(BudgetBenchmarks.perTrial(wall, trials: c.trials, name: c.name))
            }
        }
        if let one = rows.first(where: { $0.benchmark == "paper-compatible --jobs 1 wall" }),
           let two = rows.first(where: { $0.benchmark == "paper-compatible --jobs 2 wall" }), one.median.isFinite, two.median.isFinite {
            rows.append(BenchmarkRow(benchmark: "paper-compatible speed-up", n: studyTrials, unit: "x",
                                     samples: [one.median / two.median], note: "median wall --jobs 1 / --jobs 2"))
        }

        // Per-core selection rates: the real table at the study's sizes, a synthetic million.
        let pair: GroundTruthPair
        if haveData {
            pair = try GroundTruthPair(table: MetricTable.loadNB201(dataset: "ImageNet16-120", directory: directory),
                                       metric: "raspi4_latency", pairing: .true)
        } else {
            pair = try GroundTruthPair(table: SyntheticSpec(size: 15625).makeTable(), metric: "latency", pairing: .true)
        }
        let million = try GroundTruthPair(table: SyntheticSpec(size: 1_000_000).makeTable(), metric: "latency", pairing: .true)
        for withTau in [false, true] {
            for n in [100, 1000, 15625] {
                add(Benchmarks.selectionRate(pair: pair, subsetSize: n, withTau: withTau, repeats: repeats, minSeconds: minSeconds))
            }
            add(Benchmarks.selectionRate(pair: million, subsetSize: million.count, withTau: withTau, repeats: repeats, minSeconds: minSeconds))
        }
        for n in [100, 1000, 15625, 1_000_000] {
            add(Benchmarks.tauBRate(n: n, repeats: repeats, minSeconds: minSeconds))
        }

        try Benchmarks.predictorRows(directory: directory, repeats: repeats, minSeconds: minSeconds, add: add)
        try write(rows)
    }

    func write(_ rows: [BenchmarkRow]) throws {
        print(Benchmarks.table(rows), terminator: "")
        try AtomicFile.write(Benchmarks.csv(rows), to: out)
        print("wrote \(out)")
    }
}
