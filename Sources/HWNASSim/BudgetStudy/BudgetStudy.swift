// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Time-budget studies: "train a predictor or measure on the device?".
enum BudgetStudy {
    /// Whether a metric name is a latency (measuring it costs itself).
    static func isLatency(_ metric: String) -> Bool { metric == "latency" || metric.hasSuffix("_latency") }

    /// The cells of a budget-study scenario; none for another kind.
    static func cells(for scenario: Scenario, pairs: [GroundTruthPair], loader: inout GroundTruthLoader) throws -> [BudgetCell] {
        guard case .budgetStudy(let study) = scenario.experiment else { return [] }
        return try cells(for: scenario, study: study, pairs: pairs, loader: &loader)
    }

    /// Builds the cells of `study`, reading the latency column behind each pair's measurement
    /// cost and calibrating every predictor's noise on the pair.
    static func cells(
        for scenario: Scenario, study: BudgetStudySpec, pairs: [GroundTruthPair],
        loader: inout GroundTruthLoader
    ) throws -> [BudgetCell] {
        let budget = study.budget
        var cells: [BudgetCell] = []
        for (i, pair) in pairs.enumerated() {
            let spec = scenario.pairs[i]
            let latency = try latencies(scenario: scenario, study: study, pairIndex: i, pair: pair, loader: &loader)
            try checkTrainingLeavesSomethingToPredict(study)
            let used = usedPredictors(budget)
            let trainedNames = used.filter { study.predictors[$0]?.model != nil }
            let features = try pairFeatures(
                scenario: scenario, study: study, pairIndex: i, pair: pair, trained: trainedNames + accuracyPredictors(budget),
                loader: &loader)
            let (taus, sigmas) = try syntheticNoise(scenario: scenario, study: study, pair: pair, features: features)
            let structure = try searchStructure(scenario: scenario, study: study, pairIndex: i, pair: pair, loader: &loader)
            for size in study.subsetSizes {
                for name in trainedNames {
                    try checkTrained(name: name, spec: study.predictors[name]!, features: features!, pair: pair, subsetSize: size)
                }
                var cell = BudgetCell(
                    pair: pair, latencyMs: latency, subsetSize: size, budget: budget,
                    predictors: study.predictors, sigmas: sigmas, limits: study.limits,
                    reference: study.referencePoint, seed: scenario.seed, latencyColumn: spec.latencyColumn,
                    features: features, taus: taus, structure: structure)
                var notes: [String] = []
                try addTraining(&cell, scenario: scenario, study: study, pairIndex: i, pair: pair, loader: &loader, notes: &notes)
                for n in notes where !loader.notes.contains(n) { loader.notes.append(n) }
                cells.append(cell)
            }
        }
        return cells
    }

    /// The latency (ms) behind each architecture's measurement cost: zero with a fixed
    /// `run_s`, a pair's `latency_column`, or the metric itself when it is a latency.
    /// - Throws: ``InputError`` for a missing latency or a metric that is not one.
    static func latencies(
        scenario: Scenario, study: BudgetStudySpec, pairIndex i: Int, pair: GroundTruthPair,
        loader: inout GroundTruthLoader
    ) throws -> [Double] {
        let spec = scenario.pairs[i]
        if study.budget.measurement.runSeconds != nil { return [Double](repeating: 0, count: pair.count) }
        if let column = spec.latencyColumn {
            let table = try loader.table(scenario.data, pair: spec, metricColumns: GroundTruthLoader.csvColumns(for: scenario))
            let values = try table.values(of: column, key: "data.pairs[\(i)].latency_column")
            let row = Dictionary(uniqueKeysWithValues: table.ids.enumerated().map { ($1, $0) })
            return try pair.ids.map { id in
                let v = values[row[id]!]
                guard v.isFinite && v >= 0 else {
                    throw InputError(key: "data.pairs[\(i)].latency_column", "architecture \(id) has no latency in '\(column)'")
                }
                return v
            }
        }
        if isLatency(pair.metric) { return pair.metricValue }
        throw InputError(
            key: "data.pairs[\(i)]",
            "metric '\(pair.metric)' is not a latency: name a 'latency_column' for the pair or give budget.measurement.run_s")
    }

    /// - Throws: ``InputError`` when a strategy's predictor trains on the whole of a subset.
    static func checkTrainingLeavesSomethingToPredict(_ study: BudgetStudySpec) throws {
        for size in study.subsetSizes {
            for strategy in study.budget.strategies {
                if case .predictor(let name) = strategy.kind, let p = study.predictors[name], p.trainSamples >= size {
                    throw InputError(
                        key: "predictors.\(name).train_samples",
                        "\(p.trainSamples) training samples leave nothing to predict in a subset of \(size)")
                }
            }
        }
    }

    /// The pair's features for the trained predictors and for those whose learning curve a
    /// synthetic one borrows (`kendall_tau: {from:}`), with each transfer model's source
    /// columns; nil when no strategy trains.
    static func pairFeatures(
        scenario: Scenario, study: BudgetStudySpec, pairIndex i: Int, pair: GroundTruthPair, trained: [String],
        loader: inout GroundTruthLoader
    ) throws -> PairFeatures? {
        let lenders = Set(usedPredictors(study.budget).compactMap { study.predictors[$0]?.tauFrom }).sorted()
        guard let first = (trained + lenders).first else { return nil }
        let table = try loader.table(scenario.data, pair: scenario.pairs[i], metricColumns: GroundTruthLoader.csvColumns(for: scenario))
        var (features, warnings) = try PairFeatures.of(scenario: scenario, table: table, pair: pair, key: "predictors.\(first).model")
        for w in warnings where !loader.warnings.contains(w) { loader.warnings.append(w) }
        for name in Set(trained + lenders).sorted() where study.predictors[name]!.model!.model == .transfer {
            features.sources[name] = try transferSources(
                name: name, model: study.predictors[name]!.model!, scenario: scenario,
                pairIndex: i, pair: pair, loader: &loader)
        }
        return features
    }

    /// Each synthetic predictor's tau (its own curve, or borrowed) and the calibrated
    /// kendall-tau noise sigma of that tau on the pair.
    static func syntheticNoise(
        scenario: Scenario, study: BudgetStudySpec, pair: GroundTruthPair, features: PairFeatures?
    ) throws -> (taus: [String: Double], sigmas: [String: Double]) {
        var sigmas: [String: Double] = [:]
        var taus: [String: Double] = [:]
        for name in usedPredictors(study.budget) {
            guard let p = study.predictors[name], p.model == nil else { continue }
            let tau =
                try p.tauFrom.map {
                    try borrowedTau(
                        of: study.predictors[$0]!, name: $0, samples: p.trainSamples, pair: pair,
                        features: features!, measurementNoise: study.budget.measurement.noiseRelativeSD,
                        seed: scenario.seed)
                } ?? p.tau(samples: p.trainSamples)
            taus[name] = tau
            sigmas[name] = KendallTauNoise.calibratedSigma(tau: tau, truth: pair.z)
        }
        return (taus, sigmas)
    }

    /// The Kendall tau of trained predictor `lender`'s learning curve on `pair` at `samples`
    /// training samples: the mean over its `trials` (default ``borrowedCurveSplits``) random
    /// splits of `LearningCurve.trial` (a random training set with the budget's measurement
    /// noise, tau over up to 625 other architectures of the pair), so that a synthetic predictor
    /// with `kendall_tau: {from: NAME}` has the tau the trained one has on average.
    /// - Throws: ``InputError`` at `predictors.NAME` when the size does not fit the pair or the model.
    /// - Complexity: `trials` fits of the model.
    static func borrowedTau(
        of lender: PredictorSpec, name: String, samples: Int, pair: GroundTruthPair, features: PairFeatures,
        measurementNoise: Double, seed: UInt64
    ) throws -> Double {
        let model = lender.model!
        var task = LearningCurve.Task(
            dataset: pair.dataset, metric: pair.metric, features: features.matrix, encoding: features.encoding,
            targets: pair.metricValue, sourceFeatures: features.sources[name])
        task.standardizeFeatures = features.standardize
        let k = model.ownTrainingSize(encoding: features.encoding) ?? samples
        let test = min(LearningCurve.studyTestSamples, pair.count - k)
        do {
            guard test >= 2 else {
                throw InputError(key: "train_samples", "\(k) training samples leave fewer than 2 test architectures in \(pair.count)")
            }
            let runs = try LearningCurve.run(
                task, spec: model, trainSamples: k, testSamples: test, trials: model.trials ?? borrowedCurveSplits,
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
    static func transferSources(
        name: String, model: ModelSpec, scenario: Scenario, pairIndex i: Int, pair: GroundTruthPair,
        loader: inout GroundTruthLoader
    ) throws -> FeatureMatrix {
        let spec = scenario.pairs[i]
        let key = "predictors.\(name).source"
        let requested = try model.sourceColumns ?? csvLatencyColumns(scenario.data, except: pair.metric, key: key)
        var table = try loader.table(
            scenario.data, pair: spec, metricColumns: GroundTruthLoader.csvColumns(for: scenario) + (requested ?? []))
        if requested == nil, !table.unloadedMetrics.isEmpty {
            table = try loader.table(
                scenario.data, pair: spec, metricColumns: GroundTruthLoader.csvColumns(for: scenario) + table.unloadedMetrics)
        }
        let columns = try TransferPredictor.sourceColumns(
            requested: requested, target: pair.metric, available: table.metricNames,
            complete: { table.missingCount($0) == 0 }, key: key)
        let all = try FeatureColumns.matrix(table, columns: columns, key: key)
        let rowOfId = table.rowsByID()
        let m = all.selecting(rows: pair.ids.map { rowOfId[$0]! })
        guard m.values.allSatisfy(\.isFinite) else {
            throw InputError(
                key: key, "transfer: a source column has a missing value for an architecture of \(pair.dataset)/\(pair.metric)")
        }
        return m
    }

    /// A csv table's `*_latency` columns other than `target` (a `transfer` predictor's default
    /// sources there); nil for the bundled tables, which offer their own.
    static func csvLatencyColumns(_ data: DataSource, except target: String, key: String) throws -> [String]? {
        guard case .csv(let c) = data else { return nil }
        let header = try CSVTable(contentsOf: c.file).header
        let columns = header.filter { BudgetStudy.isLatency($0) && $0 != target }
        guard !columns.isEmpty else {
            throw InputError(key: key, "transfer: the table has no other *_latency column to learn from; name them in 'source'")
        }
        return columns
    }

    /// The predictor names the strategies of `budget` use, sorted.
    static func usedPredictors(_ budget: BudgetSpec) -> [String] {
        Set(
            budget.strategies.compactMap { s -> String? in
                if case .predictor(let name) = s.kind { return name } else { return nil }
            }
        ).sorted()
    }

    /// Checks that trained predictor `name` can be fitted in every trial of a subset of
    /// `subsetSize`: its model's training-size limits, and for `sample: lookup-table` the
    /// table's structured cells in the subset.
    /// - Throws: ``InputError`` at the predictor's key.
    static func checkTrained(name: String, spec: PredictorSpec, features: PairFeatures, pair: GroundTruthPair, subsetSize: Int) throws {
        let key = "predictors.\(name)"
        let model = try spec.model!.make(features.modelContext(dataset: pair.dataset), key: "\(key).model")
        if spec.sample == .lookupTable {
            guard features.lookupTableRows != nil, let encoding = features.encoding else {
                throw InputError(
                    key: "\(key).sample",
                    "sample: lookup-table needs every structured cell of the lookup table (base all none and each single-edge substitution) in \(pair.dataset)/\(pair.metric)"
                )
            }
            guard subsetSize == pair.count else {
                throw InputError(
                    key: "\(key).sample",
                    "sample: lookup-table measures the table's structured cells, which a random subset of \(subsetSize) may lack: use the whole table (subset_sizes: [\(pair.count)])"
                )
            }
            let cells = LookupTable(encoding: encoding).measurementCount
            guard spec.trainSamples >= cells else {
                throw InputError(
                    key: "\(key).train_samples",
                    "sample: lookup-table measures the \(cells) structured cells first: expected train_samples ≥ \(cells), found \(spec.trainSamples)"
                )
            }
        }
        if spec.trainSamples < model.minimumTrainingSize {
            throw InputError(
                key: "\(key).train_samples",
                "\(model.name) needs at least \(model.minimumTrainingSize) training samples, found \(spec.trainSamples)")
        }
        if let m = model.maximumTrainingSize, spec.trainSamples > m {
            throw InputError(key: "\(key).train_samples", "\(model.name) takes at most \(m) training samples, found \(spec.trainSamples)")
        }
    }

    /// Runs every trial of every cell on `jobs` workers; results do not depend on `jobs`.
    /// `trialFinished` is called once per trial as it ends (from the workers).
    static func run(
        scenario: Scenario, cells: [BudgetCell], jobs: Int, trialFinished: (@Sendable () -> Void)? = nil
    ) -> BudgetResult {
        let trials = scenario.trials
        let perTrial = cells.first?.valuesPerTrial ?? 0
        let output = SharedBuffer<Double>(repeating: .nan, count: cells.count * trials * perTrial)
        let capacity = cells.map(\.subsetSize).max() ?? 0
        let tableSize = cells.map(\.pair.count).max() ?? 0
        ParallelFor.run(
            count: cells.count * trials, jobs: jobs,
            makeState: { TrialWorkspace(capacity: capacity, tableSize: tableSize) }
        ) { ws, item in
            let c = item / trials, t = item % trials
            let out = UnsafeMutableBufferPointer(rebasing: output.pointer[(item * perTrial)..<((item + 1) * perTrial)])
            BudgetTrial.run(cell: cells[c], trial: t, workspace: ws, out: out)
            trialFinished?()
        }
        return BudgetResult(scenario: scenario, cells: cells, values: output.array)
    }
}

extension BudgetStudy {
    /// The one-edit structure of `pair` when a strategy of `study` searches; nil otherwise.
    /// - Throws: ``InputError`` at the first searching strategy's key when the table has none.
    static func searchStructure(
        scenario: Scenario, study: BudgetStudySpec, pairIndex i: Int, pair: GroundTruthPair, loader: inout GroundTruthLoader
    ) throws -> PairStructure? {
        guard let s = study.budget.strategies.firstIndex(where: { $0.search != nil }) else { return nil }
        let key = "budget.strategies[\(s)]." + (study.budget.strategies[s].measuresOnly ? "measure" : "search")
        let table = try loader.table(scenario.data, pair: scenario.pairs[i], metricColumns: GroundTruthLoader.csvColumns(for: scenario))
        return try PairStructure(table: table, pair: pair, key: key)
    }
}
