// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim

@Suite struct ContinuationTests {
    /// Twelve positions measuring 1 s each, accuracy rising with the position, the metric
    /// falling but for a7 and a9; a synthetic predictor (train 3) whose predictions are exact:
    /// iterate verifies the front (a11) and converges at once.
    func world() -> (BudgetWorld, PredictorSpec) {
        let metric: [Double] = [12, 11, 10, 9, 8, 7, 6, 6.5, 4, 4.5, 2, 1]
        var w = BudgetWorld.fixture(cost: [Double](repeating: 1, count: 12), metric: metric)
        w.predicted["p"] = metric
        return (w, PredictorSpec(trainSamples: 3, trainSeconds: 0, querySeconds: 0, kendallTau: [(3, 1)]))
    }

    func run(_ w: BudgetWorld, _ spec: PredictorSpec, _ then: Continuation, horizon: Double, devices: Int = 1) -> StrategyTimeline {
        var s = StrategySpec(name: "s", kind: .predictor("p"), verify: .iterate)
        s.then = then
        let strategy = StrategyFactory.make(s, predictors: ["p": spec], world: w)
        return MeasurementEngine(devices: devices, horizon: horizon).run(strategy, world: w)
    }

    /// `stop` measures the training sample (a0–a2) and the front (a11), then idles; every
    /// continuation keeps the devices busy to the horizon while anything is unmeasured, and
    /// measures what `stop` measured at the same times.
    @Test func aContinuingStrategyMeasuresUntilTheHorizon() {
        let (w, spec) = world()
        for devices in [1, 2] {
            let stop = run(w, spec, .stop, horizon: 10, devices: devices)
            #expect(stop.finish.filter(\.isFinite).count == 4)
            #expect(stop.finish[11].isFinite)
            for then in [Continuation.random, .optimistic(kappa: 2), .ehvi(batch: 1), .ehvi(batch: 4)] {
                let t = run(w, spec, then, horizon: 10, devices: devices)
                // Busy to the horizon: 10 measurements per device, or all 12.
                #expect(t.finish.filter(\.isFinite).count == min(12, 10 * devices), "\(then) on \(devices)")
                // What stop measured is measured at the same times.
                for p in 0..<12 where stop.finish[p].isFinite { #expect(t.finish[p] == stop.finish[p], "\(then) position \(p)") }
            }
        }
    }

    /// A trained predictor refitted every 2 measurements keeps measuring too, refits going on
    /// while the devices measure.
    @Test func aRefittedContinuationMeasuresEverything() throws {
        var spec = PredictorSpec(trainSamples: 2, trainSeconds: 1, querySeconds: 0.5, kendallTau: [])
        spec.model = try ModelSpec.parse(model: "linreg")
        spec.retrainEvery = 2
        var w = BudgetWorld.fixture(cost: [Double](repeating: 1, count: 8), metric: [1, 2, 3, 10, 5, 7, 4, 9])
        let fit = TrainedFit(
            name: "p", spec: spec, model: spec.model!, features: FeatureMatrix((1...8).map { [Double($0)] }),
            measured: w.measured, trialKey: 1)
        w.trainingPositions["p"] = [0, 1]
        w.trained["p"] = fit
        w.predicted["p"] = fit.predictions(trainedOn: [0, 1])
        for then in [Continuation.optimistic(kappa: 2), .ehvi(batch: 2)] {
            let t = run(w, spec, then, horizon: 40)
            #expect(t.finish.allSatisfy { $0.isFinite }, "\(then)")
            #expect(Set(t.finish).count == 8, "one device: distinct finish times")
        }
    }

    /// Optimistic values (measured where measured, predicted − κσ elsewhere) choose the
    /// unmeasured members of their Pareto set; EHVI's batch is its largest values, checked
    /// against the measure itself.
    @Test func picksFollowTheirAcquisition() {
        let (w0, _) = world()
        var w = w0
        w.predicted["p"] = [3, 4, 5, 2, 6, 7, 9, 8, 10, 12, 11, 13]
        var run = EngineRun(world: w, devices: 1)
        for p in [0, 3, 5, 8] { run.known[p] = true }
        // σ = 0.1 × |predicted| (relative residuals +0.1 and −0.1).
        var uncertainty = ResidualUncertainty()
        uncertainty.setTraining([0, 1], measured: [11, 9], predicted: [10, 10])
        let predicted = w.predicted["p"]!
        let sd = predicted.map { 0.1 * abs($0) }
        #expect(abs(uncertainty.relativeSD - 0.1) < 1e-15)
        let optimistic = ContinuationPicks.picks(.optimistic(kappa: 2), run: run, predicted: predicted, uncertainty: uncertainty)
        let values = (0..<12).map { run.known[$0] ? w.measured[$0] : predicted[$0] - 2 * (uncertainty.relativeSD * abs(predicted[$0])) }
        #expect(optimistic == w.paretoSet(values).filter { !run.known[Int($0)] })
        #expect(!optimistic.isEmpty)
        let ehviPicks = ContinuationPicks.picks(.ehvi(batch: 3), run: run, predicted: predicted, uncertainty: uncertainty)
        let measured = [0, 3, 5, 8]
        let ehvi = ExpectedHypervolumeImprovement(
            accuracy: measured.map { w.accuracy[$0] }, metric: measured.map { w.measured[$0] }, reference: (0, 1.1 * 13))
        let ranked = (0..<12).filter { !run.known[$0] }
            .map { (Int32($0), ehvi.value(accuracy: w.accuracy[$0], mean: predicted[$0], sd: sd[$0])) }
            .filter { $0.1 > 0 }
            .sorted { $0.1 > $1.1 }
        #expect(ehviPicks == ranked.prefix(3).map(\.0))
        // With everything measured but one, that one; with nothing left, nothing.
        for p in 0..<12 { run.known[p] = p != 7 }
        #expect(ContinuationPicks.picks(.ehvi(batch: 3), run: run, predicted: predicted, uncertainty: uncertainty) == [7])
        run.known[7] = true
        #expect(ContinuationPicks.picks(.optimistic(kappa: 1), run: run, predicted: predicted, uncertainty: uncertainty).isEmpty)
    }

    /// The one-pass optimistic picks are the Pareto set of the optimistic values, on random
    /// tables with ties in accuracy and in the values.
    @Test func optimisticPicksAreTheParetoSetOfTheOptimisticValues() {
        let rng = RandomStream(key: 23)
        for _ in 0..<50 {
            let n = 40
            let acc = (0..<n).map { _ in 0.5 + 0.01 * Double(rng.uniformInt(10)) }
            var w = BudgetWorld.fixture(
                cost: [Double](repeating: 1, count: n), accuracy: acc, metric: (0..<n).map { _ in Double(1 + rng.uniformInt(8)) })
            let predicted = (0..<n).map { _ in Double(1 + rng.uniformInt(8)) }
            w.predicted["p"] = predicted
            var run = EngineRun(world: w, devices: 1)
            for p in 0..<n where rng.uniform() < 0.4 { run.known[p] = true }
            for p in 0..<n where !run.known[p] && rng.uniform() < 0.1 { run.started[p] = true }
            var u = ResidualUncertainty()
            u.setTraining([0, 1], measured: [1.25, 0.75], predicted: [1, 1])
            let values = (0..<n).map { run.known[$0] ? run.values[$0] : predicted[$0] - 2 * (u.relativeSD * abs(predicted[$0])) }
            #expect(
                ContinuationPicks.optimisticPicks(kappa: 2, relativeSD: u.relativeSD, run: run, predicted: predicted)
                    == run.unverifiedParetoSet(values))
        }
    }

    /// σ from residuals: the training sample's until five verification residuals, then theirs.
    @Test func residualSpreadIsRelative() {
        var u = ResidualUncertainty()
        u.setTraining([0, 1], measured: [11, 9, 5], predicted: [10, 10, 5])
        #expect(abs(u.relativeSD - 0.1) < 1e-15)
        for _ in 0..<4 { u.add(measured: 12, predicted: 10) }
        #expect(abs(u.relativeSD - 0.1) < 1e-15)
        u.add(measured: 8, predicted: 10)
        #expect(abs(u.relativeSD - 0.2) < 1e-15)
        #expect(u.sd([5, -10]).map { ($0 * 1e12).rounded() / 1e12 } == [1, 2])
    }
}
