// SPDX-License-Identifier: GPL-3.0-or-later

/// The fronts one strategy reports over the checkpoints of a trial, built once per strategy
/// and trial from its timeline (see ``Strategy/report(_:world:)``), so that a checkpoint
/// costs O(measured) rather than O(N).
///
/// Before any predictions, and for measuring or verifying strategies, the front is the Pareto
/// set of what was measured (measured values). A trusting predictor strategy's front, from
/// its predictions on (while nothing is measured after them), is the Pareto set of every
/// architecture under its believed values: fixed once the predictions are ready.
struct FrontReport {
    let world: BudgetWorld
    let timeline: StrategyTimeline
    /// The positions measured within the horizon, accuracy-descending.
    let measuredByAccuracy: [Int32]
    /// For a trusting strategy, from the predictions on: the believed values and their Pareto set.
    private(set) var trusting: (front: [Int32], believed: [Double])?

    /// The report of a strategy that reports what it has measured.
    init(measuredBy timeline: StrategyTimeline, world: BudgetWorld) {
        self.world = world
        self.timeline = timeline
        measuredByAccuracy = world.orderByAccuracy.filter { timeline.finish[Int($0)].isFinite }
        trusting = nil
    }

    /// The report of a strategy that trusts `predicted` once ready.
    init(trusting predicted: [Double]?, timeline: StrategyTimeline, world: BudgetWorld) {
        self.init(measuredBy: timeline, world: world)
        let ready = timeline.readyTime
        guard ready.isFinite, let predicted else { return }
        let believed = (0..<world.n).map { timeline.finish[$0] <= ready ? world.measured[$0] : predicted[$0] }
        trusting = (Self.nonDominated(world.orderByAccuracy, accuracy: world.accuracy, values: believed), believed)
    }

    /// The front reported at `t` (accuracy-descending), the believed value per position of its
    /// members (measured where measured by `t`, predicted elsewhere), and the measurements
    /// finished by `t`.
    func front(at t: Double) -> (front: [Int32], believed: [Double], measured: Int) {
        let measured = measuredByAccuracy.filter { timeline.finish[Int($0)] <= t }
        // The trusting front holds from the predictions on, if nothing was measured after them.
        if let trusting, timeline.readyTime <= t, measured.allSatisfy({ timeline.finish[Int($0)] <= timeline.readyTime }) {
            return (trusting.front, trusting.believed, measured.count)
        }
        let values = timeline.values(at: t, world: world)
        return (Self.nonDominated(measured, accuracy: world.accuracy, values: values), values, measured.count)
    }

    /// Members of `set` (given in accuracy-descending order) not dominated by another member
    /// under (accuracy, values).
    static func nonDominated(_ set: [Int32], accuracy: [Double], values: [Double]) -> [Int32] {
        let k = set.count
        guard k > 0 else { return [] }
        let localOrder = (0..<Int32(k)).map { $0 }
        let acc = set.map { accuracy[Int($0)] }, v = set.map { values[Int($0)] }
        var mask = [Bool](repeating: false, count: k)
        localOrder.withUnsafeBufferPointer { o in
            acc.withUnsafeBufferPointer { a in
                v.withUnsafeBufferPointer { vv in
                    mask.withUnsafeMutableBufferPointer { ParetoFront.mask(order: o, accuracy: a, metric: vv, into: $0) }
                }
            }
        }
        return (0..<k).filter { mask[$0] }.map { set[$0] }
    }
}
