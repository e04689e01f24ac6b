// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Synchronization

/// Runs a plan's cells as work units spread over `jobs` workers, and hands each finished
/// cell's tables to the caller as soon as its last unit is done.
///
/// Study and budget cells split into one unit per trial, and the trials of every such cell
/// share one pool of workers: no cell waits for the slowest trial of the one before, and a
/// cell of few or uneven trials does not leave workers idle. Each trial draws its own stream
/// from (seed, cell, trial) and writes its own slot of its cell's values, so the tables are the
/// same bytes for any `jobs`, order or shard. A cell's values are allocated by its first unit
/// and released once its tables are made: memory grows with the cells in flight (about one
/// per worker), not with the plan. Learning-curve cells split into (pair × predictor × split)
/// units that share one pool likewise. A study with `compare_injected`, whose second phase
/// needs the first, runs whole, spreading its own parallel loops over `jobs`; their loops'
/// items are the units.
struct CellExecutor {
    var jobs: Int
    var trialsOut: Bool
    /// Receives the cells' and trials' progress (nil: nobody listens).
    var observer: RunObserver?
    /// Where every unit's CPU seconds go.
    var log: WorkUnitLog

    /// Runs `cells` (in plan order), calling `finished` with each cell's tables (from any
    /// worker, one call at a time).
    /// - Throws: the first error `finished` threw, after every cell has run.
    func run(_ cells: [PlannedCell], finished: @escaping @Sendable (PlannedCell, [(CellStore.Table, String)]) throws -> Void) throws {
        let failure = Mutex<(any Error)?>(nil)
        let deliver: @Sendable (PlannedCell, [(CellStore.Table, String)]) -> Void = { cell, tables in
            failure.withLock { first in
                do { try finished(cell, tables) } catch { if first == nil { first = error } }
            }
        }
        var segment: [PlannedCell] = [], learning: [PlannedCell] = []
        func flush() {
            if !segment.isEmpty { runPooled(segment, deliver: deliver) }
            segment.removeAll()
        }
        func flushLearning() throws {
            defer { learning.removeAll() }
            if !learning.isEmpty { try runLearning(learning, deliver: deliver) }
        }
        // A whole cell's error stops the run at once, as before; cells already finished stay written.
        for cell in cells {
            if TrialJob.splits(cell) {
                try flushLearning()
                segment.append(cell)
            } else if case .learning = cell.work {
                flush()
                learning.append(cell)
            } else {
                flush()
                try flushLearning()
                try runWhole(cell, deliver: deliver)
            }
        }
        flush()
        try flushLearning()
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Runs a cell that does not split into trials, its parallel loops recording their items.
    private func runWhole(_ cell: PlannedCell, deliver: (PlannedCell, [(CellStore.Table, String)]) -> Void) throws {
        let before = log.units.reduce(0, +), start = CPUClock.process()
        observer?(.cellStarted(label: cell.label, trials: cell.trials))
        let tables = try WorkUnitLog.$current.withValue(log) {
            try ScenarioRunner.run(cell, jobs: jobs, trialsOut: trialsOut, observer: observer)
        }
        let spent = CPUClock.process() - start, inUnits = log.units.reduce(0, +) - before
        log.recordSerial(spent - inUnits)
        deliver(cell, tables)
    }

    /// Runs learning-curve cells: the (split) units of all of them share one pool of workers,
    /// longest first, and each cell's table is delivered when its last unit is done.
    /// - Throws: the first failing cell's error in plan order, after the others are delivered.
    private func runLearning(_ cells: [PlannedCell], deliver: @escaping @Sendable (PlannedCell, [(CellStore.Table, String)]) -> Void) throws
    {
        let work = cells.map { cell -> LearningCell in
            guard case .learning(let c) = cell.work else { preconditionFailure("not a learning cell") }
            return c
        }
        let observer = self.observer
        for cell in cells { observer?(.cellStarted(label: cell.label, trials: cell.trials)) }
        let errors = SharedBuffer<(any Error)?>(repeating: nil, count: cells.count)
        // Everything of the segment runs inside its units: no serial time is recorded here
        // (process CPU would add other threads' idle spinning, such as OpenBLAS's start-up pool).
        WorkUnitLog.$current.withValue(log) {
            LearningCell.run(work, jobs: jobs, trialFinished: { observer?(.trialFinished) }) { i, outcome in
                switch outcome {
                case .success(let text): deliver(cells[i], [(.learning, text)])
                case .failure(let error): errors.pointer[i] = error
                }
            }
        }
        if let error = errors.array.compactMap({ $0 }).first { throw error }
    }

    /// Runs the trials of `cells` as one pool of units; a cell's last trial makes its tables.
    private func runPooled(_ cells: [PlannedCell], deliver: @Sendable (PlannedCell, [(CellStore.Table, String)]) -> Void) {
        let observer = self.observer
        let jobsOfCells = cells.map { TrialJob($0, trialsOut: trialsOut, observer: observer) }
        var starts: [Int] = [], total = 0
        for j in jobsOfCells {
            starts.append(total)
            total += j.trials
        }
        let items = Study.Items(starts: starts, count: total)
        let capacity = jobsOfCells.map(\.capacity).max() ?? 0
        let tableSize = jobsOfCells.map(\.tableSize).max() ?? 0
        // Every trial, and the tables its cell's last trial makes, runs inside a unit: no serial
        // time is recorded here (see ``runLearning(_:deliver:)``).
        WorkUnitLog.$current.withValue(log) {
            ParallelFor.run(count: total, jobs: jobs, makeState: { TrialWorkspace(capacity: capacity, tableSize: tableSize) }) { ws, item in
                let (c, t) = items.cellAndTrial(item)
                let job = jobsOfCells[c]
                job.run(trial: t, workspace: ws)
                observer?(.trialFinished)
                if let tables = job.trialDone() { deliver(job.cell, tables) }
            }
        }
    }
}

/// A study or budget cell run trial by trial: the values of its trials, filled by any worker,
/// and the step that turns them into the cell's tables.
final class TrialJob: Sendable {
    let cell: PlannedCell
    let trials: Int
    let perTrial: Int
    let capacity: Int
    let tableSize: Int
    let trialsOut: Bool
    let observer: RunObserver?
    /// The cell's values (`[trial][value]`) and, for a study cell, its pair's orders; made by
    /// the first trial that runs, released when the tables are made.
    private let state = Mutex<(values: SharedBuffer<Double>?, orders: PairOrders?)>((nil, nil))
    private let remaining: Atomic<Int>

    /// Whether `cell` runs trial by trial: study cells (but not `compare_injected`, whose
    /// matched rows need every trial first) and budget cells.
    static func splits(_ cell: PlannedCell) -> Bool {
        switch cell.work {
        case .study(let c): return c.trained?.compareInjected != true
        case .budget: return true
        case .learning: return false
        }
    }

    init(_ cell: PlannedCell, trialsOut: Bool, observer: RunObserver?) {
        self.cell = cell
        self.trialsOut = trialsOut
        self.observer = observer
        switch cell.work {
        case .study(let c):
            (trials, perTrial, capacity, tableSize) = (c.trials(cell.scenario.trials), c.valuesPerTrial, c.subsetSize, c.pair.count)
        case .budget(let c):
            (trials, perTrial, capacity, tableSize) = (cell.scenario.trials, c.valuesPerTrial, c.subsetSize, c.pair.count)
        case .learning:
            preconditionFailure("a learning cell runs whole")
        }
        remaining = Atomic(trials)
    }

    /// The values buffer (and study orders), made on first use.
    private func prepared() -> (SharedBuffer<Double>, PairOrders?) {
        state.withLock { s in
            if s.values == nil {
                observer?(.cellStarted(label: cell.label, trials: trials))
                s.values = SharedBuffer(repeating: .nan, count: trials * perTrial)
                if case .study(let c) = cell.work { s.orders = PairOrders.perCell([c])[0] }
            }
            return (s.values!, s.orders)
        }
    }

    /// Runs trial `t` into its slot of the cell's values.
    func run(trial t: Int, workspace ws: TrialWorkspace) {
        let (values, orders) = prepared()
        let out = UnsafeMutableBufferPointer(rebasing: values.pointer[(t * perTrial)..<((t + 1) * perTrial)])
        switch cell.work {
        case .study(let c):
            if c.trained == nil {
                StudyTrial.run(cell: c, orders: orders!, trial: t, workspace: ws, out: out)
            } else {
                StudyTrial.runTrained(cell: c, orders: orders!, trial: t, workspace: ws, out: out)
            }
        case .budget(let c):
            BudgetTrial.run(cell: c, trial: t, workspace: ws, out: out)
        case .learning:
            preconditionFailure("a learning cell runs whole")
        }
    }

    /// Counts a finished trial; after the last, the cell's tables (and its values released).
    func trialDone() -> [(CellStore.Table, String)]? {
        guard remaining.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 else { return nil }
        let values = state.withLock { s -> [Double] in
            defer { s = (nil, nil) }
            return s.values?.array ?? []
        }
        let scenario = cell.scenario
        switch cell.work {
        case .study(let c):
            let result = StudyResult(scenario: scenario, cells: [c], values: values)
            var out: [(CellStore.Table, String)] = [(.summary, SummaryFile.text(result.summaryRows()))]
            if trialsOut { out.append((.trials, TrialsFile.text(TrialsFile.rows(of: result)))) }
            return out
        case .budget(let c):
            let result = BudgetResult(scenario: scenario, cells: [c], values: values)
            var out: [(CellStore.Table, String)] = [
                (.budget, BudgetCSV.text(result.budgetRows())),
                (.decision, DecisionCSV.text(result.decisionRows()))
            ]
            if trialsOut { out.append((.trials, BudgetTrialsCSV.text(result.trialRows()))) }
            return out
        case .learning:
            preconditionFailure("a learning cell runs whole")
        }
    }
}
