// SPDX-License-Identifier: GPL-3.0-or-later

/// `measure: random`: measure architectures in the trial's random order until the budget
/// ends; report the Pareto set of what was measured.
struct MeasureRandom: Strategy {
    /// With `verify:` set (which changes nothing else), the pick under a limit comes from a
    /// run that knows the limit, as for the verifying predictor strategies: every measured
    /// architecture is a candidate, not only the reported front.
    var verifiesUnderLimits = false

    func fixedOrder(_ world: BudgetWorld) -> [Int32]? { world.randomOrder }

    mutating func start(_ run: inout EngineRun) {
        run.measure(run.world.randomOrder, verifying: false)
    }

    mutating func measurementFinished(_ position: Int32, _ run: inout EngineRun) {
        run.dispatch()
    }

    func underLimit(_ limit: Double) -> (any Strategy)? { verifiesUnderLimits ? self : nil }
}
