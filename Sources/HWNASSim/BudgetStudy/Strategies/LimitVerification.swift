// SPDX-License-Identifier: GPL-3.0-or-later

/// A verifying predictor strategy that knows its latency limit before the search: once the
/// predictions are ready, measure the best pick within the limit (``LimitPick``) by what is
/// believed, again and again, until the pick is one already measured.
struct LimitVerification: Strategy {
    var training: PredictorTraining
    var limit: Double
    var round = VerificationRound()

    mutating func start(_ run: inout EngineRun) { training.start(&run) }

    mutating func measurementFinished(_ position: Int32, _ run: inout EngineRun) {
        guard run.verifying else { return training.measurementFinished(&run) }
        if round.countFinished() { startRound(&run) } else { run.dispatch() }
    }

    mutating func predictionsReady(_ run: inout EngineRun) { startRound(&run) }

    /// Measures the pick under the limit by the values believed now, unless it is measured.
    mutating func startRound(_ run: inout EngineRun) {
        let values = run.believedValues(predicted: predictions(run.world))
        let pick = LimitPick.pick(run.world.orderByAccuracy, believed: values, accuracy: run.world.accuracy, limit: limit)
        _ = round.start(pick >= 0 && !run.known[pick] ? [Int32(pick)] : [], &run)
    }

    func predictions(_ world: BudgetWorld) -> [Double]? { training.predictions(world) }
}
