// SPDX-License-Identifier: GPL-3.0-or-later

/// What happens at an instant of simulated time.
enum SimulationEventKind: Equatable, Sendable {
    /// A device starts measuring a subset position.
    case measurementStarted(position: Int32, device: Int32)
    /// A device finishes measuring a subset position (training sample or exploration).
    case measurementFinished(position: Int32, device: Int32)
    /// The trainer has fitted the predictor.
    case trainingFinished
    /// The predictor has predicted every unmeasured architecture.
    case queriesFinished
    /// The trainer has refitted a trained predictor on everything measured so far and
    /// predicted again (`verify: iterate`).
    case retrainingFinished
    /// A device finishes measuring a selected architecture to verify it.
    case verificationFinished(position: Int32, device: Int32)
    /// The simulated clock reaches the end of the budget.
    case budgetReached
    /// A device finishes re-measuring a position (`remeasure: k`).
    case remeasurementFinished(position: Int32, device: Int32)
    /// A trainer (GPU) finishes training the network at a position: its accuracy is observed.
    case networkTrained(position: Int32, trainer: Int32)
    /// The trainers have scored a zero-cost proxy on every architecture.
    case proxiesScored
}

/// An event on the simulated clock.
struct SimulationEvent: Equatable, Sendable {
    /// Simulated seconds.
    var time: Double
    /// Insertion order: among events at the same time, the earlier inserted runs first.
    var sequence: Int
    var kind: SimulationEventKind
}

/// A priority queue of events keyed by (time, insertion sequence): ties run first-in
/// first-out, so every run is deterministic.
///
/// A binary min-heap. `budgetReached` events are given the largest sequence number so that
/// everything finishing exactly at the budget still counts.
struct EventQueue: Sendable {
    var heap: [SimulationEvent] = []
    var nextSequence = 0

    init() {}

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }

    /// The next event without removing it.
    var first: SimulationEvent? { heap.first }

    @inline(__always)
    static func precedes(_ a: SimulationEvent, _ b: SimulationEvent) -> Bool {
        a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
    }

    /// Schedules `kind` at `time`.
    /// - Complexity: O(log n).
    mutating func schedule(_ kind: SimulationEventKind, at time: Double) {
        let sequence: Int
        if case .budgetReached = kind {
            sequence = Int.max
        } else {
            sequence = nextSequence
            nextSequence += 1
        }
        heap.append(SimulationEvent(time: time, sequence: sequence, kind: kind))
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Self.precedes(heap[i], heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    /// Removes and returns the earliest event.
    /// - Complexity: O(log n).
    mutating func next() -> SimulationEvent? {
        guard !heap.isEmpty else { return nil }
        let top = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var i = 0
            let n = heap.count
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < n && Self.precedes(heap[l], heap[m]) { m = l }
                if r < n && Self.precedes(heap[r], heap[m]) { m = r }
                if m == i { break }
                heap.swapAt(i, m)
                i = m
            }
        }
        return top
    }

    /// Empties the queue and restarts the sequence (keeps its storage).
    mutating func reset() {
        heap.removeAll(keepingCapacity: true)
        nextSequence = 0
    }
}
