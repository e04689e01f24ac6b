// SPDX-License-Identifier: GPL-3.0-or-later
//
// Figure 4: one trial re-run from the run's scenario and drawn like the paper's figure 3
// (all architectures, true front, predicted selection, verified selection).

import Foundation
import HWNASSim
import SVGCharts

/// The numbers of one re-run trial at one level.
struct TrialPicture {
    var pair: (dataset: String, metric: String)
    var subsetSize: Int
    var level: Double
    var selection: TrialSelection
    var hvTrue: Double
    var hvSelected: Double
    var mraAll: Double
    var mraPareto: Double

    /// Mean over `members` of the best true-front accuracy with z ≤ z_s minus acc_s, in points.
    static func mra(_ members: [Int], _ s: TrialSelection) -> Double {
        guard !members.isEmpty else { return .nan }
        var total = 0.0
        for m in members {
            let best = s.trueFront.filter { s.z[$0] <= s.z[m] }.map { s.accuracy[$0] }.max() ?? s.accuracy[m]
            total += best - s.accuracy[m]
        }
        return 100 * total / Double(members.count)
    }

    init(pair: (dataset: String, metric: String), subsetSize: Int, level: Double, selection s: TrialSelection) {
        self.pair = pair
        self.subsetSize = subsetSize
        self.level = level
        selection = s
        hvTrue = Hypervolume2D.accuracyMetric(accuracy: s.trueFront.map { s.accuracy[$0] }, metric: s.trueFront.map { s.z[$0] },
                                              reference: s.reference)
        hvSelected = Hypervolume2D.accuracyMetric(accuracy: s.selected.map { s.accuracy[$0] }, metric: s.selected.map { s.z[$0] },
                                                  reference: s.reference)
        mraAll = Self.mra(s.selected, s)
        mraPareto = Self.mra(s.verified, s)
    }
}

extension ReportBuilder {
    static let trialTarget = (dataset: "ImageNet16-120", metric: "raspi4_latency", size: 15625, level: 0.5)

    /// Re-runs trial 0 of the run's scenario at the target pair/size/level (or the fallback).
    /// Returns nil with a reason when the run has no study to re-run; throws when it has one
    /// but its scenario or data cannot be loaded (the figure would be missing for a reason the
    /// user can fix).
    func trialPicture(_ s: RunData) throws -> (picture: TrialPicture?, fallback: String?, problem: String?) {
        guard let text = s.run.scenarioText else { return (nil, nil, "no run.json with the scenario text") }
        let scenarios: [Scenario]
        do { scenarios = try Scenario.parse(text, file: s.run.scenarioFile ?? "run.json") } catch {
            throw InputError(file: s.run.path + "/run.json", key: "scenario",
                             "figure 4 re-runs trial 0 of this run's scenario, which does not load: \(error)")
        }
        guard var scenario = scenarios.first(where: { $0.experiment.kind == .noiseStudy }),
              case .noiseStudy(var study) = scenario.experiment else { return (nil, nil, "its scenario has no noise study") }
        if let seed = s.run.seed { scenario.seed = seed }
        if let trials = s.run.trials { scenario.trials = trials }
        let levels = study.noise.levels
        guard !scenario.pairs.isEmpty, !study.subsetSizes.isEmpty, !levels.isEmpty else {
            return (nil, nil, "its scenario has no pairs, sizes or levels")
        }
        let t = Self.trialTarget
        var fallback: String? = nil
        var pairSpec = scenario.pairs.first { $0.dataset == t.dataset && $0.metric == t.metric }
        var size = t.size
        var levelIndex = levels.firstIndex(of: t.level)
        if pairSpec == nil || !study.subsetSizes.contains(size) || levelIndex == nil {
            pairSpec = scenario.pairs[0]
            size = study.subsetSizes.max()!
            levelIndex = levels.indices.min { abs(levels[$0] - t.level) < abs(levels[$1] - t.level) }!
            fallback = "The scenario has no \(t.dataset) / \(t.metric) at N = \(Self.size(t.size)) and \(s.levelName) \(Self.level(t.level)), so this shows its first pair, largest subset size and the \(s.levelName) nearest \(Self.level(t.level))."
        }
        scenario.pairs = [pairSpec!]
        study.subsetSizes = [size]
        scenario.experiment = .noiseStudy(study)
        var loader = GroundTruthLoader(directory: options.dataDirectory)
        let pairs: [GroundTruthPair]
        do { pairs = try loader.pairs(for: scenario) } catch {
            throw InputError(file: s.run.path, key: "--data",
                             "figure 4 re-runs trial 0 of this run's scenario, but its data did not load (\(error)); give the folder of its tables with --data, or run `report` where the scenario's table paths resolve")
        }
        guard let cell = Study.cells(for: scenario, study: study, pairs: pairs).first else { return (nil, nil, "no cell to re-run") }
        let selections = Study.selections(cell: cell, trial: 0)
        guard levelIndex! < selections.count else { return (nil, nil, "the re-run recorded no selection") }
        let picture = TrialPicture(pair: (pairSpec!.dataset, pairSpec!.metric), subsetSize: size,
                                   level: levels[levelIndex!], selection: selections[levelIndex!])
        return (picture, fallback, nil)
    }

    static func trialChart(_ p: TrialPicture, label: String, fallback: String?, levelName: String) -> ScatterChart {
        let s = p.selection
        func points(_ positions: [Int]) -> [ChartPoint] { positions.map { ChartPoint(s.z[$0], 100 * s.accuracy[$0]) } }
        let everything = points(Array(s.accuracy.indices))
        var caption = "Trial 0 at \(levelName) \(level(p.level)): hypervolume \(fixed(p.hvTrue, 3)) (true front) and \(fixed(p.hvSelected, 3)) (selection); "
            + "\(s.selected.count) architecture\(s.selected.count == 1 ? "" : "s") selected, \(s.verified.count) kept after verification; "
            + "MRA_all \(fixed(p.mraAll, 2)) %, MRA_pareto \(fixed(p.mraPareto, 2)) %. Selections are drawn at their true values."
        if let fallback { caption += " " + fallback }
        return ScatterChart(
            title: "\(label): one trial, \(pairLabel(p.pair))",
            subtitle: "N = \(size(p.subsetSize)), \(levelName) \(level(p.level))",
            caption: caption, xLabel: "\(p.pair.metric) (z-score over all architectures)", yLabel: "Accuracy (%)",
            layers: [
                .background(name: "architectures in the subset (\(size(s.accuracy.count)))", points: everything),
                .front(name: "true Pareto front (\(s.trueFront.count))", points: points(s.trueFront), size: 4),
                .markers(name: "selected under predicted metric (\(s.selected.count))",
                         points: points(s.selected), color: "#b2182b", marker: .circle,
                         size: 12, filled: false),
                .markers(name: "kept after verification (\(s.verified.count))", points: points(s.verified),
                         color: "#08306b", marker: .diamond, size: 7),
            ],
            legendPlacement: .below)
    }

    mutating func addTrialFigure() throws {
        var panels: [SVGDocument] = []
        var description: [String] = []
        for s in studies {
            let (picture, fallback, problem) = try trialPicture(s)
            guard let picture else {
                notes.append("Figure 4 (\(s.label)): trial not re-run: \(problem ?? "unknown reason").")
                continue
            }
            panels.append(Self.trialChart(picture, label: s.label, fallback: fallback, levelName: s.levelName)
                .document(width: 640, height: 600))
            description.append("\(s.label): \(picture.selection.selected.count) selected, MRA_all \(Self.fixed(picture.mraAll, 2)) %, MRA_pareto \(Self.fixed(picture.mraPareto, 2)) %")
        }
        guard !panels.isEmpty else { return }
        let figure = PanelFigure(
            title: "One trial of the selection, as in the paper's figure 3", subtitle: nil,
            caption: "Grey: every architecture of the subset; black staircase: the true Pareto front; red open circles: the predicted selection (Pareto set under the predicted metric); blue diamonds: the members kept after verification.",
            rows: Self.grid(panels, columns: 2), legend: nil)
        add("fig4-trial", figure.document(), alt: "One trial",
            text: "One trial (trial 0 of the scenario) drawn like the paper's figure 3: " + description.joined(separator: "; ") + ".")
    }
}
