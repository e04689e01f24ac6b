// SPDX-License-Identifier: GPL-3.0-or-later
//
// Degenerate but valid inputs: a subset whose metric is constant (Kendall tau undefined), a
// selection of a single architecture, and an empty selection under a budget too small for one
// measurement. Each must run, give NaN where a measure is undefined, and write empty fields.
import Foundation
import Testing
@testable import HWNASSim

@Suite struct DegenerateCaseTests {
    /// A pair of `n` architectures with the given accuracy and metric (bypassing the table checks
    /// where a test needs a constant metric).
    func pair(accuracy: [Double], metric: [Double]) -> GroundTruthPair {
        let n = accuracy.count
        // Built from a valid (non-constant) table, then given the wanted values.
        let table = MetricTable(
            dataset: "d", path: nil, sha256: nil, ids: (0..<n).map { "a\($0)" }, archStrings: nil,
            accuracy: accuracy, metricNames: ["m"], metrics: ["m": (0..<n).map(Double.init)])
        var p = try! GroundTruthPair(table: table, metric: "m", pairing: .true)
        p.metricValue = metric
        let mean = metric.reduce(0, +) / Double(n)
        let sd = (metric.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)).squareRoot()
        p.z = metric.map { sd > 0 ? ($0 - mean) / sd : 1 }
        return p
    }

    func cell(_ p: GroundTruthPair, size: Int, model: NoiseModelKind, levels: [Double]) -> StudyCell {
        let noise = NoiseSpec(model: model, levels: levels)
        let sigmas = model == .kendallTau ? levels.map { KendallTauNoise.calibratedSigma(tau: $0, truth: p.z) } : []
        return StudyCell(
            pair: p, subsetSize: size, noise: noise, sigmas: sigmas, reference: .subsetMax,
            measures: Measure.allCases, seed: 5)
    }

    func scenario(trials: Int, model: NoiseModelKind, levels: [Double]) -> Scenario {
        Scenario(
            name: "degenerate", trials: trials, data: .synthetic(SyntheticSpec()), pairs: [PairSpec(dataset: "d", metric: "m")],
            experiment: .noiseStudy(NoiseStudySpec(subsetSizes: [10], noise: NoiseSpec(model: model, levels: levels))))
    }

    /// The `summary.csv` rows read back by the CSV reader, keyed by measure, for level index 0.
    func summaryFields(_ result: StudyResult) throws -> [String: [String: String]] {
        let text = SummaryFile.text(result.summaryRows())
        let table = try CSVTable(data: Array(text.utf8), path: "summary.csv")
        var out: [String: [String: String]] = [:]
        let level0 = Format.number(result.cells[0].noise.levels[0])
        for row in table.rows {
            let fields = Dictionary(uniqueKeysWithValues: zip(table.header, row))
            if fields["level"] == level0 { out[fields["measure"]!] = fields }
        }
        return out
    }

    static let statistics = ["mean", "sd", "se", "ci95_low", "ci95_high", "median", "q25", "q75"]

    @Test(arguments: [NoiseModelKind.gaussian, .paperMixture, .kendallTau])
    func constantMetricSubsetLeavesKendallTauUndefined(model: NoiseModelKind) throws {
        let n = 10
        let p = pair(accuracy: (0..<n).map { 0.5 + 0.01 * Double($0 % 4) }, metric: [Double](repeating: 3, count: n))
        let levels = model == .kendallTau ? [1, 0.5] : [0, 0.5]
        let c = cell(p, size: n, model: model, levels: levels)
        let m = Measure.allCases
        for trial in 0..<3 {
            let v = Study.trialValues(cell: c, trial: trial)
            for li in levels.indices {
                func value(_ x: Measure) -> Double { v[li * m.count + m.firstIndex(of: x)!] }
                // The truth is constant: every rank correlation is undefined.
                #expect(value(.kendallTau).isNaN && value(.spearman).isNaN && value(.pearson).isNaN)
                // The true front: the most accurate architectures (i = 3, 7; all tied in the metric).
                #expect(value(.nTrueFront) == 2)
                #expect(value(.nSelected) >= 1 && value(.hv).isFinite && value(.hv) >= 0)
            }
        }
        // Summaries: n = 0 and empty statistics for the undefined measures; defined ones as usual.
        let result = Study.run(scenario: scenario(trials: 4, model: model, levels: levels), cells: [c], jobs: 2)
        let kendall = try #require(result.summaryRows().first { $0.measure == "kendall_tau" })
        #expect(kendall.summary.n == 0 && kendall.summary.mean.isNaN && kendall.summary.q75.isNaN)
        let fields = try summaryFields(result)
        for measure in ["kendall_tau", "spearman", "pearson"] {
            let row = try #require(fields[measure])
            #expect(row["n"] == "0")
            for s in Self.statistics { #expect(row[s] == "", "\(measure).\(s)") }
        }
        #expect(fields["n_true_front"]?["n"] == "4" && fields["n_true_front"]?["mean"] == "2.0")
    }

    @Test func selectionOfOneArchitecture() throws {
        // Accuracy rises as the metric falls: the last architecture dominates all others.
        let n = 12
        let p = pair(accuracy: (0..<n).map { 0.4 + 0.04 * Double($0) }, metric: (0..<n).map { Double(n - $0) })
        let c = cell(p, size: n, model: .gaussian, levels: [0])
        let v = Study.trialValues(cell: c, trial: 0)
        func value(_ x: Measure) -> Double { v[Measure.allCases.firstIndex(of: x)!] }
        #expect(value(.nSelected) == 1 && value(.nVerified) == 1 && value(.nTrueFront) == 1)
        #expect(value(.hvRetained) == 1 && value(.mraAll) == 0 && value(.mraPareto) == 0)
        #expect(value(.hwGapAll) == 0 && value(.hwGapPareto) == 0)
        #expect(value(.kendallTau) == 1)
        let sel = try #require(Study.selections(cell: c, trial: 0).first)
        #expect(sel.selected.count == 1 && sel.accuracy[sel.selected[0]] == p.accuracy.max())
        // One trial: n = 1, a mean but no spread; sd, se and the interval are empty fields.
        let result = Study.run(scenario: scenario(trials: 1, model: .gaussian, levels: [0]), cells: [c], jobs: 1)
        let row = try #require(try summaryFields(result)["n_selected"])
        #expect(row["n"] == "1" && row["mean"] == "1.0" && row["median"] == "1.0")
        for s in ["sd", "se", "ci95_low", "ci95_high"] { #expect(row[s] == "") }
        // Several identical trials: sd 0, an interval of zero width.
        let three = Study.run(scenario: scenario(trials: 3, model: .gaussian, levels: [0]), cells: [c], jobs: 1)
        let row3 = try #require(try summaryFields(three)["n_selected"])
        #expect(row3["n"] == "3" && row3["sd"] == "0.0" && row3["ci95_low"] == "1.0" && row3["ci95_high"] == "1.0")
    }

    @Test func emptySelectionUnderATinyBudget() throws {
        // Every measurement takes ≥ 1 s (setup); a 0.5 s budget ends before the first one.
        let s = Scenario(
            name: "b", seed: 4, trials: 3, data: .synthetic(SyntheticSpec(size: 200, rankCorrelation: 0.4, seed: 2)),
            pairs: [PairSpec(dataset: "synthetic", metric: "latency")],
            experiment: .budgetStudy(
                BudgetStudySpec(
                    subsetSizes: [100],
                    budget: BudgetSpec(
                        seconds: [0.5], devices: 1, measurement: MeasurementCost(setupSeconds: 1),
                        strategies: [
                            StrategySpec(name: "m", kind: .measureRandom),
                            StrategySpec(name: "p", kind: .predictor("p"), verify: .selected)
                        ],
                        decideBy: "hv"),
                    predictors: ["p": PredictorSpec(trainSamples: 5, trainSeconds: 1, querySeconds: 0, kendallTau: [(5, 0.5)])], limits: [])
            ))
        var loader = GroundTruthLoader(directory: "/nonexistent")
        let pairs = try loader.pairs(for: s)
        let cells = try BudgetStudy.cells(for: s, pairs: pairs, loader: &loader)
        let r = BudgetStudy.run(scenario: s, cells: cells, jobs: 1)
        let measures = r.cells[0].measures.map(\.name)
        func values(_ strategy: Int, _ name: String) -> [Double] {
            r.values(cell: 0, strategy: strategy, budget: 0, measure: measures.firstIndex(of: name)!)
        }
        for strategy in 0..<2 {
            #expect(values(strategy, "n_selected") == [0, 0, 0])
            #expect(values(strategy, "hv") == [0, 0, 0])
            #expect(values(strategy, "hv_retained") == [0, 0, 0])
            #expect(values(strategy, "mra_all").allSatisfy(\.isNaN) && values(strategy, "mra_pareto").allSatisfy(\.isNaN))
            // Nothing reported: every limit of the grid loses its best accuracy within.
            #expect(values(strategy, "mean_regret").allSatisfy { $0 > 0 })
        }
        #expect(values(0, "mean_regret") == values(1, "mean_regret"))
        // budget.csv: the undefined MRA has n = 0 and empty statistics; hv is 0 with n = 3.
        let text = BudgetCSV.text(r.budgetRows())
        let table = try CSVTable(data: Array(text.utf8), path: "budget.csv")
        let col = Dictionary(uniqueKeysWithValues: table.header.enumerated().map { ($1, $0) })
        #expect(Set(table.rows.map { $0[col["measure"]!] }).isSuperset(of: ["mra_all", "mra_pareto", "hv"]))
        for row in table.rows {
            switch row[col["measure"]!] {
            case "mra_all", "mra_pareto":
                #expect(row[col["n"]!] == "0")
                for stat in Self.statistics { #expect(row[col[stat]!] == "") }
            case "hv":
                #expect(row[col["n"]!] == "3" && row[col["mean"]!] == "0.0")
            default: break
            }
        }
        // The decision by hv: both strategies tie at 0, the first listed wins, not significant.
        let d = try #require(r.decisionRows().first)
        #expect(d.winner == "m" && d.winnerMean == 0 && d.runnerUp == "p" && !d.significant)
    }
}
