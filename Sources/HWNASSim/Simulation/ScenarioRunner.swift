// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Options of `hwnas-sim run` that override a scenario or place its outputs.
public struct RunOptions: Sendable {
    public var outDirectory: String?
    public var trials: Int?
    public var seed: UInt64?
    public var jobs: Int
    public var dataDirectory: String

    public init(outDirectory: String? = nil, trials: Int? = nil, seed: UInt64? = nil, jobs: Int = 1, dataDirectory: String) {
        self.outDirectory = outDirectory
        self.trials = trials
        self.seed = seed
        self.jobs = jobs
        self.dataDirectory = dataDirectory
    }
}

/// What a run wrote and what it prints.
public struct RunReport: Sendable {
    public var outDirectory: String
    public var files: [String]
    public var text: String
    public var headline: HeadlineTable?
    public var decisions: [DecisionRow] = []
}

/// Loads a scenario file, runs every cell of it, and writes its outputs.
public enum ScenarioRunner {
    /// Loads and checks a scenario file (with overrides applied) and its data, without running.
    public static func prepare(path: String, options: RunOptions) throws -> (scenarios: [Scenario], pairs: [[GroundTruthPair]], loader: GroundTruthLoader) {
        var scenarios = try Scenario.load(path: path)
        for i in scenarios.indices {
            if let t = options.trials { scenarios[i].trials = t }
            if let s = options.seed { scenarios[i].seed = s }
        }
        var loader = GroundTruthLoader(directory: options.dataDirectory)
        var pairs: [[GroundTruthPair]] = []
        for s in scenarios {
            do { pairs.append(try loader.pairs(for: s)) } catch var e as InputError {
                if e.file == nil { e.file = path }
                throw e
            }
        }
        return (scenarios, pairs, loader)
    }

    /// Runs the scenario file at `path`; writes `summary.csv` (and `budget.csv`, `headline.csv`)
    /// and `run.json` into the output folder, each atomically.
    public static func run(path: String, options: RunOptions) throws -> RunReport {
        let start = Date()
        var (scenarios, pairs, loader) = try prepare(path: path, options: options)
        let name = scenarios[0].name
        let out = options.outDirectory ?? "Results/\(name)"
        try ensureWritable(out)
        var summaryRows: [SummaryRow] = []
        var budgetRows: [BudgetRow] = []
        var decisionRows: [DecisionRow] = []
        var cellCount = 0
        for (s, scenario) in scenarios.enumerated() {
            if scenario.budget != nil {
                let cells: [BudgetCell]
                do { cells = try BudgetStudy.cells(for: scenario, pairs: pairs[s], loader: &loader) } catch var e as InputError {
                    if e.file == nil { e.file = path }
                    throw e
                }
                cellCount += cells.count
                let result = BudgetStudy.run(scenario: scenario, cells: cells, jobs: options.jobs)
                budgetRows += result.budgetRows()
                decisionRows += result.decisionRows()
            } else {
                let cells = Study.cells(for: scenario, pairs: pairs[s])
                cellCount += cells.count
                let result = Study.run(scenario: scenario, cells: cells, jobs: options.jobs)
                summaryRows += result.summaryRows()
            }
        }
        var files: [String] = []
        var text = ""
        var headline: HeadlineTable?
        if !summaryRows.isEmpty {
            try AtomicFile.write(SummaryCSV.text(summaryRows), to: "\(out)/summary.csv")
            files.append("summary.csv")
            let h = HeadlineTable(rows: summaryRows)
            headline = h
            try AtomicFile.write(HeadlineCSV.text(h), to: "\(out)/headline.csv")
            files.append("headline.csv")
            text += "\(name): mean over \(Set(summaryRows.map { "\($0.dataset)/\($0.metric)" }).count) pair(s) and \(Set(summaryRows.map(\.subsetSize)).count) subset size(s), \(scenarios[0].trials) trials per cell\n"
            text += h.text(columns: ["kendall_tau", "mra_all", "mra_pareto", "hv", "hv_retained", "n_selected"])
        }
        if !budgetRows.isEmpty {
            try AtomicFile.write(BudgetCSV.budgetText(budgetRows), to: "\(out)/budget.csv")
            try AtomicFile.write(BudgetCSV.decisionText(decisionRows), to: "\(out)/decision.csv")
            files += ["budget.csv", "decision.csv"]
            text += "\(name): \(scenarios[0].trials) trials per cell; decision per budget:\n"
            text += BudgetCSV.decisionTable(decisionRows)
        }
        let manifest = RunManifest(
            scenarioFile: path, scenario: (try? String(contentsOfFile: path, encoding: .utf8)) ?? "",
            seed: scenarios[0].seed, trials: scenarios[0].trials, jobs: options.jobs, cells: cellCount,
            data: loader.loadedTables.compactMap { t in
                guard let p = t.path, let h = t.sha256 else { return nil }
                return RunManifest.DataFile(dataset: t.dataset, path: p, sha256: h, rows: t.count)
            },
            wallSeconds: (Date().timeIntervalSince(start) * 1000).rounded() / 1000,
            outputs: files)
        try AtomicFile.write(try manifest.json(), to: "\(out)/run.json")
        files.append("run.json")
        text += "wrote \(files.map { "\(out)/\($0)" }.joined(separator: ", ")) in \(Format.fixed(manifest.wallSeconds, 1)) s\n"
        return RunReport(outDirectory: out, files: files, text: text, headline: headline, decisions: decisionRows)
    }

    /// Fails early, before any work, when `directory` cannot be created or written.
    public static func ensureWritable(_ directory: String) throws {
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw InputError(file: directory, key: "--out", "cannot create the output folder: \(error.localizedDescription)")
        }
        guard fm.isWritableFile(atPath: directory) else {
            throw InputError(file: directory, key: "--out", "the output folder is not writable")
        }
    }
}

/// `headline.csv`: per level, each measure's mean over all cells.
public enum HeadlineCSV {
    public static func text(_ h: HeadlineTable) -> String {
        Format.csv(header: ["level"] + h.measures,
                   rows: h.levels.enumerated().map { l, level in [Format.number(level)] + h.mean[l].map(Format.number) })
    }
}
