// SPDX-License-Identifier: GPL-3.0-or-later

/// The Pareto front of what a searching strategy has measured, under (accuracy, measured
/// value), kept as measurements come in: the set ``FrontReport`` reports (non-dominance is
/// transitive, so the front of the front and a newcomer is the front of everything).
struct MeasuredFront {
    /// The front, accuracy-descending (in ``BudgetWorld/orderByAccuracy`` order).
    private(set) var members: [Int32] = []
    /// Each position's place in ``BudgetWorld/orderByAccuracy``.
    let rank: [Int32]

    init(world: BudgetWorld) {
        rank = world.accuracyRanks()
    }

    /// Adds measured position `a`; true when it is on the front afterwards.
    /// - Complexity: O(front).
    mutating func add(_ a: Int32, world: BudgetWorld) -> Bool {
        let slot = members.firstIndex { rank[Int($0)] > rank[Int(a)] } ?? members.count
        var candidate = members
        candidate.insert(a, at: slot)
        members = FrontReport.nonDominated(candidate, accuracy: world.accuracy, values: world.measured)
        return members.contains(a)
    }

    /// Whether `a` dominates `b` under (accuracy, measured value): at least as good in both,
    /// better in one.
    static func dominates(_ a: Int32, _ b: Int32, world: BudgetWorld) -> Bool {
        let (ia, ib) = (Int(a), Int(b))
        let (accA, accB) = (world.accuracy[ia], world.accuracy[ib])
        let (vA, vB) = (world.measured[ia], world.measured[ib])
        return accA >= accB && vA <= vB && (accA > accB || vA < vB)
    }
}

/// Non-dominated sorting and crowding distance (NSGA-II) of a few measured positions: how a
/// multi-objective evolution ranks a tournament's sample.
enum ParetoRanking {
    /// The best of `set` under (accuracy, measured value): lowest non-dominated rank (rank 0,
    /// the members no other member dominates), then largest crowding distance within it, then
    /// first in `set`.
    /// - Complexity: O(k²) for k = `set.count`.
    static func best(_ set: [Int32], world: BudgetWorld) -> Int32 {
        // The lowest rank is always 0: the members no other member dominates.
        let front = set.indices.filter { i in !set.indices.contains { j in j != i && MeasuredFront.dominates(set[j], set[i], world: world) }
        }
        let crowding = crowdingDistances(front.map { set[$0] }, world: world)
        var best = 0
        for k in front.indices.dropFirst() where crowding[k] > crowding[best] { best = k }
        return set[front[best]]
    }

    /// NSGA-II crowding distance of each member of one front: the extremes of each objective
    /// get +∞, the others the sum over objectives of the normalised gap between neighbours.
    static func crowdingDistances(_ set: [Int32], world: BudgetWorld) -> [Double] {
        var distance = [Double](repeating: 0, count: set.count)
        for objective in [world.accuracy, world.measured] {
            let order = set.indices.sorted {
                objective[Int(set[$0])] < objective[Int(set[$1])] || (objective[Int(set[$0])] == objective[Int(set[$1])] && $0 < $1)
            }
            let lo = objective[Int(set[order.first!])], hi = objective[Int(set[order.last!])]
            distance[order.first!] = .infinity
            distance[order.last!] = .infinity
            guard hi > lo, order.count > 2 else { continue }
            for k in 1..<(order.count - 1) {
                distance[order[k]] += (objective[Int(set[order[k + 1]])] - objective[Int(set[order[k - 1]])]) / (hi - lo)
            }
        }
        return distance
    }
}
