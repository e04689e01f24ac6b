// SPDX-License-Identifier: GPL-3.0-or-later
//
// Figure 4: the trial a study run wrote (`trial0.csv`), drawn like the paper's figure 3
// (all architectures, true front, predicted selection, verified selection).

import Foundation
import HWNASSim
import SVGCharts

/// The numbers of one trial at one level.
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
        hvTrue = Hypervolume2D.accuracyMetric(
            accuracy: s.trueFront.map { s.accuracy[$0] }, metric: s.trueFront.map { s.z[$0] },
            reference: s.reference)
        hvSelected = Hypervolume2D.accuracyMetric(
            accuracy: s.selected.map { s.accuracy[$0] }, metric: s.selected.map { s.z[$0] },
            reference: s.reference)
        mraAll = Self.mra(s.selected, s)
        mraPareto = Self.mra(s.verified, s)
    }
}

extension ReportBuilder {
    /// Reads the trial the run wrote for figure 4 (`trial0.csv`). Returns nil with a reason
    /// when the run folder has none (a budget or learning run, or one written before the file
    /// existed); throws when the file is there but broken.
    func trialPicture(_ s: RunData) throws -> (picture: TrialPicture?, fallback: String?, problem: String?) {
        let path = (s.run.path as NSString).appendingPathComponent(TrialFile.name)
        guard FileManager.default.fileExists(atPath: path) else {
            return (nil, nil, "the run folder has no \(TrialFile.name) (run it again with this version to write it)")
        }
        let trial = try TrialFile.read(path: path)
        let t = FigureTrialTarget.paper
        let fallback =
            t.matches(trial)
            ? nil
            : "The scenario has no \(t.dataset) / \(t.metric) at N = \(Self.size(t.subsetSize)) and \(s.levelName) \(Self.level(t.level)), so this shows its first pair, largest subset size and the \(s.levelName) nearest \(Self.level(t.level))."
        let picture = TrialPicture(
            pair: (trial.dataset, trial.metric), subsetSize: trial.subsetSize, level: trial.level,
            selection: trial.selection)
        return (picture, fallback, nil)
    }

    static func trialChart(_ p: TrialPicture, label: String, fallback: String?, levelName: String) -> ScatterChart {
        let s = p.selection
        func points(_ positions: [Int]) -> [ChartPoint] { positions.map { ChartPoint(s.z[$0], 100 * s.accuracy[$0]) } }
        let everything = points(Array(s.accuracy.indices))
        var caption =
            "Trial 0 at \(levelName) \(level(p.level)): hypervolume \(fixed(p.hvTrue, 3)) (true front) and \(fixed(p.hvSelected, 3)) (selection); "
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
                .markers(
                    name: "selected under predicted metric (\(s.selected.count))",
                    points: points(s.selected), color: "#b2182b", marker: .circle,
                    size: 12, filled: false),
                .markers(
                    name: "kept after verification (\(s.verified.count))", points: points(s.verified),
                    color: "#08306b", marker: .diamond, size: 7)
            ],
            legendPlacement: .below)
    }

    mutating func addTrialFigure() throws {
        var panels: [SVGDocument] = []
        var description: [String] = []
        for s in studies {
            let (picture, fallback, problem) = try trialPicture(s)
            guard let picture else {
                notes.append("Figure 4 (\(s.label)): no trial to draw: \(problem ?? "unknown reason").")
                continue
            }
            panels.append(
                Self.trialChart(picture, label: s.label, fallback: fallback, levelName: s.levelName)
                    .document(width: 640, height: 600))
            description.append(
                "\(s.label): \(picture.selection.selected.count) selected, MRA_all \(Self.fixed(picture.mraAll, 2)) %, MRA_pareto \(Self.fixed(picture.mraPareto, 2)) %"
            )
        }
        guard !panels.isEmpty else { return }
        let figure = PanelFigure(
            title: "One trial of the selection, as in the paper's figure 3", subtitle: nil,
            caption:
                "Grey: every architecture of the subset; black staircase: the true Pareto front; red open circles: the predicted selection (Pareto set under the predicted metric); blue diamonds: the members kept after verification.",
            rows: Self.grid(panels, columns: 2), legend: nil)
        add(
            "fig4-trial", figure.document(), alt: "One trial",
            text: "One trial (trial 0 of the scenario) drawn like the paper's figure 3: " + description.joined(separator: "; ") + ".")
    }
}
