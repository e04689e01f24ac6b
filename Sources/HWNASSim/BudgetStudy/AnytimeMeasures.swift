// SPDX-License-Identifier: GPL-3.0-or-later

/// The anytime measures of one strategy in one trial: how much of the budget it used by each
/// checkpoint (``BusyTime/used(by:)``) and when its reported front first reached 95 % and
/// 99 % of the true front's hypervolume.
///
/// The front is followed through every event that can change it: each measurement (in finish
/// order, those finishing together at once) and, for a trusting strategy, the moment its
/// predictions are ready. `time_to_hv95` at a checkpoint t is that first time when it is ≤ t,
/// NaN (an empty field; the summary's `n` counts the trials that reached it) otherwise.
struct AnytimeMeasures {
    let busy: BusyTime
    /// The first simulated time at which hv_retained ≥ each of ``thresholds`` (+∞: never).
    let firstTimes: [Double]

    /// The shares of the true front's hypervolume behind `time_to_hv95` and `time_to_hv99`.
    static let thresholds = [0.95, 0.99]

    init(report: FrontReport, scoring: CheckpointScoring) {
        busy = report.timeline.busy
        firstTimes = Self.firstTimes(report: report, scoring: scoring)
    }

    /// `budget_used`, `time_to_hv95`, `time_to_hv99` at checkpoint `t`.
    func values(at t: Double) -> [Double] {
        [busy.used(by: t)] + firstTimes.map { $0 <= t ? $0 : .nan }
    }

    /// The first time the reported front's hypervolume reaches each threshold.
    /// - Complexity: O(M × front) for M measurements (O(M²) for a trusting strategy, whose M is
    ///   its training sample).
    static func firstTimes(report: FrontReport, scoring: CheckpointScoring) -> [Double] {
        var first = [Double](repeating: .infinity, count: thresholds.count)
        guard scoring.hvTrue > 0 else { return first }
        let finish = report.timeline.finish
        let times = report.measuredByAccuracy.map { finish[Int($0)] }
        func check(_ hv: Double, at t: Double) {
            for (k, share) in thresholds.enumerated() where first[k] == .infinity && hv >= share * scoring.hvTrue { first[k] = t }
        }
        // A trusting front changes when predictions arrive; a re-measured one when a mean moves.
        if report.trusting != nil || !report.timeline.repeats.isEmpty {
            let events = Set(times + [report.timeline.readyTime] + report.timeline.repeats.map(\.finish)).filter(\.isFinite).sorted()
            for t in events {
                check(scoring.hypervolume(report.front(at: t).front), at: t)
                if first.allSatisfy(\.isFinite) { break }
            }
            return first
        }
        var front = MeasuredFront(world: report.world)
        let order = report.measuredByAccuracy.sorted {
            finish[Int($0)] < finish[Int($1)] || (finish[Int($0)] == finish[Int($1)] && $0 < $1)
        }
        var k = 0
        while k < order.count {
            let t = finish[Int(order[k])]
            var changed = false
            while k < order.count, finish[Int(order[k])] == t {
                changed = front.add(order[k], world: report.world) || changed
                k += 1
            }
            if changed { check(scoring.hypervolume(front.members), at: t) }
        }
        return first
    }
}
