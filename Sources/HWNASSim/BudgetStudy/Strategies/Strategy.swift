// SPDX-License-Identifier: GPL-3.0-or-later

/// A strategy of a budget study: what it measures, what it does when a measurement finishes
/// or its predictions are ready, and what it reports.
///
/// The ``MeasurementEngine`` owns the clock, the devices and the trainer, and calls the
/// strategy at each event it cannot decide itself. A strategy is a value: a fresh copy runs
/// each trial. Adding one is a file with a type conforming to this protocol and a case in
/// ``StrategyFactory``.
protocol Strategy {
    /// The positions measured in this order and nothing else, when the strategy is that plain
    /// (the engine may then use running sums on one device); nil otherwise.
    func fixedOrder(_ world: BudgetWorld) -> [Int32]?

    /// At time 0: what to measure first (``EngineRun/measure(_:verifying:)``), or a training.
    mutating func start(_ run: inout EngineRun)

    /// A device has finished measuring `position` (already recorded in `run`).
    mutating func measurementFinished(_ position: Int32, _ run: inout EngineRun)

    /// The predictor's predictions for the unmeasured positions are ready (`run.readyTime`).
    mutating func predictionsReady(_ run: inout EngineRun)

    /// A refit of the predictor (``EngineRun/retrain(_:)``) has finished.
    mutating func retrainingFinished(_ run: inout EngineRun)

    /// A trainer GPU has finished training the network at `position` (recorded in `run`).
    mutating func networkTrained(_ position: Int32, _ run: inout EngineRun)

    /// What the strategy reports at each checkpoint, from its simulated timeline.
    func report(_ timeline: StrategyTimeline, world: BudgetWorld) -> FrontReport

    /// The strategy to simulate when latency limit `limit` is known before the search (its
    /// pick is then the best architecture that run believes within the limit); nil: the pick
    /// is made from the reported front (see ``LimitPicker``).
    func underLimit(_ limit: Double) -> (any Strategy)?

    /// The predictions the strategy believes (metric units per position) once ready; nil
    /// without a predictor.
    func predictions(_ world: BudgetWorld) -> [Double]?
}

extension Strategy {
    func fixedOrder(_ world: BudgetWorld) -> [Int32]? { nil }
    mutating func predictionsReady(_ run: inout EngineRun) {}
    mutating func retrainingFinished(_ run: inout EngineRun) {}
    mutating func networkTrained(_ position: Int32, _ run: inout EngineRun) {}
    func report(_ timeline: StrategyTimeline, world: BudgetWorld) -> FrontReport { FrontReport(measuredBy: timeline, world: world) }
    func underLimit(_ limit: Double) -> (any Strategy)? { nil }
    func predictions(_ world: BudgetWorld) -> [Double]? { nil }
}
