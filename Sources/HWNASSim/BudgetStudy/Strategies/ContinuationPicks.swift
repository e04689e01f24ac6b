// SPDX-License-Identifier: GPL-3.0-or-later

/// What a converged `verify: iterate` strategy measures next under its `then:` (see
/// ``Continuation``): never a position measured or under way, and, while any is left,
/// never nothing (an acquisition that proposes nothing falls back to the random order,
/// ``fallbackCount(measured:)`` at a time).
enum ContinuationPicks {
    /// The next picks of `continuation`, from the predictions `predicted` (nil: none) and
    /// the residuals behind their σ.
    /// - Complexity: O(N) for `random` and `optimistic`; O(N log F) for `ehvi` (F: the
    ///   measured front's size).
    static func picks(_ continuation: Continuation, run: EngineRun, predicted: [Double]?, uncertainty: ResidualUncertainty)
        -> [Int32]
    {
        let open = (0..<run.world.n).contains { !run.known[$0] && !run.started[$0] }
        guard let predicted, open else { return unstarted(run.world.randomOrder, run) }
        var picks: [Int32] = []
        switch continuation {
        case .stop, .random: return unstarted(run.world.randomOrder, run)
        case .optimistic(let kappa):
            picks = optimisticPicks(kappa: kappa, relativeSD: uncertainty.relativeSD, run: run, predicted: predicted)
        case .ehvi(let batch):
            picks = ehviPicks(batch: batch, run: run, predicted: predicted, sd: uncertainty.sd(predicted))
        }
        guard picks.isEmpty else { return picks }
        return Array(unstarted(run.world.randomOrder, run).prefix(fallbackCount(measured: run.measuredOrder.count)))
    }

    /// How many of the random order a round takes when the acquisition proposes nothing:
    /// ``Continuation/defaultBatch``, or half of what is measured once that is more (as
    /// refits space out, ``VerifyIterate/continuationRefitInterval(_:measured:)``), so that
    /// measuring the rest of a space costs O(log N) rounds; a refit's picks replace the
    /// unstarted ones.
    static func fallbackCount(measured: Int) -> Int {
        max(Continuation.defaultBatch, measured / 2)
    }

    /// The unmeasured, unstarted members of the Pareto set under optimistic values (measured
    /// where measured, predicted − κσ elsewhere, σ = `relativeSD` × |predicted|), accuracy
    /// descending: ``BudgetWorld/paretoSet(_:)`` of those values (ties as ``ParetoFront``
    /// keeps them), in one pass without building them
    /// (``ParetoFront/walk(order:accuracy:include:metric:onFront:)``).
    /// - Complexity: O(N).
    static func optimisticPicks(kappa: Double, relativeSD s: Double, run: EngineRun, predicted: [Double]) -> [Int32] {
        var picks: [Int32] = []
        run.known.withUnsafeBufferPointer { known in
            run.values.withUnsafeBufferPointer { measured in
                predicted.withUnsafeBufferPointer { pred in
                    run.world.orderByAccuracy.withUnsafeBufferPointer { order in
                        run.world.accuracy.withUnsafeBufferPointer { acc in
                            ParetoFront.walk(
                                order: order, accuracy: acc, include: { _ in true },
                                metric: { known[$0] ? measured[$0] : pred[$0] - kappa * (s * abs(pred[$0])) },
                                onFront: { p in if !known[Int(p)], !run.started[Int(p)] { picks.append(p) } })
                        }
                    }
                }
            }
        }
        return picks
    }

    /// The positions of `order` neither measured nor under way.
    static func unstarted(_ order: [Int32], _ run: EngineRun) -> [Int32] {
        order.filter { !run.known[Int($0)] && !run.started[Int($0)] }
    }

    /// The `batch` unstarted positions of largest expected hypervolume improvement (> 0) over
    /// the measured front (its members at the mean of their measurements), reference (accuracy 0, 1.1 × the largest believed metric); ties
    /// to the more accurate.
    static func ehviPicks(batch: Int, run: EngineRun, predicted: [Double], sd: [Double]) -> [Int32] {
        let w = run.world
        // Accuracy order, so that the front's sort is a single pass; the values believed now
        // (the mean of a member's measurements).
        let measured = w.orderByAccuracy.lazy.map(Int.init).filter { run.known[$0] }
        var top = -Double.infinity
        for p in 0..<w.n { top = max(top, run.known[p] ? run.values[p] : predicted[p]) }
        let ehvi = ExpectedHypervolumeImprovement(
            accuracy: measured.map { w.accuracy[$0] }, metric: measured.map { run.values[$0] }, reference: (0, 1.1 * top))
        var best: [(value: Double, position: Int32)] = []
        for p in w.orderByAccuracy where !run.known[Int(p)] && !run.started[Int(p)] {
            let v = ehvi.value(accuracy: w.accuracy[Int(p)], mean: predicted[Int(p)], sd: sd[Int(p)])
            guard v > 0, best.count < batch || v > best.last!.value else { continue }
            let slot = best.firstIndex { $0.value < v } ?? best.count
            best.insert((v, p), at: slot)
            if best.count > batch { best.removeLast() }
        }
        return best.map(\.position)
    }
}
