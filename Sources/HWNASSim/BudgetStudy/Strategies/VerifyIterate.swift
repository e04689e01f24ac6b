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

    init(training: PredictorTraining, world: BudgetWorld) {
        self.training = training
        let fit = world.trained[training.name]
        refit = fit?.model.model == .lookupTable ? nil : fit
        predicted = world.predicted[training.name]
    }

    mutating func start(_ run: inout EngineRun) { training.start(&run) }

    mutating func predictionsReady(_ run: inout EngineRun) { _ = startRound(&run) }

    mutating func measurementFinished(_ position: Int32, _ run: inout EngineRun) {
        guard run.verifying else { return training.measurementFinished(&run) }
        guard let refit else {
            if round.countFinished() { _ = startRound(&run) } else { run.dispatch() }
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
        let picks = run.unverifiedParetoSet(run.believedValues(predicted: predicted))
        round.outstanding = run.pool.inFlight + picks.count
        run.measure(picks, verifying: true)
    }

    /// Starts a round on the Pareto set under what is believed now; false when it picks
    /// nothing new.
    mutating func startRound(_ run: inout EngineRun) -> Bool {
        round.start(run.unverifiedParetoSet(run.believedValues(predicted: predicted)), &run)
    }

    func underLimit(_ limit: Double) -> (any Strategy)? { LimitVerification(training: training, limit: limit) }

    func predictions(_ world: BudgetWorld) -> [Double]? { training.predictions(world) }
}
