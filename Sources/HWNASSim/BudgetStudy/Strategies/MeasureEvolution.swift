// SPDX-License-Identifier: GPL-3.0-or-later

/// `measure: evolution`: multi-objective regularized evolution (Real et al.'s aging evolution,
/// as NASLib and Syne Tune run it, with NSGA-II's ranking for two objectives).
///
/// It measures `population` architectures of the trial's random order; from then on, each time
/// a device is free, it samples `sample` members of the population uniformly, takes the best
/// by non-dominated rank then crowding distance (accuracy, measured value), and measures a
/// uniformly drawn one-edit mutation of it that is neither measured nor under way (another
/// tournament when the parent has none left; a random architecture after `sample` failures).
/// Each finished measurement joins the population and the oldest member leaves a full one
/// (aging), so the population is always the last `population` measurements. It reports the
/// Pareto set of what it measured; with several devices it proposes as devices free up
/// (asynchronous), before the first population is complete if need be.
struct MeasureEvolution: Strategy {
    let name: String
    let settings: SearchSettings
    /// The population, oldest first.
    private(set) var population: [Int32] = []
    private(set) var moves: SearchMoves?

    init(name: String, settings: SearchSettings) {
        self.name = name
        self.settings = settings
    }

    mutating func start(_ run: inout EngineRun) {
        moves = SearchMoves(world: run.world, name: name)
        run.measure(Array(run.world.randomOrder.prefix(settings.population)), verifying: false)
    }

    mutating func measurementFinished(_ position: Int32, _ run: inout EngineRun) {
        population.append(position)
        if population.count > settings.population { population.removeFirst() }
        if SearchMoves.waiting(run) { return run.dispatch() }
        var children: [Int32] = []
        for _ in 0..<run.pool.free.count {
            guard let child = propose(run) else { break }
            children.append(child)
            moves!.proposed.insert(child)
        }
        if !children.isEmpty { moves!.measure(children, &run) }
    }

    /// A child: a mutation of a tournament's winner; a random architecture when `sample`
    /// tournaments in a row find no open neighbour; nil when nothing is left to measure.
    mutating func propose(_ run: EngineRun) -> Int32? {
        for _ in 0..<settings.sample {
            let parent = ParetoRanking.best(moves!.sample(population, settings.sample), world: run.world)
            if let child = moves!.mutate(parent, run) { return child }
        }
        return moves!.randomOpen(run)
    }
}
