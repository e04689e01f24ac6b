// SPDX-License-Identifier: GPL-3.0-or-later

/// `measure: local-search`: Pareto local search over one-edit neighbours, with random restarts.
///
/// It measures the first architecture of the trial's random order, then explores: it measures
/// every open one-edit neighbour (neither measured nor under way) of the next member of its
/// queue. A measured architecture joins the queue when it is on the measured front (accuracy,
/// measured value), or when it dominates the architecture whose neighbourhood it came from
/// (a walk towards the front from a restart). When the queue is empty it restarts from the
/// next unmeasured architecture of the random order. It reports the Pareto set of what it
/// measured.
struct MeasureLocalSearch: Strategy {
    let name: String
    private(set) var front: MeasuredFront?
    /// Positions whose neighbourhoods are to be measured, first in first out.
    private(set) var queue: [Int32] = []
    var head = 0
    /// The architecture whose neighbourhood each position was measured from (-1: a restart).
    var parent: [Int32] = []
    private(set) var moves: SearchMoves?

    init(name: String) { self.name = name }

    mutating func start(_ run: inout EngineRun) {
        front = MeasuredFront(world: run.world)
        parent = [Int32](repeating: -1, count: run.world.n)
        moves = SearchMoves(world: run.world, name: name)
        restart(&run)
    }

    mutating func measurementFinished(_ position: Int32, _ run: inout EngineRun) {
        let onFront = front!.add(position, world: run.world)
        let from = parent[Int(position)]
        if onFront || from < 0 || MeasuredFront.dominates(position, from, world: run.world) { queue.append(position) }
        if SearchMoves.waiting(run) { return run.dispatch() }
        explore(&run)
    }

    /// Measures the open neighbourhoods of the next queued members, enough to keep the free
    /// devices busy; restarts on the free devices when the queue runs out.
    mutating func explore(_ run: inout EngineRun) {
        var picks: [Int32] = []
        while head < queue.count, picks.count < run.pool.free.count {
            let a = queue[head]
            head += 1
            for b in moves!.openNeighbours(of: a, run) {
                parent[Int(b)] = a
                picks.append(b)
                moves!.proposed.insert(b)
            }
        }
        guard picks.isEmpty else { return moves!.measure(picks, &run) }
        restart(&run)
    }

    /// Measures the next open architectures of the random order, one per free device (nothing
    /// when none is left).
    mutating func restart(_ run: inout EngineRun) {
        var seeds: [Int32] = []
        for _ in 0..<max(1, run.pool.free.count) {
            guard let seed = moves!.randomOpen(run) else { break }
            parent[Int(seed)] = -1
            seeds.append(seed)
            moves!.proposed.insert(seed)
        }
        if !seeds.isEmpty { moves!.measure(seeds, &run) }
    }
}
