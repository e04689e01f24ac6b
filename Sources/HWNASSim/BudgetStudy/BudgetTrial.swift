// SPDX-License-Identifier: GPL-3.0-or-later

/// One trial of a budget study: one subset, every strategy simulated once to the largest
/// budget, the state at each checkpoint scored against the subset's true front.
///
/// What a strategy reports at a checkpoint (its front) is the Pareto set of
/// - `measure: random`: what it has measured (measured values);
/// - a predictor strategy with `verify: none`: every architecture under its believed values
///   (measured where measured, predicted elsewhere) — trusting the predictor is its point;
/// - a verifying strategy (`selected`, `iterate`): what it has measured; the predictions only
///   choose what to measure next.
/// The front is scored with true values: `hv`, `hv_retained`, `mra_all` (every member),
/// `mra_pareto` (the members left after verifying the front with true values, as in the
/// study), `mean_regret` (picks from the front by believed values, see ``LimitScoring``);
/// the limit measures score the strategy's pick under each limit (``LimitPicker``).
enum BudgetTrial {
    /// Simulates every strategy of `cell` in trial `trial` and writes the trial's values,
    /// `[strategy][budget][measure]`, to `out`.
    static func run(cell: BudgetCell, trial: Int, workspace ws: TrialWorkspace, out: UnsafeMutableBufferPointer<Double>) {
        let (world, z, metric, sortedMetric) = BudgetWorld.draw(cell: cell, trial: trial, workspace: ws)
        let scoring = CheckpointScoring(cell: cell, world: world, z: z, metric: metric, sortedMetric: sortedMetric)
        let engine = MeasurementEngine(
            devices: cell.budget.devices, horizon: cell.budget.seconds.last!, trainers: cell.budget.trainers)
        let perStrategy = cell.budget.seconds.count * cell.measures.count
        for (s, spec) in cell.budget.strategies.enumerated() {
            let strategy = StrategyFactory.make(spec, predictors: cell.predictors, world: world)
            let timeline = engine.run(strategy, world: world)
            let report = strategy.report(timeline, world: world)
            let picker = LimitPicker(strategy, limits: cell.limits, engine: engine, world: world)
            let anytime = AnytimeMeasures(report: report, scoring: scoring)
            var next = s * perStrategy
            for t in cell.budget.seconds {
                scoring.score(report, picker: picker, at: t, into: out, from: &next)
                for value in anytime.values(at: t) {
                    out[next] = value
                    next += 1
                }
            }
        }
    }
}

/// Scores what a strategy reports at a checkpoint against the trial's true front, with true
/// values; built once per trial.
struct CheckpointScoring {
    let world: BudgetWorld
    /// True z per position.
    let z: [Double]
    /// The true front, accuracy ascending (= z ascending).
    let frontZ: [Double], frontAcc: [Double]
    let reference: (accuracy: Double, metric: Double)
    /// The true front's hypervolume.
    let hvTrue: Double
    /// The scenario's limits, and the grid behind `mean_regret`, with the best true accuracy
    /// within each.
    let limits: LimitScoring, grid: LimitScoring

    init(cell: BudgetCell, world: BudgetWorld, z: [Double], metric: [Double], sortedMetric: [Double]) {
        self.world = world
        self.z = z
        let front = world.paretoSet(z).reversed()
        frontZ = front.map { z[Int($0)] }
        frontAcc = front.map { world.accuracy[Int($0)] }
        reference = cell.reference.point(subsetZ: z, frontMaxZ: frontZ.last!)
        hvTrue = TrialScoring.staircaseVolume(accuracy: frontAcc.reversed(), metric: frontZ.reversed(), reference: reference)
        limits = LimitScoring(limits: cell.limits, world: world, metric: metric, tolerance: cell.budget.limitTolerance)
        grid = LimitScoring(
            limits: LimitScoring.grid(sortedMetric: sortedMetric), world: world, metric: metric,
            tolerance: cell.budget.limitTolerance)
    }

    /// Writes the measures of the front `report` gives at `t` to `out` from `next` on, in the
    /// order of ``BudgetCell/measures``: ``BudgetMeasure/base``, then the limit measures (the
    /// anytime measures, last, are the caller's: ``AnytimeMeasures``).
    func score(_ report: FrontReport, picker: LimitPicker, at t: Double, into out: UnsafeMutableBufferPointer<Double>, from next: inout Int)
    {
        let (reported, believed, nMeasured) = report.front(at: t)
        // The members that survive verification by true values (the study's mra_pareto).
        let verified = FrontReport.nonDominated(reported, accuracy: world.accuracy, values: z)
        let hv = hypervolume(reported)
        let nVerified = reported.lazy.filter { report.timeline.finish[Int($0)] <= t }.count
        for value in [
            hv, hvTrue > 0 ? hv / hvTrue : .nan, mra(reported), mra(verified),
            grid.meanRegret(front: reported, believed: believed, accuracy: world.accuracy, believedAccuracy: report.world.accuracy),
            Double(reported.count), Double(nVerified), Double(nMeasured)
        ] {
            out[next] = value
            next += 1
        }
        for li in limits.limits.indices {
            let pick = picker.pick(limit: li, at: t, front: reported, believed: believed, world: report.world)
            for value in limitMeasures(pick: pick, limit: li) {
                out[next] = value
                next += 1
            }
        }
    }

    /// The hypervolume of `set` (accuracy-descending) under true values.
    func hypervolume(_ set: [Int32]) -> Double {
        TrialScoring.staircaseVolume(accuracy: set.map { world.accuracy[Int($0)] }, metric: set.map { z[Int($0)] }, reference: reference)
    }

    /// `acc_loss`, `violation` and `regret` of `pick` (-1: none) under limit number `li`.
    /// acc_loss: best accuracy within the limit minus the pick's (negative when the pick truly
    /// breaks the limit; undefined when nothing in the subset meets it); violation and regret:
    /// see ``LimitScoring/regret(pick:limit:accuracy:)``.
    func limitMeasures(pick: Int, limit li: Int) -> [Double] {
        let best = limits.bestWithin[li]  // NaN: nothing meets the limit
        let regret = limits.regret(pick: pick, limit: li, accuracy: world.accuracy)
        guard pick >= 0 else { return [100 * best, 0, regret] }
        return [100 * (best - world.accuracy[pick]), limits.violates(pick: pick, limit: li) ? 1 : 0, regret]
    }

    /// The mean accuracy lost by the members of `set` against the true front, in percentage
    /// points; NaN for an empty set.
    func mra(_ set: [Int32]) -> Double {
        guard !set.isEmpty else { return .nan }
        var loss = 0.0
        frontZ.withUnsafeBufferPointer { fz in
            frontAcc.withUnsafeBufferPointer { fa in
                for a in set {
                    loss += TrialScoring.frontAccuracyBelow(z[Int(a)], frontZ: fz, frontAcc: fa) - world.accuracy[Int(a)]
                }
            }
        }
        return 100 * loss / Double(set.count)
    }
}
