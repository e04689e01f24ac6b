// SPDX-License-Identifier: GPL-3.0-or-later

/// What `hwnas-sim calibrate` asks: the Kendall tau a noise model realises at a level, the
/// level that gives a target tau, or the tau a trained predictor reaches (and the
/// `kendall-tau` level of the same tau), on an NB201 pair or a scenario's pair.
public struct CalibrationRequest: Sendable {
    /// What to calibrate.
    public enum Question: Sendable {
        /// A noise model (`--noise`) at `level`, or the level of `targetTau` (exactly one).
        case noise(model: String, level: Double?, targetTau: Double?)
        /// A predictor model (`--predictor`) trained on `trainSamples` measured architectures.
        case predictor(model: String, trainSamples: Int?)
    }

    public var question: Question
    /// An NB201 pair (`--dataset`, `--metric`), or a scenario file's pair `pair` (1-based).
    public var dataset: String?
    public var metric: String?
    public var scenario: String?
    public var pair: Int
    /// Subset size (nil: the whole table).
    public var size: Int?
    public var pairing: String
    public var trials: Int
    public var seed: UInt64
    public var jobs: Int
    public var dataDirectory: String

    public init(
        question: Question, dataset: String?, metric: String?, scenario: String?, pair: Int, size: Int?,
        pairing: String, trials: Int, seed: UInt64, jobs: Int, dataDirectory: String
    ) {
        self.question = question
        (self.dataset, self.metric, self.scenario, self.pair, self.size) = (dataset, metric, scenario, pair, size)
        (self.pairing, self.trials, self.seed, self.jobs, self.dataDirectory) = (pairing, trials, seed, jobs, dataDirectory)
    }

    /// The answer, for the command line to print.
    public enum Answer: Sendable {
        /// `model` at `level` realises `tau` on subsets of `size`.
        case realised(pair: String, model: NoiseModelKind, level: Double, tau: Summary, size: Int)
        /// `level` of `model` realises `tau`, aiming at `target`.
        case level(pair: String, model: NoiseModelKind, level: Double, tau: Summary, target: Double)
        /// The predictor's tau over its test splits, and (when that tau is in (0, 1]) the tau the
        /// `kendall-tau` level of the same value realises on the pair (nil where the pair has
        /// no such subsets).
        case predictor(PredictorAnswer)
    }

    /// What a trained predictor reaches.
    public struct PredictorAnswer: Sendable {
        public var pair: String
        public var model: String
        /// The model's own training size (lookup table, FLOPs), nil when it trains on `trainSamples`.
        public var ownSamples: Int?
        public var trainSamples: Int
        public var tau: Summary
        /// The `kendall-tau` level of the same tau (3 decimals), nil when tau is not in (0, 1].
        public var level: Double?
        /// What that level realises on the pair, and at which subset size.
        public var realised: (tau: Summary, size: Int)?
    }

    /// Answers the question.
    /// - Throws: ``InputError`` for an unknown model, pair, or a size the pair cannot give.
    public func answer() throws -> Answer {
        switch question {
        case .predictor(let model, let k): return .predictor(try predictorAnswer(model, trainSamples: k))
        case .noise(let name, let level, let targetTau): return try noiseAnswer(name, level: level, targetTau: targetTau)
        }
    }

    /// The pair to calibrate on: an NB201 dataset and metric, or a scenario's pair.
    func groundTruth() throws -> (pair: GroundTruthPair, label: String) {
        guard let scenario else {
            guard let pairingValue = Pairing(rawValue: pairing) else {
                throw InputError(key: "--pairing", "expected 'true' or 'paper-sorted', found '\(pairing)'")
            }
            let table = try MetricTable.loadNB201(dataset: dataset!, directory: dataDirectory, metrics: [metric!])
            return (try GroundTruthPair(table: table, metric: metric!, pairing: pairingValue), "\(dataset!)/\(metric!)")
        }
        let scenarios = try Scenario.load(path: scenario)
        var loader = GroundTruthLoader(directory: dataDirectory)
        let pairs: [GroundTruthPair]
        do { pairs = try loader.pairs(for: scenarios[0]) } catch let e as InputError { throw scenarios[0].locate(e, file: scenario) }
        guard pair >= 1 && pair <= pairs.count else {
            throw InputError(
                file: scenario, key: "--pair", "the scenario has \(pairs.count) pair(s); expected --pair 1…\(pairs.count), found \(pair)")
        }
        let p = pairs[pair - 1]
        return (p, "\(p.dataset)/\(p.metric)")
    }

    func noiseAnswer(_ noise: String, level: Double?, targetTau: Double?) throws -> Answer {
        guard let model = NoiseModelKind(rawValue: noise) else {
            throw InputError(
                key: "--noise",
                "unknown noise model '\(noise)'; expected one of: \(NoiseModelKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let (pair, label) = try groundTruth()
        if let size, size > pair.count {
            throw InputError(key: "--size", "subset size \(size) is larger than \(label), which has \(pair.count) architectures")
        }
        if model == .paperMixture, (size ?? pair.count) < 30, (level ?? 1) > 0 {
            throw InputError(key: "--size", "paper-mixture noise needs subsets of at least 30, found \(size ?? pair.count)")
        }
        let calibration = Calibration(pair: pair, model: model, subsetSize: size ?? pair.count, trials: trials, seed: seed, jobs: jobs)
        if let level {
            if model == .kendallTau, !(level > 0 && level <= 1) {
                throw InputError(key: "--level", "a kendall-tau level is a target tau in (0, 1], found \(level)")
            }
            return .realised(pair: label, model: model, level: level, tau: calibration.realisedTau(level: level), size: size ?? pair.count)
        }
        let target = targetTau!
        let found = calibration.level(forTau: target)
        return .level(pair: label, model: model, level: found, tau: calibration.realisedTau(level: found), target: target)
    }

    func predictorAnswer(_ name: String, trainSamples: Int?) throws -> PredictorAnswer {
        let spec = try ModelSpec.parse(model: name, key: "--predictor")
        let file = scenario ?? "calibrate"
        let scenarios: [Scenario]
        if let scenario {
            scenarios = try Scenario.load(path: scenario)
        } else {
            scenarios = [
                Scenario(
                    name: "calibrate", pairs: [PairSpec(dataset: dataset!, metric: metric!)],
                    experiment: .noiseStudy(NoiseStudySpec(subsetSizes: [], noise: NoiseSpec(model: .kendallTau, levels: [1]))))
            ]
        }
        guard pair >= 1 && pair <= scenarios[0].pairs.count else {
            throw InputError(
                file: scenario, key: "--pair",
                "the scenario has \(scenarios[0].pairs.count) pair(s); expected --pair 1…\(scenarios[0].pairs.count), found \(pair)")
        }
        let task = try PredictorCalibration.task(
            scenario: scenarios[0], file: file, pair: pair - 1, predictor: spec,
            dataDirectory: dataDirectory)
        let own = spec.ownTrainingSize(encoding: task.encoding)
        guard let k = own ?? trainSamples else {
            throw InputError(key: "--train-samples", "\(name) trains on measured architectures: give --train-samples K")
        }
        let rows = try PredictorCalibration.scores(task, predictor: spec, trainSamples: k, trials: trials, seed: seed, jobs: jobs)
        let tau = rows.first { $0.measure == "kendall_tau" }!.summary
        var answer = PredictorAnswer(pair: "\(task.dataset)/\(task.metric)", model: name, ownSamples: own, trainSamples: k, tau: tau)
        guard tau.mean > 0 && tau.mean <= 1 else { return answer }
        let level = (tau.mean * 1000).rounded() / 1000
        answer.level = level
        // The realised tau of that level on the pair, where the pair has accuracy (a selection pair).
        if let (gt, _) = try? groundTruth(), (size ?? gt.count) <= gt.count {
            let s = Calibration(pair: gt, model: .kendallTau, subsetSize: size ?? gt.count, trials: trials, seed: seed, jobs: jobs)
                .realisedTau(level: level)
            answer.realised = (s, size ?? gt.count)
        }
        return answer
    }
}
