// SPDX-License-Identifier: GPL-3.0-or-later

/// Maps a scenario's strategy (``StrategySpec``) to the ``Strategy`` that simulates it.
enum StrategyFactory {
    /// The strategy `spec` describes, its predictor taken from `predictors`.
    static func make(_ spec: StrategySpec, predictors: [String: PredictorSpec], world: BudgetWorld) -> any Strategy {
        let strategy = strategy(spec, predictors: predictors, world: world)
        // A measuring strategy re-measures through a wrapper; VerifyIterate starts at convergence.
        if let k = spec.remeasure, !spec.kind.hasPredictor { return Remeasuring(base: strategy, repeats: k) }
        return strategy
    }

    private static func strategy(_ spec: StrategySpec, predictors: [String: PredictorSpec], world: BudgetWorld) -> any Strategy {
        switch spec.kind {
        case .measureRandom:
            return MeasureRandom(verifiesUnderLimits: spec.verify != .none)
        case .evolution:
            return MeasureEvolution(name: spec.name, settings: spec.search ?? SearchSettings())
        case .localSearch:
            return MeasureLocalSearch(name: spec.name)
        case .train(let choice):
            return TrainCandidates(choice: choice, world: world)
        case .predictor(let name):
            let training = PredictorTraining(name: name, spec: predictors[name]!)
            if let search = spec.search {
                return PredictorGuidedSearch(name: spec.name, training: training, settings: search, world: world)
            }
            switch spec.verify {
            case .none: return TrustedPredictor(training: training)
            case .selected: return VerifySelected(training: training)
            case .iterate: return VerifyIterate(training: training, world: world, then: spec.then, remeasure: spec.remeasure ?? 0)
            }
        }
    }
}
