// SPDX-License-Identifier: GPL-3.0-or-later

/// What one trial of a budget study knows about its subset, shared by all strategies.
struct BudgetWorld {
    /// Subset size.
    var n: Int
    /// True accuracy fraction (known to every strategy: the study never noises accuracy).
    var accuracy: [Double]
    /// Positions by true accuracy, descending.
    var orderByAccuracy: [Int32]
    /// Seconds to measure each position.
    var cost: [Double]
    /// The value a measurement of each position returns (metric units, with measurement noise).
    var measured: [Double]
    /// Random measurement order (a permutation of the positions); training samples are its start.
    var randomOrder: [Int32]
    /// Predicted metric (metric units) per predictor name.
    var predicted: [String: [Double]]
    /// The training positions of each trained predictor, in measurement order (a synthetic
    /// predictor trains on the first `train_samples` of ``randomOrder``).
    var trainingPositions: [String: [Int32]] = [:]
    /// Each trained predictor's fit, for refitting under `verify: iterate`.
    var trained: [String: TrainedFit] = [:]
    /// The trial's stream key, from which a searching strategy derives its own stream.
    var streamKey: UInt64 = 0
    /// One-edit neighbours within the subset, when a strategy searches (nil otherwise).
    var neighbourhood: Neighbourhood? = nil
    /// True metric per position and the relative measurement noise, for re-measurements.
    var trueMetric: [Double] = []
    var noiseSD = 0.0
    /// The limits whose picks re-measurement protects (the scenario's and the regret grid's),
    /// and the relative tolerance that counts as near (`budget.limit_tolerance`).
    var decidingLimits: [Double] = []
    var limitTolerance = 0.0
    /// With trainers (``BudgetCell/trainingSeconds``): the accuracy a training of each position
    /// observes (fraction: true plus seed noise, common to every strategy), the seconds it
    /// takes on one GPU, each named proxy's score, and each accuracy predictor's fit on the
    /// observed accuracies. Empty otherwise.
    var observedAccuracy: [Double] = []
    /// Positions by observed accuracy, descending (ties: lower position first).
    var orderByObservedAccuracy: [Int32] = []
    var trainingCost: [Double] = []
    var proxies: [String: [Double]] = [:]
    var accuracyFits: [String: TrainedFit] = [:]

    /// The key of ``accuracyFits`` for predictor `name` with or without a proxy feature.
    static func accuracyFitKey(_ name: String, proxyFeature: String?) -> String {
        proxyFeature.map { "\(name)+\($0)" } ?? name
    }

    /// Sets the accuracy each position's training observes, and the order by it.
    /// - Complexity: O(N log N), once per trial.
    mutating func observe(_ observed: [Double]) {
        observedAccuracy = observed
        orderByObservedAccuracy = (0..<Int32(n)).map { $0 }
        orderByObservedAccuracy.sort { (observed[Int($0)], $1) > (observed[Int($1)], $0) }
    }

    /// This world as a strategy with trainers believes it once everything is trained: the
    /// observed accuracy in place of the true one (its fronts and picks are made by it).
    func observing() -> BudgetWorld {
        var w = self
        w.accuracy = observedAccuracy
        w.orderByAccuracy = orderByObservedAccuracy
        return w
    }

    /// What repeat `j` (from 1) of a measurement of `a` returns: the true metric with relative
    /// noise from its own stream, derived from (seed, cell, trial, position, repeat), so the
    /// first measurements' stream is untouched.
    func remeasured(_ a: Int32, repeat j: Int) -> Double {
        let key = StreamKey.derive(streamKey, StreamKey.hash("remeasure"), UInt64(a), UInt64(j))
        return trueMetric[Int(a)] * (1 + RandomStream(key: key).gaussian(noiseSD))
    }

    /// Each position's place in ``orderByAccuracy`` (0: the most accurate).
    /// - Complexity: O(N).
    func accuracyRanks() -> [Int32] {
        var rank = [Int32](repeating: 0, count: n)
        for (k, p) in orderByAccuracy.enumerated() { rank[Int(p)] = Int32(k) }
        return rank
    }

    /// The Pareto set under (accuracy, `values`), accuracy descending.
    /// - Complexity: O(N).
    func paretoSet(_ values: [Double]) -> [Int32] {
        var mask = [Bool](repeating: false, count: n)
        orderByAccuracy.withUnsafeBufferPointer { order in
            accuracy.withUnsafeBufferPointer { acc in
                values.withUnsafeBufferPointer { v in
                    mask.withUnsafeMutableBufferPointer { ParetoFront.mask(order: order, accuracy: acc, metric: v, into: $0) }
                }
            }
        }
        return orderByAccuracy.filter { mask[Int($0)] }
    }
}

extension BudgetWorld {
    /// Draws trial `trial` of `cell`: the subset, its costs, the random order and the
    /// measurement noise common to all strategies, and every predictor's predictions. Also
    /// returns the subset's true z, true metric and sorted true metric, for scoring.
    static func draw(cell: BudgetCell, trial: Int, workspace ws: TrialWorkspace)
        -> (BudgetWorld, z: [Double], metric: [Double], sortedMetric: [Double])
    {
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
        z.withUnsafeBufferPointer { t in
            scores.withUnsafeMutableBufferPointer { KendallTauNoise.normalScores(t, into: $0, workspace: &ws.noise) }
        }
        let sortedMetric = metric.sorted()
        let (trainingPositions, trained) = trainedPredictors(
            cell: cell, trial: trial, rows: rows, measured: measured, randomOrder: randomOrder)
        for (name, fit) in trained { predicted[name] = fit.predictions(trainedOn: trainingPositions[name]!) }
        for name in cell.sigmas.keys.sorted() {
            let sigma = cell.sigmas[name]!
            let key = StreamKey.derive(cell.streamKey(trial: trial), StreamKey.hash(name))
            let rng = RandomStream(key: key)
            predicted[name] = sortedMetric.withUnsafeBufferPointer { sorted in
                scores.map { KendallTauNoise.toMetricUnits(score: $0 + (sigma > 0 ? rng.gaussian(sigma) : 0), sortedTruth: sorted) }
            }
        }
        var world = BudgetWorld(
            n: n, accuracy: accuracy, orderByAccuracy: order, cost: cost, measured: measured,
            randomOrder: randomOrder, predicted: predicted, trainingPositions: trainingPositions, trained: trained,
            streamKey: cell.streamKey(trial: trial), neighbourhood: cell.structure.map { Neighbourhood(structure: $0, rows: rows) },
            trueMetric: metric, noiseSD: sd, decidingLimits: cell.limits + LimitScoring.grid(sortedMetric: sortedMetric),
            limitTolerance: cell.budget.limitTolerance)
        if cell.budget.trainers > 0 { world.addTraining(cell: cell, trial: trial, rows: rows) }
        return (world, z, metric, sortedMetric)
    }

    /// What a budget with trainers adds to the trial: observed accuracies (seed noise from the
    /// trial's "observed accuracy" stream, position order), training costs, proxy scores and
    /// the accuracy predictors' fits.
    mutating func addTraining(cell: BudgetCell, trial: Int, rows: [Int]) {
        let sd = (cell.budget.training?.accuracyNoiseSD ?? 0) / 100
        let rng = RandomStream(key: StreamKey.derive(streamKey, StreamKey.hash("observed accuracy")))
        observe(accuracy.map { sd > 0 ? $0 + rng.gaussian(sd) : $0 })
        trainingCost = rows.map { cell.trainingSeconds[$0] }
        proxies = cell.proxyScores.mapValues { scores in rows.map { scores[$0] } }
        guard let pf = cell.features else { return }
        let features = pf.matrix.selecting(rows: rows)
        for s in cell.budget.strategies {
            guard case .train(.predictor(let name, let proxy, _)) = s.kind, let spec = cell.predictors[name] else { continue }
            let key = Self.accuracyFitKey(name, proxyFeature: proxy)
            guard accuracyFits[key] == nil else { continue }
            var context = pf.modelContext(dataset: cell.pair.dataset)
            var x = features
            if let proxy {
                x = features.appendingStandardized(self.proxies[proxy]!)
                context.encoding = nil  // numeric features now
            }
            accuracyFits[key] = TrainedFit(
                name: name, spec: spec, model: spec.model!, features: x, measured: observedAccuracy,
                trialKey: streamKey, dataset: cell.pair.dataset, context: context)
        }
    }

    /// The trained predictors of a trial: each one's training positions and its fit (subset
    /// features, measured values, the trial's stream key). Empty without trained predictors.
    static func trainedPredictors(cell: BudgetCell, trial: Int, rows: [Int], measured: [Double], randomOrder: [Int32])
        -> (positions: [String: [Int32]], fits: [String: TrainedFit])
    {
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
            fits[name] = TrainedFit(
                name: name, spec: spec, model: spec.model!, features: x, measured: measured,
                trialKey: cell.streamKey(trial: trial), dataset: cell.pair.dataset,
                context: pf.modelContext(dataset: cell.pair.dataset))
        }
        return (positions, fits)
    }

}
