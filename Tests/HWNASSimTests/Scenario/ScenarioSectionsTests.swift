// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// Each section's decoding function on its own section, without the rest of a scenario.
@Suite struct ScenarioSectionsTests {
    /// Section `key` of a one-section file.
    static func section(_ key: String, _ yaml: String) throws -> YAMLValue {
        let root = try YAMLValue.parse("\(key): \(yaml)\n", file: "s.yaml")
        return try root.mapping(allowed: [key])[key]!
    }

    static func message(_ body: () throws -> Any) -> String {
        do {
            _ = try body()
            return "no error"
        } catch { return "\(error)" }
    }

    @Test func strategiesDecodeOneByOne() throws {
        let s = try Scenario.decodeStrategies(
            try Self.section(
                "strategies",
                """
                [{name: m, measure: random}, {name: p, predictor: gp, verify: iterate}]
                """))
        var iterate = StrategySpec(name: "p", kind: .predictor("gp"), verify: .iterate)
        iterate.then = .optimistic(kappa: 2)
        #expect(s == [StrategySpec(name: "m", kind: .measureRandom), iterate])
        // A strategy names its predictor; whether it exists is a rule across sections.
        #expect(try Scenario.decodeStrategy(try Self.section("s", "{name: x, predictor: nowhere}")).kind == .predictor("nowhere"))
        #expect(
            Self.message { try Scenario.decodeStrategy(try Self.section("s", "{name: x, measure: random, predictor: p}")) }
                == "s.yaml:1:4: s: a strategy needs exactly one of 'measure: random|evolution|local-search' or 'predictor: NAME'")
        #expect(
            Self.message {
                try Scenario.decodeStrategies(try Self.section("s", "[{name: a, measure: random}, {name: a, measure: random}]"))
            }
                == "s.yaml:1:40: s[1].name: strategy name 'a' is used twice")
    }

    @Test func budgetDecodesWithoutPredictorsOrLimits() throws {
        let b = try Scenario.decodeBudget(
            try Self.section(
                "budget",
                """
                {seconds: [5, 50], devices: 3, decide_by: regret, strategies: [{name: p, predictor: q}], measurement: {repeats: 4}}
                """))
        #expect(b.seconds == [5, 50] && b.devices == 3 && b.decideBy == "regret" && b.measurement.repeats == 4)
        #expect(
            Self.message { try Scenario.decodeBudgetSeconds(try Self.section("seconds", "[5, 5]")) }
                == "s.yaml:1:14: seconds[1]: budgets must increase: 5.0 follows 5.0")
    }

    @Test func selectionReadsLimits() throws {
        #expect(try Scenario.decodeSelection(try Self.section("selection", "{limit: [2, 3.5]}")) == [2, 3.5])
        #expect(try Scenario.decodeSelection(try Self.section("selection", "{limit: 7}")) == [7])
        #expect(
            Self.message { try Scenario.decodeSelection(try Self.section("selection", "{limit: 0}")) }
                == "s.yaml:1:20: selection.limit: expected a latency limit > 0 in metric units, found 0.0")
    }

    @Test func gridSections() throws {
        #expect(try Scenario.decodeSubsetSizes(try Self.section("subset_sizes", "[10, 20]")) == [10, 20])
        #expect(try Scenario.decodeSubsetSizes(try Self.section("subset_sizes", "30")) == [30])
        #expect(try Scenario.decodeReferencePoint(try Self.section("reference_point", "front-max")) == .frontMax)
        #expect(
            try Scenario.decodeReferencePoint(try Self.section("reference_point", "{accuracy: 0.1, metric: 3}"))
                == .explicit(accuracy: 0.1, metric: 3))
        // Measures come back in output order, whatever order they were listed in.
        #expect(try Scenario.decodeMeasures(try Self.section("measures", "[hv, kendall_tau]")) == [.kendallTau, .hv])
    }

    /// The noise section alone knows no subset sizes: a trained level larger than every
    /// subset decodes here and is refused by the rule across sections.
    @Test func noiseDecodesWithoutSubsetSizes() throws {
        let n = try Scenario.decodeNoise(try Self.section("noise", "{model: trained, predictor: linreg, levels: [500]}"))
        #expect(n.model == .trained && n.levels == [500] && n.predictors.map(\.model.name) == ["linreg"])
        let injected = try Scenario.decodeNoise(try Self.section("noise", "{model: kendall-tau, levels: [0.3], accuracy_sd: 1}"))
        #expect(injected == NoiseSpec(model: .kendallTau, levels: [0.3], accuracySD: 1))
    }

    @Test func dataSectionReadsPairsAndDefaults() throws {
        let file = try ScenarioSections(
            try YAMLValue.parse(
                "data: {benchmark: synthetic, size: 50, pairs: [{metric: latency}]}\n",
                file: "s.yaml"))
        let d = try Scenario.decodeData(file)
        #expect(d.source == .synthetic(SyntheticSpec(size: 50)) && d.pairing == .true && d.precision == .float64)
        #expect(d.pairs == [PairSpec(dataset: "synthetic", metric: "latency")])
        #expect(file.kind == .noiseStudy)
    }
}
