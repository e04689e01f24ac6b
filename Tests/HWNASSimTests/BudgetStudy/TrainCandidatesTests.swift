// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim

@Suite struct TrainCandidatesTests {
    /// A world of `cost` (seconds to measure, measured in position order) with trainers: the
    /// seconds to train each position, observed accuracy = true accuracy.
    func world(cost: [Double], training: [Double], metric: [Double]? = nil) -> BudgetWorld {
        var w = BudgetWorld.fixture(cost: cost, metric: metric)
        w.trainingCost = training
        w.observe(w.accuracy)
        return w
    }

    /// One device and two GPUs, `source: train`, every event worked out by hand. The device
    /// measures a0 0–10, a1 10–30, a2 30–60, a3 60–100; a GPU trains a measured network as soon
    /// as it is free (lowest GPU first): a0 on g0 10–110, a1 on g1 30–80, a2 on g1 80–150 (a2 was
    /// measured at 60, when both were busy), a3 on g0 110–140 (measured at 100).
    @Test func twoResourcePoolsScheduleAsHandComputed() {
        let w = world(cost: [10, 20, 30, 40], training: [100, 50, 70, 30])
        let engine = MeasurementEngine(devices: 1, horizon: 300, trainers: 2)
        let t = engine.run(TrainCandidates(choice: .random, world: w), world: w, logEvents: true)
        let expected: [(Double, SimulationEventKind)] = [
            (0, .measurementStarted(position: 0, device: 0)),
            (10, .measurementFinished(position: 0, device: 0)), (10, .measurementStarted(position: 1, device: 0)),
            (30, .measurementFinished(position: 1, device: 0)), (30, .measurementStarted(position: 2, device: 0)),
            (60, .measurementFinished(position: 2, device: 0)), (60, .measurementStarted(position: 3, device: 0)),
            (80, .networkTrained(position: 1, trainer: 1)),
            (100, .measurementFinished(position: 3, device: 0)),
            (110, .networkTrained(position: 0, trainer: 0)),
            (140, .networkTrained(position: 3, trainer: 0)),
            (150, .networkTrained(position: 2, trainer: 1)),
            (300, .budgetReached)
        ]
        #expect(t.log.map(\.time) == expected.map(\.0))
        #expect(t.log.map(\.kind) == expected.map(\.1))
        #expect(t.finish == [10, 30, 60, 100])
        #expect(t.trained == [110, 80, 150, 140])
        // Device busy 0–100, g0 10–140, g1 30–150: (100 + 130 + 120) of 3 × 300 seconds.
        #expect(t.busy.used(by: 300) == 350.0 / 900)
        // By 90 only a1 is trained and measured; by 120, a0 too; by 150 all four. Accuracy and
        // latency both rise with the position: every one is on the front.
        let strategy = TrainCandidates(choice: .random, world: w)
        let report = strategy.report(t, world: w)
        #expect(report.front(at: 90).front == [1])
        #expect(report.front(at: 120).front == [1, 0] && report.front(at: 120).measured == 2)
        #expect(report.front(at: 149).front == [3, 1, 0])
        #expect(report.front(at: 150).front == [3, 2, 1, 0])
    }

    /// `source: proxy` with `proxy_s: 5` on 2 GPUs: scoring 4 architectures takes both 4 × 5 / 2
    /// = 10 s, while the device measures all four (2 s each, done at 8). At 10 the round is the
    /// Pareto set under (score, latency): scores 1, 4, 3, 2 and latencies 5, 9, 4, 1 give a1
    /// (4, 9), a2 (3, 4), a3 (2, 1); a0 (1, 5) is dominated by a3. a1 and a2 train 10–20; at 20
    /// g0 takes a3 (the round's last), g1 a new round's only member, a0: both 20–30.
    @Test func proxyRoundsTrainTheParetoSetOfScoreAndLatency() {
        var w = world(cost: [2, 2, 2, 2], training: [10, 10, 10, 10], metric: [5, 9, 4, 1])
        w.proxies["naswot_score"] = [1, 4, 3, 2]
        let engine = MeasurementEngine(devices: 1, horizon: 100, trainers: 2)
        let choice = TrainingChoice.proxy(column: "naswot_score", seconds: 5)
        let t = engine.run(TrainCandidates(choice: choice, world: w), world: w, logEvents: true)
        #expect(t.log.contains { $0.kind == .proxiesScored && $0.time == 10 })
        #expect(t.trained == [30, 20, 20, 30])
        let trainedAt20 = t.log.compactMap { e -> Int32? in
            if case .networkTrained(let a, _) = e.kind, e.time == 20 { return a }
            return nil
        }
        #expect(trainedAt20 == [1, 2])
        // Both GPUs score 0–10 and train 10–30: fully used by 30; the device 8 of 30 seconds.
        #expect(t.busy.gpus.map { $0.map(\.end) } == [[30], [30]])
    }

    /// `source: predictor` (linreg on x = position + 1, exact: accuracy rises linearly with the
    /// position; trained on 2, refitted after every network, each fit 1 s) on one GPU (10 s a
    /// network) and one device (a0–a4 measured at 1–5, a5 at 40, a6 after the budget); latency
    /// rises with the position. a0 1–11 and a1 11–21 at random; the first fit 21–22 while a2
    /// trains at random 21–31; at 31 the round is the Pareto set of a3, a4: a4 31–41. At 41 a5
    /// has been measured and would head a new round, but the round under way is finished first:
    /// a3 41–51, then a5 51–61.
    @Test func aRefitLetsTheRoundUnderWayFinish() throws {
        var w = world(cost: [1, 1, 1, 1, 1, 35, 1000], training: [Double](repeating: 10, count: 7), metric: [1, 2, 3, 4, 5, 6, 7])
        var spec = PredictorSpec(trainSamples: 2, trainSeconds: 1, querySeconds: 0, kendallTau: [])
        spec.model = try ModelSpec.parse(model: "linreg")
        spec.retrainEvery = 1
        w.accuracyFits["p"] = TrainedFit(
            name: "p", spec: spec, model: spec.model!, features: FeatureMatrix((1...7).map { [Double($0)] }),
            measured: w.observedAccuracy, trialKey: 1)
        let t = MeasurementEngine(devices: 1, horizon: 100, trainers: 1).run(
            TrainCandidates(choice: .predictor("p"), world: w), world: w, logEvents: true)
        #expect(t.trained == [11, 21, 31, 51, 41, 61, .infinity])
        #expect(t.log.filter { $0.kind == .retrainingFinished }.map(\.time) == [22, 32, 42, 52, 62])
    }

    /// The report believes observed accuracy: a front of trained and measured networks by what
    /// training returned, while scoring stays on the truth.
    @Test func reportBelievesTheObservedAccuracy() {
        // True accuracy rises with the position; the observation swaps a0 and a1.
        var w = world(cost: [1, 1], training: [1, 1], metric: [1, 2])
        w.observe([w.accuracy[1], w.accuracy[0]])
        let t = MeasurementEngine(devices: 1, horizon: 10, trainers: 1).run(TrainCandidates(choice: .random, world: w), world: w)
        let report = TrainCandidates(choice: .random, world: w).report(t, world: w)
        // Observed: a0 is the more accurate and the faster: it alone is on the believed front.
        #expect(report.front(at: 10).front == [0])
        #expect(report.world.accuracy == w.observedAccuracy)
    }
}
