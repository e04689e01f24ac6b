// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// The rules that span sections (``Scenario/validate(_:_:sweepValues:)``): each section decodes
/// on its own, and the rule refuses the combination at the key that breaks it.
@Suite struct ScenarioValidationTests {
    static let head = "name: v\ndata: {benchmark: synthetic, size: 300, pairs: [{metric: latency}]}\n"
    static let budget = """
        subset_sizes: [100]
        predictors: {p: {train_samples: 20, kendall_tau: 0.6}}
        budget:
          seconds: [10]
          measurement: {setup_s: 1}
          strategies: [{name: m, measure: random}, {name: q, predictor: p}]

        """

    static func message(_ body: String) -> String { Fixtures.parseMessage(head + body) }

    @Test func aStrategyNamesADefinedPredictor() {
        let text = Self.budget.replacingOccurrences(of: "predictor: p}", with: "predictor: pp}")
        #expect(Self.message(text) == "s.yaml:8:65: budget.strategies[1].predictor: no predictor 'pp' in 'predictors' (did you mean 'p'?)")
    }

    @Test func decidingByRegretNeedsALimit() {
        let text = Self.budget.replacingOccurrences(of: "seconds: [10]", with: "seconds: [10]\n  decide_by: regret")
        #expect(Self.message(text) == "s.yaml:7:14: budget.decide_by: 'regret' needs a latency limit: add selection: {limit: L}")
        #expect(Self.message(text + "selection: {limit: 2}\n") == "no error")
    }

    @Test func aNoiseStudyHasNoPredictorsSection() {
        let text = "subset_sizes: [100]\nnoise: {model: gaussian, levels: [0]}\npredictors: {p: {train_samples: 20, kendall_tau: 0.6}}\n"
        #expect(
            Self.message(text)
                == "s.yaml:5:13: predictors: has no effect in a noise study: predictors serve the strategies of a 'budget' section (a trained noise study names its models in noise.predictor); remove it"
        )
    }

    @Test func aNoiseStudyNeedsItsNoiseAndABudgetStudyHasNone() {
        #expect(
            Self.message("subset_sizes: [100]\n")
                == "s.yaml:1:1: missing key 'noise' (a scenario without a 'budget' section studies noise levels)")
        #expect(
            Self.message(Self.budget + "noise: {model: gaussian, levels: [0]}\n").hasPrefix(
                "s.yaml:9:8: noise: `noise` has no effect in a budget study"))
    }

    @Test func aLearningCurveReadsNoOtherSection() {
        let lc = "learning_curve: {train_samples: [20], predictors: [linreg]}\n"
        #expect(Self.message(lc) == "no error")
        #expect(
            Self.message(lc + "subset_sizes: [100]\n").hasPrefix("s.yaml:4:15: subset_sizes: has no effect in a learning-curve scenario"))
    }

    @Test func trainedSizesFitTheSmallestSubset() {
        let text = "subset_sizes: [100, 50]\nnoise: {model: trained, predictor: linreg, levels: [20, 60]}\n"
        #expect(
            Self.message(text)
                == "s.yaml:4:57: noise.levels[1]: 60 training samples are more than the subset size 50: a trial trains on the first architectures of its subset (at most all of them)"
        )
        let own = "subset_sizes: [50]\nnoise: {model: trained, predictor: {model: ridge, train_samples: [80]}}\n"
        #expect(
            Self.message(own)
                == "s.yaml:4:36: noise.predictor: training size 80 is larger than the subset size 50: a trial trains on the first architectures of its subset"
        )
    }

    @Test func aSelectionNeedsABudget() {
        let text = "subset_sizes: [100]\nnoise: {model: gaussian, levels: [0]}\nselection: {limit: 2}\n"
        #expect(
            Self.message(text)
                == "s.yaml:5:12: selection: a latency-limited selection needs a 'budget' section (it scores the pick of each strategy)")
    }
}
