// SPDX-License-Identifier: GPL-3.0-or-later

/// `{predictor: NAME, search: evolution}`: BANANAS's loop with a Pareto acquisition.
///
/// It measures the predictor's training sample and trains it. Then, round after round on the
/// trainer: it draws `candidates` one-edit mutations of members of the measured front (each a
/// uniformly drawn open neighbour of a uniformly drawn member; random architectures when the
/// front has no open neighbour left), scores them (`candidates × query_s` on the trainer) by the
/// ``Acquisition`` against the measured front, and measures the best, one per free device.
/// A trained predictor (not the lookup table) is refitted on everything measured after every
/// `retrain_every` (default 10) search measurements (`train_s + train_s_per_sample ×
/// measured`). Rounds and refits run one at a time; a device that frees meanwhile waits for
/// the next round. It reports the Pareto set of what it measured.
struct PredictorGuidedSearch: Strategy {
    let name: String
    var training: PredictorTraining
    let settings: SearchSettings
    let acquisition = Acquisition.hypervolumeImprovement
    /// The fit to refit, for a trained predictor other than the lookup table.
    let refit: TrainedFit?
    /// The predictions in use.
    var predicted: [Double]?
    private(set) var front: MeasuredFront?
    private(set) var moves: SearchMoves?
    /// Search measurements since the last refit.
    var sinceRefit = 0
    /// Whether the trainer is scoring or refitting.
    var trainerBusy = false
    /// Whether the training sample is measured and the first predictions asked for.
    var searching = false

    /// Measurements between refits without `retrain_every`.
    static let defaultRetrainEvery = 10

    init(name: String, training: PredictorTraining, settings: SearchSettings, world: BudgetWorld) {
        self.name = name
        self.settings = settings
        var training = training
        training.queries = settings.candidates
        self.training = training
        let fit = world.trained[training.name]
        refit = fit?.model.model == .lookupTable ? nil : fit
        predicted = world.predicted[training.name]
    }

    mutating func start(_ run: inout EngineRun) {
        front = MeasuredFront(world: run.world)
        moves = SearchMoves(world: run.world, name: name)
        training.start(&run)
        searching = training.outstanding == 0
        trainerBusy = searching
    }

    mutating func measurementFinished(_ position: Int32, _ run: inout EngineRun) {
        _ = front!.add(position, world: run.world)
        guard searching else {
            training.measurementFinished(&run)
            searching = training.outstanding == 0
            trainerBusy = searching
            return
        }
        sinceRefit += 1
        if !trainerBusy { nextRound(&run) }
    }

    /// Refits when due, else scores a round of candidates.
    mutating func nextRound(_ run: inout EngineRun) {
        trainerBusy = true
        if let refit, sinceRefit >= refit.spec.retrainEvery ?? Self.defaultRetrainEvery {
            sinceRefit = 0
            return run.refit(refit.spec)
        }
        run.score(training.spec, count: settings.candidates)
    }

    mutating func retrainingFinished(_ run: inout EngineRun) {
        predicted = refit!.predictions(trainedOn: run.measuredOrder)
        run.score(training.spec, count: settings.candidates)
    }

    /// A round's scores are in: measure the best candidates, one per free device.
    mutating func predictionsReady(_ run: inout EngineRun) {
        trainerBusy = false
        let free = run.pool.free.count
        guard free > 0 else { return }
        let candidates = draw(run)
        let scores = acquisition.scores(candidates, predicted: predicted ?? [], front: front!.members, world: run.world)
        let ranked = candidates.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        var picks = ranked.prefix(free).map { candidates[$0] }
        while picks.count < free, let a = moves!.randomOpen(run) {
            picks.append(a)
            moves!.proposed.insert(a)
        }
        if !picks.isEmpty { moves!.measure(picks, &run) }
    }

    /// Up to `candidates` distinct open one-edit mutations of the measured front.
    mutating func draw(_ run: EngineRun) -> [Int32] {
        let members = front!.members
        var out: [Int32] = []
        var misses = 0
        while out.count < settings.candidates, misses < 4 * settings.candidates, !members.isEmpty {
            let parent = members[moves!.stream.uniformInt(members.count)]
            guard let child = moves!.mutate(parent, run) else {
                misses += 1
                continue
            }
            out.append(child)
            moves!.proposed.insert(child)
        }
        moves!.proposed.subtract(out)
        return out
    }

    func predictions(_ world: BudgetWorld) -> [Double]? { nil }
}
