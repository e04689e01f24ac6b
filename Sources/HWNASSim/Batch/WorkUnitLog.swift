// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Synchronization

/// The CPU seconds of the work units a run executes, and the speedup they predict on more
/// workers.
///
/// A work unit is one item of a ``ParallelFor`` run while a log is ``current`` (a trial of a
/// study or budget cell, a split of a learning curve, …): ``ParallelFor`` times each item with
/// its thread's CPU clock. Work outside units (loading the tables, assembling outputs) is
/// `serial`. ``predictedSpeedup(workers:)`` schedules the units longest first on `workers`
/// (a list schedule, LPT), so scaling can be checked on any machine.
final class WorkUnitLog: Sendable {
    /// The log that ``ParallelFor`` runs record their items in; nil inside an item (a nested
    /// parallel loop is part of its item) and on threads that no run set it on.
    @TaskLocal static var current: WorkUnitLog?

    private let state = Mutex<(units: [Double], serial: Double)>(([], 0))

    init() {}

    /// Records units that took `seconds` of CPU each.
    func record(_ seconds: [Double]) { state.withLock { $0.units += seconds } }

    /// Records `seconds` of CPU spent outside units.
    func recordSerial(_ seconds: Double) { state.withLock { $0.serial += max(0, seconds) } }

    /// The units' CPU seconds, in the order recorded.
    var units: [Double] { state.withLock { $0.units } }

    /// CPU seconds spent outside units.
    var serial: Double { state.withLock { $0.serial } }

    /// Sum of the units' CPU seconds, added in ascending order (independent of record order).
    var total: Double { units.sorted().reduce(0, +) }

    /// Serial plus units' time, over serial plus the makespan of the units' longest-first list
    /// schedule on `workers`; 1 when nothing was recorded.
    func predictedSpeedup(workers: Int) -> Double {
        let units = self.units, serial = self.serial
        let work = serial + units.sorted().reduce(0, +)
        let span = serial + Self.longestFirstMakespan(units, workers: workers)
        return span > 0 ? work / span : 1
    }

    /// The finishing time of the last of `workers` when `times` are handed out longest first,
    /// each to the worker that is free first (the lowest-numbered among equals).
    /// - Complexity: O(n log n + n × workers) for n times.
    static func longestFirstMakespan(_ times: [Double], workers: Int) -> Double {
        precondition(workers >= 1)
        var load = [Double](repeating: 0, count: workers)
        for t in times.sorted(by: >) {
            var free = 0
            for w in 1..<workers where load[w] < load[free] { free = w }
            load[free] += t
        }
        return load.max() ?? 0
    }
}

/// CPU clocks of the calling thread and of the process.
enum CPUClock {
    /// CPU seconds the calling thread has used (`CLOCK_THREAD_CPUTIME_ID`).
    static func thread() -> Double { seconds(CLOCK_THREAD_CPUTIME_ID) }

    /// CPU seconds every thread of the process has used (`CLOCK_PROCESS_CPUTIME_ID`).
    static func process() -> Double { seconds(CLOCK_PROCESS_CPUTIME_ID) }

    private static func seconds(_ clock: clockid_t) -> Double {
        var t = timespec()
        clock_gettime(clock, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}
