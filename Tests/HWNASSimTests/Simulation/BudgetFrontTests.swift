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
        return BudgetWorld(n: n, accuracy: accuracy, orderByAccuracy: order, cost: [Double](repeating: 1, count: n), measured: metric,
                           randomOrder: (0..<Int32(n)).map { $0 },
                           predicted: ["p": [1.0, 2.0, 2.5, 8.0, 3.0, 9.0, 4.0, 10.0]])
    }

    @Test(arguments: [Verification.selected, .iterate])
    func aVerifyingStrategyReportsOnlyWhatItMeasured(verify: Verification) {
        let w = world()
        let spec = PredictorSpec(trainSamples: 2, trainSeconds: 0.5, querySeconds: 0, kendallTau: [(2, 0.5)])
        let engine = MeasurementEngine(devices: 1, horizon: 20)
        let timeline = engine.run(world: w, predictor: (spec, "p"), afterReady: verify == .selected ? .verifySelected : .verifyIterate)
        #expect(timeline.readyTime == 2.5)
        let reporter = FrontReporter(world: w, timeline: timeline, predicted: w.predicted["p"], verify: verify)
        // The same schedule reported without verification: what it only believes.
        let trustingReporter = FrontReporter(world: w, timeline: timeline, predicted: w.predicted["p"], verify: .none)
        var sawUnmeasuredBelief = false
        for t in stride(from: 0.5, through: 20, by: 0.5) {
            let (front, believed, measuredCount) = reporter.front(at: t)
            #expect(front.allSatisfy { timeline.finish[Int($0)] <= t }, "t = \(t): \(front)")
            let trusting = trustingReporter.front(at: t).front
            if trusting.contains(where: { timeline.finish[Int($0)] > t }) { sawUnmeasuredBelief = true }
            // The front is the Pareto set of what was measured by t, under measured values.
            let measured = w.orderByAccuracy.filter { timeline.finish[Int($0)] <= t }
            #expect(measuredCount == measured.count)
            #expect(front == BudgetTrial.nonDominated(measured, accuracy: w.accuracy, values: w.measured))
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
        let s = Scenario(name: "front", seed: 9, trials: 25, data: .csv(CSVSource(file: file, idColumn: "id", accuracyColumn: "accuracy", accuracyInPercent: true)),
                         pairs: [PairSpec(dataset: "space", metric: "latency")], subsetSizes: [12],
                         noise: NoiseSpec(model: .gaussian, levels: [0]),
                         budget: BudgetSpec(seconds: [2, 4, 7, 11, 40], devices: 1,
                                            measurement: MeasurementCost(setupSeconds: 1, repeats: 1, runSeconds: 0, noiseRelativeSD: 0.05),
                                            strategies: [StrategySpec(name: "m", kind: .measureRandom),
                                                         StrategySpec(name: "p", kind: .predictor("p")),
                                                         StrategySpec(name: "p+verify", kind: .predictor("p"), verify: .selected),
                                                         StrategySpec(name: "p+iterate", kind: .predictor("p"), verify: .iterate)]),
                         predictors: ["p": PredictorSpec(trainSamples: 3, trainSeconds: 0.5, querySeconds: 0, kendallTau: [(3, 0.3)])])
        var loader = GroundTruthLoader(directory: dir)
        let pairs = try loader.pairs(for: s)
        return BudgetStudy.run(scenario: s, cells: try BudgetStudy.cells(for: s, pairs: pairs, loader: &loader), jobs: 2)
    }

    @Test func countsAreHonest() throws {
        let r = try handMadeRun()
        let m = r.cells[0].measures
        func v(_ s: Int, _ b: Int, _ name: String) -> [Double] { r.values(cell: 0, strategy: s, budget: b, measure: m.firstIndex(of: name)!) }
        var unverifiedSeen = false
        for s in 0..<4 {
            for b in 0..<5 {
                let selected = v(s, b, "n_selected"), verified = v(s, b, "n_verified"), measured = v(s, b, "n_measured")
                for t in selected.indices {
                    #expect(verified[t] <= selected[t] && verified[t] <= measured[t], "strategy \(s), budget \(b), trial \(t)")
                    if s >= 2 { #expect(verified[t] == selected[t]) }      // verifying: every member measured
                    if s == 0 { #expect(verified[t] == selected[t]) }      // measuring: likewise
                    if s == 1 && verified[t] < selected[t] { unverifiedSeen = true }
                }
            }
        }
        #expect(unverifiedSeen)  // the trusting predictor reports members it never measured
        // With 40 s everything is measured: the reported front is the Pareto set of measured values.
        #expect(v(0, 4, "n_measured").allSatisfy { $0 == 12 })
    }
}

/// `mean_regret` and the tolerance of latency limits.
@Suite struct MeanRegretTests {
    /// A world of the given accuracies (fractions) and true metrics.
    func world(accuracy: [Double], metric: [Double]) -> BudgetWorld {
        var order = (0..<Int32(accuracy.count)).map { $0 }
        order.sort { accuracy[Int($0)] > accuracy[Int($1)] }
        return BudgetWorld(n: accuracy.count, accuracy: accuracy, orderByAccuracy: order, cost: metric, measured: metric,
                           randomOrder: order, predicted: [:])
    }

    @Test func theGridIsGSLsPercentiles() {
        let sorted = (1...21).map(Double.init)  // (n − 1)·k/20 = k: the k-th percentile step hits value k + 1
        #expect(LimitScoring.grid(sortedMetric: sorted) == (2...20).map(Double.init))
        // Between values: linear interpolation.
        let g = LimitScoring.grid(sortedMetric: [0, 10])
        #expect(g.count == 19 && abs(g[0] - 0.5) < 1e-12 && abs(g[18] - 9.5) < 1e-12)
    }

    @Test func junkThatLooksFastCostsRegretButNoHypervolume() {
        // True front: (0.60, 1) … (0.80, 5); junk: accurate-looking, measured by nobody, truly slow.
        let accuracy = [0.60, 0.65, 0.70, 0.75, 0.80, 0.79, 0.74, 0.69]
        let metric = [1.0, 2, 3, 4, 5, 20, 20, 20]
        let w = world(accuracy: accuracy, metric: metric)
        let scoring = LimitScoring(limits: LimitScoring.grid(sortedMetric: metric.sorted()), world: w, metric: metric, tolerance: 0.05)
        let trueFront: [Int32] = [4, 3, 2, 1, 0]
        var believed = metric
        for j in 5..<8 { believed[j] = 0.5 }  // the junk looks faster than anything
        let junkFront = BudgetTrial.nonDominated(w.orderByAccuracy, accuracy: accuracy, values: believed) + trueFront
        let reported = w.orderByAccuracy.filter { junkFront.contains($0) }  // accuracy-descending
        let reference = (accuracy: 0.0, metric: 22.0)
        func hv(_ front: [Int32]) -> Double {
            TrialScoring.staircaseVolume(accuracy: front.map { accuracy[Int($0)] }, metric: front.map { metric[Int($0)] }, reference: reference)
        }
        #expect(hv(reported) == hv(trueFront))  // scored with true values the junk is dominated
        let honest = scoring.meanRegret(front: trueFront, believed: metric, accuracy: accuracy)
        let junk = scoring.meanRegret(front: reported, believed: believed, accuracy: accuracy)
        #expect(honest == 0)  // the true front with exact values: every pick is the best within its limit
        #expect(junk > honest + 10)
    }

    @Test func aPickWithinTheToleranceIsNotAViolation() {
        // Position 0 measured 3.9 under the limit 4 but truly 4.1 (2.5 % over); position 1 truly within.
        let accuracy = [0.80, 0.70], metric = [4.1, 3.5]
        let w = world(accuracy: accuracy, metric: metric)
        let tolerant = LimitScoring(limits: [4], world: w, metric: metric, tolerance: 0.05)
        let strict = LimitScoring(limits: [4], world: w, metric: metric, tolerance: 0)
        let pick = LimitScoring.pick(w.orderByAccuracy, believed: [3.9, 3.5], accuracy: accuracy, limit: 4)
        #expect(pick == 0 && tolerant.bestWithin == [0.70])
        #expect(!tolerant.violates(pick: 0, limit: 0))
        #expect(tolerant.regret(pick: 0, limit: 0, accuracy: accuracy) == 0)  // more accurate than the best within: clamped at 0
        #expect(strict.violates(pick: 0, limit: 0))
        #expect(abs(strict.regret(pick: 0, limit: 0, accuracy: accuracy) - 80) < 1e-9)  // worthless, and loses its own accuracy
        // Beyond the tolerance it is a violation again: 4.3 > 4 × 1.05.
        let far = LimitScoring(limits: [4], world: w, metric: [4.3, 3.5], tolerance: 0.05)
        #expect(far.violates(pick: 0, limit: 0))
        // No pick loses the best within the limit.
        #expect(abs(tolerant.regret(pick: -1, limit: 0, accuracy: accuracy) - 70) < 1e-9)
    }

    @Test func theToleranceAppliesToTheScenariosLimits() throws {
        // Measuring everything with 10 % noise: picks at the edge of a limit may break it by a
        // few per cent; with a 60 % tolerance (6 sd) none is a violation, with 0 some are.
        let sorted = SyntheticSpec(size: 400, rankCorrelation: 0.4, seed: 2).makeTable().metrics["latency"]!.sorted()
        let limits = (1...19).map { sorted[$0 * 20] }
        func violations(_ tolerance: Double) throws -> Double {
            let t = BudgetLimitTests()
            let s = t.scenario(budget: [10_000], strategies: [StrategySpec(name: "m", kind: .measureRandom)], noise: 0.1,
                               limits: limits, tolerance: tolerance)
            let r = try t.run(s)
            return limits.map { t.measure(r, 0, 0, "violation@\(Format.number($0))").reduce(0, +) }.reduce(0, +)
        }
        #expect(try violations(0.6) == 0)
        #expect(try violations(0) > 0)
    }

    @Test func everyBudgetRowHasAMeanRegretDecidedLowerIsBetter() throws {
        let t = BudgetLimitTests()
        let s = t.scenario(budget: [30, 10_000], strategies: [StrategySpec(name: "m", kind: .measureRandom),
                                                              StrategySpec(name: "p", kind: .predictor("p"))],
                           tau: 0.5, decideBy: BudgetSpec.defaultDecideBy)
        let r = try t.run(s)
        #expect(r.cells[0].measures.contains("mean_regret") && !BudgetMeasure.largerIsBetter("mean_regret"))
        // Everything measured exactly: the reported front is the true front, mean regret 0.
        #expect(t.measure(r, 0, 1, "mean_regret") == [0, 0, 0])
        let d = r.decisionRows()
        #expect(d.allSatisfy { $0.decideBy == "mean_regret" && $0.shownMeasures == ["mean_regret", "hv_retained", "mra_pareto"] })
        for (b, row) in d.enumerated() {
            let means = [0, 1].map { Summary(t.measure(r, $0, b, "mean_regret")).mean }
            #expect(row.winner == (means[0] <= means[1] ? "m" : "p"))
            #expect(row.means[0] == means)
        }
    }
}

/// Warnings and errors of budget scenarios, named at their place in the file.
@Suite struct BudgetScenarioCheckTests {
    static let scenario = """
        name: w
        trials: 2
        data: {benchmark: synthetic, size: 300, pairs: [{metric: latency}]}
        subset_sizes: [100]
        budget:
          seconds: [60]
          strategies:
            - {name: m, measure: random}

        """

    @Test func aBudgetWithoutMeasurementWarnsOfTheCostItAssumes() throws {
        let scenarios = try Scenario.parse(Self.scenario, file: "s.yaml")
        let warning = try #require(scenarios[0].warnings.first)
        #expect("\(warning)" == "s.yaml:6:3: budget: no 'measurement' section: assuming the default cost (setup_s: 0, warmup_s: 0, repeats: 1, "
            + "noise_relative_sd: 0), so a measurement costs about the latency itself; give budget.measurement for a real device's set-up, warm-up and repeats")
        // With a measurement section there is nothing to warn of; and the tolerance follows its noise.
        let measured = try Scenario.parse(Self.scenario.replacingOccurrences(of: "  strategies:", with: "  measurement: {noise_relative_sd: 0.02}\n  strategies:"), file: "s.yaml")
        #expect(measured[0].warnings.isEmpty)
        #expect(abs(measured[0].budget!.limitTolerance - 0.05) < 1e-15)
        #expect(scenarios[0].budget!.limitTolerance == 0 && scenarios[0].budget!.decideBy == "mean_regret")
        let given = try Scenario.parse(Self.scenario.replacingOccurrences(of: "  strategies:", with: "  limit_tolerance: 0.1\n  strategies:"), file: "s.yaml")
        #expect(given[0].budget!.limitTolerance == 0.1)
        #expect(Fixtures.parseMessage(Self.scenario.replacingOccurrences(of: "  strategies:", with: "  limit_tolerance: -0.1\n  strategies:"))
            == "s.yaml:7:20: budget.limit_tolerance: expected a relative tolerance in [0, 1) (0.05 = 5 %), found -0.1")
    }

    @Test func theCommandLinePrintsTheWarningAndRuns() throws {
        let dir = Fixtures.temporaryDirectory()
        let path = dir + "/s.yaml"
        _ = FileManager.default.createFile(atPath: path, contents: Data(Self.scenario.utf8))
        for command in ["validate", "run"] {
            let r = try CLI.run([command, path, "--data", "/nonexistent"] + (command == "run" ? ["--out", dir + "/out", "--quiet"] : []))
            #expect(r.status == 0, "\(command): \(r.stderr)")
            #expect(r.stderr.hasPrefix("warning: \(path):6:3: budget: no 'measurement' section"), "\(command): \(r.stderr)")
        }
    }

    @Test func aNoiseSectionInABudgetStudyIsAnError() throws {
        let text = Self.scenario.replacingOccurrences(of: "budget:", with: "noise: {model: gaussian, levels: [0.5]}\nbudget:")
        #expect(Fixtures.parseMessage(text).hasPrefix("s.yaml:5:8: noise: `noise` has no effect in a budget study"))
        let dir = Fixtures.temporaryDirectory()
        let path = dir + "/s.yaml"
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        let r = try CLI.run(["run", path, "--data", "/nonexistent", "--out", dir + "/out"])
        #expect(r.status == 2 && r.stderr.hasPrefix("error: \(path):5:8: noise: `noise` has no effect in a budget study"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }
}

/// Budget cells written under an older results format are not reused.
@Suite struct BudgetResumeTests {
    @Test func oldBudgetCellsAreRefusedOnResume() throws {
        let text = BudgetScenarioCheckTests.scenario.replacingOccurrences(of: "subset_sizes: [100]", with: "subset_sizes: [100, 200]")
        let path = Fixtures.file("s.yaml", text)
        let out = Fixtures.temporaryDirectory() + "/run"
        let options = RunOptions(outDirectory: out, jobs: 1, dataDirectory: "/x")
        let first = try ScenarioRunner.run(path: path, options: options)
        #expect(first.cellsRun == 2)
        #expect(try ScenarioRunner.run(path: path, options: options).cellsSkipped == 2)  // same format: resumed
        // Make every finished cell look like one of the previous results format.
        let plan = try RunPlan.make(path: path, options: options)
        var loader = GroundTruthLoader(directory: "/x")
        let store = CellStore(directory: out)
        for cell in plan.cells {
            guard case .budget(let c) = cell.work else { Issue.record("not a budget cell"); continue }
            let canonical = cell.scenario.canonicalText(tableChecksums: try loader.pairs(for: cell.scenario).map(\.tableChecksum))
            #expect(RunPlan.cellHash(canonical: canonical, pair: c.pair, size: c.subsetSize) == cell.hash)
            let old = RunPlan.cellHash(canonical: canonical, pair: c.pair, size: c.subsetSize, resultsFormat: HWNASSimVersion.resultsFormat - 1)
            let done = try String(contentsOfFile: store.donePath(cell.id), encoding: .utf8)
            try AtomicFile.write(done.replacingOccurrences(of: cell.hash, with: old), to: store.donePath(cell.id))
        }
        let again = try ScenarioRunner.run(path: path, options: options)
        #expect(again.cellsRun == 2 && again.cellsSkipped == 0)
        #expect(HWNASSimVersion.resultsFormat >= 5)  // 5: reported fronts, honest counts, mean_regret
    }
}
