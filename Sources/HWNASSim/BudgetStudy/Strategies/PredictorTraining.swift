// SPDX-License-Identifier: GPL-3.0-or-later

/// The phase every predictor strategy begins with: measure the predictor's training sample,
/// then train it and query it on the rest.
struct PredictorTraining {
    /// The predictor's name in the scenario (and in ``BudgetWorld/predicted``).
    let name: String
    let spec: PredictorSpec
    /// The training positions, in measurement order.
    var positions: [Int32] = []
    /// Training measurements not finished yet.
    var outstanding = 0
    /// Queries after the training: nil, every unmeasured architecture; else this many
    /// candidates (a searching strategy).
    var queries: Int?

    init(name: String, spec: PredictorSpec) {
        self.name = name
        self.spec = spec
    }

    /// Starts measuring the training sample (a trained predictor's own positions, else the
    /// first `train_samples` of the random order); with none, the training starts at once.
    mutating func start(_ run: inout EngineRun) {
        let world = run.world
        positions = world.trainingPositions[name] ?? Array(world.randomOrder.prefix(min(spec.trainSamples, world.n)))
        outstanding = positions.count
        if positions.isEmpty { run.train(spec, samples: 0, queries: queries) }
        run.measure(positions, verifying: false)
    }

    /// A training measurement has finished: the next one starts; after the last, the training.
    mutating func measurementFinished(_ run: inout EngineRun) {
        outstanding -= 1
        run.dispatch()
        if outstanding == 0 { run.train(spec, samples: positions.count, queries: queries) }
    }

    /// The predictions of the trial's world for this predictor.
    func predictions(_ world: BudgetWorld) -> [Double]? { world.predicted[name] }
}
