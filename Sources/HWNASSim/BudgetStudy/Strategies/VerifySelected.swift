// SPDX-License-Identifier: GPL-3.0-or-later

/// A predictor strategy with `verify: selected`: once the predictions are ready, measure the
/// predicted Pareto set's unmeasured members (best predicted accuracy first), once; report
/// the Pareto set of what was measured.
struct VerifySelected: Strategy {
    var training: PredictorTraining
    var round = VerificationRound()

    mutating func start(_ run: inout EngineRun) { training.start(&run) }

    mutating func measurementFinished(_ position: Int32, _ run: inout EngineRun) {
        guard run.verifying else { return training.measurementFinished(&run) }
        if !round.countFinished() { run.dispatch() }
    }

    mutating func predictionsReady(_ run: inout EngineRun) {
        run.selectionAtReady = run.world.paretoSet(run.believedValues(predicted: predictions(run.world)))
        _ = round.start(run.selectionAtReady.filter { !run.known[Int($0)] && !run.started[Int($0)] }, &run)
    }

    func underLimit(_ limit: Double) -> (any Strategy)? { LimitVerification(training: training, limit: limit) }

    func predictions(_ world: BudgetWorld) -> [Double]? { training.predictions(world) }
}
