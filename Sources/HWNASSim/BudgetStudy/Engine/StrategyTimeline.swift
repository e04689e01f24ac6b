// SPDX-License-Identifier: GPL-3.0-or-later

/// The timeline of one strategy in one trial: when each measurement finished and when the
/// predictions became available.
struct StrategyTimeline {
    /// Finish time per position; +∞ when not measured within the horizon.
    var finish: [Double]
    /// When predictions became available (+∞: never, or no predictor).
    var readyTime = Double.infinity
    /// The predicted Pareto set at `readyTime` (for `verify: selected`).
    var selectionAtReady: [Int32] = []
    /// Every event processed, in order (only when logging was asked for).
    var log: [SimulationEvent] = []
    /// When the devices measured and the trainer worked (``BusyTime``).
    var busy = BusyTime(devices: 1)
    /// Re-measurements in finish order (empty without `remeasure:`).
    var repeats: [Remeasurement] = []
    /// When each position's network finished training (+∞: not trained); empty without trainers.
    var trained: [Double] = []

    /// Each measured position's value at `t`: its first measurement, or the mean of its
    /// measurements finished by `t` (`world.measured` itself without re-measurements).
    /// - Complexity: O(N + repeats) with re-measurements, O(1) without.
    func values(at t: Double, world: BudgetWorld) -> [Double] {
        guard !repeats.isEmpty else { return world.measured }
        var sum = world.measured, count = [Double](repeating: 1, count: world.n)
        for r in repeats where r.finish <= t {
            sum[Int(r.position)] += r.value
            count[Int(r.position)] += 1
        }
        return zip(sum, count).map { $0 / $1 }
    }
}
