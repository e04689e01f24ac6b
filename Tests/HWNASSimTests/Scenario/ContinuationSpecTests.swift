// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

@Suite struct ContinuationSpecTests {
    /// A budget scenario whose one strategy is `{name: s, predictor: p, STRATEGY}`.
    static func scenario(_ strategy: String) -> String {
        """
        name: w
        trials: 2
        data: {benchmark: synthetic, size: 300, pairs: [{metric: latency}]}
        subset_sizes: [100]
        budget:
          seconds: [60]
          measurement: {noise_relative_sd: 0.02}
          strategies:
            - {name: s, predictor: p, \(strategy)}
        predictors:
          p: {train_samples: 10, kendall_tau: {10: 0.5}}

        """
    }

    static func then(_ strategy: String) throws -> Continuation {
        try Scenario.parse(scenario(strategy), file: "s.yaml")[0].budgetStudy!.budget.strategies[0].then
    }

    @Test func decodesEachContinuationWithItsDefaults() throws {
        #expect(try Self.then("verify: iterate") == .optimistic(kappa: 2))
        #expect(try Self.then("verify: iterate, then: stop") == .stop)
        #expect(try Self.then("verify: iterate, then: random") == .random)
        #expect(try Self.then("verify: iterate, then: optimistic") == .optimistic(kappa: 2))
        #expect(try Self.then("verify: iterate, then: optimistic, kappa: 1.5") == .optimistic(kappa: 1.5))
        #expect(try Self.then("verify: iterate, then: ehvi") == .ehvi(batch: 10))
        #expect(try Self.then("verify: iterate, then: ehvi, batch: 3") == .ehvi(batch: 3))
    }

    /// Bad input names the file, line, key and what was expected.
    @Test func badContinuationsAreErrorsAtTheirKey() {
        func message(_ s: String) -> String { Fixtures.parseMessage(Self.scenario(s)) }
        #expect(
            message("verify: selected, then: ehvi")
                == "s.yaml:9:55: budget.strategies[0].then: 'then: ehvi' continues a converged 'verify: iterate' search: this strategy has verify: selected"
        )
        #expect(
            message("then: random").contains("budget.strategies[0].then: 'then: random' continues a converged 'verify: iterate' search"))
        #expect(
            message("verify: iterate, then: optimistic, kappa: 0").hasSuffix(
                "budget.strategies[0].kappa: expected kappa > 0 (σ below the prediction), found 0.0"))
        #expect(message("verify: iterate, then: optimistic, kappa: -1").contains(":9:"))
        #expect(
            message("verify: iterate, then: ehvi, batch: 0").hasSuffix(
                "budget.strategies[0].batch: expected a batch of at least 1, found 0"))
        #expect(
            message("verify: iterate, then: ehvi, kappa: 2").hasSuffix(
                "budget.strategies[0].kappa: 'kappa' belongs to 'then: optimistic', not 'ehvi'"))
        #expect(
            message("verify: iterate, batch: 2").hasSuffix(
                "budget.strategies[0].batch: 'batch' needs 'then:' (optimistic: kappa; ehvi: batch)"))
        #expect(message("verify: iterate, then: ehvy").contains("unknown 'then: ehvy'"))
    }

    /// `stop` leaves the manifest's strategy line as it was; a continuation adds to it.
    @Test func theManifestLineChangesOnlyForAContinuation() throws {
        let stop = try Scenario.parse(Self.scenario("verify: iterate, then: stop"), file: "s.yaml")[0]
        let ehvi = try Scenario.parse(Self.scenario("verify: iterate, then: ehvi, batch: 4"), file: "s.yaml")[0]
        #expect(stop.canonicalText(tableChecksums: []).contains("strategy=s predictor:p verify=iterate\n"))
        // A continuing strategy re-measures twice by default under noise: the manifest says so.
        #expect(ehvi.canonicalText(tableChecksums: []).contains("strategy=s predictor:p verify=iterate then=ehvi batch=4 remeasure=2\n"))
    }
}
