// SPDX-License-Identifier: GPL-3.0-or-later

/// A strategy of a budget with trainers (`accuracy:` on the strategy): the devices measure
/// latency in the trial's random order (the same for every strategy), the trainer GPUs train
/// networks to observe their accuracy, and the strategy chooses what to train.
///
/// - `source: train` trains the measured architectures in the order their latency came in
///   (random).
/// - `source: proxy` first scores the proxy on every architecture (every GPU, `proxy_s` each),
///   then trains in rounds: a round is the Pareto set, under (proxy score, measured latency),
///   of the measured architectures not yet given to a GPU, highest score first; a GPU that
///   frees takes the round's next member, and an exhausted round is followed by a new one from
///   what is measured then.
/// - `source: predictor` trains at random until `train_samples` networks are trained, fits the
///   predictor (on the trainer, its `train_s`/`query_s` costs) on their observed accuracy and
///   trains rounds of its predicted Pareto set; it refits after every `retrain_every` (default:
///   as many as there are GPUs) further networks, the next round taken from the new predictions.
///   A GPU free while nothing is chosen takes the next random architecture.
///
/// What it reports is the Pareto set, under (observed accuracy, measured latency), of the
/// architectures both trained and measured.
struct TrainCandidates: Strategy {
    let choice: TrainingChoice
    /// The accuracy believed of each position (proxy score or prediction); nil before any.
    var believed: [Double]?
    /// Positions by believed accuracy, descending (ties: lower position first).
    var order: [Int32] = []
    /// The current round and the next member to give out.
    var round: [Int32] = []
    var roundHead = 0
    /// The next measured position to consider for a random pick (`run.measuredOrder`).
    var randomCursor = 0
    /// The accuracy predictor and its spec (`source: predictor`).
    let fit: TrainedFit?
    /// Trained positions in the order their training finished.
    var observed: [Int32] = []
    /// The observations behind the current predictions, and those the fit under way uses.
    var fittedOn = 0
    var fitting: Int?
    /// The most observations the model fits (the latest are used beyond it).
    var fitCap: Int?

    init(choice: TrainingChoice, world: BudgetWorld) {
        self.choice = choice
        if case .predictor(let name, let proxy, _) = choice,
            let f = world.accuracyFits[BudgetWorld.accuracyFitKey(name, proxyFeature: proxy)]
        {
            fit = f
            fitCap = (try? f.model.make(f.context))?.maximumTrainingSize
        } else {
            fit = nil
        }
    }

    mutating func start(_ run: inout EngineRun) {
        run.measure(run.world.randomOrder, verifying: false)
        guard let (column, seconds) = choice.proxy else { return }
        if case .proxy = choice { believed = run.world.proxies[column] }
        if seconds > 0 { run.scoreProxies(seconds: seconds) } else { rank() }
    }

    mutating func measurementFinished(_ position: Int32, _ run: inout EngineRun) {
        run.dispatch()
        fillTrainers(&run)
    }

    /// The proxy's scores are in.
    mutating func predictionsReady(_ run: inout EngineRun) {
        rank()
        fillTrainers(&run)
    }

    mutating func networkTrained(_ position: Int32, _ run: inout EngineRun) {
        observed.append(position)
        if let fit, fitting == nil {
            let due = fittedOn == 0 ? fit.spec.trainSamples : fittedOn + (fit.spec.retrainEvery ?? run.trainers)
            if observed.count >= due {
                fitting = observed.count
                run.fitAccuracy(fit.spec, observed: observed.count)
            }
        }
        fillTrainers(&run)
    }

    /// The fit under way is done: predictions from the observations it started with.
    mutating func retrainingFinished(_ run: inout EngineRun) {
        guard let fit, let k = fitting else { return }
        var sample = Array(observed.prefix(k))
        if let cap = fitCap, sample.count > cap { sample = Array(sample.suffix(cap)) }
        believed = fit.predictions(trainedOn: sample)
        fittedOn = k
        fitting = nil
        rank()
        fillTrainers(&run)
    }

    /// Sorts the positions by believed accuracy; the round under way is finished before the
    /// next is chosen from the new order.
    mutating func rank() {
        guard let b = believed else { return }
        order = (0..<Int32(b.count)).map { $0 }
        order.sort { (b[Int($0)], $1) > (b[Int($1)], $0) }
    }

    /// Gives free GPUs their next networks while there is one to give.
    mutating func fillTrainers(_ run: inout EngineRun) {
        while run.trainerFree, let a = next(run) { _ = run.startTraining(a) }
    }

    /// The next network to train: the round's next member (a new round when it is exhausted),
    /// or a random measured one while nothing is believed; nil when none is measured and free.
    mutating func next(_ run: EngineRun) -> Int32? {
        guard believed != nil else { return nextRandom(run) }
        while true {
            while roundHead < round.count {
                let a = round[roundHead]
                roundHead += 1
                if !run.trainingStarted[Int(a)] { return a }
            }
            round = newRound(run)
            roundHead = 0
            if round.isEmpty { return nil }
        }
    }

    /// The next measured position not given to a GPU, in measurement order.
    mutating func nextRandom(_ run: EngineRun) -> Int32? {
        while randomCursor < run.measuredOrder.count {
            let a = run.measuredOrder[randomCursor]
            randomCursor += 1
            if !run.trainingStarted[Int(a)] { return a }
        }
        return nil
    }

    /// The Pareto set, under (believed accuracy, measured latency), of the measured positions
    /// not given to a GPU, believed accuracy descending.
    /// - Complexity: O(N).
    func newRound(_ run: EngineRun) -> [Int32] {
        guard let b = believed else { return [] }
        var members: [Int32] = []
        order.withUnsafeBufferPointer { o in
            b.withUnsafeBufferPointer { acc in
                ParetoFront.walk(
                    order: o, accuracy: acc, include: { run.known[$0] && !run.trainingStarted[$0] }, metric: { run.values[$0] },
                    onFront: { members.append($0) })
            }
        }
        return members
    }

    /// The Pareto set of what is trained and measured, under observed accuracy.
    func report(_ timeline: StrategyTimeline, world: BudgetWorld) -> FrontReport {
        var both = timeline
        both.finish = zip(timeline.finish, timeline.trained).map { max($0, $1) }
        return FrontReport(measuredBy: both, world: world.observing())
    }
}
