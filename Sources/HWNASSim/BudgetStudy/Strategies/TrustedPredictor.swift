// SPDX-License-Identifier: GPL-3.0-or-later

/// A predictor strategy with `verify: none`: measure the training sample, train, predict,
/// and report the Pareto set of every architecture under its believed values (measured where
/// measured, predicted elsewhere) — trusting the predictor is its point.
struct TrustedPredictor: Strategy {
    var training: PredictorTraining

    mutating func start(_ run: inout EngineRun) { training.start(&run) }

    mutating func measurementFinished(_ position: Int32, _ run: inout EngineRun) { training.measurementFinished(&run) }

    func report(_ timeline: StrategyTimeline, world: BudgetWorld) -> FrontReport {
        FrontReport(trusting: predictions(world), timeline: timeline, world: world)
    }

    func predictions(_ world: BudgetWorld) -> [Double]? { training.predictions(world) }
}
