// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HWNASSim

/// The benchmarks of `hwnas-sim bench` behind README's Performance section: whole scenario
/// runs as child processes (wall time, peak memory), selection and tau-b rates per core, and
/// predictor fits per second. Every figure is the median of `repeats` runs.
public struct BenchmarkSuite: Sendable {
    public var repeats: Int
    /// Shorter runs: 100 study trials instead of 1000, shorter timing windows.
    public var quick: Bool
    /// The folder with the scenario files.
    public var scenarios: String
    /// Leave out the long learn run of predictors/paper-table3.yaml.
    public var skipLearn: Bool
    /// Only the predictor rows.
    public var predictorsOnly: Bool
    public var dataDirectory: String
    /// The `hwnas-sim` binary the scenario rows run as a child process.
    public var executable: String

    public init(
        repeats: Int, quick: Bool, scenarios: String, skipLearn: Bool, predictorsOnly: Bool, dataDirectory: String, executable: String
    ) {
        (self.repeats, self.quick, self.scenarios, self.skipLearn) = (repeats, quick, scenarios, skipLearn)
        (self.predictorsOnly, self.dataDirectory, self.executable) = (predictorsOnly, dataDirectory, executable)
    }

    /// Runs every benchmark of the suite, telling `progress` each row as it is measured, and
    /// writes the rows as CSV to `out` (after every row is measured, atomically).
    /// - Throws: ``OutputError`` when a scenario run fails or the CSV cannot be written.
    public func run(writingTo out: String, progress: (BenchmarkRow) -> Void) throws -> [BenchmarkRow] {
        let minSeconds = quick ? 0.1 : 0.4
        let directory = dataDirectory
        let tables = ["cifar10", "cifar100", "ImageNet16-120"]
        let haveData = tables.allSatisfy { FileManager.default.fileExists(atPath: "\(directory)/nb201_\($0).csv") }
        var rows: [BenchmarkRow] = []
        func add(_ row: BenchmarkRow) {
            rows.append(row)
            progress(row)
        }

        // Whole scenarios first, as child processes of this binary, while this process is still
        // small: Linux counts the parent's peak RSS at spawn into the child's ru_maxrss.
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
                let o = try ChildRun.run(
                    executable: executable,
                    arguments: [
                        "run", file, "--trials", String(trials), "--jobs", String(jobs), "--out", scratch, "--data", directory,
                        "--force", "--quiet"
                    ])  // --force: every repeat really runs (a rerun would resume from the cells)
                guard o.status == 0 else {
                    throw OutputError(path: file, message: "the benchmark run failed with exit status \(o.status)")
                }
                outcomes.append(o)
            }
            add(BenchmarkRow(benchmark: "\(name) wall", n: trials, unit: "s", samples: outcomes.map(\.seconds), note: note))
            add(BenchmarkRow(benchmark: "\(name) peak memory", n: trials, unit: "MiB", samples: outcomes.map(\.maxRSSMiB), note: note))
            LoadBenchmarks.workUnitRows(runFolder: scratch, name: name).forEach(add)
        }
        let learn = "\(scenarios)/predictors/paper-table3.yaml"
        if !skipLearn, haveData, FileManager.default.fileExists(atPath: learn) {
            try Benchmarks.learnRows(executable: executable, scenario: learn, jobs: 2, directory: directory, scratch: scratch, repeats: 1)
                .forEach(add)
        }
        if predictorsOnly {
            try Benchmarks.predictorRows(directory: directory, repeats: repeats, minSeconds: minSeconds, add: add)
            return try write(rows, to: out)
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
            let two = rows.first(where: { $0.benchmark == "paper-compatible --jobs 2 wall" }), one.median.isFinite, two.median.isFinite
        {
            rows.append(
                BenchmarkRow(
                    benchmark: "paper-compatible speed-up", n: studyTrials, unit: "x",
                    samples: [one.median / two.median], note: "median wall --jobs 1 / --jobs 2"))
        }

        // Per-core selection rates: the real table at the study's sizes, a synthetic million.
        let pair: GroundTruthPair
        if haveData {
            pair = try GroundTruthPair(
                table: MetricTable.loadNB201(dataset: "ImageNet16-120", directory: directory),
                metric: "raspi4_latency", pairing: .true)
        } else {
            pair = try GroundTruthPair(table: SyntheticSpec(size: 15625).makeTable(), metric: "latency", pairing: .true)
        }
        let million = try GroundTruthPair(table: SyntheticSpec(size: 1_000_000).makeTable(), metric: "latency", pairing: .true)
        for withTau in [false, true] {
            for n in [100, 1000, 15625] {
                add(Benchmarks.selectionRate(pair: pair, subsetSize: n, withTau: withTau, repeats: repeats, minSeconds: minSeconds))
            }
            add(
                Benchmarks.selectionRate(
                    pair: million, subsetSize: million.count, withTau: withTau, repeats: repeats, minSeconds: minSeconds))
        }
        for n in [100, 1000, 15625, 1_000_000] {
            add(Benchmarks.tauBRate(n: n, repeats: repeats, minSeconds: minSeconds))
        }

        try Benchmarks.predictorRows(directory: directory, repeats: repeats, minSeconds: minSeconds, add: add)
        return try write(rows, to: out)
    }

    func write(_ rows: [BenchmarkRow], to out: String) throws -> [BenchmarkRow] {
        try AtomicFile.write(Benchmarks.csv(rows), to: out)
        return rows
    }
}
