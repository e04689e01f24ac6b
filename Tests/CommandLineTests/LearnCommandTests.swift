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
        #expect(csv.hasPrefix("dataset,metric,predictor,train_samples,measure,n,mean,sd,se,ci95_low,ci95_high,median,q25,q75\n"))
        #expect(csv.split(separator: "\n").count == 1 + 3 * 5)
        #expect(FileManager.default.fileExists(atPath: out + "/run.json"))
        // --trials overrides the scenario's splits.
        let more = Fixtures.temporaryDirectory() + "/more"
        #expect(try CLI.run(["learn", path, "--out", more, "--trials", "3", "--quiet"]).status == 0)
        #expect(try LearningFile.read(path: more + "/learning.csv").allSatisfy { $0.summary.n == 3 })
    }

    @Test func badInputExitsWithTwoAndWritesNothing() throws {
        let out = Fixtures.temporaryDirectory() + "/never"
        let study = Fixtures.file(
            "s.yaml",
            "name: s\ndata: {benchmark: synthetic, size: 300, pairs: [{metric: latency}]}\nsubset_sizes: [100]\nnoise: {model: gaussian, levels: [0]}\n"
        )
        let cases: [([String], String)] = [
            (["learn", study, "--out", out], "learning_curve: the scenario has no 'learning_curve' section"),
            (
                ["learn", Fixtures.file("l.yaml", Self.scenario.replacingOccurrences(of: "linreg,", with: "gpp,")), "--out", out],
                "l.yaml:4:75: learning_curve.predictors[0]: unknown model 'gpp' (did you mean 'gp'?)"
            ),
            (
                ["calibrate", "--dataset", "cifar10", "--metric", "edgegpu_latency", "--predictor", "linreg"],
                "--train-samples: linreg trains on measured architectures: give --train-samples K"
            ),
            (
                ["calibrate", "--dataset", "cifar10", "--metric", "edgegpu_latency", "--predictor", "lin", "--train-samples", "5"],
                "--predictor: unknown model 'lin'"
            )
        ]
        for (arguments, message) in cases {
            let r = try CLI.run(arguments)
            #expect(r.status == 2, "\(arguments): status \(r.status), stderr \(r.stderr)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// The list of bad learning-curve input, through the binary: exit status 2, the
    /// scenario's file, line and key in the message, no output folder.
    @Test func badLearningCurvesNameFileLineAndKey() throws {
        let dir = Fixtures.temporaryDirectory()
        try "id,f1,lat\na,1,2\nb,x,3\nc,2,4\n".write(toFile: dir + "/t.csv", atomically: true, encoding: .utf8)
        let nb201 = "data: {benchmark: nb201, pairs: [{dataset: cifar10, metric: edgegpu_latency}]}"
        let cases: [(name: String, data: String, curve: String, place: String, message: String)] = [
            (
                "unknown option", nb201, "{train_samples: [11], predictors: [{model: ridge, alfa: 1}]}",
                "l.yaml:4:", "learning_curve.predictors[0].alfa: ridge has no option 'alfa' (did you mean 'alpha'?)"
            ),
            (
                "option of the wrong type", nb201, "{train_samples: [11], predictors: [{model: mlp, hidden: 8}]}",
                "l.yaml:4:", "learning_curve.predictors[0].hidden: mlp: hidden must be a list of integers"
            ),
            (
                "train_samples at the table's size", nb201, "{train_samples: [15625], predictors: [linreg]}",
                "l.yaml:4:",
                "learning_curve.train_samples[0]: 15625 training samples: cifar10/edgegpu_latency has 15625 architectures with a value; expected fewer"
            ),
            (
                "transfer from the target", nb201, "{train_samples: [11], predictors: [{model: transfer, source: [edgegpu_latency]}]}",
                "l.yaml:4:", "learning_curve.predictors[0].source[0]: transfer: source 'edgegpu_latency' is the target itself"
            ),
            (
                "without predictors", nb201, "{train_samples: [11]}",
                "l.yaml:4:", "learning_curve: missing key 'predictors'"
            ),
            (
                "missing feature column", "data: {benchmark: csv, file: t.csv, features: [f2], pairs: [{metric: lat}]}",
                "{train_samples: [1], test_samples: 2, predictors: [linreg]}", "l.yaml:3:", "data.features[0]: t.csv has no column 'f2'"
            ),
            (
                "non-numeric feature column", "data: {benchmark: csv, file: t.csv, features: [f1], pairs: [{metric: lat}]}",
                "{train_samples: [1], test_samples: 2, predictors: [linreg]}", "t.csv:3:", "f1: 'x' is not a number"
            ),
            (
                "lookup table on FBNet's sample", "data: {benchmark: fbnet, pairs: [{metric: pixel3_latency}]}",
                "{train_samples: [11], predictors: [lookup-table]}", "l.yaml:4:",
                "learning_curve.predictors[0]: lookup-table needs 177 measured architectures (the base 0-0-0-0-0-0-0-0-0-0-0-0-0-0-0-0-0-0-0-0-0-0 and its 176 single-slot substitutions)"
            )
        ]
        for c in cases {
            let path = dir + "/l.yaml"
            try "name: bad\ntrials: 1\n\(c.data)\nlearning_curve: \(c.curve)\n".write(toFile: path, atomically: true, encoding: .utf8)
            let out = dir + "/never"
            let r = try CLI.run(["learn", path, "--out", out, "--quiet"])
            #expect(r.status == 2, "\(c.name): status \(r.status), stderr \(r.stderr)")
            #expect(r.stderr.contains(c.place) && r.stderr.contains(c.message), "\(c.name): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out), "\(c.name): wrote \(out)")
        }
    }

    @Test func calibratePrintsTheTauOfATrainedModelAndItsNoiseLevel() throws {
        let r = try CLI.run([
            "calibrate", "--dataset", "cifar10", "--metric", "edgegpu_latency", "--predictor", "linreg",
            "--train-samples", "30", "--trials", "2", "--size", "200"
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("cifar10/edgegpu_latency linreg at 30 training samples: Kendall tau mean"))
        #expect(r.stdout.contains("noise of the same tau: noise: {model: kendall-tau, levels: ["))
        #expect(r.stdout.contains("which realises Kendall tau mean"))
    }
}
