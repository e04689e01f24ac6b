// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// `learning_curve: {target: accuracy}` with zero-cost proxies as estimators (issue 24).
@Suite struct ProxyLearningTests {
    /// The rows of a learning run of `text`: (dataset, predictor, measure) → mean.
    static func run(_ text: String) throws -> [String: Double] {
        let out = Fixtures.temporaryDirectory("proxy")
        _ = try ScenarioRunner.run(
            path: Fixtures.file("s.yaml", text),
            options: RunOptions(outDirectory: out, jobs: 2, dataDirectory: Fixtures.dataDirectory))
        let csv = try CSVTable(contentsOf: out + "/learning.csv")
        let c = try ["dataset", "predictor", "measure", "mean", "n"].map { try csv.column($0, role: $0) }
        var out2: [String: Double] = [:]
        for r in 0..<csv.rowCount { out2["\(csv[r, c[0]])/\(csv[r, c[1]])/\(csv[r, c[2]])"] = Double(csv[r, c[3]]) ?? .nan }
        return out2
    }

    static func scenario(pairs: [String], predictors: String, test: String = "all") -> String {
        """
        name: proxies
        seed: 1
        trials: 1
        data:
          benchmark: nb201
          pairs: [\(pairs.map { "{dataset: \($0), metric: test_acc}" }.joined(separator: ", "))]
        learning_curve:
          target: accuracy
          test_samples: \(test)
          predictors: \(predictors)
        """
    }

    /// Data README §7: Kendall 0.530, Spearman 0.694 over the 15,284 scored CIFAR-10 architectures.
    @Test func naswotMatchesThePublishedCorrelations() throws {
        let m = try Self.run(Self.scenario(pairs: ["cifar10"], predictors: "[{model: proxy, column: naswot_score}]"))
        let tau = try #require(m["cifar10/proxy:naswot_score/kendall_tau"])
        let rho = try #require(m["cifar10/proxy:naswot_score/spearman"])
        #expect(abs(tau - 0.530) < 0.005, "\(tau)")
        #expect(abs(rho - 0.694) < 0.005, "\(rho)")
        #expect(m["cifar10/proxy:naswot_score/rmse"].map(\.isNaN) ?? true)  // not in accuracy's units
    }

    /// Data README §8: `nwot` Spearman 0.799 / 0.815 / 0.796 on the Suite-Zero subsets.
    @Test func suiteZeroNwotMatchesOnEachDataset() throws {
        let m = try Self.run(
            Self.scenario(pairs: ["cifar10", "cifar100", "ImageNet16-120"], predictors: "[{model: proxy, column: nwot}]"))
        for (d, want) in [("cifar10", 0.799), ("cifar100", 0.815), ("ImageNet16-120", 0.796)] {
            let rho = try #require(m["\(d)/proxy:nwot/spearman"])
            #expect(abs(rho - want) < 0.001, "\(d): \(rho)")
        }
    }

    /// `map: monotone`: an isotonic map fitted on the training sample, scored in accuracy's
    /// units (finite RMSE, where the raw proxy has none), ranking like the raw proxy up to ties.
    @Test func monotoneMapGivesErrorsInAccuracyUnits() throws {
        let text =
            Self.scenario(
                pairs: ["cifar10"],
                predictors: "[{model: proxy, column: naswot_score}, {model: proxy, column: naswot_score, map: monotone}]",
                test: "625") + "\n  train_samples: [2, 25, 1000]\n"
        let out = Fixtures.temporaryDirectory("proxy")
        _ = try ScenarioRunner.run(
            path: Fixtures.file("s.yaml", text), options: RunOptions(outDirectory: out, jobs: 2, dataDirectory: Fixtures.dataDirectory))
        let csv = try CSVTable(contentsOf: out + "/learning.csv")
        let c = try ["predictor", "train_samples", "measure", "mean"].map { try csv.column($0, role: $0) }
        var m: [String: Double] = [:]
        for r in 0..<csv.rowCount { m["\(csv[r, c[0]])/\(csv[r, c[1]])/\(csv[r, c[2]])"] = Double(csv[r, c[3]]) ?? .nan }
        #expect(m["proxy:naswot_score/0/rmse"].map(\.isNaN) ?? false)
        let raw = try #require(m["proxy:naswot_score/0/kendall_tau"])
        var rmse: [Double] = []
        for k in [2, 25, 1000] {
            let e = try #require(m["proxy:naswot_score:monotone/\(k)/rmse"])
            let tau = try #require(m["proxy:naswot_score:monotone/\(k)/kendall_tau"])
            #expect(e.isFinite && e > 0 && e < 30, "size \(k): rmse \(e)")  // accuracy points
            // The same order up to plateaus (ties), which move tau-b either way, a little.
            #expect(abs(tau - raw) < 0.1, "size \(k): tau \(tau) against the raw proxy's \(raw)")
            rmse.append(e)
        }
        #expect(rmse[2] < rmse[0], "\(rmse)")  // more trained architectures, a better map
        // `map: rank` is the default: the same spec, name and hash as without it.
        let explicit = try ModelSpec.parse(model: "proxy", options: ["column": .text("nwot"), "map": .text("rank")])
        #expect(explicit == (try ModelSpec.parse(model: "proxy", options: ["column": .text("nwot")])))
        #expect(explicit.ownTrainingSize(encoding: nil) == 0)
        let monotone = try ModelSpec.parse(model: "proxy", options: ["column": .text("nwot"), "map": .text("monotone")])
        #expect(monotone.name == "proxy:nwot:monotone" && monotone.ownTrainingSize(encoding: nil) == nil)
    }

    /// The estimator itself on a hand-made table: monotone, exact at its training points.
    @Test func monotoneEstimatorIsExactOnAHandMadeTable() throws {
        var e = ProxyEstimator(column: "p", map: .monotone)
        let train = FeatureMatrix(rows: 4, columns: 1, values: [10, 20, 30, 40])
        try e.fit(train, [70, 90, 80, 95], stream: RandomStream(key: 1))
        #expect(e.predict(train) == [70, 85, 85, 95])
        #expect(e.predict(FeatureMatrix(rows: 4, columns: 1, values: [5, 25, 39, 1000])) == [70, 85, 85, 95])
        #expect(e.minimumTrainingSize == 2 && e.maximumTrainingSize == nil)
        #expect(throws: InputError.self) { try e.fit(FeatureMatrix(rows: 1, columns: 1, values: [1]), [50], stream: RandomStream(key: 1)) }
    }

    @Test func proxyLoadingFollowsTheTable() throws {
        var table = try MetricTable.loadNB201(dataset: "cifar100", directory: Fixtures.dataDirectory)
        let naswot = try ProxyColumn.load("naswot_score", table: &table, directory: Fixtures.dataDirectory, key: "k")
        #expect(naswot.covered == 15284)
        #expect(naswot.scores[0] == -776.4428597251838)
        #expect(naswot.note?.contains("CIFAR-10 images") == true)
        let nwot = try ProxyColumn.load("nwot", table: &table, directory: Fixtures.dataDirectory, key: "k")
        #expect(nwot.covered == 724)  // 725 architectures, 8274 without a score
        #expect(nwot.scores[8274].isNaN && nwot.seconds?[8274].isFinite == true)
        #expect(nwot.note == nil)
    }

    @Test func badInputNamesTheKey() throws {
        func message(_ text: String) -> String {
            let out = Fixtures.temporaryDirectory("proxy")
            do {
                _ = try RunPlan.make(
                    path: Fixtures.file("s.yaml", text),
                    options: RunOptions(outDirectory: out, jobs: 1, dataDirectory: Fixtures.dataDirectory))
                return "no error"
            } catch { return "\(error)" }
        }
        #expect(
            message(Self.scenario(pairs: ["cifar10"], predictors: "[{model: proxy, column: nwot}]", test: "1000"))
                .contains("learning_curve.predictors[0].column: proxy 'nwot' scores 724 of the 15625 architectures"))
        #expect(
            message(Self.scenario(pairs: ["cifar10"], predictors: "[{model: proxy, column: nowt}]"))
                .contains("unknown proxy 'nowt'"))
        #expect(message(Self.scenario(pairs: ["cifar10"], predictors: "[{model: proxy}]")).contains("proxy needs column: NAME"))
        #expect(
            message(Self.scenario(pairs: ["cifar10"], predictors: "[{model: proxy, column: nwot, map: isotone}]"))
                .contains("learning_curve.predictors[0].map: proxy: unknown map 'isotone'"))
        #expect(
            message(Self.scenario(pairs: ["cifar10"], predictors: "[{model: linreg, map: monotone}]"))
                .contains("linreg has no option 'map'"))
        let metricTarget = Self.scenario(pairs: ["cifar10"], predictors: "[{model: proxy, column: nwot}]")
            .replacingOccurrences(of: "target: accuracy", with: "target: metric")
        #expect(message(metricTarget).contains("a proxy estimates accuracy: set learning_curve.target: accuracy"))
        let latency = Self.scenario(pairs: ["cifar10"], predictors: "[linreg]").replacingOccurrences(of: "test_acc", with: "raspi4_latency")
        #expect(message(latency).contains("data.pairs[0].metric: learning_curve.target: accuracy scores test accuracy"))
    }
}
