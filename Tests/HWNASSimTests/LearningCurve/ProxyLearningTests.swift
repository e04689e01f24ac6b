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
        let metricTarget = Self.scenario(pairs: ["cifar10"], predictors: "[{model: proxy, column: nwot}]")
            .replacingOccurrences(of: "target: accuracy", with: "target: metric")
        #expect(message(metricTarget).contains("a proxy estimates accuracy: set learning_curve.target: accuracy"))
        let latency = Self.scenario(pairs: ["cifar10"], predictors: "[linreg]").replacingOccurrences(of: "test_acc", with: "raspi4_latency")
        #expect(message(latency).contains("data.pairs[0].metric: learning_curve.target: accuracy scores test accuracy"))
    }
}
