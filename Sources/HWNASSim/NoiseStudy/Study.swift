// SPDX-License-Identifier: GPL-3.0-or-later

/// The outcome of a noise study: every trial's measures for every cell.
public struct StudyResult: Sendable {
    public var scenario: Scenario
    /// The cells as run (a trained cell with the taus its matched injected rows ran at).
    public var cells: [StudyCell]
    /// Values, cell-major: `[cell][trial][level][measure]`.
    public var values: [Double]

    /// Where each cell's values start in ``values``.
    var offsets: [Int] {
        var out: [Int] = [], at = 0
        for c in cells {
            out.append(at)
            at += c.trials(scenario.trials) * c.valuesPerTrial
        }
        return out
    }

    /// The values of `measure` at level index `level` of `cell`, one per trial.
    public func values(cell c: Int, level: Int, measure m: Int) -> [Double] {
        let cell = cells[c]
        let perTrial = cell.valuesPerTrial
        let start = offsets[c]
        return (0..<cell.trials(scenario.trials)).map { values[start + $0 * perTrial + level * cell.measures.count + m] }
    }
}

/// Runs the study of docs/study.md §3 for a scenario.
public enum Study {
    /// The injected-noise cells of a noise-study scenario; none for another kind.
    public static func cells(for scenario: Scenario, pairs: [GroundTruthPair]) -> [StudyCell] {
        guard case .noiseStudy(let study) = scenario.experiment else { return [] }
        return cells(for: scenario, study: study, pairs: pairs)
    }

    /// Builds the cells (pair-major, then subset size), calibrating `kendall-tau` noise per
    /// pair and level. For `model: trained` use ``cells(for:study:pairs:loader:notes:)``.
    public static func cells(for scenario: Scenario, study: NoiseStudySpec, pairs: [GroundTruthPair]) -> [StudyCell] {
        var cells: [StudyCell] = []
        for pair in pairs {
            let sigmas =
                study.noise.model == .kendallTau
                ? study.noise.levels.map { KendallTauNoise.calibratedSigma(tau: $0, truth: pair.z) } : []
            for size in study.subsetSizes {
                cells.append(
                    StudyCell(
                        pair: pair, subsetSize: size, noise: study.noise, sigmas: sigmas,
                        reference: study.referencePoint, measures: study.measures, seed: scenario.seed))
            }
        }
        return cells
    }

    /// Runs every trial of every cell on `jobs` workers. Results do not depend on `jobs`.
    ///
    /// Trained cells with `compare_injected` run in two phases: first their trained trials,
    /// then, at the mean Kendall tau each training size realised, `kendall-tau` noise on the
    /// same trials (same subsets), written as the cell's matched rows.
    public static func run(
        scenario: Scenario, cells: [StudyCell], jobs: Int,
        progress: (@Sendable (Int) -> Void)? = nil
    ) -> StudyResult {
        var result = StudyResult(scenario: scenario, cells: cells, values: [])
        let offsets = result.offsets
        let trials = cells.map { $0.trials(scenario.trials) }
        let total = zip(cells, trials).reduce(0) { $0 + $1.0.valuesPerTrial * $1.1 }
        let output = SharedBuffer<Double>(repeating: .nan, count: total)
        let capacity = cells.map(\.subsetSize).max() ?? 0
        let tableSize = cells.map(\.pair.count).max() ?? 0
        let orders = PairOrders.perCell(cells)
        let items = Self.items(trials)
        // Phase 1: every trial (trained cells: their trained rows).
        ParallelFor.run(
            count: items.count, jobs: jobs,
            makeState: { TrialWorkspace(capacity: capacity, tableSize: tableSize) }
        ) { ws, item in
            let (c, t) = items.cellAndTrial(item)
            let perTrial = cells[c].valuesPerTrial
            let start = offsets[c] + t * perTrial
            let out = UnsafeMutableBufferPointer(rebasing: output.pointer[start..<(start + perTrial)])
            if cells[c].trained == nil {
                StudyTrial.run(cell: cells[c], orders: orders[c], trial: t, workspace: ws, out: out)
            } else {
                StudyTrial.runTrained(cell: cells[c], orders: orders[c], trial: t, workspace: ws, out: out)
            }
            progress?(1)
        }
        // Phase 2: matched injected noise at the realised taus.
        var matched: [Int: (cell: StudyCell, rows: [Int])] = [:]
        for (c, cell) in cells.enumerated() where cell.trained?.compareInjected == true {
            let taus = realisedTaus(cell: cell, trials: trials[c], values: output, offset: offsets[c])
            result.cells[c].trained!.matchedTaus = taus
            matched[c] = (injectedCell(matching: cell, taus: taus, jobs: jobs), matchedRows(of: result.cells[c]))
        }
        if !matched.isEmpty {
            let matched = matched, cells = result.cells
            let phase2 = Self.items(cells.indices.map { matched[$0] == nil ? 0 : trials[$0] })
            ParallelFor.run(
                count: phase2.count, jobs: jobs,
                makeState: { TrialWorkspace(capacity: capacity, tableSize: tableSize) }
            ) { ws, item in
                let (c, t) = phase2.cellAndTrial(item)
                let (injected, rows) = matched[c]!
                let perTrial = cells[c].valuesPerTrial, nm = cells[c].measures.count
                var values = [Double](repeating: .nan, count: injected.valuesPerTrial)
                values.withUnsafeMutableBufferPointer {
                    StudyTrial.run(cell: injected, orders: orders[c], trial: t, workspace: ws, out: $0)
                }
                // Level k of the injected cell is the k-th matched row with a tau.
                for (k, row) in rows.enumerated() {
                    let start = offsets[c] + t * perTrial + row * nm
                    for m in 0..<nm { output.pointer[start + m] = values[k * nm + m] }
                }
                progress?(1)
            }
        }
        result.values = output.array
        return result
    }

    /// Work items over cells with `trials[c]` trials each: item → (cell, trial).
    struct Items: Sendable {
        var starts: [Int]
        var count: Int
        func cellAndTrial(_ item: Int) -> (Int, Int) {
            var lo = 0, hi = starts.count - 1  // the last cell whose start is ≤ item
            while lo < hi {
                let mid = (lo + hi + 1) >> 1
                if starts[mid] <= item { lo = mid } else { hi = mid - 1 }
            }
            return (lo, item - starts[lo])
        }
    }

    static func items(_ trials: [Int]) -> Items {
        var starts: [Int] = [], at = 0
        for t in trials {
            starts.append(at)
            at += t
        }
        return Items(starts: starts, count: at)
    }

    /// The mean Kendall tau of each trained size of `cell` over its trials (trials where it is
    /// undefined left out); NaN when no trial has one or the mean is ≤ 0.
    static func realisedTaus(cell: StudyCell, trials: Int, values: SharedBuffer<Double>, offset: Int) -> [Double] {
        guard cell.trained != nil, let m = cell.measures.firstIndex(of: .kendallTau) else { return [] }
        let perTrial = cell.valuesPerTrial, nm = cell.measures.count
        let rows = cell.rows
        let trainedRows = rows.indices.filter { if case .trained = rows[$0] { true } else { false } }
        return trainedRows.map { li in
            var sum = 0.0, n = 0
            for trial in 0..<trials {
                let v = values.pointer[offset + trial * perTrial + li * nm + m]
                if v.isFinite {
                    sum += v
                    n += 1
                }
            }
            let mean = n > 0 ? sum / Double(n) : .nan
            return mean > 0 ? min(mean, 1) : .nan
        }
    }

    /// The rows of `cell` that its matched injected cell fills, in that cell's level order: the
    /// matched rows whose tau is defined.
    static func matchedRows(of cell: StudyCell) -> [Int] {
        let rows = cell.rows
        return rows.indices.filter { if case .injectedMatched(_, _, let tau) = rows[$0] { tau.isFinite } else { false } }
    }

    /// The `kendall-tau` cell that matches a trained cell: its pair, size, seed, reference and
    /// measures, at the valid taus (σ calibrated on the whole pair, as for `kendall-tau`
    /// scenarios).
    static func injectedCell(matching cell: StudyCell, taus: [Double], jobs: Int) -> StudyCell {
        let levels = taus.filter(\.isFinite)
        let sigmas = SharedBuffer<Double>(repeating: 0, count: levels.count)
        let z = cell.pair.z
        ParallelFor.run(count: levels.count, jobs: jobs, makeState: { () }) { _, i in
            sigmas.pointer[i] = KendallTauNoise.calibratedSigma(tau: levels[i], truth: z)
        }
        var noise = NoiseSpec(model: .kendallTau, levels: levels, accuracySD: cell.noise.accuracySD)
        noise.compareInjected = false
        var matched = StudyCell(
            pair: cell.pair, subsetSize: cell.subsetSize, noise: noise, sigmas: sigmas.array,
            reference: cell.reference, measures: cell.measures, seed: cell.seed)
        matched.believeAccuracy(as: cell)
        return matched
    }

    /// One trial's selections at every level, for plotting.
    public static func selections(cell: StudyCell, trial: Int) -> [TrialSelection] {
        let ws = TrialWorkspace(capacity: cell.subsetSize, tableSize: cell.pair.count)
        var out = [Double](repeating: .nan, count: cell.valuesPerTrial)
        var recorded: [TrialSelection] = []
        out.withUnsafeMutableBufferPointer { buffer in
            if cell.trained == nil {
                StudyTrial.run(cell: cell, orders: PairOrders(pair: cell.pair), trial: trial, workspace: ws, out: buffer) { _, s in
                    recorded.append(s)
                }
            } else {
                StudyTrial.runTrained(cell: cell, orders: PairOrders(pair: cell.pair), trial: trial, workspace: ws, out: buffer) { _, s in
                    recorded.append(s)
                }
            }
        }
        return recorded
    }

    /// The measures of one trial (levels × measures), for tests and inspection.
    static func trialValues(cell: StudyCell, trial: Int) -> [Double] {
        let ws = TrialWorkspace(capacity: cell.subsetSize, tableSize: cell.pair.count)
        var out = [Double](repeating: .nan, count: cell.valuesPerTrial)
        out.withUnsafeMutableBufferPointer { buffer in
            if cell.trained == nil {
                StudyTrial.run(cell: cell, orders: PairOrders(pair: cell.pair), trial: trial, workspace: ws, out: buffer)
            } else {
                StudyTrial.runTrained(cell: cell, orders: PairOrders(pair: cell.pair), trial: trial, workspace: ws, out: buffer)
            }
        }
        return out
    }
}
