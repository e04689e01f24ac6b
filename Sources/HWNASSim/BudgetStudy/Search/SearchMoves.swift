// SPDX-License-Identifier: GPL-3.0-or-later

/// What every searching strategy draws on: its random stream (derived from the trial's key
/// and the strategy's name, never the clock), one-edit mutations restricted to what is
/// neither measured nor under way, and random architectures when no move is left.
struct SearchMoves {
    let stream: RandomStream
    /// The next place in the trial's random order to look for an unmeasured architecture.
    var nextRandom = 0
    /// Positions proposed but not yet handed to a device (several proposals at once).
    var proposed: Set<Int32> = []

    init(world: BudgetWorld, name: String) {
        stream = RandomStream(key: StreamKey.derive(world.streamKey, StreamKey.hash("search"), StreamKey.hash(name)))
    }

    /// Whether `a` may be proposed: neither measured, nor given to a device, nor proposed.
    func isOpen(_ a: Int32, _ run: EngineRun) -> Bool {
        !run.known[Int(a)] && !run.started[Int(a)] && !proposed.contains(a)
    }

    /// The open one-edit neighbours of `a` in the subset.
    func openNeighbours(of a: Int32, _ run: EngineRun) -> [Int32] {
        run.world.neighbourhood?.neighbours(of: a).filter { isOpen($0, run) } ?? []
    }

    /// A uniformly drawn open neighbour of `a`; nil when none is left.
    mutating func mutate(_ a: Int32, _ run: EngineRun) -> Int32? {
        let open = openNeighbours(of: a, run)
        guard !open.isEmpty else { return nil }
        return open[stream.uniformInt(open.count)]
    }

    /// The next open architecture of the trial's random order; nil when every one is taken.
    mutating func randomOpen(_ run: EngineRun) -> Int32? {
        let order = run.world.randomOrder
        while nextRandom < order.count, !isOpen(order[nextRandom], run) { nextRandom += 1 }
        return nextRandom < order.count ? order[nextRandom] : nil
    }

    /// `k` distinct members of `set` drawn uniformly without replacement (all when k ≥ count).
    func sample(_ set: [Int32], _ k: Int) -> [Int32] {
        var pool = set
        let m = min(k, pool.count)
        for i in 0..<m { pool.swapAt(i, i + stream.uniformInt(pool.count - i)) }
        return Array(pool.prefix(m))
    }

    /// Hands `positions` to the free devices (replacing what waits) and forgets them as proposals.
    mutating func measure(_ positions: [Int32], _ run: inout EngineRun) {
        proposed.removeAll()
        run.measure(positions, verifying: false)
    }

    /// Whether positions handed earlier still wait for a device.
    static func waiting(_ run: EngineRun) -> Bool { run.pool.head < run.pool.waiting.count }
}
