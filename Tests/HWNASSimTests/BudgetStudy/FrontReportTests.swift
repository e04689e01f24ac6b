// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// What a strategy reports at a checkpoint, and the counts that describe it.
@Suite struct BudgetReportedFrontTests {
    /// Eight architectures, accuracy and true metric both rising with the position (all on the
    /// true front), exact measurements of 1 s each; predictions that flatter positions 2, 4 and 6.
    func world() -> BudgetWorld {
        let n = 8
        let accuracy = (0..<n).map { 0.5 + 0.05 * Double($0) }
        var order = (0..<Int32(n)).map { $0 }
        order.sort { accuracy[Int($0)] > accuracy[Int($1)] }
        let metric = (0..<n).map { 1 + Double($0) }
        return BudgetWorld(
            n: n, accuracy: accuracy, orderByAccuracy: order, cost: [Double](repeating: 1, count: n), measured: metric,
            randomOrder: (0..<Int32(n)).map { $0 },
            predicted: ["p": [1.0, 2.0, 2.5, 8.0, 3.0, 9.0, 4.0, 10.0]])
    }

    @Test(arguments: [Verification.selected, .iterate])
    func aVerifyingStrategyReportsOnlyWhatItMeasured(verify: Verification) {
        let w = world()
        let spec = PredictorSpec(trainSamples: 2, trainSeconds: 0.5, querySeconds: 0, kendallTau: [(2, 0.5)])
        let engine = MeasurementEngine(devices: 1, horizon: 20)
        let strategy = w.strategy(verify, spec)
        let timeline = engine.run(strategy, world: w)
        #expect(timeline.readyTime == 2.5)
        let reporter = strategy.report(timeline, world: w)
        // The same schedule reported without verification: what it only believes.
        let trustingReporter = w.strategy(.none, spec).report(timeline, world: w)
        var sawUnmeasuredBelief = false
        for t in stride(from: 0.5, through: 20, by: 0.5) {
            let (front, believed, measuredCount) = reporter.front(at: t)
            #expect(front.allSatisfy { timeline.finish[Int($0)] <= t }, "t = \(t): \(front)")
            let trusting = trustingReporter.front(at: t).front
            if trusting.contains(where: { timeline.finish[Int($0)] > t }) { sawUnmeasuredBelief = true }
            // The front is the Pareto set of what was measured by t, under measured values.
            let measured = w.orderByAccuracy.filter { timeline.finish[Int($0)] <= t }
            #expect(measuredCount == measured.count)
            #expect(front == FrontReport.nonDominated(measured, accuracy: w.accuracy, values: w.measured))
            #expect(front.allSatisfy { believed[Int($0)] == w.measured[Int($0)] })
        }
        #expect(sawUnmeasuredBelief)
    }

    static let table = """
        id,accuracy,latency
        a0,70.1,3.2
        a1,71.5,4.0
        a2,68.0,2.1
        a3,73.2,6.5
        a4,72.0,4.4
        a5,66.4,1.9
        a6,74.8,9.0
        a7,69.9,2.8
        a8,75.5,12.0
        a9,71.0,5.1
        a10,67.2,2.6
        a11,73.9,7.7
        a12,70.8,3.9
        a13,72.6,6.1
        a14,74.1,8.2
        a15,65.0,1.5

        """

    /// The hand-made table above, measured with noise at four budgets by every kind of strategy.
    func handMadeRun() throws -> BudgetResult {
        let dir = Fixtures.temporaryDirectory()
        let file = dir + "/space.csv"
        _ = FileManager.default.createFile(atPath: file, contents: Data(Self.table.utf8))
        let s = Scenario(
            name: "front", seed: 9, trials: 25,
            data: .csv(CSVSource(file: file, idColumn: "id", accuracyColumn: "accuracy", accuracyInPercent: true)),
            pairs: [PairSpec(dataset: "space", metric: "latency")],
            experiment: .budgetStudy(
                BudgetStudySpec(
                    subsetSizes: [12],
                    budget: BudgetSpec(
                        seconds: [2, 4, 7, 11, 40], devices: 1,
                        measurement: MeasurementCost(setupSeconds: 1, repeats: 1, runSeconds: 0, noiseRelativeSD: 0.05),
                        strategies: [
                            StrategySpec(name: "m", kind: .measureRandom),
                            StrategySpec(name: "p", kind: .predictor("p")),
                            StrategySpec(name: "p+verify", kind: .predictor("p"), verify: .selected),
                            StrategySpec(name: "p+iterate", kind: .predictor("p"), verify: .iterate)
                        ]), predictors: ["p": PredictorSpec(trainSamples: 3, trainSeconds: 0.5, querySeconds: 0, kendallTau: [(3, 0.3)])])))
        var loader = GroundTruthLoader(directory: dir)
        let pairs = try loader.pairs(for: s)
        return BudgetStudy.run(scenario: s, cells: try BudgetStudy.cells(for: s, pairs: pairs, loader: &loader), jobs: 2)
    }

    @Test func countsAreHonest() throws {
        let r = try handMadeRun()
        let m = r.cells[0].measures.map(\.name)
        func v(_ s: Int, _ b: Int, _ name: String) -> [Double] {
            r.values(cell: 0, strategy: s, budget: b, measure: m.firstIndex(of: name)!)
        }
        var unverifiedSeen = false
        for s in 0..<4 {
            for b in 0..<5 {
                let selected = v(s, b, "n_selected"), verified = v(s, b, "n_verified"), measured = v(s, b, "n_measured")
                for t in selected.indices {
                    #expect(verified[t] <= selected[t] && verified[t] <= measured[t], "strategy \(s), budget \(b), trial \(t)")
                    if s >= 2 { #expect(verified[t] == selected[t]) }  // verifying: every member measured
                    if s == 0 { #expect(verified[t] == selected[t]) }  // measuring: likewise
                    if s == 1 && verified[t] < selected[t] { unverifiedSeen = true }
                }
            }
        }
        #expect(unverifiedSeen)  // the trusting predictor reports members it never measured
        // With 40 s everything is measured: the reported front is the Pareto set of measured values.
        #expect(v(0, 4, "n_measured").allSatisfy { $0 == 12 })
    }
}
