// SPDX-License-Identifier: GPL-3.0-or-later

/// Maps a scenario's strategy (``StrategySpec``) to the ``Strategy`` that simulates it.
enum StrategyFactory {
    /// The strategy `spec` describes, its predictor taken from `predictors`.
    static func make(_ spec: StrategySpec, predictors: [String: PredictorSpec], world: BudgetWorld) -> any Strategy {
        switch spec.kind {
        case .measureRandom:
            return MeasureRandom(verifiesUnderLimits: spec.verify != .none)
        case .predictor(let name):
            let training = PredictorTraining(name: name, spec: predictors[name]!)
            switch spec.verify {
            case .none: return TrustedPredictor(training: training)
            case .selected: return VerifySelected(training: training)
            case .iterate: return VerifyIterate(training: training, world: world, then: spec.then)
            }
        }
    }
}
