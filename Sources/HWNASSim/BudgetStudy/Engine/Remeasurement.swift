// SPDX-License-Identifier: GPL-3.0-or-later

/// One finished re-measurement (`remeasure: k`): the position, when it finished, what it
/// returned.
struct Remeasurement: Equatable, Sendable {
    var position: Int32
    var finish: Double
    var value: Double
}

/// What re-measurement keeps during a run: the measured positions, the front, the repeats
/// each has been given, the running sums behind the means, and the finished repeats.
struct RemeasureState {
    /// Whether each position is measured (empty until the first ``insert(_:world:)``).
    var isMeasured: [Bool] = []
    /// ``BudgetWorld/orderByAccuracy`` (kept for ``measuredByAccuracy``).
    var order: [Int32] = []
    /// Rank of each position in ``BudgetWorld/orderByAccuracy`` (filled on first use).
    var rank: [Int32] = []
    /// Repeats queued or done per position.
    var given: [Int32: Int] = [:]
    /// Measurements per position finished so far (first included), and their sum.
    var count: [Int32: Int] = [:]
    var sum: [Int32: Double] = [:]
    var finished: [Remeasurement] = []
    /// The measured front as last computed (nil: never), and the values that moved since:
    /// a position measured for the first time (`old` nil) or a mean that moved from `old`.
    var front: [Int32]?
    var changes: [(position: Int32, old: Double?)] = []

    /// Measured positions, accuracy-descending (ties: ``BudgetWorld/orderByAccuracy``): what
    /// the front is rebuilt from.
    /// - Complexity: O(N).
    var measuredByAccuracy: [Int32] { isMeasured.isEmpty ? [] : order.filter { isMeasured[Int($0)] } }

    /// Records measured position `a`.
    /// - Complexity: O(1) (O(N) the first time).
    mutating func insert(_ a: Int32, world: BudgetWorld) {
        if rank.isEmpty {
            order = world.orderByAccuracy
            isMeasured = [Bool](repeating: false, count: world.n)
            rank = world.accuracyRanks()
        }
        isMeasured[Int(a)] = true
        changes.append((a, nil))
    }

    /// The Pareto set of the measured positions under (accuracy, `values`), accuracy
    /// descending: ``FrontReport/nonDominated(_:accuracy:values:)`` of ``measuredByAccuracy``
    /// (ties kept alike), in one pass over `order` without building that list
    /// (``ParetoFront/walk(order:accuracy:include:metric:onFront:)``).
    /// - Complexity: O(N).
    static func front(order: [Int32], isMeasured: [Bool], accuracy: [Double], values: [Double]) -> [Int32] {
        var front: [Int32] = []
        order.withUnsafeBufferPointer { o in
            accuracy.withUnsafeBufferPointer { acc in
                ParetoFront.walk(
                    order: o, accuracy: acc, include: { isMeasured[$0] }, metric: { values[$0] }, onFront: { front.append($0) })
            }
        }
        return front
    }

    /// The front under `values` after one change (see ``changes``), from the front before it;
    /// nil only when the change is not one this follows (a front member measured again for the
    /// first time). Non-dominance is transitive: a newcomer or a member outside the front that
    /// moved joins the front of the front and itself, unless the front strictly dominates it; a
    /// front member that got better can only push other front members out; one that got worse
    /// can only let back measured positions of accuracy in (the next less accurate member's, its
    /// own]: any other it hid is strictly dominated by that next member too.
    /// - Complexity: O(front) for a newcomer or a better member; O(front + W) for a worse one,
    ///   W the positions of ``BudgetWorld/orderByAccuracy`` in that accuracy window (all below
    ///   it when it was the least accurate member).
    static func front(
        _ front: [Int32], after change: (position: Int32, old: Double?), world: BudgetWorld, values: [Double], rank: [Int32],
        isMeasured: [Bool]
    ) -> [Int32]? {
        let a = change.position
        let accuracy = world.accuracy
        if front.contains(a) {
            guard let old = change.old else { return nil }
            if values[Int(a)] <= old { return FrontReport.nonDominated(front, accuracy: accuracy, values: values) }
            let top = accuracy[Int(a)]
            let floor = front.first { accuracy[Int($0)] < top }.map { accuracy[Int($0)] } ?? -.infinity
            let order = world.orderByAccuracy
            var i = Int(rank[Int(a)])
            while i > 0, accuracy[Int(order[i - 1])] == top { i -= 1 }
            var candidate = front.filter { accuracy[Int($0)] > top || accuracy[Int($0)] <= floor }
            while i < order.count, accuracy[Int(order[i])] > floor {
                if isMeasured[Int(order[i])] { candidate.append(order[i]) }
                i += 1
            }
            candidate.sort { rank[Int($0)] < rank[Int($1)] }
            return FrontReport.nonDominated(candidate, accuracy: accuracy, values: values)
        }
        if front.contains(where: { strictlyDominates($0, a, world: world, values: values) }) { return front }
        var lo = 0, hi = front.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if rank[Int(front[mid])] > rank[Int(a)] { hi = mid } else { lo = mid + 1 }
        }
        var candidate = front
        candidate.insert(a, at: lo)
        return FrontReport.nonDominated(candidate, accuracy: accuracy, values: values)
    }

    /// Whether `m` is at least as good as `a` in both objectives and better in one.
    static func strictlyDominates(_ m: Int32, _ a: Int32, world: BudgetWorld, values: [Double]) -> Bool {
        let (am, aa) = (world.accuracy[Int(m)], world.accuracy[Int(a)])
        let (vm, va) = (values[Int(m)], values[Int(a)])
        return am >= aa && vm <= va && (am > aa || vm < va)
    }
}

extension EngineRun {
    /// Turns on `remeasure: k`, taking in what is measured so far.
    mutating func enableRemeasure(_ k: Int) {
        guard k > 0, remeasure == 0 else { return }
        remeasure = k
        for a in measuredOrder { remeasurement.insert(a, world: world) }
    }

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
    /// was handled then); the front follows the changes incrementally where it can
    /// (``RemeasureState/front(_:after:world:values:rank:isMeasured:)``).
    mutating func queueRepeats() {
        let changes = remeasurement.changes
        guard !changes.isEmpty || remeasurement.front == nil else { return }
        remeasurement.changes = []
        let previous = remeasurement.front
        var front: [Int32]? = nil
        if let previous, changes.count == 1 {
            front = RemeasureState.front(
                previous, after: changes[0], world: world, values: values, rank: remeasurement.rank,
                isMeasured: remeasurement.isMeasured)
        }
        let now =
            front
            ?? RemeasureState.front(
                order: remeasurement.order, isMeasured: remeasurement.isMeasured, accuracy: world.accuracy, values: values)
        remeasurement.front = now
        // Deciding members depend on the front's members and their values: unchanged when
        // only newcomers came and none joined.
        guard now != previous || changes.contains(where: { $0.old != nil }) else { return }
        for a in decidingMembers(of: now) where remeasurement.given[a] == nil {
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
        remeasurement.changes.append((a, values[i]))
        values[i] = sum / Double(n + 1)
        remeasurement.finished.append(Remeasurement(position: a, finish: now, value: value))
        pool.releaseRepeat(d)
        queueRepeats()
        dispatch()
    }
}
