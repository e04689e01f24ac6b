// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Synchronization

/// One cell of a learning-curve scenario: a pair × predictor, at every training size that
/// fits, its rows of `learning.csv`.
///
/// Its work units are its splits (``unitCount``, ``runUnit(_:)``): each covers every size of
/// one split, so units are (pair × predictor × split), independent and deterministic, and
/// ``text(_:)`` assembles their results into the same rows whatever order or worker ran them.
struct LearningCell: Sendable {
    var task: LearningCurve.Task
    var spec: ModelSpec
    /// The training sizes run (the predictor's own size for the lookup table, FLOPs and transfer).
    var sizes: [Int]
    /// Random splits per size.
    var trials: Int
    var testSamples: Int
    var measurementNoise: Double
    var seed: UInt64

    /// The cells of a learning-curve scenario: pair after pair, predictor after predictor.
    /// Sizes that do not fit (table minus test set, a model's largest or smallest) are left out
    /// with a note in `notes`.
    /// - Throws: ``InputError`` at the scenario key: a training size or test set at least the
    ///   table's size, a model that does not suit the table.
    static func cells(
        for scenario: Scenario, spec lc: LearningCurveSpec, tasks: [LearningTaskData],
        notes: inout [String]
    ) throws -> [LearningCell] {
        var out: [LearningCell] = []
        for data in tasks {
            let task = data.task
            let label = "\(task.dataset)/\(task.metric)"
            guard lc.testAll || lc.testSamples < data.available else {
                throw InputError(
                    key: "learning_curve.test_samples",
                    "\(lc.testSamples) test architectures: \(label) has \(data.available) with a value; expected fewer")
            }
            for (j, k) in lc.trainSamples.enumerated() where k >= data.available {
                throw InputError(
                    key: "learning_curve.train_samples[\(j)]",
                    "\(k) training samples: \(label) has \(data.available) architectures with a value; expected fewer")
            }
            for (i, p) in lc.predictors.enumerated() {
                for (j, k) in lc.sizes(of: i).enumerated() where k >= data.available {
                    throw InputError(
                        key: "learning_curve.predictors[\(i)].train_samples[\(j)]",
                        "\(k) training samples: \(label) has \(data.available) architectures with a value; expected fewer")
                }
                let model = try p.make(task.modelContext, key: "learning_curve.predictors[\(i)]")
                try checkChosenTrainingSet(model, task, key: "learning_curve.predictors[\(i)]")
                let scored = try scoredCount(
                    task, spec: p, available: data.available, testSamples: lc.testSamples, testAll: lc.testAll,
                    key: "learning_curve.predictors[\(i)]")
                let testSamples = lc.testAll ? scored : lc.testSamples
                var sizes: [Int] = []
                if let own = p.ownTrainingSize(encoding: task.encoding) {
                    if let note = LearningCurve.skipNote(task, spec: p, trainSamples: own, testSamples: testSamples) {
                        notes.append("\(label): \(note)")
                    } else {
                        sizes = [own]
                    }
                } else {
                    for k in lc.sizes(of: i) {
                        if let note = LearningCurve.skipNote(task, spec: p, trainSamples: k, testSamples: testSamples) {
                            notes.append("\(label): \(note)")
                        } else if k < model.minimumTrainingSize {
                            notes.append("\(label): \(p.name) at \(k) samples skipped: it needs at least \(model.minimumTrainingSize)")
                        } else if let m = model.maximumTrainingSize, k > m {
                            notes.append("\(label): \(p.name) at \(k) samples skipped: it takes at most \(m)")
                        } else {
                            sizes.append(k)
                        }
                    }
                }
                out.append(
                    LearningCell(
                        task: task, spec: p, sizes: sizes, trials: lc.trials(of: p, scenarioTrials: scenario.trials),
                        testSamples: testSamples, measurementNoise: lc.measurementNoise, seed: scenario.seed))
            }
        }
        return out
    }

    /// The architectures `spec` can be scored on: those with a value, and for a proxy those
    /// with a score too.
    /// - Throws: ``InputError`` at `key`.column when a proxy covers fewer than two of them,
    ///   or fewer than `testSamples` (unless `testAll`).
    static func scoredCount(
        _ task: LearningCurve.Task, spec: ModelSpec, available: Int, testSamples: Int, testAll: Bool, key: String
    ) throws -> Int {
        guard let name = spec.proxyColumn, let scores = task.proxies[name] else { return available }
        let covered = task.targets.indices.count { task.targets[$0].isFinite && scores[$0].isFinite }
        let label = "\(task.dataset)/\(task.metric)"
        if covered < 2 || (!testAll && covered < testSamples) {
            throw InputError(
                key: key + ".column",
                "proxy '\(name)' scores \(covered) of the \(available) architectures of \(label): too few for \(testAll ? "a ranking (at least 2)" : "\(testSamples) test architectures"); use test_samples: all or at most \(covered)"
            )
        }
        return covered
    }

    /// Checks, before anything runs, that a predictor choosing its own training architectures
    /// (the lookup table) finds them all among the task's architectures with a value.
    /// - Throws: ``InputError`` at `key` naming what is missing (FBNet's 5,000-architecture
    ///   sample has neither the base nor its single-block substitutions).
    static func checkChosenTrainingSet(_ model: any Predictor, _ task: LearningCurve.Task, key: String) throws {
        guard let chooser = model as? any ChoosesTrainingSet else { return }
        let valid = task.targets.indices.filter { task.targets[$0].isFinite }
        do { _ = try chooser.trainingRows(task.features, candidates: valid) } catch var e as InputError {
            e.key = key
            e.message += " (\(task.dataset)/\(task.metric))"
            throw e
        }
    }

    /// The cell's work units: one per split (trial), each covering every training size of the
    /// cell (the split's nested training sets, which `linreg` extends instead of refitting).
    var unitCount: Int { sizes.isEmpty ? 0 : trials }

    /// Runs work unit `split`: that split at every size, in ``sizes`` order.
    /// - Throws: ``InputError`` from the first size that fails.
    /// - Complexity: the split's fits at every size.
    func runUnit(_ split: Int) throws -> [LearningCurve.Scores] {
        try LearningCurve.split(
            task, spec: spec, sizes: sizes, testSamples: testSamples, trial: split, seed: seed,
            measurementNoise: measurementNoise
        ).map(\.scores)
    }

    /// The cell's `learning.csv` text from its units' results (`results[split][size]`): per
    /// size, the summary over the splits in split order, so the text depends on the results
    /// only, not on the order in which the units ran.
    func text(_ results: [[LearningCurve.Scores]]) -> String {
        precondition(results.count == unitCount)
        var rows: [LearningCurve.Row] = []
        for i in sizes.indices {
            rows += LearningCurve.rows(dataset: task.dataset, metric: task.metric, predictor: spec.name, trials: results.map { $0[i] })
        }
        return LearningFile.text(rows)
    }

    /// Runs the cell's units on `jobs` workers; returns its `learning.csv` text, which depends
    /// on the inputs only (never on `jobs`): fit times are not written.
    /// - Throws: the first failing unit's ``InputError`` (in split order).
    func run(jobs: Int, trialFinished: @Sendable () -> Void) throws -> String {
        let count = unitCount
        let out = SharedBuffer<Result<[LearningCurve.Scores], InputError>?>(repeating: nil, count: count)
        let sizeCount = sizes.count
        let cell = self
        ParallelFor.run(count: count, jobs: jobs, makeState: { () }) { _, t in
            do {
                out.pointer[t] = .success(try cell.runUnit(t))
            } catch let e as InputError {
                out.pointer[t] = .failure(e)
            } catch {
                out.pointer[t] = .failure(InputError("\(error)"))
            }
            for _ in 0..<sizeCount { trialFinished() }
        }
        return text(try out.array.map { try $0!.get() })
    }

    /// A rough relative cost of one unit (every size of one split), for ordering units longest
    /// first; it changes no result. MLP and GP fits dominate (linear and cubic in the size).
    var unitCostEstimate: Double {
        let samples = sizes.reduce(0.0) { $0 + Double($1) }
        switch spec.model {
        case .mlp: return 1e3 * max(samples, 2000)
        case .gp: return sizes.reduce(0.0) { $0 + pow(Double($1), 3) / 1e3 } + 1e3
        case .ridge, .transfer: return 10 * samples
        default: return samples
        }
    }

    /// Runs the units of every cell of `cells` on one pool of `jobs` workers, longest first
    /// (``unitCostEstimate``), so that a few long cells do not leave workers idle while the
    /// others run one after another. `finished(i, result)` is called once per cell, as soon as
    /// its last unit is done, one call at a time, with the cell's ``text(_:)`` or its first
    /// failing unit's error (in split order). Results do not depend on `jobs` or the order.
    /// - Complexity: the units' work, on min(jobs, units) workers.
    static func run(
        _ cells: [LearningCell], jobs: Int, trialFinished: @Sendable () -> Void,
        finished: @Sendable (Int, Result<String, InputError>) -> Void
    ) {
        var units: [(cell: Int, split: Int)] = []
        for (i, c) in cells.enumerated() { for t in 0..<c.unitCount { units.append((i, t)) } }
        let cost = cells.map(\.unitCostEstimate)
        units.sort { a, b in cost[a.cell] != cost[b.cell] ? cost[a.cell] > cost[b.cell] : (a.cell, a.split) < (b.cell, b.split) }
        let offsets = cells.reduce(into: [0]) { $0.append($0.last! + $1.unitCount) }
        let results = SharedBuffer<Result<[LearningCurve.Scores], InputError>?>(repeating: nil, count: offsets.last!)
        let remaining = Mutex(cells.map(\.unitCount))
        let report = Mutex(())
        @Sendable func complete(_ i: Int) {
            let cell = cells[i]
            let mine = Array(results.pointer[offsets[i]..<offsets[i + 1]])
            let outcome: Result<String, InputError>
            do { outcome = .success(cell.text(try mine.map { try $0!.get() })) } catch let e as InputError {
                outcome = .failure(e)
            } catch {
                outcome = .failure(InputError("\(error)"))
            }
            report.withLock { _ in finished(i, outcome) }
        }
        for i in cells.indices where cells[i].unitCount == 0 { complete(i) }
        let list = units
        ParallelFor.run(count: list.count, jobs: jobs, makeState: { () }) { _, u in
            let (i, t) = list[u]
            let cell = cells[i]
            do {
                results.pointer[offsets[i] + t] = .success(try cell.runUnit(t))
            } catch let e as InputError {
                results.pointer[offsets[i] + t] = .failure(e)
            } catch {
                results.pointer[offsets[i] + t] = .failure(InputError("\(error)"))
            }
            for _ in cell.sizes { trialFinished() }
            let last = remaining.withLock { r -> Bool in
                r[i] -= 1
                return r[i] == 0
            }
            if last { complete(i) }
        }
    }
}
