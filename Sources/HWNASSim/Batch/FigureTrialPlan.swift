// SPDX-License-Identifier: GPL-3.0-or-later

/// Which trial a study run writes to `trial0.csv` for figure 4, and which of its cells writes
/// it (so that shards and merges carry it like any cell table): trial 0 of the first sweep
/// cell's ImageNet16-120 / raspi4_latency pair at N = 15625 and level 0.5; else of its first
/// pair, largest subset size and the level nearest 0.5. A trained study draws its own figure
/// instead, and writes none.
struct FigureTrialPlan: Sendable {
    /// The pair, size and level figure 4 prefers.
    static let target = FigureTrialTarget.paper

    /// The id of the planned cell that writes the file.
    var owner: String
    /// The cell whose trial 0 is drawn (that pair and size alone).
    var cell: StudyCell
    var levelIndex: Int
    var dataset: String
    var metric: String

    /// The plan for `scenario` (a noise study) with its loaded `pairs` (in the scenario's order)
    /// and planned `cells`; nil for a trained study, or one without a pair, size or level.
    static func make(
        scenario: Scenario, study: NoiseStudySpec, pairs: [GroundTruthPair],
        cells: some Sequence<PlannedCell>
    ) -> FigureTrialPlan? {
        guard study.noise.model != .trained, !scenario.pairs.isEmpty, !study.subsetSizes.isEmpty, !study.noise.levels.isEmpty,
            pairs.count == scenario.pairs.count
        else { return nil }
        let t = target
        let levels = study.noise.levels
        var p = scenario.pairs.firstIndex { $0.dataset == t.dataset && $0.metric == t.metric }
        var size = t.subsetSize
        var levelIndex = levels.firstIndex(of: t.level)
        if p == nil || !study.subsetSizes.contains(size) || levelIndex == nil {
            p = 0
            size = study.subsetSizes.max()!
            levelIndex = levels.indices.min { abs(levels[$0] - t.level) < abs(levels[$1] - t.level) }!
        }
        var narrowed = scenario
        narrowed.pairs = [scenario.pairs[p!]]
        var narrowedStudy = study
        narrowedStudy.subsetSizes = [size]
        narrowed.experiment = .noiseStudy(narrowedStudy)
        let pair = pairs[p!]
        guard var cell = Study.cells(for: narrowed, study: narrowedStudy, pairs: [pair]).first,
            let owner = cells.first(where: {
                guard case .study(let c) = $0.work else { return false }
                return c.pair.dataset == pair.dataset && c.pair.metric == pair.metric && c.subsetSize == size
            })
        else { return nil }
        if case .study(let planned) = owner.work { cell.believeAccuracy(as: planned) }
        return FigureTrialPlan(
            owner: owner.id, cell: cell, levelIndex: levelIndex!,
            dataset: scenario.pairs[p!].dataset, metric: scenario.pairs[p!].metric)
    }

    /// Runs trial 0 and keeps its selection at the planned level; nil when the trial recorded none.
    func trial() -> FigureTrial? {
        let selections = Study.selections(cell: cell, trial: 0)
        guard levelIndex < selections.count else { return nil }
        return FigureTrial(
            dataset: dataset, metric: metric, subsetSize: cell.subsetSize,
            level: cell.noise.levels[levelIndex], selection: selections[levelIndex])
    }
}

/// The trial figure 4 prefers to draw.
public struct FigureTrialTarget: Sendable, Equatable {
    public var dataset: String
    public var metric: String
    public var subsetSize: Int
    public var level: Double

    /// The paper's figure 3: ImageNet16-120 / raspi4_latency, the whole space, level 0.5.
    public static let paper = FigureTrialTarget(dataset: "ImageNet16-120", metric: "raspi4_latency", subsetSize: 15625, level: 0.5)

    /// Whether `trial` is this target (else the run had none and drew its fallback).
    public func matches(_ trial: FigureTrial) -> Bool {
        trial.dataset == dataset && trial.metric == metric && trial.subsetSize == subsetSize && trial.level == level
    }
}
