// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@_spi(Benchmarks) @testable import HWNASSim

/// Budget predictors with `model:`: fitted in each trial to the measured training sample.
@Suite struct TrainedBudgetTests {
    /// A small NB201-like table: every architecture with ops none, skip_connect and
    /// nor_conv_3x3 on the six edges (729), latency exactly additive in the one-hot encoding
    /// (a per-edge cost of each op), accuracy another additive function.
    static func table(dataset: String = "toy") -> MetricTable {
        let ops = [0, 1, 3]  // none, skip_connect, nor_conv_3x3
        let names = NB201Genotype.operations
        var archs: [String] = [], latency: [Double] = [], accuracy: [Double] = []
        for code in 0..<729 {
            var c = code, choice: [Int] = []
            for _ in 0..<6 {
                choice.append(ops[c % 3])
                c /= 3
            }
            let e = choice.map { names[$0] }
            archs.append("|\(e[0])~0|+|\(e[1])~0|\(e[2])~1|+|\(e[3])~0|\(e[4])~1|\(e[5])~2|")
            // Costs: square roots of distinct primes, so that no two sums tie.
            let primes: [Double] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61]
            latency.append(
                1 + choice.enumerated().reduce(0) { $0 + Double($1.element) * primes[$1.offset * 3 + $1.element % 3].squareRoot() })
            accuracy.append(
                0.3 + choice.enumerated().reduce(0) { $0 + 0.01 * Double($1.element) * (1 + 0.1 * Double($1.offset)) }
                    + 1e-6 * Double(code))
        }
        // `flops_line`: exactly affine in the NB201 FLOPs of `dataset` (when it is one), ties and all.
        let flops = archs.map { a -> Double in
            let n3 = a.components(separatedBy: "nor_conv_3x3").count - 1, n1 = a.components(separatedBy: "nor_conv_1x1").count - 1
            return MetricTable.nb201Datasets.contains(dataset) ? NB201CostEstimator.value(.flops, dataset: dataset, n1: n1, n3: n3) : 0
        }
        return MetricTable(
            dataset: dataset, path: nil, sha256: nil, ids: (0..<729).map { "a\($0)" }, archStrings: archs,
            accuracy: accuracy, metricNames: ["latency", "source", "flops_line"],
            metrics: ["latency": latency, "source": latency.map { 3 * $0 + 1 }, "flops_line": flops.map { 2 + 0.25 * $0 }])
    }

    /// A cell over the whole toy table: exact 1 s measurements, one trained predictor `p`.
    static func cell(
        predictor: PredictorSpec, strategies: [StrategySpec], seconds: [Double], noise: Double = 0, subsetSize: Int = 729,
        dataset: String = "toy", metric: String = "latency"
    ) throws -> BudgetCell {
        let t = table(dataset: dataset)
        let pair = try GroundTruthPair(table: t, metric: metric, pairing: .true)
        let budget = BudgetSpec(
            seconds: seconds, devices: 1,
            measurement: MeasurementCost(setupSeconds: 1, repeats: 1, runSeconds: 0, noiseRelativeSD: noise),
            strategies: strategies, decideBy: "hv")
        return BudgetCell(
            pair: pair, latencyMs: [Double](repeating: 0, count: pair.count), subsetSize: subsetSize, budget: budget,
            predictors: ["p": predictor], sigmas: [:], limits: [], reference: .frontMax, seed: 11,
            features: try PairFeatures(table: t, pair: pair, key: "predictors.p.model"))
    }

    static func linreg(samples: Int, retrainEvery: Int? = nil) throws -> PredictorSpec {
        try trained("linreg", samples: samples, retrainEvery: retrainEvery)
    }

    static func trained(_ model: String, options: [String: ModelSpec.Option] = [:], samples: Int, retrainEvery: Int? = nil) throws
        -> PredictorSpec
    {
        var p = PredictorSpec(trainSamples: samples, trainSeconds: 0.01, querySeconds: 0, kendallTau: [])
        p.model = try ModelSpec.parse(model: model, options: options)
        p.retrainEvery = retrainEvery
        return p
    }

    static func run(_ cell: BudgetCell, trials: Int = 3, jobs: Int = 2) -> BudgetResult {
        let s = Scenario(
            name: "t", seed: 11, trials: trials, data: .synthetic(SyntheticSpec(size: 10, rankCorrelation: 0, seed: 1)),
            pairs: [PairSpec(dataset: "toy", metric: "latency")],
            experiment: .budgetStudy(BudgetStudySpec(subsetSizes: [cell.subsetSize], budget: cell.budget, predictors: cell.predictors)))
        return BudgetStudy.run(scenario: s, cells: [cell], jobs: jobs)
    }

    static func measure(_ r: BudgetResult, _ strategy: Int, _ budget: Int, _ name: String) -> [Double] {
        r.values(cell: 0, strategy: strategy, budget: budget, measure: r.cells[0].measures.map(\.name).firstIndex(of: name)!)
    }

    static let strategies = [
        StrategySpec(name: "trust", kind: .predictor("p")),
        StrategySpec(name: "verify", kind: .predictor("p"), verify: .selected),
        StrategySpec(name: "iterate", kind: .predictor("p"), verify: .iterate)
    ]

    @Test(arguments: [40, 728])
    func exactLinregOnAnAdditiveMetricSelectsTheTrueFront(samples: Int) throws {
        // Ready after `samples` seconds of measuring, 0.01 s of training; verification after.
        let cell = try Self.cell(
            predictor: Self.linreg(samples: samples), strategies: Self.strategies,
            seconds: [Double(samples) + 1, 5000])
        let r = Self.run(cell)
        for s in 0..<3 {
            #expect(Self.measure(r, s, 1, "hv_retained") == [1, 1, 1], "strategy \(s)")
        }
        // Trusting: the true front as soon as the predictions are ready.
        #expect(Self.measure(r, 0, 0, "hv_retained") == [1, 1, 1])
        #expect(Self.measure(r, 0, 0, "mra_all") == [0, 0, 0])
    }

    @Test func refittingEveryFewMeasurementsStillFindsTheFront() throws {
        let cell = try Self.cell(
            predictor: Self.linreg(samples: 20, retrainEvery: 3), strategies: [Self.strategies[2]],
            seconds: [5000], noise: 0.02)
        let r = Self.run(cell)
        #expect(Self.measure(r, 0, 0, "hv_retained").allSatisfy { $0 > 0.95 })
    }

    @Test func sameSeedSameBytesWhateverTheJobs() throws {
        let cell = try Self.cell(
            predictor: Self.linreg(samples: 30, retrainEvery: 5), strategies: Self.strategies,
            seconds: [35, 200, 2000], noise: 0.02, subsetSize: 500)
        let a = Self.run(cell, trials: 4, jobs: 1), b = Self.run(cell, trials: 4, jobs: 3)
        #expect(a.values.map(\.bitPattern) == b.values.map(\.bitPattern))
    }

    @Test func trainedPredictionsComeFromTheModelNotFromNoise() throws {
        let cell = try Self.cell(predictor: Self.linreg(samples: 40), strategies: [Self.strategies[0]], seconds: [100], noise: 0.02)
        let ws = TrialWorkspace(capacity: 729, tableSize: 729)
        let (world, _, metric, _) = BudgetWorld.draw(cell: cell, trial: 0, workspace: ws)
        let predicted = world.predicted["p"]!
        #expect(world.trainingPositions["p"] == Array(world.randomOrder.prefix(40)))
        // 2 % noise on 40 samples of an additive metric: predictions within a few percent of
        // the metric's range (noise would not be: the kendall-tau mapping draws from the truth).
        let range = metric.max()! - metric.min()!
        let worst = zip(predicted, metric).map { abs($0 - $1) }.max()!
        #expect(worst < 0.05 * range)
    }

    // MARK: other models

    @Test(arguments: ["flops", "params"])
    func aCostLineOnAMetricAffineInItSelectsTheTrueFront(model: String) throws {
        // flops_line = 2 + 0.25 × FLOPs; NB201 parameters are affine in the same counts here (no
        // 1×1 convolutions in the toy space), so both lines through 10 exact measurements
        // predict every value's rank exactly (ties included).
        let cell = try Self.cell(
            predictor: Self.trained(model, samples: 10), strategies: Self.strategies, seconds: [11, 5000],
            dataset: "cifar10", metric: "flops_line")
        // (mra_all may exceed 0: a prediction that rounds below an equal measured value keeps a
        // truly tied, less accurate architecture on the trusted front; it adds no hypervolume.)
        let r = Self.run(cell)
        #expect(Self.measure(r, 0, 0, "hv_retained") == [1, 1, 1])
        for s in 0..<3 { #expect(Self.measure(r, s, 1, "hv_retained") == [1, 1, 1], "strategy \(s)") }
    }

    @Test func flopsOutsideNB201DatasetsIsAnErrorAtItsKey() throws {
        let p = try Self.trained("flops", samples: 10)
        let cell = try Self.cell(predictor: p, strategies: [Self.strategies[0]], seconds: [100])
        let e = #expect(throws: InputError.self) {
            try BudgetStudy.checkTrained(name: "p", spec: p, features: cell.features!, pair: cell.pair, subsetSize: 729)
        }
        #expect(e?.key == "predictors.p.model")
        #expect(e?.message.contains("NB201's datasets only") == true)
    }

    @Test func transferFromAnAffineSourceRanksExactly() throws {
        var cell = try Self.cell(predictor: Self.trained("transfer", samples: 10), strategies: Self.strategies, seconds: [11, 5000])
        cell.features!.sources["p"] = try FeatureColumns.matrix(Self.table(), columns: ["source"])
        let ws = TrialWorkspace(capacity: 729, tableSize: 729)
        let (world, _, metric, _) = BudgetWorld.draw(cell: cell, trial: 0, workspace: ws)
        // source = 3 × latency + 1: ridge on it keeps the order of the latencies.
        #expect(KendallTau.tauB(world.predicted["p"]!, metric) == 1)
        let r = Self.run(cell)
        #expect(Self.measure(r, 0, 0, "hv_retained") == [1, 1, 1])
    }

    @Test(arguments: ["gp", "mlp"])
    func aGaussianProcessAndAnMLPLearnTheAdditiveMetric(model: String) throws {
        let options: [String: ModelSpec.Option] = model == "mlp" ? ["hidden": .list([.integer(16)]), "epochs": .integer(5)] : [:]
        let cell = try Self.cell(
            predictor: Self.trained(model, options: options, samples: 150), strategies: [Self.strategies[0]],
            seconds: [200], noise: 0.01)
        let ws = TrialWorkspace(capacity: 729, tableSize: 729)
        let (world, _, metric, _) = BudgetWorld.draw(cell: cell, trial: 1, workspace: ws)
        let tau = KendallTau.tauB(world.predicted["p"]!, metric) ?? 0
        #expect(tau > 0.8, "\(model): tau \(tau)")
    }

    @Test func aBorrowedCurveHasTheTrainedModelsMeanTau() throws {
        let cell = try Self.cell(predictor: Self.linreg(samples: 40), strategies: [Self.strategies[0]], seconds: [100], noise: 0.02)
        let tau = try BudgetStudy.borrowedTau(
            of: Self.linreg(samples: 40), name: "p", samples: 40, pair: cell.pair,
            features: cell.features!, measurementNoise: 0.02, seed: 5)
        // The same splits by hand: LearningCurve's trials 0..<20 at 40 samples, 625 test architectures.
        let task = LearningCurve.Task(
            dataset: "toy", metric: "latency", features: cell.features!.matrix, encoding: NB201OneHotEncoding(),
            targets: cell.pair.metricValue)
        let byHand = try (0..<BudgetStudy.borrowedCurveSplits).map {
            try LearningCurve.trial(
                task, spec: ModelSpec.parse(model: "linreg"), trainSamples: 40, testSamples: 625, trial: $0, seed: 5,
                measurementNoise: 0.02
            ).scores.kendallTau
        }
        #expect(tau == byHand.reduce(0, +) / Double(byHand.count))
        #expect(tau > 0.8 && tau < 1)
    }

    @Test func aLargeRetrainEveryRefitsOnlyWhenARoundPicksNothingNew() throws {
        // With retrain_every, a round that ends before K new measurements re-selects without a refit.
        func refits(_ k: Int?) throws -> Int {
            let cell = try Self.cell(
                predictor: Self.linreg(samples: 20, retrainEvery: k), strategies: [Self.strategies[2]],
                seconds: [5000], noise: 0.05)
            let ws = TrialWorkspace(capacity: 729, tableSize: 729)
            let (world, _, _, _) = BudgetWorld.draw(cell: cell, trial: 2, workspace: ws)
            let engine = MeasurementEngine(devices: 1, horizon: 5000)
            let tl = engine.run(world.strategy(.iterate, cell.predictors["p"]!), world: world, logEvents: true)
            return tl.log.count { if case .retrainingFinished = $0.kind { return true } else { return false } }
        }
        // A K beyond any round refits only when a round picks nothing new: never more often than
        // a refit at every round's end, and at least once (the search ends after a refit).
        let everyRound = try refits(nil), onlyWhenStuck = try refits(100_000)
        #expect(onlyWhenStuck >= 1 && everyRound >= 1)
        #expect(onlyWhenStuck <= everyRound)
    }

    // MARK: errors

    func scenarioError(_ predictors: String, subset: Int = 300, strategy: String = "{name: p, predictor: p}") -> InputError? {
        let text = """
            name: e
            trials: 2
            data: {benchmark: synthetic, size: 400, rank_correlation: 0.4, pairs: [{dataset: synthetic, metric: latency}]}
            subset_sizes: [\(subset)]
            budget:
              seconds: [100]
              measurement: {setup_s: 1, run_s: 0}
              strategies:
                - \(strategy)
            predictors:
              p: \(predictors)

            """
        do {
            let s = try Scenario.parse(text, file: "e.yaml")[0]
            var loader = GroundTruthLoader(directory: "/nonexistent")
            let pairs = try loader.pairs(for: s)
            _ = try BudgetStudy.cells(for: s, pairs: pairs, loader: &loader)
            return nil
        } catch let e as InputError {
            if let s = try? Scenario.parse(text, file: "e.yaml")[0] { return s.locate(e, file: "e.yaml") }
            return e
        } catch {
            return nil
        }
    }

    @Test func anUnknownModelIsNamedWithASuggestion() {
        let e = scenarioError("{model: linrg, train_samples: 10}")
        #expect(e?.message.contains("unknown model 'linrg'") == true)
        #expect(e?.message.contains("linreg") == true)
        #expect(e?.line == 11)
    }

    @Test func retrainEveryZeroIsRefused() {
        let e = scenarioError("{model: linreg, train_samples: 10, retrain_every: 0}")
        #expect(e?.message.contains("retrain_every ≥ 1") == true)
        #expect(e?.line == 11)
    }

    @Test func aTrainingSetAsLargeAsTheSubsetIsRefused() {
        let e = scenarioError("{model: linreg, train_samples: 300}")
        #expect(e?.key == "predictors.p.train_samples")
        #expect(e?.message.contains("leave nothing to predict in a subset of 300") == true)
        #expect(e?.file == "e.yaml" && e?.line == 11)
    }

    @Test func aLookupTableSampleNeedsAnEncoding() {
        let e = scenarioError("{model: linreg, train_samples: 30, sample: lookup-table}")
        #expect(e?.key == "predictors.p.model")
        #expect(e?.message.contains("NB201 arch strings") == true)
        #expect(e?.file == "e.yaml" && e?.line == 11)
    }

    @Test func aLookupTableSampleOnAnNB201LikeTableNeedsItsCells() throws {
        // The toy table lacks nor_conv_1x1 and avg_pool_3x3: no lookup-table cells.
        var p = try Self.linreg(samples: 30)
        p.sample = .lookupTable
        let cell = try Self.cell(predictor: p, strategies: [Self.strategies[0]], seconds: [100])
        #expect(throws: InputError.self) {
            try BudgetStudy.checkTrained(name: "p", spec: p, features: cell.features!, pair: cell.pair, subsetSize: 729)
        }
    }

    @Test func aMistypedBudgetKeyOfATrainedPredictorIsSuggested() {
        let e = scenarioError("{model: ridge, train_sampels: 10}")
        #expect(e?.message.contains("did you mean 'train_samples'?") == true)
        #expect(e?.line == 11)
    }

    @Test func aBorrowedCurveMustComeFromAnotherTrainedPredictor() {
        func error(_ predictors: String) -> InputError? {
            let text = """
                name: e
                trials: 2
                data: {benchmark: synthetic, size: 400, rank_correlation: 0.4, pairs: [{dataset: synthetic, metric: latency}]}
                subset_sizes: [300]
                budget:
                  seconds: [100]
                  measurement: {setup_s: 1, run_s: 0}
                  strategies:
                    - {name: s, predictor: s}
                predictors:
                  t: {model: linreg, train_samples: 20}
                  q: {train_samples: 20, kendall_tau: 0.5}
                  s: \(predictors)

                """
            do {
                _ = try Scenario.parse(text, file: "e.yaml")
                return nil
            } catch let e as InputError { return e } catch { return nil }
        }
        let synthetic = error("{train_samples: 20, kendall_tau: {from: q}}")
        #expect(synthetic?.message.contains("predictor 'q' is synthetic") == true)
        #expect(synthetic?.file == "e.yaml" && synthetic?.line == 13 && synthetic?.key == "predictors.s.kendall_tau.from")
        let itself = error("{train_samples: 20, kendall_tau: {from: s}}")
        #expect(itself?.message.contains("cannot borrow its own learning curve") == true)
        #expect(itself?.line == 13)
        let unknown = error("{train_samples: 20, kendall_tau: {from: tt}}")
        #expect(unknown?.message.contains("no predictor 'tt'") == true && unknown?.message.contains("did you mean 't'?") == true)
        let extra = error("{train_samples: 20, kendall_tau: {from: t, samples: 3}}")
        #expect(extra?.line == 13)
        #expect(error("{train_samples: 20, kendall_tau: {from: t}}") == nil)
    }

    @Test func transferTrainSamplesAndSamplesMustAgree() {
        let e = scenarioError("{model: transfer, train_samples: 12, samples: 10}")
        #expect(e?.message.contains("disagree") == true)
        #expect(e?.line == 11 && e?.key == "predictors.p.train_samples")
    }

    @Test func kendallTauBesideAModelIsRefused() {
        let e = scenarioError("{model: linreg, train_samples: 10, kendall_tau: 0.5}")
        #expect(e?.message.contains("remove kendall_tau") == true)
        #expect(e?.line == 11)
    }
}
