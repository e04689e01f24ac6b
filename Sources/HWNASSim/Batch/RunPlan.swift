// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// One unit of work of a scenario file: a sweep cell × pair × subset size.
public struct PlannedCell: Sendable {
    enum Work: Sendable {
        case study(StudyCell)
        case budget(BudgetCell)
        case learning(LearningCell)
    }

    /// Position within its scenario file (the order of every output).
    public var index: Int
    /// File-name-safe id: `00003.ImageNet16-120.raspi4_latency.N15625`.
    public var id: String
    /// The (swept) scenario the cell belongs to.
    public var scenario: Scenario
    var work: Work
    /// SHA-256 of the cell's inputs: scenario cell, pair, size, seed, trials, tool version,
    /// data checksums. A finished cell with the same hash is not run again.
    var hash: String

    /// Trials the cell runs (a learning cell: its splits at every training size).
    public var trials: Int {
        switch work {
        case .learning(let c): return c.trials * c.sizes.count
        case .study(let c): return c.trials(scenario.trials) * (c.trained?.compareInjected == true ? 2 : 1)
        case .budget: return scenario.trials
        }
    }

    public var label: String {
        switch work {
        case .learning(let c): "\(c.task.dataset)/\(c.task.metric) \(c.spec.name) (learning curve)"
        case .study(let c): "\(c.pair.dataset)/\(c.pair.metric) N=\(c.subsetSize)" + (c.trained.map { " \($0.name)" } ?? "")
        case .budget(let c): "\(c.pair.dataset)/\(c.pair.metric) N=\(c.subsetSize) (budget)"
        }
    }
}

/// A scenario file turned into cells, with its tables loaded and checked.
public struct RunPlan: Sendable {
    /// The scenario file as given.
    public var path: String
    /// The scenario's name (the first sweep cell's).
    public var name: String
    public var scenarios: [Scenario]
    public var cells: [PlannedCell]
    /// Tables read (for provenance).
    public var tables: [MetricTable]
    /// SHA-256 of every cell's inputs without the tool version (``CellStore/PlanFile/inputs``).
    var inputs: String
    /// Notes for the user from reading the scenario and its tables (printed before the results).
    public var notes: [String] = []
    /// The scenarios' warnings, each once (sweep cells repeat them).
    public var warnings: [InputError] = []
    /// A study's trial for figure 4 (`trial0.csv`); nil for budget and learning runs.
    var figureTrial: FigureTrialPlan? = nil
    /// CPU seconds spent making the plan (reading and checking the tables): serial work of the run.
    var cpuSeconds: Double = 0

    /// Loads, checks and expands the scenario file at `path` with the overrides of `options`.
    /// Throws ``InputError`` for any invalid input, before anything runs.
    public static func make(path: String, options: RunOptions) throws -> RunPlan {
        let cpuStart = CPUClock.thread()  // one thread: other threads' CPU (a BLAS server spinning at start-up) is not the plan's
        var scenarios = try Scenario.load(path: path)
        for i in scenarios.indices {
            if let t = options.trials { scenarios[i].trials = t }
            if let s = options.seed { scenarios[i].seed = s }
        }
        var loader = GroundTruthLoader(directory: options.dataDirectory)
        var cells: [PlannedCell] = []
        var inputs = ""
        var figureTrial: FigureTrialPlan?
        for scenario in scenarios {
            do {
                if case .learningCurve(let lc) = scenario.experiment {
                    let tasks = try loader.learningTasks(for: scenario, spec: lc)
                    let canonical = scenario.canonicalText(tableChecksums: tasks.map(\.checksum))
                    var notes: [String] = []
                    for c in try LearningCell.cells(for: scenario, spec: lc, tasks: tasks, notes: &notes) {
                        let index = cells.count
                        let label = "\(c.task.dataset)/\(c.task.metric) predictor=\(c.spec.name)"
                        let id = String(format: "%05d", index) + "." + Self.safe("\(c.task.dataset).\(c.task.metric).\(c.spec.name)")
                        inputs += "\(canonical)cell=\(label)\n"
                        cells.append(
                            PlannedCell(
                                index: index, id: id, scenario: scenario, work: .learning(c),
                                hash: cellHash(canonical: canonical, cell: label)))
                    }
                    for n in notes where !loader.notes.contains(n) { loader.notes.append(n) }
                    continue
                }
                let pairs = try loader.pairs(for: scenario)
                let canonical = scenario.canonicalText(tableChecksums: pairs.map(\.tableChecksum))
                func add(_ work: PlannedCell.Work, pair: GroundTruthPair, size: Int, predictor: String? = nil) {
                    let index = cells.count
                    let id =
                        String(format: "%05d", index) + "."
                        + Self.safe("\(pair.dataset).\(pair.metric).N\(size)" + (predictor.map { ".\($0)" } ?? ""))
                    let label = "\(pair.dataset)/\(pair.metric) N=\(size)" + (predictor.map { " predictor=\($0)" } ?? "")
                    inputs += "\(canonical)cell=\(label)\n"
                    cells.append(
                        PlannedCell(
                            index: index, id: id, scenario: scenario, work: work,
                            hash: cellHash(canonical: canonical, cell: label)))
                }
                switch scenario.experiment {
                case .budgetStudy(let study):
                    for c in try BudgetStudy.cells(for: scenario, study: study, pairs: pairs, loader: &loader) {
                        add(.budget(c), pair: c.pair, size: c.subsetSize)
                    }
                case .noiseStudy(let study):
                    var notes: [String] = []
                    let first = cells.count
                    for c in try Study.cells(for: scenario, study: study, pairs: pairs, loader: &loader, notes: &notes) {
                        add(.study(c), pair: c.pair, size: c.subsetSize, predictor: c.trained?.name)
                    }
                    if figureTrial == nil {
                        figureTrial = FigureTrialPlan.make(scenario: scenario, study: study, pairs: pairs, cells: cells[first...])
                    }
                    for n in notes where !loader.notes.contains(n) { loader.notes.append(n) }
                case .learningCurve:
                    break  // planned above
                }
            } catch let e as InputError {
                throw scenario.locate(e, file: path)
            }
        }
        var warnings: [InputError] = []
        for w in scenarios.flatMap(\.warnings) + loader.warnings where !warnings.contains(w) { warnings.append(w) }
        return RunPlan(
            path: path, name: scenarios[0].name, scenarios: scenarios, cells: cells, tables: loader.loadedTables,
            inputs: SHA256.hex(of: Array(inputs.utf8)), notes: loader.notes, warnings: warnings, figureTrial: figureTrial,
            cpuSeconds: CPUClock.thread() - cpuStart)
    }

    /// The input hash of a cell: tool version, results format, the scenario's canonical text
    /// and the cell's pair and size. A cell written under another results format never matches.
    static func cellHash(
        canonical: String, pair: GroundTruthPair, size: Int,
        resultsFormat: Int = HWNASSimVersion.resultsFormat
    ) -> String {
        cellHash(canonical: canonical, cell: "\(pair.dataset)/\(pair.metric) N=\(size)", resultsFormat: resultsFormat)
    }

    /// The input hash of a cell named `cell` (its pair and size, or pair and predictor).
    static func cellHash(canonical: String, cell: String, resultsFormat: Int = HWNASSimVersion.resultsFormat) -> String {
        let text = "hwnas-sim \(HWNASSimVersion.string) results-format \(resultsFormat)\n\(canonical)cell=\(cell)\n"
        return SHA256.hex(of: Array(text.utf8))
    }

    static func safe(_ s: String) -> String {
        String(s.map { $0.isLetter || $0.isNumber || "._-+".contains($0) ? $0 : "_" })
    }
}

/// `--shard K/N`: the cells whose index i satisfies i mod N = K − 1.
public struct Shard: Equatable, Sendable, CustomStringConvertible {
    public var k: Int
    public var n: Int

    /// Parses `K/N` with 1 ≤ K ≤ N.
    public init(_ text: String) throws {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw InputError(key: "--shard", "expected K/N such as 2/8, found '\(text)'")
        }
        guard n >= 1, k >= 1, k <= n else {
            throw InputError(key: "--shard", "expected 1 ≤ K ≤ N in K/N, found '\(text)'")
        }
        self.k = k
        self.n = n
    }

    public func contains(_ index: Int) -> Bool { index % n == k - 1 }
    public var description: String { "\(k)/\(n)" }
}
