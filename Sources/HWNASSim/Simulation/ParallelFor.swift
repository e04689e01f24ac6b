// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import Synchronization

/// Runs work items on a fixed number of workers that pull the next item from a shared counter.
///
/// Each worker builds its own state once (a random stream, scratch buffers) with `makeState`;
/// items are independent, so the results do not depend on `jobs` or on scheduling. While a
/// ``WorkUnitLog`` is current, each item is a work unit: its thread CPU time is recorded there.
enum ParallelFor {
    /// Calls `body(&state, item)` for every item in 0..<count on `jobs` workers.
    public static func run<State>(
        count: Int, jobs: Int, makeState: @Sendable () -> State,
        body: @Sendable (inout State, Int) -> Void
    ) {
        guard count > 0 else { return }
        guard let log = WorkUnitLog.current else { return unrecorded(count: count, jobs: jobs, makeState: makeState, body: body) }
        let seconds = SharedBuffer<Double>(repeating: 0, count: count)
        WorkUnitLog.$current.withValue(nil) {
            unrecorded(count: count, jobs: jobs, makeState: makeState) { state, item in
                let start = CPUClock.thread()
                body(&state, item)
                seconds.pointer[item] = CPUClock.thread() - start
            }
        }
        log.record(seconds.array)
    }

    private static func unrecorded<State>(
        count: Int, jobs: Int, makeState: @Sendable () -> State,
        body: @Sendable (inout State, Int) -> Void
    ) {
        let workers = max(1, min(jobs, count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var state = makeState()
            while true {
                let item = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if item >= count { break }
                body(&state, item)
            }
        }
    }
}

/// A shared output buffer that workers write at disjoint positions.
final class SharedBuffer<Element>: @unchecked Sendable {
    let pointer: UnsafeMutableBufferPointer<Element>

    public init(repeating value: Element, count: Int) {
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: value)
    }

    deinit {
        pointer.deinitialize()
        pointer.deallocate()
    }

    /// The contents as an array.
    var array: [Element] { Array(pointer) }
}
