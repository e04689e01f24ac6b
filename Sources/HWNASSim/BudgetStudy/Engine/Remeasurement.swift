// SPDX-License-Identifier: GPL-3.0-or-later

/// One finished re-measurement (`remeasure: k`): the position, when it finished, what it
/// returned.
struct Remeasurement: Equatable, Sendable {
    var position: Int32
    var finish: Double
    var value: Double
}

/// What re-measurement keeps during a run: the measured positions by accuracy, the repeats
/// each has been given, the running sums behind the means, and the finished repeats.
struct RemeasureState {
    /// Measured positions, accuracy-descending (ties: ``BudgetWorld/orderByAccuracy``).
    var measuredByAccuracy: [Int32] = []
    /// Rank of each position in ``BudgetWorld/orderByAccuracy`` (filled on first use).
    var rank: [Int32] = []
    /// Repeats queued or done per position.
    var given: [Int32: Int] = [:]
    /// Measurements per position finished so far (first included), and their sum.
    var count: [Int32: Int] = [:]
    var sum: [Int32: Double] = [:]
    var finished: [Remeasurement] = []
    /// The measured front as last computed, and whether it still holds: a new measurement
    /// strictly dominated by it changes neither the front nor its deciding members; any other
    /// measurement and every finished repeat (a mean moves) make it stale.
    var front: [Int32] = []
    var frontIsCurrent = false

    /// Adds measured position `a` in accuracy order.
    /// - Complexity: O(log measured + front), plus the insertion's move.
    mutating func insert(_ a: Int32, world: BudgetWorld, values: [Double]) {
        if rank.isEmpty {
            rank = [Int32](repeating: 0, count: world.n)
            for (r, p) in world.orderByAccuracy.enumerated() { rank[Int(p)] = Int32(r) }
        }
        var lo = 0, hi = measuredByAccuracy.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if rank[Int(measuredByAccuracy[mid])] > rank[Int(a)] { hi = mid } else { lo = mid + 1 }
        }
        measuredByAccuracy.insert(a, at: lo)
        if frontIsCurrent, !front.contains(where: { Self.strictlyDominates($0, a, world: world, values: values) }) {
            frontIsCurrent = false
        }
    }

    /// Whether `m` is at least as good as `a` in both objectives and better in one.
    static func strictlyDominates(_ m: Int32, _ a: Int32, world: BudgetWorld, values: [Double]) -> Bool {
        let (am, aa) = (world.accuracy[Int(m)], world.accuracy[Int(a)])
        let (vm, va) = (values[Int(m)], values[Int(a)])
        return am >= aa && vm <= va && (am > aa || vm < va)
    }
}

extension EngineRun {
    /// Turns on `remeasure: k`.
    mutating func enableRemeasure(_ k: Int) { remeasure = k }

    /// The members of the measured front (under the values believed now) that decide picks
    /// near limits: a value within the limit tolerance (relative) of a front neighbour's value
    /// or of one of ``BudgetWorld/decidingLimits``.
    /// - Complexity: O(measured + front × limits).
    func decidingMembers() -> [Int32] {
        decidingMembers(of: FrontReport.nonDominated(remeasurement.measuredByAccuracy, accuracy: world.accuracy, values: values))
    }

    /// The members of `front` (accuracy-descending) that decide picks near limits.
    /// - Complexity: O(front × limits).
    func decidingMembers(of front: [Int32]) -> [Int32] {
        let tol = world.limitTolerance
        func near(_ v: Double, _ w: Double) -> Bool { abs(v - w) <= tol * w }
        return front.indices.filter { i in
            let v = values[Int(front[i])]
            if i > 0, near(v, values[Int(front[i - 1])]) { return true }
            if i + 1 < front.count, near(v, values[Int(front[i + 1])]) { return true }
            return world.decidingLimits.contains { near(v, $0) }
        }.map { front[$0] }
    }

    /// Queues `remeasure` repeats of every deciding member not yet given them; they go before
    /// waiting first measurements at the next ``dispatch()``.
    /// Nothing to do while the front is unchanged since the last call (every deciding member
    /// was handled then).
    mutating func queueRepeats() {
        guard !remeasurement.frontIsCurrent else { return }
        remeasurement.front = FrontReport.nonDominated(remeasurement.measuredByAccuracy, accuracy: world.accuracy, values: values)
        remeasurement.frontIsCurrent = true
        for a in decidingMembers(of: remeasurement.front) where remeasurement.given[a] == nil {
            remeasurement.given[a] = remeasure
            pool.repeats += [Int32](repeating: a, count: remeasure)
        }
    }

    /// A device starts re-measuring `a`: the repeat costs what a measurement of `a` costs.
    mutating func startRepeat(_ a: Int32, device d: Int32) {
        let end = now + world.cost[Int(a)]
        busy.record(now, end, device: Int(d))
        queue.schedule(.remeasurementFinished(position: a, device: d), at: end)
    }

    /// Records a re-measurement of `a`: its value becomes the mean of its measurements so far;
    /// then the front is checked again and the device goes on.
    mutating func completeRepeat(_ a: Int32, device d: Int32) {
        let i = Int(a)
        let n = remeasurement.count[a] ?? 1
        let value = world.remeasured(a, repeat: n)
        let sum = (remeasurement.sum[a] ?? world.measured[i]) + value
        remeasurement.count[a] = n + 1
        remeasurement.sum[a] = sum
        values[i] = sum / Double(n + 1)
        remeasurement.frontIsCurrent = false
        remeasurement.finished.append(Remeasurement(position: a, finish: now, value: value))
        pool.releaseRepeat(d)
        queueRepeats()
        dispatch()
    }
}
