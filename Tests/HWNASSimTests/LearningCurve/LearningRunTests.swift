// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// Learning-curve scenarios: their errors (message, file, line, key), and `learn`'s output,
/// byte-identical whatever the workers, shards or resuming.
@Suite struct LearningRunTests {
    static let scenario = """
        name: learn-small
        seed: 2
        trials: 3
        data:
          benchmark: nb201
          pairs:
            - {dataset: ImageNet16-120, metric: raspi4_latency}
            - {dataset: cifar10, metric: edgegpu_latency}
        learning_curve:
          train_samples: [11, 55]
          test_samples: 200
          predictors:
            - lookup-table
            - flops
            - linreg
            - {model: ridge, selection: loo}
            - {model: mlp, trials: 2, epochs: 3, hidden: [8]}
            - {model: transfer, source: [pixel3_latency, gold_6226_latency]}

        """

    func run(_ dir: String, jobs: Int = 1, shard: String? = nil, scenario: String = Self.scenario, path: String? = nil) throws -> RunReport
    {
        try ScenarioRunner.run(
            path: path ?? Fixtures.file("s.yaml", scenario),
            options: RunOptions(
                outDirectory: dir, jobs: jobs, dataDirectory: Fixtures.dataDirectory,
                shard: try shard.map(Shard.init)))
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func learningCSVHasItsColumnsAndARowPerPairPredictorSizeMeasure() throws {
        let dir = Fixtures.temporaryDirectory()
        let report = try run(dir)
        #expect(report.files == ["learning.csv", "run.json"])
        let lines = try text(dir + "/learning.csv").split(separator: "\n")
        #expect(lines[0] == "dataset,metric,predictor,train_samples,measure,n,mean,sd,se,ci95_low,ci95_high,median,q25,q75")
        let rows = try LearningFile.read(path: dir + "/learning.csv")
        // 2 pairs × (LUT 1 + FLOPs 1 + linreg 2 + ridge 2 + mlp 2 + transfer 1 sizes) × 5 measures
        #expect(rows.count == 2 * 9 * 5)
        #expect(Set(rows.filter { $0.predictor == "lookup-table" }.map(\.trainSamples)) == [25])
        #expect(Set(rows.filter { $0.predictor == "flops" }.map(\.trainSamples)) == [0])
        #expect(Set(rows.filter { $0.predictor == "transfer" }.map(\.trainSamples)) == [10])
        #expect(rows.filter { $0.predictor == "mlp" }.allSatisfy { $0.summary.n <= 2 })
        #expect(rows.filter { $0.predictor == "linreg" && $0.measure == "kendall_tau" }.allSatisfy { $0.summary.n == 3 })
        guard case .learning(let reported) = report.outcome else {
            Issue.record("not a learning run: \(report.outcome)")
            return
        }
        #expect(reported.count == rows.count && LearningFile.text(reported) == LearningFile.text(rows))  // NaN ≠ NaN: compare as written
    }

    @Test func outputIsTheSameWhateverJobsShardsOrResuming() throws {
        let path = Fixtures.file("s.yaml", Self.scenario)
        let one = Fixtures.temporaryDirectory()
        _ = try run(one, jobs: 1, path: path)
        let reference = try text(one + "/learning.csv")
        let two = Fixtures.temporaryDirectory()
        _ = try run(two, jobs: 2, path: path)
        #expect(try text(two + "/learning.csv") == reference)
        // Shards, then merge.
        let a = Fixtures.temporaryDirectory(), b = Fixtures.temporaryDirectory()
        let first = try run(a, jobs: 2, shard: "1/2", path: path)
        #expect(!FileManager.default.fileExists(atPath: a + "/learning.csv"))
        #expect(first.cellsRun == 6)
        _ = try run(b, shard: "2/2", path: path)
        let merged = Fixtures.temporaryDirectory() + "/merged"
        _ = try Batch.merge([a, b], out: merged)
        #expect(try text(merged + "/learning.csv") == reference)
        // Resume: a removed cell is run again, the others are skipped.
        let cell = try #require(
            try FileManager.default.contentsOfDirectory(atPath: one + "/cells").sorted().first { $0.hasSuffix(".done") })
        try FileManager.default.removeItem(atPath: one + "/cells/" + cell)
        let resumed = try run(one, path: path)
        #expect(resumed.cellsRun == 1 && resumed.cellsSkipped == 11)
        #expect(try text(one + "/learning.csv") == reference)
    }

    @Test func aSizeThatDoesNotFitIsSkippedWithANote() throws {
        let s = Self.scenario.replacingOccurrences(of: "train_samples: [11, 55]", with: "train_samples: [11, 15500]")
            .replacingOccurrences(of: "test_samples: 200", with: "test_samples: 625")
        let plan = try RunPlan.make(path: Fixtures.file("s.yaml", s), options: RunOptions(dataDirectory: Fixtures.dataDirectory))
        #expect(
            plan.notes.contains(
                "ImageNet16-120/raspi4_latency: linreg at 15500 samples skipped: with 625 test architectures it needs 16125, ImageNet16-120/raspi4_latency has 15625"
            ))
    }

    /// Each broken scenario's exact message and place; nothing is written.
    @Test(
        arguments: [
            (
                "unknown model", "    - linreg\n", "    - linreeg\n",
                "s.yaml:15:7: learning_curve.predictors[2]: unknown model 'linreeg' (did you mean 'linreg'?); expected one of lookup-table, linreg, ridge, gp, mlp, flops, params, transfer, proxy"
            ),
            (
                "unknown option", "{model: ridge, selection: loo}", "{model: ridge, selektion: loo}",
                "s.yaml:16:33: learning_curve.predictors[3].selektion: ridge has no option 'selektion' (did you mean 'selection'?); its options: alpha, selection, standardize, trials"
            ),
            (
                "wrong type", "epochs: 3,", "epochs: many,",
                "s.yaml:17:39: learning_curve.predictors[4].epochs: mlp: epochs must be an integer"
            ),
            (
                "size at least the table", "train_samples: [11, 55]", "train_samples: [11, 15625]",
                "s.yaml:10:23: learning_curve.train_samples[1]: 15625 training samples: ImageNet16-120/raspi4_latency has 15625 architectures with a value; expected fewer"
            ),
            (
                "transfer onto itself", "source: [pixel3_latency, gold_6226_latency]", "source: [pixel3_latency, raspi4_latency]",
                "s.yaml:18:50: learning_curve.predictors[5].source[1]: transfer: source 'raspi4_latency' is the target itself; list other devices' columns"
            ),
            (
                "no predictors", "  predictors:\n", "  predictorz:\n",
                "s.yaml:12:3: learning_curve.predictorz: unknown key (did you mean 'predictors'?); expected one of: train_samples, test_samples, predictors, measurement_noise"
            ),
            (
                "noise has no effect", "learning_curve:", "noise: {model: gaussian, levels: [0]}\nlearning_curve:",
                "s.yaml:9:8: noise: has no effect in a learning-curve scenario"
            )
        ] as [(String, String, String, String)])
    func brokenScenario(_ name: String, _ find: String, _ replace: String, _ message: String) throws {
        let s = Self.scenario.replacingOccurrences(of: find, with: replace)
        #expect(s != Self.scenario, "\(name): edit not applied")
        let dir = Fixtures.temporaryDirectory() + "/never"
        let e = #expect(throws: InputError.self, "\(name)") { _ = try run(dir, scenario: s) }
        let text = e.map { "\($0)" } ?? ""
        #expect(text.hasSuffix(message) || text.contains(message), "\(name): \(text)")
        #expect(!FileManager.default.fileExists(atPath: dir), "\(name)")
    }

    @Test func aLearningCurveWithoutPredictorsIsAnError() {
        let s = Self.scenario.components(separatedBy: "  predictors:")[0]
        #expect(Fixtures.parseMessage(s).hasPrefix("s.yaml:10:3: learning_curve: missing key 'predictors'"))
        let empty = Self.scenario.components(separatedBy: "  predictors:")[0] + "  predictors: []\n"
        #expect(
            Fixtures.parseMessage(empty) == "s.yaml:12:15: learning_curve.predictors: expected at least one predictor, found an empty list")
    }

    @Test func fbnetIsAcceptedForLearningCurvesOnly() throws {
        let s = """
            name: fb
            trials: 2
            data: {benchmark: fbnet, pairs: [{metric: pixel3_latency}]}
            learning_curve: {train_samples: [50], test_samples: 100, predictors: [linreg, ridge]}

            """
        let dir = Fixtures.temporaryDirectory()
        _ = try run(dir, scenario: s)
        let rows = try LearningFile.read(path: dir + "/learning.csv")
        #expect(Set(rows.map(\.predictor)) == ["linreg", "ridge"])
        #expect(rows.filter { $0.measure == "kendall_tau" }.allSatisfy { $0.summary.n == 2 && $0.summary.mean > 0 })
        let selection =
            "name: fb\ndata: {benchmark: fbnet, pairs: [{metric: pixel3_latency}]}\nsubset_sizes: [100]\nnoise: {model: gaussian, levels: [0]}\n"
        #expect(Fixtures.parseMessage(selection).contains("the FBNet table has no accuracy"))
    }

    @Test func csvTablesTakeFeatureColumnsOrEncodedArchitectures() throws {
        let dir = Fixtures.temporaryDirectory()
        let archs = NB201OneHotEncoding.allChoices.prefix(300).map(NB201OneHotEncoding().archString)
        var lines = ["id,arch,f1,f2,lat"]
        for (i, a) in archs.enumerated() { lines.append("a\(i),\(a),\(i % 7),\(Double(i % 11) / 3),\(1 + Double((i * 37) % 101) / 10)") }
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir + "/t.csv", atomically: true, encoding: .utf8)
        func scenario(_ data: String) -> String {
            "name: c\ntrials: 2\ndata: {benchmark: csv, file: t.csv, \(data), pairs: [{metric: lat}]}\nlearning_curve: {train_samples: [20], test_samples: 50, predictors: [linreg]}\n"
        }
        for data in ["features: [f1, f2]", "arch_column: arch, encoding: nb201"] {
            let path = dir + "/s.yaml"
            try scenario(data).write(toFile: path, atomically: true, encoding: .utf8)
            let out = Fixtures.temporaryDirectory()
            _ = try run(out, path: path)
            #expect(try LearningFile.read(path: out + "/learning.csv").count == 5, "\(data)")
        }
        let cases = [
            (
                "features: [f1, f3]",
                "s.yaml:3:52: data.features[1]: t.csv has no column 'f3' (did you mean 'f1'?); it has: id, arch, f1, f2, lat"
            ),
            ("features: [f1, arch]", "t.csv:2:2: arch: '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|' is not a number"),
            (
                "arch_column: arch, encoding: fbnet",
                "t.csv:2: arch: cannot read '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|' as a fbnet architecture: expected 22 block choices joined by '-' (such as 0-8-3-…), found 1"
            ),
            (
                "arch_column: f1",
                "t.csv:2: f1: cannot read '0' as a nb201 architecture: expected 3 nodes separated by '+' (|op~0|+|op~0|op~1|+|op~0|op~1|op~2|), found 1"
            )
        ]
        for (data, message) in cases {
            let path = dir + "/s.yaml"
            try scenario(data).write(toFile: path, atomically: true, encoding: .utf8)
            let e = #expect(throws: InputError.self, "\(data)") { _ = try run(Fixtures.temporaryDirectory() + "/never", path: path) }
            let text = e.map { "\($0)" } ?? ""
            #expect(text.hasSuffix(message), "\(data): \(text)")
        }
    }

    @Test func everyKeyOfTheLearningScenariosIsInTheSchema() throws {
        for file in [
            "Scenarios/predictors/paper-table3.yaml", "Scenarios/predictors/linreg-curves.yaml", "Scenarios/predictors/mlp-large-batch.yaml"
        ] {
            _ = try RunPlan.make(path: Fixtures.packageRoot + "/" + file, options: RunOptions(dataDirectory: Fixtures.dataDirectory))
            let text = try String(contentsOfFile: Fixtures.packageRoot + "/" + file, encoding: .utf8)
            var marks: [String: SourceMark] = [:]
            Scenario.collectMarks(try YAMLValue.parse(text, file: file).node, path: "", into: &marks)
            for key in marks.keys where !key.hasSuffix("]") {
                #expect(ScenarioSchema.keyPaths.contains(ScenarioSchema.normalise(key)), "\(file): \(key)")
            }
        }
    }
}
