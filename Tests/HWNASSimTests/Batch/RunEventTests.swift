// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Synchronization
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// The core prints nothing: a run hands its warnings and progress to the caller's observer,
/// and returns the warnings in its report.
@Suite struct RunEventTests {
    /// Collects every event a run sends, in order.
    final class Recorder: Sendable {
        let events = Mutex<[RunEvent]>([])
        var observer: RunObserver { { [self] e in events.withLock { $0.append(e) } } }
        var recorded: [RunEvent] { events.withLock { $0 } }
    }

    static let study = """
        name: events
        seed: 2
        trials: 3
        data:
          benchmark: synthetic
          size: 400
          pairs: [{metric: latency}]
        subset_sizes: [50, 200]
        noise: {model: gaussian, levels: [0.0, 0.5]}

        """

    /// A budget without a `measurement` section: the run goes on with a warning.
    static let budgetWithWarning = """
        name: warned
        seed: 3
        trials: 2
        data:
          benchmark: synthetic
          size: 300
          pairs: [{metric: latency}]
        subset_sizes: [200]
        budget:
          seconds: [60]
          strategies:
            - {name: measure-only, measure: random}

        """

    @Test func aSmallRunSendsExactlyItsCellsAndTrials() throws {
        let recorder = Recorder()
        let out = Fixtures.temporaryDirectory("events")
        let options = RunOptions(outDirectory: out, jobs: 1, dataDirectory: "/nonexistent", observer: recorder.observer)
        let path = Fixtures.file("s.yaml", Self.study)
        let report = try ScenarioRunner.run(path: path, options: options)
        let cell = { (n: Int) -> [RunEvent] in
            [.cellStarted(label: "synthetic/latency N=\(n)", trials: 3)] + Array(repeating: .trialFinished, count: 3)
                + [.cellFinished(label: "synthetic/latency N=\(n)", trials: 3, skipped: false)]
        }
        #expect(recorder.recorded == [.started(cells: 2, trials: 6)] + cell(50) + cell(200))
        #expect(report.warnings.isEmpty && report.cellsRun == 2)
        // A rerun skips both cells: no trial events, two skipped cells.
        let again = Recorder()
        var rerun = options
        rerun.observer = again.observer
        _ = try ScenarioRunner.run(path: path, options: rerun)
        #expect(
            again.recorded == [
                .started(cells: 2, trials: 6),
                .cellFinished(label: "synthetic/latency N=50", trials: 3, skipped: true),
                .cellFinished(label: "synthetic/latency N=200", trials: 3, skipped: true)
            ])
    }

    @Test func warningsAreValuesInTheReportAndSentFirst() throws {
        let recorder = Recorder()
        let path = Fixtures.file("s.yaml", Self.budgetWithWarning)
        let report = try ScenarioRunner.run(
            path: path,
            options: RunOptions(
                outDirectory: Fixtures.temporaryDirectory("warned"), jobs: 1, dataDirectory: "/nonexistent", observer: recorder.observer))
        #expect(report.warnings.count == 1)
        let warning = try #require(report.warnings.first)
        #expect(warning.key == "budget" && warning.message.hasPrefix("no 'measurement' section: assuming the default cost"), "\(warning)")
        #expect(recorder.recorded.first == .warning(warning))
        #expect(recorder.recorded.dropFirst().first == .started(cells: 1, trials: 2))
        // Without an observer the run is the same and still returns its warning.
        let quiet = try ScenarioRunner.run(
            path: path,
            options: RunOptions(
                outDirectory: Fixtures.temporaryDirectory("warned-quiet"), jobs: 2, dataDirectory: "/nonexistent"))
        #expect(quiet.warnings == report.warnings)
        // `validate` returns it too, as a value.
        let checked = try Batch.validate([path], dataDirectory: "/nonexistent")
        guard case .success(let plan) = try #require(checked.first).result else {
            Issue.record("invalid: \(checked)")
            return
        }
        #expect(plan.warnings == [warning])
    }

    /// A budget cell reports each trial as it ends (progress within a long cell), once per
    /// trial, and the callback leaves its values unchanged.
    @Test func aBudgetCellReportsEachTrialAsItEnds() throws {
        let text = Self.budgetWithWarning.replacingOccurrences(of: "trials: 2", with: "trials: 5")
        let plan = try RunPlan.make(path: Fixtures.file("b.yaml", text), options: RunOptions(jobs: 2, dataDirectory: "/nonexistent"))
        guard case .budget(let cell) = try #require(plan.cells.first).work else {
            Issue.record("not a budget cell")
            return
        }
        let scenario = plan.cells[0].scenario
        let count = Mutex(0)
        let reported = BudgetStudy.run(scenario: scenario, cells: [cell], jobs: 2) { count.withLock { $0 += 1 } }
        let silent = BudgetStudy.run(scenario: scenario, cells: [cell], jobs: 2)
        #expect(count.withLock { $0 } == 5)
        #expect(reported.values.elementsEqual(silent.values) { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }
}
