// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// Test access to each kind's spec: nil when the scenario is of another kind.
extension Scenario {
    var noiseStudy: NoiseStudySpec? { if case .noiseStudy(let s) = experiment { s } else { nil } }
    var budgetStudy: BudgetStudySpec? { if case .budgetStudy(let s) = experiment { s } else { nil } }
    var learningCurve: LearningCurveSpec? { if case .learningCurve(let s) = experiment { s } else { nil } }
}

@Suite struct ExperimentTests {
    static let data = "data: {benchmark: synthetic, size: 300, pairs: [{metric: latency}]}\n"
    static let noise = "name: n\n" + data + "subset_sizes: [100, 200]\nnoise: {model: kendall-tau, levels: [0.5, 0.9]}\n"
    static let budget =
        "name: b\n" + data + """
            subset_sizes: [100]
            predictors: {p: {train_samples: 20, kendall_tau: 0.6}}
            selection: {limit: [2, 3]}
            budget:
              seconds: [10, 100]
              measurement: {setup_s: 1}
              strategies: [{name: m, measure: random}, {name: q, predictor: p}]

            """
    static let learning = "name: l\n" + data + "learning_curve: {train_samples: [20, 40], test_samples: 50, predictors: [linreg]}\n"

    func scenario(_ text: String) throws -> Scenario { try Scenario.parse(text, file: "s.yaml")[0] }

    @Test func aNoiseStudyDecodesToItsCase() throws {
        let s = try scenario(Self.noise)
        #expect(s.experiment.kind == .noiseStudy)
        #expect(s.noiseStudy == NoiseStudySpec(subsetSizes: [100, 200], noise: NoiseSpec(model: .kendallTau, levels: [0.5, 0.9])))
        #expect(s.budgetStudy == nil && s.learningCurve == nil)
        #expect(s.subsetSizes == [100, 200])
    }

    @Test func aBudgetStudyDecodesToItsCaseWithItsPredictorsAndLimits() throws {
        let s = try scenario(Self.budget)
        #expect(s.experiment.kind == .budgetStudy)
        let b = try #require(s.budgetStudy)
        #expect(b.subsetSizes == [100] && b.limits == [2, 3] && b.predictors.keys.sorted() == ["p"])
        #expect(b.budget.seconds == [10, 100] && b.budget.strategies.map(\.name) == ["m", "q"])
        #expect(b.budget.strategies[1].kind == .predictor("p"))
        #expect(s.noiseStudy == nil && s.learningCurve == nil)
    }

    @Test func aLearningCurveHasNoNoiseNorSubsets() throws {
        let s = try scenario(Self.learning)
        #expect(s.experiment.kind == .learningCurve)
        let lc = try #require(s.learningCurve)
        #expect(lc.trainSamples == [20, 40] && lc.testSamples == 50 && lc.predictors.map(\.name) == ["linreg"])
        #expect(s.noiseStudy == nil && s.budgetStudy == nil)
        #expect(s.subsetSizes.isEmpty)
    }

    @Test func sweptCellsKeepTheirKindEachWithItsOwnNoise() throws {
        // Sweeping a noise study's model keeps every cell a noise study with its own model.
        let cells = try Scenario.parse(Self.noise + "sweep: {noise.model: [gaussian, paper-mixture]}\n", file: "s.yaml")
        #expect(cells.map(\.experiment.kind) == [.noiseStudy, .noiseStudy])
        #expect(cells.compactMap(\.noiseStudy?.noise.model) == [.gaussian, .paperMixture])
    }

    /// The cell hashes of existing result folders stay valid: the canonical text of each kind
    /// is the text the scenario had when every kind carried every section.
    @Test func canonicalTextKeepsTheLinesOfTheAbsentSections() throws {
        let all = Measure.allCases.map(\.rawValue).joined(separator: ",")
        let lc = try scenario(Self.learning).canonicalText(tableChecksums: ["T"])
        #expect(
            lc == """
                seed=1 trials=100
                data=synthetic size=300 rank=0.4 seed=1
                learning_curve train=20,40 test=50 noise=0.0
                model=linreg
                pairing=true precision=float64
                pair=synthetic/latency latency=- table=T
                sizes=
                noise=gaussian levels=0.0 accuracy_sd=0.0
                reference=subset-max measures=\(all)
                limits=

                """)
        let b = try scenario(Self.budget).canonicalText(tableChecksums: ["T"])
        #expect(
            b.contains(
                "sizes=100\nnoise=gaussian levels=0.0 accuracy_sd=0.0\nreference=subset-max measures=\(all)\nlimits=2.0,3.0\nbudget=10.0,100.0 devices=1"
            ))
        #expect(b.hasSuffix("strategy=q predictor:p verify=none\npredictor=p samples=20 train=0.0+0.0 query=0.0 tau=1.0:0.6\n"))
        let n = try scenario(Self.noise).canonicalText(tableChecksums: ["T"])
        #expect(
            n.hasSuffix("sizes=100,200\nnoise=kendall-tau levels=0.5,0.9 accuracy_sd=0.0\nreference=subset-max measures=\(all)\nlimits=\n"))
    }
}
