// SPDX-License-Identifier: GPL-3.0-or-later

/// A predictor strategy with `verify: iterate`: verify the predicted Pareto set, re-select
/// with measured values in place of predictions, and verify again until nothing new is
/// picked; report the Pareto set of what was measured.
///
/// A trained predictor is refitted on everything measured so far at the end of each round;
/// with `retrain_every: K`, instead after every K verification measurements (the round's
/// measurements go on meanwhile), a round that ends sooner re-selecting from what is known
/// without a refit, and a refit following when that picks nothing new. Each refit costs
/// `train_s + train_s_per_sample × measured + query_s × unmeasured` on the trainer, then the
/// round's remaining picks are re-selected from the fresh predictions; the search ends when a
/// refit's predictions pick nothing new.
struct VerifyIterate: Strategy {
    var training: PredictorTraining
    var round = VerificationRound()
    /// The fit to refit, for a trained predictor other than the lookup table (which is built
    /// from its structured cells alone: a refit would predict the same).
    let refit: TrainedFit?
    /// The predictions in use: the first fit's, then each refit's.
    var predicted: [Double]?
    /// Verification measurements since the last refit.
    var sinceRefit = 0
    /// Whether a refit is under way.
    var retraining = false
    /// `then:`: what happens once the search has converged.
    let then: Continuation
    /// Whether the search has converged and the continuation is under way.
    var continuing = false
    /// The predictions' residuals, for σ (recorded only for a continuation that uses them).
    var uncertainty = ResidualUncertainty()

    /// `remeasure: k` (0: off): repeats of the deciding members of the front (``EngineRun/queueRepeats()``).
    var remeasure = 0

    init(training: PredictorTraining, world: BudgetWorld, then: Continuation = .stop, remeasure: Int = 0) {
        self.remeasure = remeasure
        self.training = training
        let fit = world.trained[training.name]
        refit = fit?.model.model == .lookupTable ? nil : fit
        predicted = world.predicted[training.name]
        self.then = then
    }

    /// Whether the continuation needs predictions and their σ (`optimistic`, `ehvi`).
    var usesPredictions: Bool { then != .stop && then != .random }

    mutating func start(_ run: inout EngineRun) {
        training.start(&run)
    }

    mutating func predictionsReady(_ run: inout EngineRun) {
        if usesPredictions, let predicted {
            uncertainty.setTraining(training.positions, measured: run.world.measured, predicted: predicted)
        }
        if !startRound(&run) { converged(&run) }
    }

    mutating func measurementFinished(_ position: Int32, _ run: inout EngineRun) {
        guard run.verifying else { return training.measurementFinished(&run) }
        if usesPredictions, let predicted {
            uncertainty.add(measured: run.world.measured[Int(position)], predicted: predicted[Int(position)])
        }
        if continuing { return continuationMeasured(&run) }
        guard let refit else {
            if round.countFinished() { if !startRound(&run) { converged(&run) } } else { run.dispatch() }
            return
        }
        sinceRefit += 1
        if round.countFinished() {
            roundOver(refit.spec, &run)
        } else {
            if let k = refit.spec.retrainEvery, sinceRefit >= k, !retraining { startRetraining(refit.spec, &run) }
            run.dispatch()
        }
    }

    /// The round is over. Without `retrain_every`: refit (unless a refit is under way). With
    /// it: refit once K measurements have come in since the last; else re-select from what is
    /// known, and refit only when nothing new is picked.
    mutating func roundOver(_ spec: PredictorSpec, _ run: inout EngineRun) {
        guard !retraining else { return }
        if let k = spec.retrainEvery, sinceRefit < k, startRound(&run) { return }
        startRetraining(spec, &run)
    }

    mutating func startRetraining(_ spec: PredictorSpec, _ run: inout EngineRun) {
        retraining = true
        sinceRefit = 0
        run.retrain(spec)
    }

    /// The fresh predictions replace the round's unstarted picks with a new selection; the
    /// search is over when nothing is left to verify.
    mutating func retrainingFinished(_ run: inout EngineRun) {
        retraining = false
        predicted = refit!.predictions(trainedOn: run.measuredOrder)
        let picks = continuing ? continuationPicks(run) : run.unverifiedParetoSet(run.believedValues(predicted: predicted))
        if !continuing, picks.isEmpty, run.pool.inFlight == 0 { return converged(&run) }
        round.outstanding = run.pool.inFlight + picks.count
        run.measure(picks, verifying: true)
    }

    /// The search has converged: re-measurement starts (the search itself measures each
    /// architecture once, at full speed), then stop, or start the continuation.
    mutating func converged(_ run: inout EngineRun) {
        if remeasure > 0 {
            run.enableRemeasure(remeasure)
            run.queueRepeats()
            run.dispatch()
        }
        guard then != .stop else { return }
        continuing = true
        _ = round.start(continuationPicks(run), &run)
    }

    /// A continuation measurement has finished: refit every ``continuationRefitInterval(_:measured:)``
    /// measurements (at each round's end without `retrain_every`), and start the next round as
    /// soon as one ends, so the devices stay busy while anything is unmeasured.
    mutating func continuationMeasured(_ run: inout EngineRun) {
        sinceRefit += 1
        let roundOver = round.countFinished()
        let measured = run.measuredOrder.count
        let due = refit?.spec.retrainEvery.map { sinceRefit >= Self.continuationRefitInterval($0, measured: measured) } ?? roundOver
        if let refit, usesPredictions, !retraining, due {
            startRetraining(refit.spec, &run)
        }
        if roundOver { _ = round.start(continuationPicks(run), &run) } else { run.dispatch() }
    }

    /// Measurements between refits in a continuation: `retrain_every`, or as many as are
    /// measured once that is more (the next refit comes when what is measured has doubled), so
    /// that a horizon long enough to measure the whole space costs O(log N) refits rather than
    /// N / `retrain_every`. Measured on the default and pixel2 questions: a tenth, a quarter,
    /// a half or all of what is measured moved no mean regret by more than 0.003, and doubling
    /// runs the default question in 1.5× the time of `then: stop` (a half: 2.4×).
    static func continuationRefitInterval(_ retrainEvery: Int, measured: Int) -> Int {
        max(retrainEvery, measured)
    }

    /// What the continuation measures next, by the predictions in use and their σ.
    func continuationPicks(_ run: EngineRun) -> [Int32] {
        ContinuationPicks.picks(then, run: run, predicted: usesPredictions ? predicted : nil, uncertainty: uncertainty)
    }

    /// Starts a round on the Pareto set under what is believed now; false when it picks
    /// nothing new.
    mutating func startRound(_ run: inout EngineRun) -> Bool {
        round.start(run.unverifiedParetoSet(run.believedValues(predicted: predicted)), &run)
    }

    /// A continuing strategy picks from the front it reports (what it measured); a stopping one
    /// from a run that knows the limit.
    func underLimit(_ limit: Double) -> (any Strategy)? {
        then == .stop ? LimitVerification(training: training, limit: limit) : nil
    }

    func predictions(_ world: BudgetWorld) -> [Double]? { training.predictions(world) }
}
