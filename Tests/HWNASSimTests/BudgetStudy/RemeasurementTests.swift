// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

@Suite struct RemeasurementTests {
    /// Four positions, accuracy rising with the position, measured [1, 2, 3, 10] (all on the
    /// front), 2 % noise, tolerance 5 %, a limit at 3.1 (a2's 3 is within 5 % of it). A
    /// synthetic predictor that ranks perfectly, trained on a0, a1 (no training or query time).
    static func world(cost: [Double] = [1, 1, 2, 1], limits: [Double] = [3.1]) -> (BudgetWorld, PredictorSpec) {
        var w = BudgetWorld.fixture(cost: cost, metric: [1, 2, 3, 10])
        w.predicted["p"] = [1, 2, 3, 10]
        w.trueMetric = [1, 2, 3, 10]
        w.noiseSD = 0.02
        w.streamKey = 42
        w.decidingLimits = limits
        w.limitTolerance = 0.05
        return (w, PredictorSpec(trainSamples: 2, trainSeconds: 0, querySeconds: 0, kendallTau: [(2, 1)]))
    }

    static func run(_ w: BudgetWorld, _ spec: PredictorSpec, remeasure: Int, then: Continuation = .stop, horizon: Double = 100)
        -> StrategyTimeline
    {
        var s = StrategySpec(name: "s", kind: .predictor("p"), verify: .iterate)
        s.then = then
        s.remeasure = remeasure == 0 ? nil : remeasure
        let strategy = StrategyFactory.make(s, predictors: ["p": spec], world: w)
        return MeasurementEngine(devices: 1, horizon: horizon).run(strategy, world: w)
    }

    /// Hand-computed schedule: a0 ends at 1, a1 at 2 (training), predictions at 2; the round
    /// verifies a3 (2–3) and a2 (3–5, cost 2). a2 is within 5 % of the limit 3.1: its two
    /// repeats cost 2 each on the one device, 5–7 and 7–9; nothing else is repeated.
    @Test func repeatsCostTheirMeasurementTimeOnTheClock() {
        let (w, spec) = Self.world()
        let t = Self.run(w, spec, remeasure: 2)
        #expect(t.finish == [1, 2, 5, 3])
        #expect(t.repeats.map(\.position) == [2, 2])
        #expect(t.repeats.map(\.finish) == [7, 9])
        #expect(t.busy.used(by: 9) == 1)
        #expect(t.busy.devices[0].map(\.end) == [9])
    }

    /// The reported value is the mean of the measurements finished by the checkpoint; each
    /// repeat draws from its own stream (position, repeat), never from the first measurement's.
    @Test func reportedValueIsTheMeanOfItsRepeats() {
        let (w, spec) = Self.world()
        let t = Self.run(w, spec, remeasure: 3)
        let v = (1...3).map { w.remeasured(2, repeat: $0) }
        #expect(t.repeats.map(\.value) == v)
        #expect(Set(v).count == 3 && v.allSatisfy { abs($0 / 3 - 1) < 0.2 && $0 != 3 })
        let report = FrontReport(measuredBy: t, world: w)
        #expect(report.front(at: 6).believed[2] == 3)
        #expect(report.front(at: 7).believed[2] == (3 + v[0]) / 2)
        #expect(report.front(at: 9).believed[2] == ((3 + v[0]) + v[1]) / 3)
        #expect(report.front(at: 13).believed[2] == (((3 + v[0]) + v[1]) + v[2]) / 4)
        #expect(report.front(at: 13).believed[3] == 10)
        // The same repeat of the same position returns the same value (a stream per repeat).
        #expect(w.remeasured(2, repeat: 2) == v[1])
    }

    /// Off, or on with no member near a limit or a neighbour: the same timeline, no repeats.
    @Test func withoutDecidingMembersNothingChanges() {
        let (w, spec) = Self.world(limits: [5])
        let off = Self.run(w, spec, remeasure: 0), on = Self.run(w, spec, remeasure: 2)
        #expect(off.finish == on.finish && on.repeats.isEmpty)
        #expect(FrontReport(measuredBy: on, world: w).front(at: 50).believed == w.measured)
        let (w2, _) = Self.world()
        #expect(Self.run(w2, spec, remeasure: 0).finish == off.finish)
    }

    /// Only front members within the tolerance of a neighbour's value or of a limit decide:
    /// a1 (2) and a2 (2.05) are neighbours 2.5 % apart; a0 (5) is within 5 % of the limit 5.1
    /// but dominated; a3 (10) and a4 (12) are far from everything.
    @Test func onlyMembersNearANeighbourOrALimitAreRepeated() {
        var w = BudgetWorld.fixture(cost: [1, 1, 1, 1, 1], metric: [5, 2, 2.05, 10, 12])
        w.decidingLimits = [5.1]
        w.limitTolerance = 0.05
        var run = EngineRun(world: w, devices: 1)
        for a: Int32 in [3, 0, 4, 1, 2] { run.remeasurement.insert(a, world: w) }
        #expect(run.remeasurement.measuredByAccuracy == [4, 3, 2, 1, 0])
        #expect(run.decidingMembers() == [2, 1])
        w.decidingLimits = [11.6]  // a4: |12 − 11.6| = 0.4 ≤ 0.58
        run = EngineRun(world: w, devices: 1)
        for a: Int32 in 0..<5 { run.remeasurement.insert(a, world: w) }
        #expect(run.decidingMembers() == [4, 2, 1])
        run.remeasure = 2
        run.queueRepeats()
        #expect(run.pool.repeats == [4, 4, 2, 2, 1, 1])
        run.queueRepeats()  // each member is given its repeats once
        #expect(run.pool.repeats.count == 6)
    }

    /// Bad input: exit-2 errors at the key.
    @Test func badRemeasureIsAnErrorAtItsKey() {
        func message(_ strategy: String, noise: String = "0.02") -> String {
            Fixtures.parseMessage(
                ContinuationSpecTests.scenario(strategy).replacingOccurrences(
                    of: "noise_relative_sd: 0.02", with: "noise_relative_sd: \(noise)"))
        }
        #expect(message("verify: iterate, remeasure: -1").contains("strategies[0].remeasure: expected remeasure: k with k ≥ 1"))
        #expect(
            message("verify: iterate, remeasure: 2", noise: "0").contains("strategies[0].remeasure: 'remeasure' needs measurement noise"))
        #expect(message("verify: selected, remeasure: 2").contains("strategies[0].remeasure: 'remeasure' re-measures the front"))
        #expect(
            ScenarioSectionsTests.message {
                try Scenario.decodeStrategy(
                    try ScenarioSectionsTests.section("s", "{name: x, predictor: p, search: evolution, remeasure: 2}"), noiseSD: 0.02)
            }.contains("s.remeasure: 'remeasure' re-measures the front"))
        #expect(
            ScenarioSectionsTests.message {
                try Scenario.decodeStrategy(
                    try ScenarioSectionsTests.section("s", "{name: x, measure: evolution, remeasure: 2}"), noiseSD: 0.02)
            } == "no error")
        #expect(message("verify: iterate, then: ehvi, remeasure: 2") == "no error")
        let spec = try? Scenario.parse(ContinuationSpecTests.scenario("verify: iterate, then: ehvi, remeasure: 2"), file: "s.yaml")[0]
        #expect(spec?.budgetStudy?.budget.strategies[0].remeasure == 2)
    }

    /// A continuing strategy re-measures twice by default when measurements are noisy;
    /// `remeasure: 0`, `then: stop` or noiseless measurements leave it off.
    @Test func continuingStrategiesRemeasureByDefault() throws {
        func remeasure(_ strategy: String, noise: String = "0.02") throws -> Int? {
            let text = ContinuationSpecTests.scenario(strategy).replacingOccurrences(
                of: "noise_relative_sd: 0.02", with: "noise_relative_sd: \(noise)")
            return try Scenario.parse(text, file: "s.yaml")[0].budgetStudy?.budget.strategies[0].remeasure
        }
        #expect(try remeasure("verify: iterate") == Continuation.defaultRemeasure)
        #expect(try remeasure("verify: iterate, then: ehvi") == 2)
        #expect(try remeasure("verify: iterate, remeasure: 0") == nil)
        #expect(try remeasure("verify: iterate, then: stop") == nil)
        #expect(try remeasure("verify: iterate", noise: "0") == nil)
        #expect(try remeasure("verify: selected") == nil)
    }

    /// `remeasure` on a measuring strategy: random order a0 0–1, a1 1–2, a2 2–4 (cost 2); a2 is
    /// within 5 % of the limit 3.1, so its two repeats (4–6, 6–8) go before a3 (8–9).
    @Test func aMeasuringStrategyRepeatsItsDecidingMembers() {
        let (w, _) = Self.world()
        var s = StrategySpec(name: "m", kind: .measureRandom)
        let plain = MeasurementEngine(devices: 1, horizon: 100).run(StrategyFactory.make(s, predictors: [:], world: w), world: w)
        #expect(plain.finish == [1, 2, 4, 5] && plain.repeats.isEmpty)
        s.remeasure = 2
        let t = MeasurementEngine(devices: 1, horizon: 100).run(StrategyFactory.make(s, predictors: [:], world: w), world: w)
        #expect(t.finish == [1, 2, 4, 9])
        #expect(t.repeats.map(\.position) == [2, 2] && t.repeats.map(\.finish) == [6, 8])
        let mean = (w.measured[2] + t.repeats[0].value + t.repeats[1].value) / 3
        #expect(FrontReport(measuredBy: t, world: w).front(at: 9).believed[2] == mean)
    }

    /// The front followed change by change (a newcomer, or a mean that moved) equals the front
    /// rebuilt from everything measured, on random tables with ties in both objectives.
    @Test func theFrontFollowedChangeByChangeIsTheRebuiltFront() {
        let rng = RandomStream(key: 11)
        for _ in 0..<40 {
            let n = 30
            let acc = (0..<n).map { _ in 0.5 + 0.01 * Double(rng.uniformInt(8)) }
            var values = (0..<n).map { _ in Double(1 + rng.uniformInt(6)) }
            let w = BudgetWorld.fixture(cost: [Double](repeating: 1, count: n), accuracy: acc, metric: values)
            let rank = w.accuracyRanks()
            var measured = [Bool](repeating: false, count: n)
            var front: [Int32] = []
            for _ in 0..<80 {
                let a = Int32(rng.uniformInt(n))
                var old: Double? = nil
                if measured[Int(a)] {
                    old = values[Int(a)]
                    values[Int(a)] = Double(1 + rng.uniformInt(6))
                } else {
                    measured[Int(a)] = true
                }
                let rebuilt = FrontReport.nonDominated(
                    w.orderByAccuracy.filter { measured[Int($0)] }, accuracy: w.accuracy, values: values)
                let followed = RemeasureState.front(front, after: (a, old), world: w, values: values, rank: rank, isMeasured: measured)
                #expect(followed != nil)
                front = followed ?? rebuilt
                #expect(front == rebuilt)
                #expect(
                    RemeasureState.front(order: w.orderByAccuracy, isMeasured: measured, accuracy: w.accuracy, values: values) == rebuilt)
            }
        }
    }

    /// The fronts the anytime measures follow under repeats are ``FrontReport/front(at:)`` at
    /// every event: the front at each time it changed, the last one in between.
    @Test func remeasuredFrontsAreTheReportedFrontsAtEveryEvent() {
        let rng = RandomStream(key: 5)
        for trial in 0..<6 {
            let n = 60
            let acc = (0..<n).map { _ in 0.5 + 0.001 * Double(rng.uniformInt(200)) }
            let truth = (0..<n).map { _ in 1 + 9 * rng.uniform() }
            var w = BudgetWorld.fixture(cost: (0..<n).map { _ in 0.5 + rng.uniform() }, accuracy: acc, metric: truth)
            for i in stride(from: n - 1, to: 0, by: -1) { w.randomOrder.swapAt(i, rng.uniformInt(i + 1)) }
            w.measured = truth.map { $0 * (1 + 0.02 * rng.gaussian()) }
            w.predicted["p"] = truth.map { $0 * (1 + 0.2 * rng.gaussian()) }
            w.trueMetric = truth
            w.noiseSD = 0.02
            w.streamKey = UInt64(100 + trial)
            w.decidingLimits = [3, 5, 7]
            w.limitTolerance = 0.05
            let spec = PredictorSpec(trainSamples: 5, trainSeconds: 0, querySeconds: 0, kendallTau: [(5, 1)])
            let t = Self.run(w, spec, remeasure: 2, then: .optimistic(kappa: 2), horizon: 40)
            #expect(!t.repeats.isEmpty)
            let report = FrontReport(measuredBy: t, world: w)
            let fronts = Array(RemeasuredFronts(report: report))
            let events = Set(t.finish.filter(\.isFinite) + t.repeats.map(\.finish)).sorted()
            var k = -1
            for time in events {
                while k + 1 < fronts.count, fronts[k + 1].0 <= time { k += 1 }
                #expect(k >= 0 && fronts[k].1 == report.front(at: time).front, "trial \(trial) at \(time)")
            }
        }
    }
}
