// SPDX-License-Identifier: GPL-3.0-or-later

/// `remeasure: k` on a strategy that measures without a predictor (`measure: random`,
/// `evolution`, `local-search`): the strategy itself, with re-measurement on from the start.
///
/// Whenever a measurement finishes, the members of the reported front that decide picks near
/// limits get k repeats (``EngineRun/queueRepeats()``), before any first measurement waiting
/// for a device; the front is reported under the means. The search itself goes on deciding
/// by first measurements (its population and moves are unchanged by a repeat), and a pick
/// under a limit comes from the reported front.
struct Remeasuring: Strategy {
    var base: any Strategy
    let repeats: Int

    mutating func start(_ run: inout EngineRun) {
        run.enableRemeasure(repeats)
        base.start(&run)
    }

    mutating func measurementFinished(_ position: Int32, _ run: inout EngineRun) {
        base.measurementFinished(position, &run)
    }

    mutating func predictionsReady(_ run: inout EngineRun) { base.predictionsReady(&run) }

    mutating func retrainingFinished(_ run: inout EngineRun) { base.retrainingFinished(&run) }

    func report(_ timeline: StrategyTimeline, world: BudgetWorld) -> FrontReport { base.report(timeline, world: world) }

    func predictions(_ world: BudgetWorld) -> [Double]? { base.predictions(world) }
}
