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
        // A trusting front changes when predictions arrive.
        if report.trusting != nil {
            let events = Set(times + [report.timeline.readyTime] + report.timeline.repeats.map(\.finish)).filter(\.isFinite).sorted()
            for t in events {
                check(scoring.hypervolume(report.front(at: t).front), at: t)
                if first.allSatisfy(\.isFinite) { break }
            }
            return first
        }
        if !report.timeline.repeats.isEmpty {
            for (t, front) in RemeasuredFronts(report: report) {
                check(scoring.hypervolume(front), at: t)
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

/// The fronts a re-measuring strategy reports, in time order: one per time at which its front
/// changed (``FrontReport/front(at:)`` at that time), followed incrementally. A first
/// change is followed by ``RemeasureState/front(_:after:world:values:rank:isMeasured:)``.
/// - Complexity: O(M × front + R × W) for M measurements and R repeats, W the accuracy window a
///   worse front member opens.
struct RemeasuredFronts: Sequence, IteratorProtocol {
    let report: FrontReport
    /// Events in time order: (time, position, repeat value or nil for a first measurement).
    private let events: [(time: Double, position: Int32, value: Double?)]
    private var cursor = 0
    private var values: [Double]
    /// The sums and counts behind the means, summed as ``StrategyTimeline/values(at:world:)`` does.
    private var sum: [Double]
    private var count: [Double]
    private var isMeasured: [Bool]
    private var front: [Int32] = []
    private let rank: [Int32]

    init(report: FrontReport) {
        self.report = report
        let finish = report.timeline.finish
        var events = report.measuredByAccuracy.map { (time: finish[Int($0)], position: $0, value: Double?.none) }
        events += report.timeline.repeats.map { (time: $0.finish, position: $0.position, value: Optional($0.value)) }
        // Stable: first measurements before the repeats of the same time (a repeat follows its
        // first measurement in any case).
        self.events = events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        values = report.world.measured
        sum = report.world.measured
        count = [Double](repeating: 1, count: report.world.n)
        isMeasured = [Bool](repeating: false, count: report.world.n)
        rank = report.world.accuracyRanks()
    }

    mutating func next() -> (Double, [Int32])? {
        let world = report.world
        while cursor < events.count {
            let t = events[cursor].time
            var changed = false
            while cursor < events.count, events[cursor].time == t {
                let (_, a, value) = events[cursor]
                cursor += 1
                var old: Double? = nil
                if let value {
                    old = values[Int(a)]
                    sum[Int(a)] += value
                    count[Int(a)] += 1
                    values[Int(a)] = sum[Int(a)] / count[Int(a)]
                } else {
                    isMeasured[Int(a)] = true
                }
                let next =
                    RemeasureState.front(front, after: (a, old), world: world, values: values, rank: rank, isMeasured: isMeasured)
                    ?? RemeasureState.front(order: world.orderByAccuracy, isMeasured: isMeasured, accuracy: world.accuracy, values: values)
                if next != front || (old != nil && front.contains(a)) { changed = true }
                front = next
            }
            if changed { return (t, front) }
        }
        return nil
    }
}
