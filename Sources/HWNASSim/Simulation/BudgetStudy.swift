// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// One cell of a budget study: a pair at one subset size, with the scenario's strategies.
struct BudgetCell: Sendable {
    public var pair: GroundTruthPair
    /// Latency in ms per row of the pair, the cost basis of a measurement.
    var latencyMs: [Double]
    public var subsetSize: Int
    public var budget: BudgetSpec
    public var predictors: [String: PredictorSpec]
    /// σ of the calibrated `kendall-tau` noise per predictor, from its learning curve at its
    /// training-sample count.
    var sigmas: [String: Double]
    public var limits: [Double]
    public var reference: ReferencePoint
    public var seed: UInt64
    /// The latency column named for the pair, if any (part of the stream key, so that two
    /// pairs that differ only in it draw differently).
    var latencyColumn: String? = nil
    /// The NB201 one-hot of the pair's architectures, when a predictor of the cell is trained
    /// (`model:`).
    var features: PairFeatures? = nil
    /// The Kendall tau of each synthetic predictor at its training size: its curve's, or the one
    /// borrowed from a trained predictor (`kendall_tau: {from: NAME}`).
    var taus: [String: Double] = [:]

    /// Output measures, in order.
    public var measures: [String] {
        BudgetStudy.baseMeasures + limits.flatMap { l in ["acc_loss", "violation", "regret"].map { "\($0)@\(Format.number(l))" } }
    }

    public var valuesPerTrial: Int { budget.strategies.count * budget.seconds.count * measures.count }

    func streamKey(trial: Int) -> UInt64 {
        StreamKey.derive(seed, StreamKey.hash("\(pair.dataset)/\(pair.metric)" + (latencyColumn.map { "/" + $0 } ?? "")),
                         UInt64(subsetSize), UInt64(trial))
    }
}

/// The outcome of a budget study: `[cell][trial][strategy][budget][measure]`.
struct BudgetResult: Sendable {
    public var scenario: Scenario
    public var cells: [BudgetCell]
    public var values: [Double]

    /// One value per trial.
    public func values(cell c: Int, strategy s: Int, budget b: Int, measure m: Int) -> [Double] {
        let cell = cells[c]
        let perTrial = cell.valuesPerTrial
        let nm = cell.measures.count, nb = cell.budget.seconds.count
        let start = c * scenario.trials * perTrial
        return (0..<scenario.trials).map { values[start + $0 * perTrial + (s * nb + b) * nm + m] }
    }
}

/// Time-budget studies: "train a predictor or measure on the device?".
enum BudgetStudy {
    static let baseMeasures = ["hv", "hv_retained", "mra_all", "mra_pareto", "mean_regret", "n_selected", "n_verified", "n_measured"]

    /// Whether a metric name is a latency (measuring it costs itself).
    static func isLatency(_ metric: String) -> Bool { metric == "latency" || metric.hasSuffix("_latency") }

    /// Builds the cells, reading the latency column behind each pair's measurement cost and
    /// calibrating every predictor's noise on the pair.
    /// The cells of a budget-study scenario; none for another kind.
    public static func cells(for scenario: Scenario, pairs: [GroundTruthPair], loader: inout GroundTruthLoader) throws -> [BudgetCell] {
        guard case .budgetStudy(let study) = scenario.experiment else { return [] }
        return try cells(for: scenario, study: study, pairs: pairs, loader: &loader)
    }

    /// Builds the cells of `study`, reading the latency column behind each pair's measurement
    /// cost and calibrating every predictor's noise on the pair.
    public static func cells(for scenario: Scenario, study: BudgetStudySpec, pairs: [GroundTruthPair],
                             loader: inout GroundTruthLoader) throws -> [BudgetCell] {
        let budget = study.budget
        var cells: [BudgetCell] = []
        for (i, pair) in pairs.enumerated() {
            let spec = scenario.pairs[i]
            var latency: [Double]
            if budget.measurement.runSeconds != nil {
                latency = [Double](repeating: 0, count: pair.count)
            } else if let column = spec.latencyColumn {
                let table = try loader.table(scenario.data, pair: spec, metricColumns: GroundTruthLoader.csvColumns(for: scenario))
                let values = try table.values(of: column, key: "data.pairs[\(i)].latency_column")
                let row = Dictionary(uniqueKeysWithValues: table.ids.enumerated().map { ($1, $0) })
                latency = try pair.ids.map { id in
                    let v = values[row[id]!]
                    guard v.isFinite && v >= 0 else {
                        throw InputError(key: "data.pairs[\(i)].latency_column", "architecture \(id) has no latency in '\(column)'")
                    }
                    return v
                }
            } else if isLatency(pair.metric) {
                latency = pair.metricValue
            } else {
                throw InputError(key: "data.pairs[\(i)]", "metric '\(pair.metric)' is not a latency: name a 'latency_column' for the pair or give budget.measurement.run_s")
            }
            for size in study.subsetSizes {
                for strategy in budget.strategies {
                    if case .predictor(let name) = strategy.kind, let p = study.predictors[name], p.trainSamples >= size {
                        throw InputError(key: "predictors.\(name).train_samples",
                                         "\(p.trainSamples) training samples leave nothing to predict in a subset of \(size)")
                    }
                }
            }
            let used = usedPredictors(budget)
            let trainedNames = used.filter { study.predictors[$0]?.model != nil }
            // Trained predictors whose learning curve a synthetic one borrows (kendall_tau: {from:}).
            let lenders = Set(used.compactMap { study.predictors[$0]?.tauFrom }).sorted()
            var features: PairFeatures?
            if let first = (trainedNames + lenders).first {
                let table = try loader.table(scenario.data, pair: spec, metricColumns: GroundTruthLoader.csvColumns(for: scenario))
                features = try PairFeatures(table: table, pair: pair, key: "predictors.\(first).model")
                for name in Set(trainedNames + lenders).sorted() where study.predictors[name]!.model!.model == .transfer {
                    features!.sources[name] = try transferSources(name: name, model: study.predictors[name]!.model!, scenario: scenario,
                                                                  pairIndex: i, pair: pair, loader: &loader)
                }
            }
            var sigmas: [String: Double] = [:]
            var taus: [String: Double] = [:]
            for name in used {
                guard let p = study.predictors[name], p.model == nil else { continue }
                let tau = try p.tauFrom.map { try borrowedTau(of: study.predictors[$0]!, name: $0, samples: p.trainSamples, pair: pair,
                                                              features: features!, measurementNoise: budget.measurement.noiseRelativeSD,
                                                              seed: scenario.seed) } ?? p.tau(samples: p.trainSamples)
                taus[name] = tau
                sigmas[name] = KendallTauNoise.calibratedSigma(tau: tau, truth: pair.z)
            }
            for size in study.subsetSizes {
                for name in trainedNames {
                    try checkTrained(name: name, spec: study.predictors[name]!, features: features!, pair: pair, subsetSize: size)
                }
                cells.append(BudgetCell(pair: pair, latencyMs: latency, subsetSize: size, budget: budget,
                                        predictors: study.predictors, sigmas: sigmas, limits: study.limits,
                                        reference: study.referencePoint, seed: scenario.seed, latencyColumn: spec.latencyColumn,
                                        features: features, taus: taus))
            }
        }
        return cells
    }

    /// The Kendall tau of trained predictor `lender`'s learning curve on `pair` at `samples`
    /// training samples: the mean over its `trials` (default ``borrowedCurveSplits``) random
    /// splits of `LearningCurve.trial` (a random training set with the budget's measurement
    /// noise, tau over up to 625 other architectures of the pair), so that a synthetic predictor
    /// with `kendall_tau: {from: NAME}` has the tau the trained one has on average.
    /// - Throws: ``InputError`` at `predictors.NAME` when the size does not fit the pair or the model.
    /// - Complexity: `trials` fits of the model.
    static func borrowedTau(of lender: PredictorSpec, name: String, samples: Int, pair: GroundTruthPair, features: PairFeatures,
                            measurementNoise: Double, seed: UInt64) throws -> Double {
        let model = lender.model!
        let task = LearningCurve.Task(dataset: pair.dataset, metric: pair.metric, features: features.matrix, encoding: features.encoding,
                                      targets: pair.metricValue, sourceFeatures: features.sources[name])
        let k = model.ownTrainingSize(encoding: features.encoding) ?? samples
        let test = min(LearningCurve.studyTestSamples, pair.count - k)
        do {
            guard test >= 2 else { throw InputError(key: "train_samples", "\(k) training samples leave fewer than 2 test architectures in \(pair.count)") }
            let runs = try LearningCurve.run(task, spec: model, trainSamples: k, testSamples: test, trials: model.trials ?? borrowedCurveSplits,
                                             seed: seed, measurementNoise: measurementNoise)
            let taus = runs.map(\.scores.kendallTau).filter(\.isFinite)
            guard !taus.isEmpty else { throw InputError(key: "model", "\(model.name) predicts a constant: its tau is undefined") }
            return taus.reduce(0, +) / Double(taus.count)
        } catch var e as InputError {
            e.message = "kendall_tau from '\(name)': " + e.message
            e.key = "predictors.\(name)" + (e.key.map { "." + $0 } ?? "")
            throw e
        }
    }

    /// Random splits behind a borrowed learning curve (`kendall_tau: {from: NAME}`) unless NAME
    /// sets `trials`.
    static let borrowedCurveSplits = 20

    /// The source features of trained `transfer` predictor `name` on `pair` (pair row order): its
    /// `source` columns, or every other complete `*_latency` column of the table.
    /// - Throws: ``InputError`` at `predictors.NAME.source` for an unknown column or the target.
    static func transferSources(name: String, model: ModelSpec, scenario: Scenario, pairIndex i: Int, pair: GroundTruthPair,
                                loader: inout GroundTruthLoader) throws -> FeatureMatrix {
        let spec = scenario.pairs[i]
        let requested = model.sourceColumns
        let key = "predictors.\(name).source"
        var table = try loader.table(scenario.data, pair: spec, metricColumns: GroundTruthLoader.csvColumns(for: scenario) + (requested ?? []))
        if requested == nil, !table.unloadedMetrics.isEmpty {
            table = try loader.table(scenario.data, pair: spec, metricColumns: GroundTruthLoader.csvColumns(for: scenario) + table.unloadedMetrics)
        }
        let columns = try TransferPredictor.sourceColumns(requested: requested, target: pair.metric, available: table.metricNames,
                                                          complete: { table.missingCount($0) == 0 }, key: key)
        let all = try FeatureColumns.matrix(table, columns: columns, key: key)
        let rowOfId = Dictionary(table.ids.enumerated().map { ($1, $0) }) { a, _ in a }
        let m = all.selecting(rows: pair.ids.map { rowOfId[$0]! })
        guard m.values.allSatisfy(\.isFinite) else {
            throw InputError(key: key, "transfer: a source column has a missing value for an architecture of \(pair.dataset)/\(pair.metric)")
        }
        return m
    }

    /// The predictor names the strategies of `budget` use, sorted.
    static func usedPredictors(_ budget: BudgetSpec) -> [String] {
        Set(budget.strategies.compactMap { s -> String? in
            if case .predictor(let name) = s.kind { return name } else { return nil }
        }).sorted()
    }

    /// Checks that trained predictor `name` can be fitted in every trial of a subset of
    /// `subsetSize`: its model's training-size limits, and for `sample: lookup-table` the
    /// table's structured cells in the subset.
    /// - Throws: ``InputError`` at the predictor's key.
    static func checkTrained(name: String, spec: PredictorSpec, features: PairFeatures, pair: GroundTruthPair, subsetSize: Int) throws {
        let key = "predictors.\(name)"
        let model = try spec.model!.make(.init(encoding: features.encoding, dataset: pair.dataset), key: "\(key).model")
        if spec.sample == .lookupTable {
            guard features.lookupTableRows != nil else {
                throw InputError(key: "\(key).sample", "sample: lookup-table needs every structured cell of the lookup table (base all none and each single-edge substitution) in \(pair.dataset)/\(pair.metric)")
            }
            guard subsetSize == pair.count else {
                throw InputError(key: "\(key).sample", "sample: lookup-table measures the table's structured cells, which a random subset of \(subsetSize) may lack: use the whole table (subset_sizes: [\(pair.count)])")
            }
            let cells = LookupTable(encoding: features.encoding).measurementCount
            guard spec.trainSamples >= cells else {
                throw InputError(key: "\(key).train_samples", "sample: lookup-table measures the \(cells) structured cells first: expected train_samples ≥ \(cells), found \(spec.trainSamples)")
            }
        }
        if spec.trainSamples < model.minimumTrainingSize {
            throw InputError(key: "\(key).train_samples", "\(model.name) needs at least \(model.minimumTrainingSize) training samples, found \(spec.trainSamples)")
        }
        if let m = model.maximumTrainingSize, spec.trainSamples > m {
            throw InputError(key: "\(key).train_samples", "\(model.name) takes at most \(m) training samples, found \(spec.trainSamples)")
        }
    }

    /// Runs every trial of every cell on `jobs` workers; results do not depend on `jobs`.
    public static func run(scenario: Scenario, cells: [BudgetCell], jobs: Int) -> BudgetResult {
        let trials = scenario.trials
        let perTrial = cells.first?.valuesPerTrial ?? 0
        let output = SharedBuffer<Double>(repeating: .nan, count: cells.count * trials * perTrial)
        let capacity = cells.map(\.subsetSize).max() ?? 0
        let tableSize = cells.map(\.pair.count).max() ?? 0
        ParallelFor.run(count: cells.count * trials, jobs: jobs,
                        makeState: { TrialWorkspace(capacity: capacity, tableSize: tableSize) }) { ws, item in
            let c = item / trials, t = item % trials
            let out = UnsafeMutableBufferPointer(rebasing: output.pointer[(item * perTrial)..<((item + 1) * perTrial)])
            BudgetTrial.run(cell: cells[c], trial: t, workspace: ws, out: out)
        }
        return BudgetResult(scenario: scenario, cells: cells, values: output.array)
    }
}

/// One trial of a budget study: one subset, every strategy simulated once to the largest
/// budget, the state at each checkpoint scored against the subset's true front.
///
/// What a strategy reports at a checkpoint (its front) is the Pareto set of
/// - `measure: random`: what it has measured (measured values);
/// - a predictor strategy with `verify: none`: every architecture under its believed values
///   (measured where measured, predicted elsewhere) — trusting the predictor is its point;
/// - a verifying strategy (`selected`, `iterate`): what it has measured; the predictions only
///   choose what to measure next.
/// The front is scored with true values: `hv`, `hv_retained`, `mra_all` (every member),
/// `mra_pareto` (the members left after verifying the front with true values, as in the
/// study), `mean_regret` (picks from the front by believed values, see ``LimitScoring``).
enum BudgetTrial {
    static func world(cell: BudgetCell, trial: Int, workspace ws: TrialWorkspace)
        -> (BudgetWorld, z: [Double], metric: [Double], sortedMetric: [Double]) {
        let n = cell.subsetSize
        ws.rng.reseed(cell.streamKey(trial: trial))
        let acc = UnsafeMutableBufferPointer(rebasing: ws.accuracy[0..<n])
        let zb = UnsafeMutableBufferPointer(rebasing: ws.z[0..<n])
        let rows = SubsetDraw.draw(pair: cell.pair, size: n, workspace: ws, accuracy: acc, z: zb, rowsWanted: true)!
        let accuracy = Array(acc), z = Array(zb)
        let metric = rows.map { cell.pair.metricValue[$0] }
        let cost = rows.map { cell.budget.measurement.seconds(latencyMs: cell.latencyMs[$0]) }
        var order = (0..<Int32(n)).map { $0 }
        order.sort { accuracy[Int($0)] > accuracy[Int($1)] }
        // Random measurement order and measurement noise: common to all strategies.
        var randomOrder = (0..<Int32(n)).map { $0 }
        for i in stride(from: n - 1, to: 0, by: -1) { randomOrder.swapAt(i, ws.rng.uniformInt(i + 1)) }
        let sd = cell.budget.measurement.noiseRelativeSD
        let measured = metric.map { sd > 0 ? $0 * (1 + ws.rng.gaussian(sd)) : $0 }
        // Predictions: calibrated kendall-tau noise on normal scores, mapped to metric units.
        var predicted: [String: [Double]] = [:]
        var scores = [Double](repeating: 0, count: n)
        z.withUnsafeBufferPointer { t in scores.withUnsafeMutableBufferPointer { KendallTauNoise.normalScores(t, into: $0, workspace: &ws.noise) } }
        let sortedMetric = metric.sorted()
        let (trainingPositions, trained) = trainedPredictors(cell: cell, trial: trial, rows: rows, measured: measured, randomOrder: randomOrder)
        for (name, fit) in trained { predicted[name] = fit.predictions(trainedOn: trainingPositions[name]!) }
        for name in cell.sigmas.keys.sorted() {
            let sigma = cell.sigmas[name]!
            let key = StreamKey.derive(cell.streamKey(trial: trial), StreamKey.hash(name))
            let rng = RandomStream(key: key)
            predicted[name] = sortedMetric.withUnsafeBufferPointer { sorted in
                scores.map { KendallTauNoise.toMetricUnits(score: $0 + (sigma > 0 ? rng.gaussian(sigma) : 0), sortedTruth: sorted) }
            }
        }
        return (BudgetWorld(n: n, accuracy: accuracy, orderByAccuracy: order, cost: cost, measured: measured,
                            randomOrder: randomOrder, predicted: predicted, trainingPositions: trainingPositions, trained: trained),
                z, metric, sortedMetric)
    }

    /// The trained predictors of a trial: each one's training positions and its fit (subset
    /// features, measured values, the trial's stream key). Empty without trained predictors.
    static func trainedPredictors(cell: BudgetCell, trial: Int, rows: [Int], measured: [Double], randomOrder: [Int32])
        -> (positions: [String: [Int32]], fits: [String: TrainedFit]) {
        guard let pf = cell.features else { return ([:], [:]) }
        let names = BudgetStudy.usedPredictors(cell.budget).filter { cell.predictors[$0]?.model != nil }
        guard !names.isEmpty else { return ([:], [:]) }
        let features = pf.matrix.selecting(rows: rows)
        var lookupPositions: [Int32]?
        if let lut = pf.lookupTableRows, names.contains(where: { cell.predictors[$0]!.sample == .lookupTable }) {
            var positionOfRow: [Int: Int32] = [:]
            for (p, r) in rows.enumerated() { positionOfRow[r] = Int32(p) }
            lookupPositions = lut.compactMap { positionOfRow[$0] }
        }
        var positions: [String: [Int32]] = [:], fits: [String: TrainedFit] = [:]
        for name in names {
            let spec = cell.predictors[name]!
            positions[name] = TrainedFit.trainingPositions(spec: spec, randomOrder: randomOrder, lookupTablePositions: lookupPositions)
            let x = spec.model!.model == .transfer ? pf.sources[name]!.selecting(rows: rows) : features
            fits[name] = TrainedFit(name: name, spec: spec, model: spec.model!, features: x, measured: measured,
                                    trialKey: cell.streamKey(trial: trial), dataset: cell.pair.dataset)
        }
        return (positions, fits)
    }

    static func run(cell: BudgetCell, trial: Int, workspace ws: TrialWorkspace, out: UnsafeMutableBufferPointer<Double>) {
        let (world, z, metric, sortedMetric) = world(cell: cell, trial: trial, workspace: ws)
        let n = world.n
        // True front of the subset, for scoring.
        var mask = [Bool](repeating: false, count: n)
        world.orderByAccuracy.withUnsafeBufferPointer { o in
            world.accuracy.withUnsafeBufferPointer { a in
                z.withUnsafeBufferPointer { zz in mask.withUnsafeMutableBufferPointer { ParetoFront.mask(order: o, accuracy: a, metric: zz, into: $0) } }
            }
        }
        let front = world.orderByAccuracy.reversed().filter { mask[Int($0)] }  // accuracy ascending = z ascending
        let frontZ = front.map { z[Int($0)] }, frontAcc = front.map { world.accuracy[Int($0)] }
        let reference = cell.reference.point(subsetZ: z, frontMaxZ: frontZ.last!)
        let hvTrue = TrialScoring.staircaseVolume(accuracy: frontAcc.reversed(), metric: frontZ.reversed(), reference: reference)
        // Once per trial: the scenario's limits and the grid behind mean_regret, with the best
        // true accuracy within each.
        let scenarioLimits = LimitScoring(limits: cell.limits, world: world, metric: metric, tolerance: cell.budget.limitTolerance)
        let grid = LimitScoring(limits: LimitScoring.grid(sortedMetric: sortedMetric), world: world, metric: metric,
                                tolerance: cell.budget.limitTolerance)

        let engine = MeasurementEngine(devices: cell.budget.devices, horizon: cell.budget.seconds.last!)
        let measures = cell.measures
        let nb = cell.budget.seconds.count
        for (s, strategy) in cell.budget.strategies.enumerated() {
            let predictor: (spec: PredictorSpec, name: String)?
            switch strategy.kind {
            case .measureRandom: predictor = nil
            case .predictor(let name): predictor = (cell.predictors[name]!, name)
            }
            let afterReady: MeasurementEngine.AfterReady
            switch strategy.verify {
            case .none: afterReady = .none
            case .selected: afterReady = .verifySelected
            case .iterate: afterReady = .verifyIterate
            }
            let timeline = engine.run(world: world, predictor: predictor, afterReady: afterReady)
            let limitTimelines: [StrategyTimeline] = strategy.verify == .none ? [] :
                cell.limits.map { engine.run(world: world, predictor: predictor, afterReady: .verifyLimit($0)) }
            let predicted = predictor.flatMap { world.predicted[$0.name] }
            let reporter = FrontReporter(world: world, timeline: timeline, predicted: predicted, verify: strategy.verify)

            for (b, t) in cell.budget.seconds.enumerated() {
                let (reported, believed, nMeasured) = reporter.front(at: t)
                // The members that survive verification by true values (the study's mra_pareto).
                let verified = nonDominated(reported, accuracy: world.accuracy, values: z)
                let hv = TrialScoring.staircaseVolume(accuracy: reported.map { world.accuracy[Int($0)] },
                                                      metric: reported.map { z[Int($0)] }, reference: reference)
                func mra(_ set: [Int32]) -> Double {
                    guard !set.isEmpty else { return .nan }
                    var loss = 0.0
                    frontZ.withUnsafeBufferPointer { fz in
                        frontAcc.withUnsafeBufferPointer { fa in
                            for a in set {
                                loss += TrialScoring.frontAccuracyBelow(z[Int(a)], frontZ: fz, frontAcc: fa) - world.accuracy[Int(a)]
                            }
                        }
                    }
                    return 100 * loss / Double(set.count)
                }
                let nVerified = reported.lazy.filter { timeline.finish[Int($0)] <= t }.count
                var row: [Double] = [hv, hvTrue > 0 ? hv / hvTrue : .nan, mra(reported), mra(verified),
                                     grid.meanRegret(front: reported, believed: believed, accuracy: world.accuracy),
                                     Double(reported.count), Double(nVerified), Double(nMeasured)]
                for (li, limit) in cell.limits.enumerated() {
                    // Without verification the pick comes from the reported front (the most
                    // accurate architecture believed within the limit is always on it); a
                    // verifying strategy's from its own latency-limit run.
                    let pick = strategy.verify == .none
                        ? LimitScoring.pick(reported, believed: believed, accuracy: world.accuracy, limit: limit)
                        : LimitScoring.pick(world.orderByAccuracy, believed: limitValues(limitTimelines[li], world: world, predicted: predicted, at: t),
                                            accuracy: world.accuracy, limit: limit)
                    // acc_loss: best accuracy within the limit minus the pick's (negative when the
                    // pick truly breaks the limit; undefined when nothing in the subset meets it).
                    // violation and regret: see LimitScoring.regret.
                    let best = scenarioLimits.bestWithin[li]  // NaN: nothing meets the limit
                    if pick < 0 {
                        row += [100 * best, 0, scenarioLimits.regret(pick: pick, limit: li, accuracy: world.accuracy)]
                    } else {
                        row += [100 * (best - world.accuracy[pick]), scenarioLimits.violates(pick: pick, limit: li) ? 1 : 0,
                                scenarioLimits.regret(pick: pick, limit: li, accuracy: world.accuracy)]
                    }
                }
                let base = (s * nb + b) * measures.count
                for (m, value) in row.enumerated() { out[base + m] = value }
            }
        }
    }

    /// The values a verifying strategy's own latency-limit run knows at `t`.
    static func limitValues(_ tl: StrategyTimeline, world: BudgetWorld, predicted: [Double]?, at t: Double) -> [Double] {
        let ready = tl.readyTime <= t
        return (0..<world.n).map { tl.finish[$0] <= t ? world.measured[$0] : (ready ? (predicted?[$0] ?? .nan) : .nan) }
    }

    /// Members of `set` (given in accuracy-descending order) not dominated by another member
    /// under (accuracy, values).
    static func nonDominated(_ set: [Int32], accuracy: [Double], values: [Double]) -> [Int32] {
        let k = set.count
        guard k > 0 else { return [] }
        let localOrder = (0..<Int32(k)).map { $0 }
        let acc = set.map { accuracy[Int($0)] }, v = set.map { values[Int($0)] }
        var mask = [Bool](repeating: false, count: k)
        localOrder.withUnsafeBufferPointer { o in
            acc.withUnsafeBufferPointer { a in
                v.withUnsafeBufferPointer { vv in mask.withUnsafeMutableBufferPointer { ParetoFront.mask(order: o, accuracy: a, metric: vv, into: $0) } }
            }
        }
        return (0..<k).filter { mask[$0] }.map { set[$0] }
    }
}

/// The fronts one strategy reports over the checkpoints of a trial (see ``BudgetTrial``).
///
/// Built once per strategy and trial, so that a checkpoint costs O(measured) rather than O(N):
/// a measured front only looks at the strategy's measurements, and a trusting predictor's
/// front is fixed once its predictions are ready (no measurement follows them).
struct FrontReporter {
    let world: BudgetWorld
    let timeline: StrategyTimeline
    let verify: Verification
    /// The positions measured within the horizon, accuracy-descending.
    let measuredByAccuracy: [Int32]
    /// Without verification, from the predictions on: the believed values and their Pareto set.
    let trusting: (front: [Int32], believed: [Double])?

    init(world: BudgetWorld, timeline: StrategyTimeline, predicted: [Double]?, verify: Verification) {
        self.world = world
        self.timeline = timeline
        self.verify = verify
        measuredByAccuracy = world.orderByAccuracy.filter { timeline.finish[Int($0)].isFinite }
        let ready = timeline.readyTime
        if verify == .none, ready.isFinite, let predicted {
            let believed = (0..<world.n).map { timeline.finish[$0] <= ready ? world.measured[$0] : predicted[$0] }
            trusting = (BudgetTrial.nonDominated(world.orderByAccuracy, accuracy: world.accuracy, values: believed), believed)
        } else {
            trusting = nil
        }
    }

    /// The front reported at `t` (accuracy-descending), the believed value per position of its
    /// members (measured where measured by `t`, predicted elsewhere), and the measurements
    /// finished by `t`.
    func front(at t: Double) -> (front: [Int32], believed: [Double], measured: Int) {
        let measured = measuredByAccuracy.filter { timeline.finish[Int($0)] <= t }
        // The trusting front holds from the predictions on, if nothing was measured after them.
        if let trusting, timeline.readyTime <= t, measured.allSatisfy({ timeline.finish[Int($0)] <= timeline.readyTime }) {
            return (trusting.front, trusting.believed, measured.count)
        }
        // Before the predictions, and for measuring or verifying strategies: what was measured.
        return (BudgetTrial.nonDominated(measured, accuracy: world.accuracy, values: world.measured), world.measured, measured.count)
    }
}

/// Latency limits of one trial and the best true accuracy within each: scores a pick made by
/// believed values under a limit the user learns only after the search.
///
/// A pick breaks limit L when its true metric exceeds L × (1 + `tolerance`) (`budget.limit_tolerance`,
/// default 2.5 × `measurement.noise_relative_sd`), so that measurement noise at the edge of a
/// limit does not turn a good pick into a worthless one. Its regret, in accuracy percentage
/// points: for a pick within the limit (and tolerance), best true accuracy within L minus its
/// own, at least 0 (a pick just above L may be more accurate than anything within it); a pick
/// that breaks the limit is worthless and loses what it seemed to offer too, max(best within
/// L, its own accuracy); no pick loses the best within L. "Best within L" is 0 when nothing in
/// the subset meets L (deploying nothing is then right).
struct LimitScoring {
    var limits: [Double]
    var tolerance: Double
    /// Best true accuracy (fraction) with true metric ≤ each limit; NaN when nothing meets it.
    var bestWithin: [Double]
    /// True metric per position.
    var metric: [Double]

    /// The grid of `mean_regret`: the 5th, 10th, …, 95th percentiles of the subset's true
    /// metric (19 limits), each `gsl_stats_quantile_from_sorted_data` at f = k/20: linear
    /// interpolation between the sorted values at positions ⌊(n − 1)f⌋ and the next.
    static func grid(sortedMetric: [Double]) -> [Double] {
        (1...19).map { GSL.quantileFromSorted(sortedMetric, Double($0) / 20) }
    }

    /// Scores `limits` for a trial's subset; `metric` is its true metric per position.
    /// - Complexity: O(N) per limit at worst (a scan down the accuracy order).
    init(limits: [Double], world: BudgetWorld, metric: [Double], tolerance: Double) {
        self.limits = limits
        self.tolerance = tolerance
        self.metric = metric
        bestWithin = limits.map { limit in
            for a in world.orderByAccuracy where metric[Int(a)] <= limit { return world.accuracy[Int(a)] }
            return .nan
        }
    }

    /// The pick under `limit` among `candidates` (accuracy-descending): the most accurate one
    /// whose believed value is within the limit; ties: lower believed value, then lower
    /// position. -1: none.
    static func pick(_ candidates: [Int32], believed: [Double], accuracy: [Double], limit: Double) -> Int {
        var pick = -1
        for a in candidates where believed[Int(a)] <= limit {
            let i = Int(a)
            if pick < 0 { pick = i; continue }
            if accuracy[i] < accuracy[pick] { break }
            if believed[i] < believed[pick] || (believed[i] == believed[pick] && i < pick) { pick = i }
        }
        return pick
    }

    /// Whether position `pick` truly breaks limit number `li` beyond the tolerance.
    func violates(pick: Int, limit li: Int) -> Bool { metric[pick] > limits[li] * (1 + tolerance) }

    /// The regret of `pick` (-1: none) under limit number `li`, in accuracy percentage points.
    func regret(pick: Int, limit li: Int, accuracy: [Double]) -> Double {
        let best = bestWithin[li]
        let achievable = best.isNaN ? 0 : best  // deploying nothing is worth 0
        guard pick >= 0 else { return 100 * achievable }
        let acc = accuracy[pick]
        return violates(pick: pick, limit: li) ? 100 * max(achievable, acc) : 100 * max(0, achievable - acc)
    }

    /// The mean regret over every limit of a pick from `front` (accuracy-descending) by its
    /// believed values.
    func meanRegret(front: [Int32], believed: [Double], accuracy: [Double]) -> Double {
        guard !limits.isEmpty else { return .nan }
        var sum = 0.0
        for li in limits.indices {
            sum += regret(pick: Self.pick(front, believed: believed, accuracy: accuracy, limit: limits[li]), limit: li, accuracy: accuracy)
        }
        return sum / Double(limits.count)
    }
}
