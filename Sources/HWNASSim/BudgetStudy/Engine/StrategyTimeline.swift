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
}
