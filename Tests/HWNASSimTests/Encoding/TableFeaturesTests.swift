// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HWNASSimTestSupport
import Testing
@_spi(Benchmarks) @testable import HWNASSim

/// Tables of your own: numeric feature columns standardised from the training rows, read the
/// same in learning curves, budgets and trained noise studies.
@Suite struct TableFeaturesTests {
    /// A generated table of `rows` architectures: four numeric features on very different
    /// scales, an accuracy (percent) and two metrics, the second not a latency.
    static func csvText(rows: Int = 1500, constantColumn: Bool = false) -> String {
        var g = SplitMix64(seed: 23)
        func u() -> Double { Double(g.next() >> 11) / Double(1 << 53) }
        var text = "id,depth,width,resolution,ratio\(constantColumn ? ",flat" : ""),accuracy,device_latency,device_energy\n"
        for i in 0..<rows {
            let depth = 8 + Double(Int(u() * 33)), width = 16 + 16 * Double(Int(u() * 15))
            let resolution = 96 + 32 * Double(Int(u() * 5)), ratio = 0.001 * (1 + u())
            let work = depth * width * width * resolution * resolution / 1e7
            let latency = 2 + work * (1 + 0.1 * (u() - 0.5)) + 500 * ratio
            let energy = 0.5 * latency + depth * width / 64 * (1 + 0.2 * (u() - 0.5))
            let accuracy = 50 + 30 * (1 - exp(-work / 50)) + 2 * u()
            text += "n\(i),\(depth),\(width),\(resolution),\(ratio)\(constantColumn ? ",3" : ""),\(accuracy),\(latency),\(energy)\n"
        }
        return text
    }

    static func task(_ features: FeatureMatrix, targets: [Double], standardize: Bool) -> LearningCurve.Task {
        var t = LearningCurve.Task(dataset: "own", metric: "device_latency", features: features, encoding: nil, targets: targets)
        t.standardizeFeatures = standardize
        return t
    }

    static func table() throws -> (features: FeatureMatrix, latency: [Double]) {
        let csv = try CSVTable(data: Array(csvText().utf8), path: "own.csv")
        let names = ["depth", "width", "resolution", "ratio"]
        let cols = try names.map { try csv.numbers(column: csv.column($0, role: "f"), allowMissing: false) }
        let latency = try csv.numbers(column: csv.column("device_latency", role: "m"), allowMissing: false)
        return (FeatureColumns.interleave(cols, rows: csv.rowCount), latency)
    }

    /// The issue's case: gp on raw columns and on z-scored copies gives the same tau on
    /// identical splits (both standardised from the training rows), and on raw columns without
    /// standardisation it does not.
    @Test func gpIsInvariantToTheFeaturesScale() throws {
        let (raw, latency) = try Self.table()
        let z = FeatureStandardization(fittedTo: raw).apply(raw)
        var shifted = raw
        for i in 0..<raw.rows { shifted[i, 1] = 1000 + 50 * raw[i, 1] }
        let gp = try ModelSpec.parse(model: "gp")
        var differs = false
        for trial in 0..<3 {
            func tau(_ f: FeatureMatrix, _ standardize: Bool) throws -> Double {
                try LearningCurve.trial(
                    Self.task(f, targets: latency, standardize: standardize), spec: gp, trainSamples: 10, trial: trial, seed: 5
                ).scores.kendallTau
            }
            let onRaw = try tau(raw, true)
            #expect(abs(onRaw - (try tau(z, true))) < 1e-9)
            #expect(abs(onRaw - (try tau(shifted, true))) < 1e-9)
            if abs((try tau(raw, false)) - onRaw) > 0.01 { differs = true }
        }
        #expect(differs)
    }

    @Test func standardisationUsesTheTrainingRowsOnly() {
        let m = FeatureMatrix([[1, 5], [3, 5], [100, 7]])
        let s = FeatureStandardization(fittedTo: m.selecting(rows: [0, 1]))
        #expect(s.mean == [2, 5] && s.scale == [1, 1])  // the constant column is only centred
        #expect(s.apply(m).row(2) == [98, 2])
    }

    @Test func aConstantFeatureColumnIsAWarningNamingIt() throws {
        let path = Fixtures.file("own.csv", Self.csvText(rows: 20, constantColumn: true))
        let csv = try CSVTable(contentsOf: path)
        var source = CSVSource(file: path, idColumn: "id", accuracyColumn: "accuracy", accuracyInPercent: true)
        source.featureColumns = ["depth", "flat"]
        let read = try TableFeatures.read(source, csv: csv)
        #expect(read?.warnings.count == 1)
        #expect(read?.warnings.first?.key == "data.features[1]")
        #expect(read?.warnings.first?.message.contains("'flat' holds one value") == true)
    }

    @Test func aMissingFeatureCellSaysMissingDropDoesNotCoverIt() throws {
        let path = Fixtures.file("own.csv", "id,a,accuracy,lat\nx,1,50,2\ny,,60,3\nz,2,70,4\n")
        var source = CSVSource(file: path, idColumn: "id", accuracyColumn: "accuracy", accuracyInPercent: true, dropMissing: true)
        source.featureColumns = ["a"]
        do {
            _ = try TableFeatures.read(source, csv: try CSVTable(contentsOf: path))
            Issue.record("no error")
        } catch let e as InputError {
            #expect(e.line == 3 && e.message.contains("data.missing: drop covers metric columns only"))
        }
    }

    /// Writes the generated table and a scenario `body` (after the data section) beside it.
    static func scenario(_ body: String, features: String = "[depth, width, resolution, ratio]") -> String {
        let dir = Fixtures.temporaryDirectory()
        try! csvText().write(toFile: dir + "/own.csv", atomically: true, encoding: .utf8)
        let text = """
            name: own
            seed: 3
            trials: 30
            data:
              benchmark: csv
              file: own.csv
              features: \(features)
              pairs:
                - {dataset: own, metric: device_latency}
                - {dataset: own, metric: device_energy, latency_column: device_latency}

            """ + body
        try! text.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        return dir + "/s.yaml"
    }

    static let budget = """
        subset_sizes: [1500]
        budget:
          seconds: [600, 3600]
          measurement: {setup_s: 5, warmup_s: 3, repeats: 20, noise_relative_sd: 0.02}
          strategies:
            - {name: measure-only, measure: random}
            - {name: ridge+verify, predictor: ridge, verify: selected}
            - {name: ridge+iterate, predictor: ridge, verify: iterate, then: stop}
            - {name: gp+verify, predictor: gp, verify: selected}
            - {name: gp+iterate, predictor: gp, verify: iterate, then: stop}
            - {name: mlp+verify, predictor: mlp, verify: selected}
        predictors:
          ridge: {model: ridge, train_samples: 100, retrain_every: 20}
          gp: {model: gp, train_samples: 100, retrain_every: 20}
          mlp: {model: mlp, train_samples: 100, epochs: 10}

        """

    /// The done-when of issue 23: a budget on a table of your own with trained ridge, gp and
    /// mlp runs, and the tau each trained predictor reaches in the budget's trials (on the
    /// positions it predicts) equals `learn`'s on the same table and split rule within 0.02.
    @Test func aBudgetOnATableOfYourOwnTrainsAsLearnDoes() throws {
        let path = Self.scenario(Self.budget)
        let plan = try RunPlan.make(path: path, options: RunOptions(jobs: 1, dataDirectory: "/x"))
        let cells = plan.cells.compactMap { c -> BudgetCell? in if case .budget(let b) = c.work { return b } else { return nil } }
        #expect(cells.count == 2)
        let cell = try #require(cells.first)
        #expect(cell.features?.standardize == true && cell.features?.encoding == nil)
        let ws = TrialWorkspace(capacity: 1500, tableSize: 1500)
        let trials = 20
        var budgetTau: [String: Double] = ["ridge": 0, "gp": 0]
        for t in 0..<trials {
            let (world, _, metric, _) = BudgetWorld.draw(cell: cell, trial: t, workspace: ws)
            for name in budgetTau.keys.sorted() {
                let trained = Set(world.trainingPositions[name]!.map(Int.init))
                let rest = (0..<world.n).filter { !trained.contains($0) }
                budgetTau[name]! += KendallTau.tauB(rest.map { world.predicted[name]![$0] }, rest.map { metric[$0] })! / Double(trials)
            }
        }
        let (features, latency) = try Self.table()
        for name in budgetTau.keys.sorted() {
            let runs = try LearningCurve.run(
                Self.task(features, targets: latency, standardize: true), spec: try ModelSpec.parse(model: name),
                trainSamples: 100, trials: trials, seed: 3, measurementNoise: 0.02)
            let learnTau = runs.map(\.scores.kendallTau).reduce(0, +) / Double(trials)
            #expect(abs(budgetTau[name]! - learnTau) < 0.02, "\(name): budget \(budgetTau[name]!) learn \(learnTau)")
        }
        let out = Fixtures.temporaryDirectory() + "/run"
        let report = try ScenarioRunner.run(path: path, options: RunOptions(outDirectory: out, trials: 1, jobs: 2, dataDirectory: "/x"))
        #expect(report.cellsRun == 2)
        #expect(FileManager.default.fileExists(atPath: out + "/decision.csv"))
    }

    @Test func standardizeFalseIsInTheCellHashAndNeedsFeatures() throws {
        let on = try RunPlan.make(path: Self.scenario(Self.budget), options: RunOptions(jobs: 1, dataDirectory: "/x"))
        let offPath = Self.scenario(Self.budget).replacingOccurrences(of: "s.yaml", with: "s.yaml")
        let text = try String(contentsOfFile: offPath, encoding: .utf8)
            .replacingOccurrences(of: "  file: own.csv\n", with: "  file: own.csv\n  standardize: false\n")
        try text.write(toFile: offPath, atomically: true, encoding: .utf8)
        let off = try RunPlan.make(path: offPath, options: RunOptions(jobs: 1, dataDirectory: "/x"))
        #expect(on.cells[0].hash != off.cells[0].hash)
        let bad = Fixtures.parseMessage(
            "name: s\ntrials: 1\ndata:\n  benchmark: nb201\n  standardize: false\n  pairs: [{dataset: cifar10, metric: edgegpu_latency}]\n")
        #expect(bad.contains("only used with benchmark 'csv'"))
    }
}

@Suite struct DelimiterTests {
    @Test func aSemicolonSeparatedFileIsRefusedNamingTheDelimiter() {
        do {
            _ = try CSVTable(data: Array("id;a;accuracy\nx;1;50\n".utf8), path: "t.csv")
            Issue.record("no error")
        } catch let e as InputError {
            #expect(e.line == 1 && e.message.contains("holding ';'") && e.message.contains("comma-separated"))
        } catch { Issue.record("\(error)") }
    }
}

@Suite struct OneMeaningPerKeyTests {
    @Test func learnRefusesDuplicateIDsAsRunDoes() {
        let path = Fixtures.file("own.csv", "id,a,lat\nx,1,2\ny,2,3\nx,3,4\n")
        var source = CSVSource(file: path, idColumn: "id", accuracyColumn: "accuracy", accuracyInPercent: true)
        source.featureColumns = ["a"]
        do {
            _ = try GroundTruthLoader.csvTask(source, pair: PairSpec(dataset: "own", metric: "lat"), index: 0) { _, _, _ in nil }
            Issue.record("no error")
        } catch let e as InputError {
            #expect(e.line == 4 && e.message.contains("duplicate architecture id 'x'"))
        } catch { Issue.record("\(error)") }
    }

    @Test func measuresInABudgetAreRefused() {
        let m = Fixtures.parseMessage(BudgetScenarioCheckTests.scenario + "\nmeasures: [hv]\n")
        #expect(m.contains("`measures` has no effect in a budget study"), "\(m)")
    }
}
