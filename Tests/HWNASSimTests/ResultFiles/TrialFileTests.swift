// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// `trial0.csv`: figure 4's trial, written at run time and read back unchanged.
@Suite struct TrialFileTests {
    static let study = """
        name: trial-file
        seed: 9
        trials: 3
        data:
          benchmark: synthetic
          size: 600
          pairs: [{metric: latency}, {metric: energy}]
        subset_sizes: [100, 400]
        noise: {model: gaussian, levels: [0.0, 0.3, 0.8]}

        """

    func expectEqual(_ a: TrialSelection, _ b: TrialSelection) {
        #expect(a.subset == b.subset && a.trueFront == b.trueFront && a.selected == b.selected && a.verified == b.verified)
        #expect(a.accuracy == b.accuracy && a.z == b.z && a.predicted == b.predicted && a.predictedAccuracy == b.predictedAccuracy)
        #expect(a.reference.accuracy == b.reference.accuracy && a.reference.metric == b.reference.metric)
    }

    /// Without the paper's pair the run draws its first pair, largest size and the level
    /// nearest 0.5; the file holds exactly the simulation's trial 0 there.
    @Test func theTrialReadBackIsTheSimulatedOne() throws {
        let out = Fixtures.temporaryDirectory("trial0")
        let path = Fixtures.file("s.yaml", Self.study)
        let report = try ScenarioRunner.run(path: path, options: RunOptions(outDirectory: out, jobs: 2, dataDirectory: "/nonexistent"))
        #expect(report.files == ["summary.csv", "headline.csv", "trial0.csv", "run.json"])
        let trial = try TrialFile.read(path: out + "/trial0.csv")
        #expect(trial.dataset == "synthetic" && trial.metric == "latency" && trial.subsetSize == 400 && trial.level == 0.3)
        #expect(!FigureTrialTarget.paper.matches(trial))
        // The simulation's own trial 0 of that pair and size, at level 0.3 (index 1).
        var scenario = try Scenario.load(path: path)[0]
        var loader = GroundTruthLoader(directory: "/nonexistent")
        let pairs = try loader.pairs(for: scenario)
        scenario.pairs = [scenario.pairs[0]]
        guard case .noiseStudy(var study) = scenario.experiment else {
            Issue.record("not a noise study")
            return
        }
        study.subsetSizes = [400]
        scenario.experiment = .noiseStudy(study)
        let cell = Study.cells(for: scenario, study: study, pairs: [pairs[0]])[0]
        expectEqual(trial.selection, Study.selections(cell: cell, trial: 0)[1])
        #expect(trial.selection.subset.count == 400 && !trial.selection.selected.isEmpty)
        // Writer → reader → writer gives the same bytes.
        let text = try String(contentsOfFile: out + "/trial0.csv", encoding: .utf8)
        #expect(TrialFile.text(trial) == text)
    }

    /// Shards carry the file like any cell table: a merged run has the same trial0.csv.
    @Test func shardsAndMergeKeepTheFile() throws {
        let root = Fixtures.temporaryDirectory("trial0-shards")
        let path = Fixtures.file("s.yaml", Self.study)
        _ = try ScenarioRunner.run(path: path, options: RunOptions(outDirectory: root + "/whole", jobs: 1, dataDirectory: "/nonexistent"))
        for k in 1...2 {
            _ = try ScenarioRunner.run(
                path: path,
                options: RunOptions(
                    outDirectory: root + "/s\(k)", jobs: 1, dataDirectory: "/nonexistent",
                    shard: try Shard("\(k)/2")))
        }
        _ = try Batch.merge([root + "/s1", root + "/s2"], out: root + "/merged")
        let whole = FileManager.default.contents(atPath: root + "/whole/trial0.csv")
        #expect(whole != nil && whole == FileManager.default.contents(atPath: root + "/merged/trial0.csv"))
    }

    /// A broken file is an error at its line and column.
    @Test func aBrokenFileIsLocated() throws {
        let good = TrialFile.text(
            FigureTrial(
                dataset: "d", metric: "m", subsetSize: 2, level: 0.5,
                selection: TrialSelection(
                    subset: [7, 3], trueFront: [1, 0], selected: [1], verified: [], accuracy: [0.5, 0.75], z: [-1, 1],
                    predicted: [-0.5, 1.5],
                    predictedAccuracy: [0.5, 0.75], reference: (0, 2))))
        let back = try TrialFile.read(path: Fixtures.file("t.csv", good))
        #expect(back.selection.trueFront == [1, 0] && back.selection.selected == [1] && back.selection.verified.isEmpty)
        let e = #expect(throws: InputError.self) {
            try TrialFile.read(path: Fixtures.file("t.csv", good.replacingOccurrences(of: ",0.75,", with: ",x,")))
        }
        #expect(e?.line == 3 && e?.key == "accuracy", "\(String(describing: e))")
    }
}
