// SPDX-License-Identifier: GPL-3.0-or-later

/// The outcome of a noise study: every trial's measures for every cell.
public struct StudyResult: Sendable {
    public var scenario: Scenario
    public var cells: [StudyCell]
    /// Values, cell-major: `[cell][trial][level][measure]`.
    public var values: [Double]

    /// The values of `measure` at level index `level` of `cell`, one per trial.
    public func values(cell c: Int, level: Int, measure m: Int) -> [Double] {
        let cell = cells[c]
        let perTrial = cell.valuesPerTrial
        let start = c * scenario.trials * perTrial
        return (0..<scenario.trials).map { values[start + $0 * perTrial + level * cell.measures.count + m] }
    }
}

/// Runs the study (Laube et al., AutoML-Conf 2022) for a scenario.
public enum Study {
    /// Builds the cells (pair-major, then subset size), calibrating `kendall-tau` noise per
    /// pair and level.
    public static func cells(for scenario: Scenario, pairs: [GroundTruthPair]) -> [StudyCell] {
        var cells: [StudyCell] = []
        for pair in pairs {
            let sigmas = scenario.noise.model == .kendallTau
                ? scenario.noise.levels.map { KendallTauNoise.calibratedSigma(tau: $0, truth: pair.z) } : []
            for size in scenario.subsetSizes {
                cells.append(StudyCell(pair: pair, subsetSize: size, noise: scenario.noise, sigmas: sigmas,
                                       reference: scenario.referencePoint, measures: scenario.measures, seed: scenario.seed))
            }
        }
        return cells
    }

    /// Runs every trial of every cell on `jobs` workers. Results do not depend on `jobs`.
    public static func run(scenario: Scenario, cells: [StudyCell], jobs: Int,
                           progress: (@Sendable (Int) -> Void)? = nil) -> StudyResult {
        let trials = scenario.trials
        let perTrial = cells.first?.valuesPerTrial ?? 0
        let output = SharedBuffer<Double>(repeating: .nan, count: cells.count * trials * perTrial)
        let capacity = cells.map(\.subsetSize).max() ?? 0
        let tableSize = cells.map(\.pair.count).max() ?? 0
        let orders = PairOrders.perCell(cells)
        ParallelFor.run(count: cells.count * trials, jobs: jobs,
                        makeState: { TrialWorkspace(capacity: capacity, tableSize: tableSize) }) { ws, item in
            let c = item / trials, t = item % trials
            let out = UnsafeMutableBufferPointer(rebasing: output.pointer[(item * perTrial)..<((item + 1) * perTrial)])
            StudyTrial.run(cell: cells[c], orders: orders[c], trial: t, workspace: ws, out: out)
            progress?(1)
        }
        return StudyResult(scenario: scenario, cells: cells, values: output.array)
    }

    /// One trial's selections at every level, for plotting.
    public static func selections(cell: StudyCell, trial: Int) -> [TrialSelection] {
        let ws = TrialWorkspace(capacity: cell.subsetSize, tableSize: cell.pair.count)
        var out = [Double](repeating: .nan, count: cell.valuesPerTrial)
        var recorded: [TrialSelection] = []
        out.withUnsafeMutableBufferPointer { buffer in
            StudyTrial.run(cell: cell, orders: PairOrders(pair: cell.pair), trial: trial, workspace: ws, out: buffer) { _, s in recorded.append(s) }
        }
        return recorded
    }

    /// The measures of one trial (levels × measures), for tests and inspection.
    public static func trialValues(cell: StudyCell, trial: Int) -> [Double] {
        let ws = TrialWorkspace(capacity: cell.subsetSize, tableSize: cell.pair.count)
        var out = [Double](repeating: .nan, count: cell.valuesPerTrial)
        out.withUnsafeMutableBufferPointer { StudyTrial.run(cell: cell, orders: PairOrders(pair: cell.pair), trial: trial, workspace: ws, out: $0) }
        return out
    }
}
