// SPDX-License-Identifier: GPL-3.0-or-later

/// The discrete-event engine: a simulated clock, `devices` parallel measurement slots and one
/// trainer. The clock moves only by modelled costs; every decision (what to measure, when to
/// train, what to verify) is the strategy's (see ``Strategy``).
struct MeasurementEngine {
    var devices: Int
    var horizon: Double
    /// Trainer GPUs (`budget.trainers`); 0: accuracy is known and nothing is trained.
    var trainers = 0

    /// Simulates `strategy` in one trial up to the horizon.
    ///
    /// A strategy that measures a fixed order on one device takes the fast path (running sums,
    /// the same times as the event queue: tested) unless events are logged.
    /// - Complexity: O(E log E) for E events; O(N) on the fast path.
    func run<S: Strategy>(_ strategy: S, world: BudgetWorld, logEvents: Bool = false) -> StrategyTimeline {
        if devices == 1, !logEvents, let order = strategy.fixedOrder(world) {
            var timeline = StrategyTimeline(finish: Self.sequentialFinishTimes(order: order, cost: world.cost, horizon: horizon))
            timeline.busy.record(0, order.reduce(0) { $0 + world.cost[Int($1)] }, device: 0)
            return timeline
        }
        var strategy = strategy
        return simulate(&strategy, world: world, logEvents: logEvents)
    }

    /// Simulates `strategy` on the event queue, leaving its final state in `strategy` (tests
    /// read a search's population from it).
    /// - Complexity: O(E log E) for E events.
    func simulate<S: Strategy>(_ strategy: inout S, world: BudgetWorld, logEvents: Bool = false) -> StrategyTimeline {
        var run = EngineRun(world: world, devices: devices, trainers: trainers)
        run.queue.schedule(.budgetReached, at: horizon)
        strategy.start(&run)
        while let event = run.queue.next() {
            if logEvents { run.log.append(event) }
            run.now = event.time
            switch event.kind {
            case .budgetReached:
                return run.timeline
            case .measurementStarted(let a, let d):
                run.startMeasurement(a, device: d)
            case .measurementFinished(let a, let d), .verificationFinished(let a, let d):
                run.completeMeasurement(a, device: d)
                if run.remeasure > 0 { run.queueRepeats() }
                strategy.measurementFinished(a, &run)
                if run.remeasure > 0 { run.dispatch() }
            case .remeasurementFinished(let a, let d):
                run.completeRepeat(a, device: d)
            case .trainingFinished:
                run.query()
            case .queriesFinished:
                if !run.readyTime.isFinite { run.readyTime = run.now }
                strategy.predictionsReady(&run)
            case .retrainingFinished:
                strategy.retrainingFinished(&run)
            case .networkTrained(let a, let g):
                run.completeTraining(a, trainer: g)
                strategy.networkTrained(a, &run)
            case .proxiesScored:
                run.proxiesScored()
                strategy.predictionsReady(&run)
            }
        }
        return run.timeline
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
