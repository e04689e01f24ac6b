// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// `hwnas-sim learn` and `calibrate --predictor` through the built binary.
@Suite struct LearnCommandTests {
    static let scenario = """
    name: learn-cli
    trials: 2
    data: {benchmark: nb201, pairs: [{dataset: cifar10, metric: edgegpu_latency}]}
    learning_curve: {train_samples: [11, 30], test_samples: 100, predictors: [linreg, lookup-table]}

    """

    @Test func learnWritesLearningCSVAndRunJSON() throws {
        let path = Fixtures.file("l.yaml", Self.scenario)
        let out = Fixtures.temporaryDirectory() + "/out"
        let r = try CLI.run(["learn", path, "--out", out, "--jobs", "2", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("cifar10/edgegpu_latency: Kendall tau"))
        let csv = try String(contentsOfFile: out + "/learning.csv", encoding: .utf8)
        #expect(csv.hasPrefix(LearningCSV.columns.joined(separator: ",") + "\n"))
        #expect(csv.split(separator: "\n").count == 1 + 3 * 5)
        #expect(FileManager.default.fileExists(atPath: out + "/run.json"))
        // --trials overrides the scenario's splits.
        let more = Fixtures.temporaryDirectory() + "/more"
        #expect(try CLI.run(["learn", path, "--out", more, "--trials", "3", "--quiet"]).status == 0)
        #expect(try LearningCSV.read(path: more + "/learning.csv").allSatisfy { $0.summary.n == 3 })
    }

    @Test func badInputExitsWithTwoAndWritesNothing() throws {
        let out = Fixtures.temporaryDirectory() + "/never"
        let study = Fixtures.file("s.yaml", "name: s\ndata: {benchmark: synthetic, size: 300, pairs: [{metric: latency}]}\nsubset_sizes: [100]\nnoise: {model: gaussian, levels: [0]}\n")
        let cases: [([String], String)] = [
            (["learn", study, "--out", out], "learning_curve: the scenario has no 'learning_curve' section"),
            (["learn", Fixtures.file("l.yaml", Self.scenario.replacingOccurrences(of: "linreg,", with: "gpp,")), "--out", out],
             "l.yaml:4:75: learning_curve.predictors[0]: unknown model 'gpp' (did you mean 'gp'?)"),
            (["calibrate", "--dataset", "cifar10", "--metric", "edgegpu_latency", "--predictor", "linreg"],
             "--train-samples: linreg trains on measured architectures: give --train-samples K"),
            (["calibrate", "--dataset", "cifar10", "--metric", "edgegpu_latency", "--predictor", "lin", "--train-samples", "5"],
             "--predictor: unknown model 'lin'"),
        ]
        for (arguments, message) in cases {
            let r = try CLI.run(arguments)
            #expect(r.status == 2, "\(arguments): status \(r.status), stderr \(r.stderr)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func calibratePrintsTheTauOfATrainedModelAndItsNoiseLevel() throws {
        let r = try CLI.run(["calibrate", "--dataset", "cifar10", "--metric", "edgegpu_latency", "--predictor", "linreg",
                             "--train-samples", "30", "--trials", "2", "--size", "200"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("cifar10/edgegpu_latency linreg at 30 training samples: Kendall tau mean"))
        #expect(r.stdout.contains("noise of the same tau: noise: {model: kendall-tau, levels: ["))
        #expect(r.stdout.contains("which realises Kendall tau mean"))
    }
}
