// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import HWNASSimTestSupport
import Testing

@testable import HWNASSim

/// A name of the top-level `predictors:` means the same predictor in a learning curve as in a
/// budget; `trials` on a budget predictor is refused where it would change nothing.
@Suite struct LearningCurveNamedPredictorTests {
    static func learning(_ list: String, _ predictors: String) -> String {
        """
        name: lc
        trials: 2
        data:
          benchmark: nb201
          pairs: [{dataset: ImageNet16-120, metric: raspi4_latency}]
        learning_curve:
          train_samples: [11, 124]
          test_samples: 100
          predictors: \(list)
        predictors:
        \(predictors)

        """
    }

    static func spec(_ text: String) throws -> LearningCurveSpec {
        guard case .learningCurve(let spec) = try Scenario.parse(text, file: "s.yaml")[0].experiment else {
            throw InputError("not a learning curve")
        }
        return spec
    }

    @Test func aNamedPredictorIsItsModelOptionsAndTrainingSize() throws {
        let spec = try Self.spec(
            Self.learning("[linreg, my-ridge]", "  my-ridge: {model: ridge, train_samples: 124, alpha: 3.5, trials: 1}"))
        #expect(spec.predictors.map(\.name) == ["linreg", "my-ridge"])
        #expect(spec.predictors[1].model == .ridge && spec.predictors[1].options["alpha"] == .number(3.5))
        #expect(spec.predictors[1].trials == 1 && spec.trials(of: spec.predictors[1], scenarioTrials: 2) == 1)
        #expect(spec.sizes(of: 0) == [11, 124] && spec.sizes(of: 1) == [124])
        // Without train_samples (the lookup table's cells), the curve's sizes.
        let lut = try Self.spec(Self.learning("[lut]", "  lut: {model: lookup-table}"))
        #expect(lut.predictors[0].model == .lookupTable && lut.predictors[0].name == "lut" && lut.predictorSizes == [nil])
    }

    @Test func misleadingNamedPredictorsAreRefused() {
        let synthetic = Fixtures.parseMessage(Self.learning("[p]", "  p: {train_samples: 10, kendall_tau: 0.5}"))
        #expect(synthetic.hasPrefix("s.yaml:9:16: learning_curve.predictors[0]: predictor 'p' is synthetic"), "\(synthetic)")
        let unused = Fixtures.parseMessage(Self.learning("[linreg]", "  r: {model: ridge, train_samples: 124}"))
        #expect(unused.hasPrefix("s.yaml:11:6: predictors.r: predictor 'r' is not listed in learning_curve.predictors"), "\(unused)")
        let cost = Fixtures.parseMessage(Self.learning("[r]", "  r: {model: ridge, train_samples: 124, query_s: 0.1}"))
        #expect(cost.contains("predictors.r.query_s: has no effect in a learning curve"), "\(cost)")
    }

    @Test func aNamedPredictorRunsUnderItsName() throws {
        let out = Fixtures.temporaryDirectory("lc-named")
        let path = Fixtures.file("lc.yaml", Self.learning("[linreg, my-ridge]", "  my-ridge: {model: ridge, train_samples: 124}"))
        _ = try ScenarioRunner.run(
            path: path, kind: .learningCurve, options: RunOptions(outDirectory: out, jobs: 1, dataDirectory: Fixtures.dataDirectory))
        let rows = try String(contentsOfFile: out + "/learning.csv", encoding: .utf8).split(separator: "\n")
        let named = rows.filter { $0.contains(",my-ridge,") }
        #expect(!named.isEmpty && named.allSatisfy { $0.contains(",my-ridge,124,") }, "\(named)")
    }

    static let budget = """
        name: b
        trials: 2
        data: {benchmark: synthetic, size: 300, pairs: [{metric: latency}]}
        subset_sizes: [300]
        budget:
          seconds: [60]
          measurement: {setup_s: 1}
          strategies: [{name: m, measure: random}, {name: q, predictor: r}]
        predictors:
          r: {model: ridge, train_samples: 20, trials: 3}

        """

    @Test func trialsOnABudgetPredictorNeedsABorrower() {
        let refused = Fixtures.parseMessage(Self.budget)
        #expect(refused.hasPrefix("s.yaml:10:48: predictors.r.trials: has no effect here"), "\(refused)")
        let borrowed =
            Self.budget.replacingOccurrences(
                of: "predictor: r}]", with: "predictor: r}, {name: s, predictor: s}]"
            ) + "  s: {train_samples: 20, kendall_tau: {from: r}}\n"
        #expect(Fixtures.parseMessage(borrowed) == "no error")
    }
}
