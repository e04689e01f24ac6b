// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// A learning cell's work units (one per split, every size): assembled, they give the text the
/// cell gave when it ran each size's trials in turn, whatever the workers.
@Suite struct LearningCellTests {
    @Test func splitUnitsAssembleTheSameRowsAsSizeAfterSize() throws {
        let task = LearningCurvePredictorTests.task
        let specs = [
            try ModelSpec.parse(model: "linreg"), try ModelSpec.parse(model: "ridge"), try ModelSpec.parse(model: "lookup-table"),
            try ModelSpec.parse(model: "mlp", options: ["hidden": .list([.integer(8)]), "epochs": .integer(2)])
        ]
        for spec in specs {
            let own = spec.ownTrainingSize(encoding: task.encoding)
            let sizes = own.map { [$0] } ?? [11, 124, 55]
            let cell = LearningCell(task: task, spec: spec, sizes: sizes, trials: 3, testSamples: 200, measurementNoise: 0.05, seed: 8)
            #expect(cell.unitCount == 3)
            // Size after size, each size's trials in turn (the cell's former schedule).
            var rows: [LearningCurve.Row] = []
            for k in sizes {
                let r = try LearningCurve.run(
                    task, spec: spec, trainSamples: k, testSamples: 200, trials: 3, seed: 8, measurementNoise: 0.05)
                rows += LearningCurve.rows(dataset: task.dataset, metric: task.metric, predictor: spec.name, trials: r.map(\.scores))
            }
            let reference = LearningFile.text(rows)
            for jobs in [1, 2, 3] { #expect(try cell.run(jobs: jobs, trialFinished: {}) == reference, "\(spec.name) jobs \(jobs)") }
            // Units run in reverse order assemble the same text.
            let backwards = try (0..<3).reversed().map { try cell.runUnit($0) }.reversed()
            #expect(cell.text(Array(backwards)) == reference, "\(spec.name)")
        }
    }

    /// The pooled run of several cells' units (longest first, across cells) gives each cell the
    /// text it gives alone, once per cell, for any number of workers.
    @Test func pooledUnitsGiveEachCellItsOwnText() throws {
        let task = LearningCurvePredictorTests.task
        let cells = try [
            ("linreg", [:]), ("mlp", ["hidden": ModelSpec.Option.list([.integer(8)]), "epochs": .integer(2)]),
            ("ridge", [:]), ("flops", [:])
        ].map { name, options in
            let spec = try ModelSpec.parse(model: name, options: options)
            let sizes = spec.ownTrainingSize(encoding: task.encoding).map { [$0] } ?? [11, 124]
            return LearningCell(
                task: task, spec: spec, sizes: sizes, trials: name == "mlp" ? 2 : 3, testSamples: 150, measurementNoise: 0, seed: 3)
        }
        let alone = try cells.map { try $0.run(jobs: 1, trialFinished: {}) }
        for jobs in [1, 2, 5] {
            let got = SharedBuffer<[String]>(repeating: [], count: cells.count)
            LearningCell.run(cells, jobs: jobs, trialFinished: {}) { i, outcome in got.pointer[i].append((try? outcome.get()) ?? "failed") }
            #expect(got.array == alone.map { [$0] }, "jobs \(jobs)")
        }
    }
}
