// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Options of `hwnas-sim run` and `batch`.
public struct RunOptions: Sendable {
    public var outDirectory: String?
    public var trials: Int?
    public var seed: UInt64?
    public var jobs: Int
    public var dataDirectory: String
    /// Run only this shard's cells.
    public var shard: Shard?
    /// Redo cells already finished.
    public var force: Bool
    /// Also write per-trial rows (`trials.csv` / `budget_trials.csv`).
    public var trialsOut: Bool
    public var progress: ProgressReporter.Style

    public init(outDirectory: String? = nil, trials: Int? = nil, seed: UInt64? = nil, jobs: Int = 1, dataDirectory: String,
                shard: Shard? = nil, force: Bool = false, trialsOut: Bool = false, progress: ProgressReporter.Style = .quiet) {
        self.outDirectory = outDirectory
        self.trials = trials
        self.seed = seed
        self.jobs = jobs
        self.dataDirectory = dataDirectory
        self.shard = shard
        self.force = force
        self.trialsOut = trialsOut
        self.progress = progress
    }
}

/// What a run wrote and what it prints.
public struct RunReport: Sendable {
    public var outDirectory: String
    public var files: [String]
    public var text: String
    public var headline: HeadlineTable?
    public var decisions: [DecisionRow] = []
    /// The strategies of the budget study (to describe them in the decision table).
    public var strategies: [StrategySpec] = []
    /// Cells run now, and cells skipped because they were already done.
    var cellsRun = 0
    var cellsSkipped = 0
}

/// Runs scenario files cell by cell: each finished cell is written atomically with the hash
/// of its inputs, a rerun skips finished cells, and the run's files are assembled from the
/// cells in plan order, so a resumed, sharded-and-merged or parallel run gives the same bytes.
public enum ScenarioRunner {
    /// Runs the scenario file at `path` into `options.outDirectory` (default
    /// `Results/<name>`).
    public static func run(path: String, options: RunOptions) throws -> RunReport {
        try run(plan: RunPlan.make(path: path, options: options), options: options)
    }

    /// Runs a plan already made (and checked) by ``RunPlan/make(path:options:)``; prints its
    /// warnings on standard error first.
    public static func run(plan: RunPlan, options: RunOptions) throws -> RunReport {
        for w in plan.warnings { Warnings.print(w) }
        let out = options.outDirectory ?? "Results/\(plan.name)"
        let selected = plan.cells.filter { options.shard?.contains($0.index) ?? true }
        let progress = ProgressReporter(totalCells: selected.count, totalTrials: selected.map(\.trials).reduce(0, +),
                                        style: options.progress)
        return try execute(plan, out: out, options: options, selected: { options.shard?.contains($0) ?? true }, progress: progress)
    }

    /// Runs the cells of `plan` that `selected` accepts, then assembles the outputs when every
    /// cell of the plan is finished in `out`.
    static func execute(_ plan: RunPlan, out: String, options: RunOptions, selected: (Int) -> Bool,
                        progress: ProgressReporter) throws -> RunReport {
        let start = Date()
        try ensureWritable(out)
        let store = CellStore(directory: out)
        let budgetRun = plan.scenarios.contains { $0.budget != nil }
        let planFile = CellStore.PlanFile(scenario: plan.name, budget: budgetRun, trialsOut: options.trialsOut,
                                          cells: plan.cells.map { .init(id: $0.id, hash: $0.hash) },
                                          inputs: plan.inputs, shards: options.shard?.n,
                                          learning: plan.scenarios.contains { $0.learningCurve != nil } ? true : nil)
        if !options.force { try store.checkEarlierResults(for: planFile, scenarioFile: plan.path) }
        store.removeStrayTemporaries()
        store.removeAssembledOutputs()
        try store.writePlan(planFile)
        let tables = planFile.tables
        var report = RunReport(outDirectory: out, files: [], text: plan.notes.map { "note: \($0)\n" }.joined())
        // Cells checked or written by this run; only the others (other shards' cells) are
        // checked again before assembling.
        var finished = Set<String>()
        var pending: [PlannedCell] = []
        for cell in plan.cells where selected(cell.index) {
            finished.insert(cell.id)
            if !options.force && store.isDone(cell.id, hash: cell.hash, tables: tables) {
                report.cellsSkipped += 1
                progress.cellFinished(cell.label, trials: cell.trials, skipped: true)
                continue
            }
            pending.append(cell)
        }
        let learning = pending.compactMap { cell -> LearningCell? in if case .learning(let c) = cell.work { c } else { nil } }
        if !pending.isEmpty && learning.count == pending.count {
            // Learning cells: their (split) units share one pool of workers across cells.
            try runLearning(pending, learning, store: store, jobs: options.jobs, progress: progress)
            report.cellsRun += pending.count
        } else {
            for cell in pending {
                try store.write(cell.id, hash: cell.hash, tables: run(cell, jobs: options.jobs, trialsOut: options.trialsOut, progress: progress))
                report.cellsRun += 1
                progress.cellFinished(cell.label, trials: cell.trials, skipped: false)
            }
        }
        let complete = plan.cells.allSatisfy { finished.contains($0.id) || store.isDone($0.id, hash: $0.hash, tables: tables) }
        if complete {
            let assembled = try store.assemble(planFile)
            report.files = assembled.files
            if planFile.learning == true {
                let rows = try LearningCSV.read(path: out + "/learning.csv")
                report.text += "\(plan.name): learning curves, \(plan.scenarios[0].trials) random splits per size (fewer where a predictor sets its own trials)\n"
                report.text += LearningCSV.tauTable(rows)
            } else {
                try finish(&report, plan: plan, store: store, summary: assembled.summary)
            }
        } else {
            report.text += "\(plan.name): shard \(options.shard?.description ?? "-") finished \(report.cellsRun + report.cellsSkipped) cells; join the shards with `hwnas-sim merge`\n"
        }
        let manifest = RunManifest(
            scenarioFile: RelativePath.from(out, to: plan.path), scenario: (try? String(contentsOfFile: plan.path, encoding: .utf8)) ?? "",
            seed: plan.scenarios[0].seed, trials: plan.scenarios[0].trials, jobs: options.jobs, cells: plan.cells.count,
            data: plan.tables.flatMap { t -> [RunManifest.DataFile] in
                guard let p = t.path, let h = t.sha256 else { return [] }
                return [RunManifest.DataFile(dataset: t.dataset, path: RelativePath.from(out, to: p), sha256: h, rows: t.count)]
                    + t.joinedFiles.map { RunManifest.DataFile(dataset: t.dataset, path: RelativePath.from(out, to: $0.path), sha256: $0.sha256, rows: $0.rows) }
            },
            wallSeconds: (Date().timeIntervalSince(start) * 1000).rounded() / 1000,
            outputs: report.files)
        try AtomicFile.write(try manifest.json(), to: "\(out)/run.json")
        report.files.append("run.json")
        let resumed = report.cellsSkipped > 0 ? " (\(report.cellsSkipped) of \(report.cellsRun + report.cellsSkipped) cells already done)" : ""
        report.text += "wrote \(out)/: \(report.files.joined(separator: ", ")) in \(Format.fixed(manifest.wallSeconds, 1)) s\(resumed)\n"
        return report
    }

    /// Adds the headline (study) or decision table (budget) of an assembled run to `report`.
    /// `summary`: the assembled `summary.csv` rows of a study; nil for a budget run.
    static func finish(_ report: inout RunReport, plan: RunPlan, store: CellStore, summary: [SummaryRow]?) throws {
        let out = store.directory
        guard let rows = summary else {
            let decisions = try SummaryReader.readDecision(path: out + "/decision.csv")
            report.decisions = decisions
            report.strategies = plan.scenarios[0].budget?.strategies ?? []
            report.text += "\(plan.name): \(plan.scenarios[0].trials) trials per cell; decision per budget:\n"
            report.text += BudgetCSV.decisionTable(decisions, strategies: plan.scenarios[0].budget?.strategies ?? [])
            return
        }
        let headline = HeadlineBlocks(rows: rows)
        report.headline = headline.blocks.count == 1 ? headline.blocks[0].table : nil
        let columns = ["kendall_tau", "mra_all", "mra_pareto", "hv", "hv_retained", "n_selected"]
        let over = "\(Set(rows.map { "\($0.dataset)/\($0.metric)" }).count) pair(s) and \(Set(rows.map(\.subsetSize)).count) subset size(s), \(plan.scenarios[0].trials) trials per cell"
        if headline.sweepKeys.isEmpty {
            report.text += "\(plan.name): mean over \(over)\n"
            report.text += headline.blocks[0].table.text(columns: columns)
        } else {
            report.text += "\(plan.name): one table per sweep cell (\(headline.sweepKeys.joined(separator: ", "))), each the mean over \(over)\n"
            for i in headline.blocks.indices {
                report.text += "-- \(headline.label(i))\n" + headline.blocks[i].table.text(columns: columns)
            }
        }
    }

    /// Runs learning cells with ``LearningCell/run(_:jobs:trialFinished:finished:)`` and
    /// writes each as soon as its units are done.
    /// - Throws: the first failing cell's error in plan order (the other cells are written).
    static func runLearning(_ cells: [PlannedCell], _ work: [LearningCell], store: CellStore, jobs: Int,
                            progress: ProgressReporter) throws {
        let errors = SharedBuffer<(any Error)?>(repeating: nil, count: cells.count)
        LearningCell.run(work, jobs: jobs, trialFinished: { progress.trialFinished() }) { i, outcome in
            do {
                try store.write(cells[i].id, hash: cells[i].hash, tables: [(.learning, try outcome.get())])
                progress.cellFinished(cells[i].label, trials: cells[i].trials, skipped: false)
            } catch {
                errors.pointer[i] = error
            }
        }
        if let e = errors.array.compactMap({ $0 }).first { throw e }
    }

    /// Runs one cell; returns its tables' texts.
    static func run(_ cell: PlannedCell, jobs: Int, trialsOut: Bool, progress: ProgressReporter) throws -> [(CellStore.Table, String)] {
        let scenario = cell.scenario
        switch cell.work {
        case .learning(let c):
            return [(.learning, try c.run(jobs: jobs, trialFinished: { progress.trialFinished() }))]
        case .study(let c):
            let result = Study.run(scenario: scenario, cells: [c], jobs: jobs, progress: { _ in progress.trialFinished() })
            var out: [(CellStore.Table, String)] = [(.summary, SummaryCSV.text(result.summaryRows()))]
            if trialsOut { out.append((.trials, TrialsCSV.study(result))) }
            return out
        case .budget(let c):
            let result = BudgetStudy.run(scenario: scenario, cells: [c], jobs: jobs)
            for _ in 0..<scenario.trials { progress.trialFinished() }
            var out: [(CellStore.Table, String)] = [(.budget, BudgetCSV.budgetText(result.budgetRows())),
                                                    (.decision, BudgetCSV.decisionText(result.decisionRows()))]
            if trialsOut { out.append((.trials, TrialsCSV.budget(result))) }
            return out
        }
    }

    /// Fails early, before any work, when `directory` cannot be created or written.
    public static func ensureWritable(_ directory: String, option: String = "--out") throws {
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw InputError(file: directory, key: option, "cannot create the output folder: \(error.localizedDescription)")
        }
        guard fm.isWritableFile(atPath: directory) else {
            throw InputError(file: directory, key: option, "the output folder is not writable")
        }
    }

    /// Fails early when the file `path` cannot be written: its folder cannot be created or
    /// written, or `path` is a folder.
    public static func ensureWritableFile(_ path: String, option: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw InputError(file: path, key: option, "is a folder; expected a file name")
        }
        let parent = (path as NSString).deletingLastPathComponent
        try ensureWritable(parent.isEmpty ? "." : parent, option: option)
    }
}

/// Warnings about a scenario: printed on standard error, the run goes on.
enum Warnings {
    /// Writes `warning: <where>: <what>` to standard error.
    static func print(_ warning: InputError) {
        FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
    }
}

/// Per-trial rows (`--trials-out`), for users' own statistics in pandas or R.
enum TrialsCSV {
    /// Whether a measure counts architectures (`n_selected`, `n_verified`, …): its per-trial
    /// values are whole numbers and are written as such.
    static func countMeasure(_ name: String) -> Bool { name.hasPrefix("n_") }

    /// A per-trial value: a count as an integer, anything else as ``Format/number(_:)``.
    static func value(_ x: Double, count: Bool) -> String {
        count && x.isFinite && x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : Format.number(x)
    }

    static func sweep(_ s: Scenario) -> (keys: [String], values: [String]) {
        (s.sweepValues.map(\.key), s.sweepValues.map(\.value))
    }

    /// One row per trial and level; one column per measure (a `model: trained` study: then
    /// the predictor and training size, as in `summary.csv`).
    public static func study(_ r: StudyResult) -> String {
        let (keys, values) = sweep(r.scenario)
        let trained = r.cells.contains { $0.trained != nil }
        var rows: [[String]] = []
        for (c, cell) in r.cells.enumerated() {
            let levels = cell.levelCount
            let columns = cell.measures.indices.flatMap { m in (0..<levels).map { l in r.values(cell: c, level: l, measure: m) } }
            for t in 0..<cell.trials(r.scenario.trials) {
                for l in 0..<levels {
                    let row = cell.row(l)
                    rows.append(values + [cell.pair.dataset, cell.pair.metric, cell.pair.pairing.rawValue, String(cell.subsetSize),
                                          row.noise.rawValue, Format.number(row.level), String(t)]
                                + cell.measures.indices.map { value(columns[$0 * levels + l][t], count: countMeasure(cell.measures[$0].rawValue)) }
                                + (trained ? [row.predictor ?? "", row.trainSamples.map(String.init) ?? ""] : []))
                }
            }
        }
        let header = keys + ["dataset", "metric", "pairing", "subset_size", "noise", "level", "trial"] + (r.cells.first?.measures.map(\.rawValue) ?? [])
            + (trained ? SummaryCSV.trainedColumns : [])
        return Format.csv(header: header, rows: rows)
    }

    /// One row per trial, strategy and budget; one column per measure.
    public static func budget(_ r: BudgetResult) -> String {
        let (keys, values) = sweep(r.scenario)
        var rows: [[String]] = []
        for (c, cell) in r.cells.enumerated() {
            let nm = cell.measures.count
            var columns: [[[Double]]] = []  // [strategy*budget][measure][trial]
            for s in cell.budget.strategies.indices {
                for b in cell.budget.seconds.indices { columns.append((0..<nm).map { r.values(cell: c, strategy: s, budget: b, measure: $0) }) }
            }
            let noise = cell.budget.strategies.map(cell.predictionNoise)
            let isCount = cell.measures.map(countMeasure)
            for t in 0..<r.scenario.trials {
                for (s, strategy) in cell.budget.strategies.enumerated() {
                    for (b, seconds) in cell.budget.seconds.enumerated() {
                        let col = columns[s * cell.budget.seconds.count + b]
                        rows.append(values + [cell.pair.dataset, cell.pair.metric, cell.pair.pairing.rawValue, String(cell.subsetSize),
                                              noise[s].noise, Format.number(noise[s].level), strategy.name, Format.number(seconds), String(t)]
                                    + (0..<nm).map { value(col[$0][t], count: isCount[$0]) })
                    }
                }
            }
        }
        let header = keys + ["dataset", "metric", "pairing", "subset_size", "noise", "level", "strategy", "budget_s", "trial"]
            + (r.cells.first?.measures ?? [])
        return Format.csv(header: header, rows: rows)
    }
}
