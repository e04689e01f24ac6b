// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Synchronization

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
    /// Receives the run's warnings and progress (nil: nobody listens).
    public var observer: RunObserver?

    public init(
        outDirectory: String? = nil, trials: Int? = nil, seed: UInt64? = nil, jobs: Int = 1, dataDirectory: String,
        shard: Shard? = nil, force: Bool = false, trialsOut: Bool = false, observer: RunObserver? = nil
    ) {
        self.outDirectory = outDirectory
        self.trials = trials
        self.seed = seed
        self.jobs = jobs
        self.dataDirectory = dataDirectory
        self.shard = shard
        self.force = force
        self.trialsOut = trialsOut
        self.observer = observer
    }
}

/// What a run wrote and found: the values the command line prints (the core prints nothing).
public struct RunReport: Sendable {
    /// What the run's files hold, by kind of run.
    public enum Outcome: Sendable {
        /// A shard (or an interrupted share) of the cells: nothing assembled yet.
        case partial(shard: String)
        /// A noise study: the `summary.csv` rows.
        case study(summary: [SummaryRow])
        /// A budget study: the `decision.csv` rows, and the scenario's strategies (to describe them).
        case budget(decisions: [DecisionRow], strategies: [StrategySpec])
        /// A learning curve: the `learning.csv` rows.
        case learning(rows: [LearningCurve.Row])
    }

    /// The scenario's name.
    public var name: String
    public var outDirectory: String
    /// The files written, in order (`run.json` last).
    public var files: [String] = []
    /// Notes about the data (architectures dropped, …), each once.
    public var notes: [String] = []
    /// Warnings about the scenarios (the run went on), each once.
    public var warnings: [InputError] = []
    /// Trials per cell (the scenario's, or `--trials`).
    public var trials: Int
    /// Wall time of the run in seconds, as `run.json` records it.
    public var wallSeconds: Double = 0
    public var outcome: Outcome
    /// Cells run now, and cells skipped because they were already done.
    public var cellsRun = 0
    public var cellsSkipped = 0

    /// The headline table of an unswept study (nil otherwise).
    public var headline: HeadlineTable? {
        guard case .study(let rows) = outcome else { return nil }
        let blocks = HeadlineBlocks(rows: rows).blocks
        return blocks.count == 1 ? blocks[0].table : nil
    }

    /// The decision rows of a budget study (empty otherwise).
    public var decisions: [DecisionRow] {
        if case .budget(let rows, _) = outcome { return rows }
        return []
    }

    /// The strategies of a budget study (empty otherwise).
    public var strategies: [StrategySpec] {
        if case .budget(_, let strategies) = outcome { return strategies }
        return []
    }
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

    /// The kind of run a command expects of its scenario file (`decide`: a budget study,
    /// `learn`: a learning curve).
    public enum Expected: Sendable {
        case budget, learningCurve
    }

    /// Runs the scenario file at `path` after checking that it is of the `expected` kind.
    /// - Throws: ``InputError`` at the missing section when it is not.
    public static func run(path: String, kind expected: Expected, options: RunOptions) throws -> RunReport {
        let plan = try RunPlan.make(path: path, options: options)
        switch expected {
        case .budget where !plan.scenarios.contains(where: { $0.experiment.kind == .budgetStudy }):
            throw InputError(file: path, key: "budget", "the scenario has no 'budget' section: nothing to decide (use `hwnas-sim run`)")
        case .learningCurve where !plan.scenarios.contains(where: { $0.experiment.kind == .learningCurve }):
            throw InputError(
                file: path, key: "learning_curve",
                "the scenario has no 'learning_curve' section: nothing to learn (use `hwnas-sim run` or `decide`; `hwnas-sim example learn` prints a template)"
            )
        default:
            return try run(plan: plan, options: options)  // the plan is made (tables read) once
        }
    }

    /// Runs a plan already made (and checked) by ``RunPlan/make(path:options:)``; sends its
    /// warnings to the observer first (they are in the report too).
    public static func run(plan: RunPlan, options: RunOptions) throws -> RunReport {
        for w in plan.warnings { options.observer?(.warning(w)) }
        let out = options.outDirectory ?? "Results/\(plan.name)"
        let selected = plan.cells.filter { options.shard?.contains($0.index) ?? true }
        options.observer?(.started(cells: selected.count, trials: selected.map(\.trials).reduce(0, +)))
        return try execute(plan, out: out, options: options, selected: { options.shard?.contains($0) ?? true })
    }

    /// Runs the cells of `plan` that `selected` accepts, then assembles the outputs when every
    /// cell of the plan is finished in `out`.
    static func execute(_ plan: RunPlan, out: String, options: RunOptions, selected: (Int) -> Bool) throws -> RunReport {
        let observer = options.observer
        let start = Date()
        try ensureWritable(out)
        let store = CellStore(directory: out)
        let budgetRun = plan.scenarios.contains { $0.experiment.kind == .budgetStudy }
        let planFile = CellStore.PlanFile(
            scenario: plan.name, budget: budgetRun, trialsOut: options.trialsOut,
            cells: plan.cells.map { .init(id: $0.id, hash: $0.hash) },
            inputs: plan.inputs, shards: options.shard?.n,
            learning: plan.scenarios.contains { $0.experiment.kind == .learningCurve } ? true : nil,
            figureTrial: plan.figureTrial?.owner)
        if !options.force { try store.checkEarlierResults(for: planFile, scenarioFile: plan.path) }
        store.removeStrayTemporaries()
        store.removeAssembledOutputs()
        try store.writePlan(planFile)
        var report = RunReport(
            name: plan.name, outDirectory: out, notes: plan.notes, warnings: plan.warnings,
            trials: plan.scenarios[0].trials, outcome: .partial(shard: options.shard?.description ?? "-"))
        // Cells checked or written by this run; only the others (other shards' cells) are
        // checked again before assembling.
        var finished = Set<String>()
        var pending: [PlannedCell] = []
        for cell in plan.cells where selected(cell.index) {
            finished.insert(cell.id)
            if !options.force && store.isDone(cell.id, hash: cell.hash, tables: planFile.tables(of: cell.id)) {
                report.cellsSkipped += 1
                observer?(.cellFinished(label: cell.label, trials: cell.trials, skipped: true))
                continue
            }
            pending.append(cell)
        }
        let log = WorkUnitLog()
        log.recordSerial(plan.cpuSeconds)
        let written = Mutex(0)
        let executor = CellExecutor(jobs: options.jobs, trialsOut: options.trialsOut, observer: observer, log: log)
        try executor.run(pending) { cell, cellTables in
            var tables = cellTables
            if let figure = plan.figureTrial, figure.owner == cell.id, let trial = figure.trial() {
                tables.append((.trial0, TrialFile.text(trial)))
            }
            try store.write(cell.id, hash: cell.hash, tables: tables)
            written.withLock { $0 += 1 }
            observer?(.cellFinished(label: cell.label, trials: cell.trials, skipped: false))
        }
        report.cellsRun = written.withLock { $0 }
        let complete = plan.cells.allSatisfy {
            finished.contains($0.id) || store.isDone($0.id, hash: $0.hash, tables: planFile.tables(of: $0.id))
        }
        if complete {
            let assembled = try store.assemble(planFile)
            report.files = assembled.files
            if planFile.learning == true {
                report.outcome = .learning(rows: try LearningFile.read(path: out + "/" + LearningFile.name))
            } else if let rows = assembled.summary {
                report.outcome = .study(summary: rows)
            } else {
                var strategies: [StrategySpec] = []
                if case .budgetStudy(let study) = plan.scenarios[0].experiment { strategies = study.budget.strategies }
                report.outcome = .budget(decisions: try DecisionCSV.read(path: out + "/decision.csv"), strategies: strategies)
            }
        }
        let manifest = RunManifest(
            scenarioFile: RelativePath.from(out, to: plan.path), scenario: (try? String(contentsOfFile: plan.path, encoding: .utf8)) ?? "",
            seed: plan.scenarios[0].seed, trials: plan.scenarios[0].trials, jobs: options.jobs, cells: plan.cells.count,
            data: plan.tables.flatMap { t -> [RunManifest.DataFile] in
                guard let p = t.path, let h = t.sha256 else { return [] }
                return [RunManifest.DataFile(dataset: t.dataset, path: RelativePath.from(out, to: p), sha256: h, rows: t.count)]
                    + t.joinedFiles.map {
                        RunManifest.DataFile(
                            dataset: t.dataset, path: RelativePath.from(out, to: $0.path), sha256: $0.sha256, rows: $0.rows)
                    }
            },
            wallSeconds: (Date().timeIntervalSince(start) * 1000).rounded() / 1000,
            outputs: report.files, workUnits: RunManifest.WorkUnits(log), predictedSpeedup: RunManifest.speedups(log))
        try AtomicFile.write(try manifest.json(), to: "\(out)/run.json")
        report.files.append("run.json")
        report.wallSeconds = manifest.wallSeconds
        return report
    }

    /// Runs one cell; returns its tables' texts.
    static func run(_ cell: PlannedCell, jobs: Int, trialsOut: Bool, observer: RunObserver?) throws -> [(CellStore.Table, String)] {
        let scenario = cell.scenario
        switch cell.work {
        case .learning(let c):
            return [(.learning, try c.run(jobs: jobs, trialFinished: { observer?(.trialFinished) }))]
        case .study(let c):
            var progress: (@Sendable (Int) -> Void)?
            if let observer { progress = { _ in observer(.trialFinished) } }
            let result = Study.run(scenario: scenario, cells: [c], jobs: jobs, progress: progress)
            var out: [(CellStore.Table, String)] = [(.summary, SummaryFile.text(result.summaryRows()))]
            if trialsOut { out.append((.trials, TrialsFile.text(TrialsFile.rows(of: result)))) }
            return out
        case .budget(let c):
            var trialFinished: (@Sendable () -> Void)?
            if let observer { trialFinished = { observer(.trialFinished) } }
            let result = BudgetStudy.run(scenario: scenario, cells: [c], jobs: jobs, trialFinished: trialFinished)
            var out: [(CellStore.Table, String)] = [
                (.budget, BudgetCSV.text(result.budgetRows())),
                (.decision, DecisionCSV.text(result.decisionRows()))
            ]
            if trialsOut { out.append((.trials, BudgetTrialsCSV.text(result.trialRows()))) }
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

/// Per-trial rows of a budget study (`budget_trials.csv`, `--trials-out`); a study's are ``TrialsFile``'s.
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
}
