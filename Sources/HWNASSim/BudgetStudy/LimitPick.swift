// SPDX-License-Identifier: GPL-3.0-or-later

/// The architecture deployed under a latency limit: the most accurate candidate believed
/// within it.
enum LimitPick {
    /// The pick under `limit` among `candidates` (accuracy-descending): the most accurate one
    /// whose believed value is within the limit; ties: lower believed value, then lower
    /// position. -1: none.
    /// - Complexity: O(candidates) at worst.
    static func pick(_ candidates: [Int32], believed: [Double], accuracy: [Double], limit: Double) -> Int {
        var pick = -1
        for a in candidates where believed[Int(a)] <= limit {
            let i = Int(a)
            if pick < 0 {
                pick = i
                continue
            }
            if accuracy[i] < accuracy[pick] { break }
            if believed[i] < believed[pick] || (believed[i] == believed[pick] && i < pick) { pick = i }
        }
        return pick
    }
}

/// A strategy's picks under the scenario's latency limits over the checkpoints of a trial.
///
/// A strategy with a run under each limit (``Strategy/underLimit(_:)``: the verifying ones)
/// picks from everything that run believes at the checkpoint; any other picks from the front
/// it reports (the most accurate architecture believed within the limit is always on it).
struct LimitPicker {
    let limits: [Double]
    /// The strategy's timeline under each limit; empty: picks come from the reported front.
    let runs: [StrategyTimeline]
    /// The strategy's predictions, believed where not measured once ready.
    let predicted: [Double]?

    init(_ strategy: any Strategy, limits: [Double], engine: MeasurementEngine, world: BudgetWorld) {
        self.limits = limits
        predicted = strategy.predictions(world)
        runs = limits.compactMap { limit in strategy.underLimit(limit).map { engine.run($0, world: world) } }
    }

    /// The pick under limit number `li` at `t`, given the front reported at `t` and its
    /// believed values.
    func pick(limit li: Int, at t: Double, front: [Int32], believed: [Double], world: BudgetWorld) -> Int {
        guard !runs.isEmpty else { return LimitPick.pick(front, believed: believed, accuracy: world.accuracy, limit: limits[li]) }
        let values = believedValues(runs[li], world: world, at: t)
        return LimitPick.pick(world.orderByAccuracy, believed: values, accuracy: world.accuracy, limit: limits[li])
    }

    /// What the run under a limit knows at `t`: measured values where measured, predictions
    /// elsewhere once ready, NaN before.
    func believedValues(_ run: StrategyTimeline, world: BudgetWorld, at t: Double) -> [Double] {
        let ready = run.readyTime <= t
        return (0..<world.n).map { run.finish[$0] <= t ? world.measured[$0] : (ready ? (predicted?[$0] ?? .nan) : .nan) }
    }
}
