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
}

/// The timeline of one strategy in one trial: when each measurement finished and when the
/// predictions became available.
struct StrategyTimeline {
    /// Finish time per position; +∞ when not measured within the horizon.
    var finish: [Double]
    /// When predictions became available (+∞: never, or no predictor).
    var readyTime: Double
    /// The predicted Pareto set at `readyTime` (for `verify: selected`).
    var selectionAtReady: [Int32]
    /// Every event processed, in order (only when logging was asked for).
    var log: [SimulationEvent]
}

/// The discrete-event engine: a simulated clock, `devices` parallel measurement slots and one
/// trainer. The clock moves only by modelled costs.
struct MeasurementEngine {
    var devices: Int
    var horizon: Double

    /// How measurements are ordered after the predictor is ready.
    enum AfterReady {
        case none
        case verifySelected
        case verifyIterate
        /// Measure the best pick with predicted value ≤ limit until one is measured within it.
        case verifyLimit(Double)
    }

    /// Simulates a strategy: `measureRandom` measures everything in random order; a predictor
    /// strategy measures its training sample, trains, queries, then does `afterReady`.
    ///
    /// A trained predictor under `verifyIterate` is refitted on everything measured so far at
    /// the end of each verification round; with `retrain_every: K`, instead after every K
    /// verification measurements (the round's measurements go on meanwhile), a round that ends
    /// sooner re-selecting from what is known without a refit, and a refit following when that
    /// picks nothing new. Each refit costs `train_s + train_s_per_sample × measured + query_s ×
    /// unmeasured` on the trainer, then the round's remaining picks are re-selected from the
    /// fresh predictions; the search ends when a refit's predictions pick nothing new.
    func run(world: BudgetWorld, predictor: (spec: PredictorSpec, name: String)?, afterReady: AfterReady,
             logEvents: Bool = false) -> StrategyTimeline {
        // Measuring in random order on one device is a plain sequence: running sums give the
        // same finish times as the engine (tested), without the event queue.
        if predictor == nil && devices == 1 && !logEvents {
            return StrategyTimeline(finish: Self.sequentialFinishTimes(order: world.randomOrder, cost: world.cost, horizon: horizon),
                                    readyTime: .infinity, selectionAtReady: [], log: [])
        }
        let n = world.n
        var queue = EventQueue()
        var finish = [Double](repeating: .infinity, count: n)
        var known = [Bool](repeating: false, count: n)
        var freeDevices = Array(0..<Int32(devices))  // ascending: the lowest free device starts next
        var jobs: [Int32] = []
        var head = 0
        var verifying = false
        var readyTime = Double.infinity
        var selectionAtReady: [Int32] = []
        var log: [SimulationEvent] = []
        var roundOutstanding = 0
        var trainingOutstanding = 0
        // Refitting (trained predictors under verifyIterate).
        var predicted = predictor.flatMap { world.predicted[$0.name] }
        let refit: TrainedFit? = {
            guard case .verifyIterate = afterReady, let predictor else { return nil }
            // The lookup table is built from its structured cells alone (other rows are
            // ignored): a refit would predict the same, so it is not refitted.
            guard let fit = world.trained[predictor.name], fit.model.model != .lookupTable else { return nil }
            return fit
        }()
        var measuredOrder: [Int32] = []
        var started = [Bool](repeating: false, count: n)
        var inFlight = 0
        var sinceRefit = 0
        var retraining = false

        func dispatch(at now: Double) {
            while !freeDevices.isEmpty && head < jobs.count {
                let d = freeDevices.removeFirst()
                let a = jobs[head]
                head += 1
                started[Int(a)] = true
                inFlight += 1
                queue.schedule(.measurementStarted(position: a, device: d), at: now)
            }
        }
        func currentValues() -> [Double] {
            return (0..<n).map { known[$0] ? world.measured[$0] : (predicted?[$0] ?? .nan) }
        }
        func paretoSet(_ values: [Double]) -> [Int32] {
            var mask = [Bool](repeating: false, count: n)
            world.orderByAccuracy.withUnsafeBufferPointer { order in
                world.accuracy.withUnsafeBufferPointer { acc in
                    values.withUnsafeBufferPointer { v in
                        mask.withUnsafeMutableBufferPointer { ParetoFront.mask(order: order, accuracy: acc, metric: v, into: $0) }
                    }
                }
            }
            return world.orderByAccuracy.filter { mask[Int($0)] }  // accuracy descending
        }
        /// Schedules a refit of the trained predictor on everything measured so far.
        func startRetraining(at now: Double, spec: PredictorSpec) {
            retraining = true
            sinceRefit = 0
            let measuredCount = Double(measuredOrder.count)
            queue.schedule(.retrainingFinished, at: now + spec.trainSeconds + spec.trainSecondsPerSample * measuredCount
                           + spec.querySeconds * (Double(n) - measuredCount))
        }
        /// Starts a verification round; returns false when there is nothing new to measure.
        func startRound(at now: Double) -> Bool {
            let values = currentValues()
            var picks: [Int32]
            switch afterReady {
            case .none:
                return false
            case .verifySelected, .verifyIterate:
                picks = paretoSet(values).filter { !known[Int($0)] && !started[Int($0)] }
            case .verifyLimit(let limit):
                // The best accuracy among values within the limit; ties: lower value, lower position.
                var best: Int32 = -1
                for a in world.orderByAccuracy where values[Int(a)] <= limit {
                    if best < 0 { best = a; continue }
                    if world.accuracy[Int(a)] < world.accuracy[Int(best)] { break }
                    if values[Int(a)] < values[Int(best)] || (values[Int(a)] == values[Int(best)] && a < best) { best = a }
                }
                picks = best >= 0 && !known[Int(best)] ? [best] : []
            }
            guard !picks.isEmpty else { return false }
            jobs = picks
            head = 0
            roundOutstanding = picks.count
            verifying = true
            dispatch(at: now)
            return true
        }

        queue.schedule(.budgetReached, at: horizon)
        let trainingSet = predictor.map { world.trainingPositions[$0.name] ?? Array(world.randomOrder.prefix(min($0.spec.trainSamples, n))) } ?? []
        if let predictor {
            let samples = trainingSet.count
            jobs = trainingSet
            trainingOutstanding = samples
            if samples == 0 {
                queue.schedule(.trainingFinished, at: predictor.spec.trainSeconds)
            }
        } else {
            jobs = world.randomOrder
        }
        dispatch(at: 0)

        while let event = queue.next() {
            if logEvents { log.append(event) }
            let now = event.time
            switch event.kind {
            case .budgetReached:
                return StrategyTimeline(finish: finish, readyTime: readyTime, selectionAtReady: selectionAtReady, log: log)
            case .measurementStarted(let a, let d):
                let end = now + world.cost[Int(a)]
                queue.schedule(verifying ? .verificationFinished(position: a, device: d) : .measurementFinished(position: a, device: d), at: end)
            case .measurementFinished(let a, let d), .verificationFinished(let a, let d):
                finish[Int(a)] = now
                known[Int(a)] = true
                inFlight -= 1
                if refit != nil { measuredOrder.append(a) }
                let slot = freeDevices.firstIndex { $0 > d } ?? freeDevices.count
                freeDevices.insert(d, at: slot)
                if verifying, let refit {
                    roundOutstanding -= 1
                    sinceRefit += 1
                    if roundOutstanding == 0 {
                        // The round is over. Without retrain_every: refit (unless a refit is
                        // under way), then select. With it: refit once K measurements have come
                        // in since the last; else re-select from what is known (measured values
                        // in place of predictions), and refit only when nothing new is picked.
                        if !retraining {
                            if let k = refit.spec.retrainEvery, sinceRefit < k, startRound(at: now) {
                                break
                            }
                            startRetraining(at: now, spec: refit.spec)
                        }
                    } else {
                        if let k = refit.spec.retrainEvery, sinceRefit >= k, !retraining { startRetraining(at: now, spec: refit.spec) }
                        dispatch(at: now)
                    }
                } else if verifying {
                    roundOutstanding -= 1
                    if roundOutstanding == 0 {
                        switch afterReady {
                        case .verifyIterate, .verifyLimit: _ = startRound(at: now)
                        case .none, .verifySelected: break
                        }
                    } else {
                        dispatch(at: now)
                    }
                } else if let predictor {
                    trainingOutstanding -= 1
                    dispatch(at: now)
                    if trainingOutstanding == 0 {
                        let spec = predictor.spec
                        let samples = Double(trainingSet.count)
                        queue.schedule(.trainingFinished, at: now + spec.trainSeconds + spec.trainSecondsPerSample * samples)
                    }
                } else {
                    dispatch(at: now)
                }
            case .trainingFinished:
                let spec = predictor!.spec
                let unmeasured = Double(n - trainingSet.count)
                queue.schedule(.queriesFinished, at: now + spec.querySeconds * unmeasured)
            case .queriesFinished:
                readyTime = now
                if case .verifySelected = afterReady { selectionAtReady = paretoSet(currentValues()) }
                _ = startRound(at: now)
            case .retrainingFinished:
                retraining = false
                predicted = refit!.predictions(trainedOn: measuredOrder)
                // Re-select: the round's unstarted picks give way to the fresh selection.
                let picks = paretoSet(currentValues()).filter { !known[Int($0)] && !started[Int($0)] }
                jobs = picks
                head = 0
                roundOutstanding = inFlight + picks.count
                if roundOutstanding == 0 { break }  // nothing left to verify: the search is over
                dispatch(at: now)
            }
        }
        return StrategyTimeline(finish: finish, readyTime: readyTime, selectionAtReady: selectionAtReady, log: log)
    }

    /// The fast path for a plain sequence on one device: finish times are running sums of the
    /// costs in measurement order. Gives the same times as the engine (tested).
    static func sequentialFinishTimes(order: [Int32], cost: [Double], horizon: Double) -> [Double] {
        var finish = [Double](repeating: .infinity, count: cost.count)
        var t = 0.0
        for a in order {
            t += cost[Int(a)]
            if t > horizon { break }
            finish[Int(a)] = t
        }
        return finish
    }
}
