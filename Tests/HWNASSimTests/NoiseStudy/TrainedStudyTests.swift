// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@_spi(Benchmarks) @testable import HWNASSim
import HWNASSimTestSupport

/// The noise study with trained predictors (`noise.model: trained`) and its matched
/// injected-noise rows (`compare_injected`).
@Suite struct TrainedStudyTests {
    static let measures: [Measure] = [.kendallTau, .spearman, .hv, .hvRetained, .mraAll, .mraPareto, .nSelected, .nTrueFront]

    /// A trained cell on the additive toy table of ``TrainedBudgetTests``.
    static func cell(model: String, sizes: [Int], subsetSize: Int = 729, measurementSD: Double = 0, compare: Bool = false) throws
        -> StudyCell
    {
        let t = TrainedBudgetTests.table()
        let pair = try GroundTruthPair(table: t, metric: "latency", pairing: .true)
        let features = try PairFeatures(table: t, pair: pair, key: "noise.predictor")
        var noise = NoiseSpec(model: .trained, levels: sizes.map(Double.init))
        noise.compareInjected = compare
        var cell = StudyCell(pair: pair, subsetSize: subsetSize, noise: noise, reference: .subsetMax, measures: measures, seed: 5)
        cell.trained = TrainedStudyModel(
            model: try ModelSpec.parse(model: model), features: features.matrix, sizes: sizes,
            lookupTableRows: model == "lookup-table" ? features.lookupTableRows.map { $0.map(Int32.init) } : nil,
            measurementRelativeSD: measurementSD,
            noiseScale: measurementSD > 0 ? Study.noiseScale(pair) : [], compareInjected: compare)
        return cell
    }

    static func value(_ values: [Double], _ cell: StudyCell, level: Int, _ m: Measure) -> Double {
        values[level * cell.measures.count + cell.measures.firstIndex(of: m)!]
    }

    /// Measuring every architecture of the subset leaves nothing to predict: the selection is
    /// the true front (hypervolume retained 1, no accuracy lost), whatever the model.
    @Test(arguments: ["linreg", "mlp", "ridge"])
    func trainingOnTheWholeSubsetSelectsTheTrueFront(model: String) throws {
        for n in [729, 200] {
            let cell = try Self.cell(model: model, sizes: [n], subsetSize: n)
            for trial in 0..<3 {
                let v = Study.trialValues(cell: cell, trial: trial)
                #expect(Self.value(v, cell, level: 0, .hvRetained) == 1)
                #expect(Self.value(v, cell, level: 0, .mraAll) == 0)
                #expect(Self.value(v, cell, level: 0, .nSelected) == Self.value(v, cell, level: 0, .nTrueFront))
                #expect(Self.value(v, cell, level: 0, .kendallTau).isNaN)  // nothing predicted
            }
        }
    }

    /// The toy metric is exactly additive in the one-hot encoding: least squares on 40 exact
    /// measurements recovers it, so every prediction ranks right (tau 1 over the predicted
    /// architectures) and the selection is the true front; on 11 it cannot (13 free parameters).
    @Test func exactLinregOnAnAdditiveMetricSelectsTheTrueFront() throws {
        let cell = try Self.cell(model: "linreg", sizes: [11, 40, 300], subsetSize: 729)
        for trial in 0..<4 {
            let v = Study.trialValues(cell: cell, trial: trial)
            for level in [1, 2] {
                #expect(abs(Self.value(v, cell, level: level, .kendallTau) - 1) < 1e-12)
                #expect(Self.value(v, cell, level: level, .hvRetained) == 1)
                #expect(Self.value(v, cell, level: level, .mraAll) == 0)
                #expect(Self.value(v, cell, level: level, .nSelected) == Self.value(v, cell, level: level, .nTrueFront))
            }
            #expect(Self.value(v, cell, level: 0, .kendallTau) < 0.999)
        }
    }

    /// Measurement noise moves the measured values of the training set: with 5 % relative
    /// noise, training on the whole subset no longer keeps every trial's selection exact, and
    /// the noise is the same at every training size (a prefix of the same measurements).
    @Test func measurementNoiseIsDrawnOncePerTrial() throws {
        let exact = try Self.cell(model: "linreg", sizes: [729], measurementSD: 0)
        let noisy = try Self.cell(model: "linreg", sizes: [729], measurementSD: 0.05)
        var lost = 0.0
        for trial in 0..<3 {
            #expect(Self.value(Study.trialValues(cell: exact, trial: trial), exact, level: 0, .mraAll) == 0)
            lost += Self.value(Study.trialValues(cell: noisy, trial: trial), noisy, level: 0, .mraAll)
        }
        #expect(lost > 0)
        let ws = TrialWorkspace(capacity: 729, tableSize: 729)
        ws.rng.reseed(noisy.streamKey(trial: 0))
        let subset = StudyTrial.drawSubset(cell: noisy, orders: PairOrders(pair: noisy.pair), workspace: ws, rowsWanted: false)
        let m = StudyTrial.TrainedMeasurement(model: noisy.trained!, cell: noisy, subset: subset, trialKey: noisy.streamKey(trial: 0))
        let small = m.trainingSet(size: 40), large = m.trainingSet(size: 729)
        #expect(Array(small.measuredZ) == Array(large.measuredZ.prefix(40)))
        #expect(Array(small.rows) == Array(subset.rows.prefix(40)))
        #expect(small.inSubset.filter { $0 }.count == 40 && large.inSubset.allSatisfy { $0 })
    }

    /// The matched injected rows run kendall-tau noise at exactly the mean tau of their trained
    /// row, on the same subsets; results do not depend on the number of workers.
    @Test func matchedRowsRunAtTheRealisedMeanTau() throws {
        let cell = try Self.cell(model: "linreg", sizes: [11, 20], subsetSize: 300, compare: true)
        let scenario = Scenario(
            name: "t", seed: 5, trials: 6, pairs: [PairSpec(dataset: "toy", metric: "latency")],
            experiment: .noiseStudy(NoiseStudySpec(subsetSizes: [300], noise: cell.noise, measures: Self.measures)))
        let one = Study.run(scenario: scenario, cells: [cell], jobs: 1)
        let three = Study.run(scenario: scenario, cells: [cell], jobs: 3)
        #expect(one.values.count == 6 * 4 * Self.measures.count)
        #expect(one.values.elementsEqual(three.values) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        let tau = Self.measures.firstIndex(of: .kendallTau)!
        let rows = one.summaryRows()
        for (li, size) in [11, 20].enumerated() {
            let trained = one.values(cell: 0, level: li, measure: tau)
            let mean = trained.reduce(0, +) / Double(trained.count)
            #expect(one.cells[0].trained!.matchedTaus[li] == mean)
            let injected = rows.filter { $0.noise == .kendallTau && $0.trainSamples == size && $0.measure == "kendall_tau" }
            #expect(injected.count == 1 && injected[0].level == mean && injected[0].predictor == "linreg")
            // Realised tau of the injected noise near its target (6 trials of 300).
            #expect(abs(injected[0].summary.mean - mean) < 0.05)
            // The trained rows themselves are what a run without compare_injected writes.
            let alone = try Self.cell(model: "linreg", sizes: [11, 20], subsetSize: 300)
            #expect(Study.run(scenario: scenario, cells: [alone], jobs: 2).values(cell: 0, level: li, measure: tau) == trained)
        }
        let csv = SummaryFile.text(rows)
        #expect(
            csv.hasPrefix(
                "dataset,metric,pairing,subset_size,noise,level,measure,n,mean,sd,se,ci95_low,ci95_high,median,q25,q75,predictor,train_samples\n"
            ))
        // Read back and written again unchanged.
        let path = Fixtures.file("summary.csv", csv)
        #expect(SummaryFile.text(try SummaryFile.read(path: path)) == csv)
    }

    // MARK: whole runs

    static let scenario = """
        name: trained-study
        seed: 4
        trials: 3
        data:
          benchmark: nb201
          pairs:
            - {dataset: ImageNet16-120, metric: raspi4_latency}
        subset_sizes: [100]
        noise:
          model: trained
          predictor: [linreg, lookup-table, {model: ridge, trials: 2}]
          levels: [11, 100]
          measurement_relative_sd: 0.02
          compare_injected: true
        measures: [kendall_tau, hv, mra_all, mra_pareto, n_selected]

        """

    /// Same seed, same bytes: whatever `--jobs`, two shards merged, or a resumed run.
    @Test func outputsDoNotDependOnJobsShardsOrResume() throws {
        let dir = Fixtures.temporaryDirectory("trained-study")
        let file = dir + "/s.yaml"
        try Self.scenario.write(toFile: file, atomically: true, encoding: .utf8)
        func run(_ out: String, jobs: Int, shard: Shard? = nil) throws -> RunReport {
            try ScenarioRunner.run(
                path: file,
                options: RunOptions(
                    outDirectory: dir + "/" + out, jobs: jobs,
                    dataDirectory: Fixtures.dataDirectory, shard: shard, trialsOut: true))
        }
        let report = try run("one", jobs: 1)
        #expect(report.cellsRun == 3)
        _ = try run("two", jobs: 2)
        _ = try run("shards/a", jobs: 2, shard: try Shard("1/2"))
        _ = try run("shards/b", jobs: 1, shard: try Shard("2/2"))
        _ = try Batch.merge([dir + "/shards/a", dir + "/shards/b"], out: dir + "/merged")
        // Resume: drop two finished cells and run again.
        let cells = try FileManager.default.contentsOfDirectory(atPath: dir + "/two/cells").filter { $0.hasSuffix(".done") }.sorted()
        for c in cells.prefix(2) { try FileManager.default.removeItem(atPath: dir + "/two/cells/" + c) }
        let resumed = try run("two", jobs: 2)
        #expect(resumed.cellsRun == 2 && resumed.cellsSkipped == 1)
        for name in ["summary.csv", "headline.csv", "trials.csv"] {
            let a = try String(contentsOfFile: dir + "/one/" + name, encoding: .utf8)
            for other in ["two", "merged"] {
                #expect(try String(contentsOfFile: dir + "/\(other)/" + name, encoding: .utf8) == a, "\(other)/\(name)")
            }
        }
        let summary = try SummaryFile.read(path: dir + "/one/summary.csv")
        // Rows: per predictor its sizes (lookup table: 25) twice, × 5 measures.
        #expect(summary.count == (2 + 1 + 2) * 2 * 5)
        #expect(Set(summary.compactMap(\.predictor)) == ["linreg", "lookup-table", "ridge"])
        #expect(summary.filter { $0.predictor == "ridge" }.allSatisfy { $0.summary.n <= 2 })
        #expect(summary.filter { $0.predictor == "lookup-table" }.allSatisfy { $0.trainSamples == 25 })
        #expect(summary.filter { $0.noise == .trained }.allSatisfy { $0.level == Double($0.trainSamples!) })
    }

    // MARK: bad input

    static func message(_ noise: String, sizes: String = "[100, 200]", measures: String = "") -> String {
        let text = """
            name: e
            trials: 2
            data:
              benchmark: nb201
              pairs: [{dataset: cifar10, metric: edgegpu_latency}]
            subset_sizes: \(sizes)
            noise:
            \(noise)
            \(measures)
            """
        do {
            let file = Fixtures.file("e.yaml", text)
            _ = try RunPlan.make(path: file, options: RunOptions(dataDirectory: Fixtures.dataDirectory))
            return "no error"
        } catch let e as InputError {
            return "\(e)".replacingOccurrences(of: #"^.*/e\.yaml"#, with: "e.yaml", options: .regularExpression)
        } catch { return "\(error)" }
    }

    @Test func badInputNamesFileLineAndKey() {
        #expect(
            Self.message("  model: trained\n  levels: [11]")
                == "e.yaml:8:3: noise: missing key 'predictor' for model: trained (a model name such as linreg, or {model: NAME, …options}, or a list of them)"
        )
        #expect(
            Self.message("  model: trained\n  predictor: linreg\n  levels: [11, 101]")
                == "e.yaml:10:16: noise.levels[1]: 101 training samples are more than the subset size 100: a trial trains on the first architectures of its subset (at most all of them)"
        )
        #expect(Self.message("  model: trained\n  predictor: linreg\n  levels: [11, 100]") == "no error")
        #expect(
            Self.message("  model: trained\n  predictor: [linreg, linreeg]\n  levels: [11]")
                == "e.yaml:9:23: noise.predictor[1]: unknown model 'linreeg' (did you mean 'linreg'?); expected one of lookup-table, linreg, ridge, gp, mlp, flops, params, transfer, proxy"
        )
        #expect(
            Self.message("  model: trained\n  predictor: {model: mlp, epochs: 1.5}\n  levels: [11]")
                == "e.yaml:9:35: noise.predictor.epochs: mlp: epochs must be an integer")
        #expect(
            Self.message("  model: trained\n  predictor: linreg\n  levels: [11.5]")
                == "e.yaml:10:12: noise.levels[0]: expected a number of training samples (a whole number ≥ 1), found 11.5")
        #expect(
            Self.message("  model: gaussian\n  predictor: linreg\n  levels: [0.1]")
                == "e.yaml:9:14: noise.predictor: only used with model: trained (a model fitted to measured architectures), this section uses 'gaussian'"
        )
        #expect(
            Self.message("  model: trained\n  predictor: [linreg, linreg]\n  levels: [11]")
                == "e.yaml:9:23: noise.predictor[1]: predictor 'linreg' is listed twice: summary.csv names its rows by model, so list each model once"
        )
        #expect(
            Self.message("  model: trained\n  predictor: flops\n  levels: [11]").contains("noise.predictor: flops needs no measurement"))
        #expect(
            Self.message("  model: trained\n  predictor: {model: gp, train_samples: [11, 150]}")
                == "e.yaml:9:14: noise.predictor: training size 150 is larger than the subset size 100: a trial trains on the first architectures of its subset"
        )
        #expect(
            Self.message("  model: trained\n  predictor: linreg")
                == "e.yaml:8:3: noise: missing key 'levels' (training-sample counts)")
        #expect(Self.message("  model: trained\n  predictor: lookup-table") == "no error")
        #expect(
            Self.message("  model: trained\n  predictor: linreg\n  levels: [11]\n  compare_injected: maybe")
                .hasPrefix("e.yaml:11:21: noise.compare_injected: "))
        #expect(
            Self.message("  model: trained\n  predictor: linreg\n  levels: [11]\n  compare_injected: true", measures: "measures: [hv]")
                == "e.yaml:11:21: noise.compare_injected: compare_injected matches injected noise to the tau the trained model realised: add kendall_tau to measures"
        )
        #expect(
            Self.message("  model: trained\n  predictor: linreg\n  levels: [11]\n  measurement_relative_sd: -1")
                .hasPrefix("e.yaml:11:28: noise.measurement_relative_sd: "))
        #expect(
            Self.message("  model: trained\n  predictor: {model: transfer, source: [raspi4_latenc]}\n  levels: [11]")
                .hasPrefix("e.yaml:9:41: noise.predictor.source[0]: transfer: no column 'raspi4_latenc' (did you mean 'raspi4_latency'?)"))
    }

    @Test func aTrainedPredictorNeedsNB201Architectures() {
        let text = """
            name: e
            data: {benchmark: synthetic, size: 300, pairs: [{metric: latency}]}
            subset_sizes: [100]
            noise: {model: trained, predictor: linreg, levels: [11]}

            """
        let file = Fixtures.file("e.yaml", text)
        #expect(throws: InputError.self) { try RunPlan.make(path: file, options: RunOptions(dataDirectory: "/nonexistent")) }
        do { _ = try RunPlan.make(path: file, options: RunOptions(dataDirectory: "/nonexistent")) } catch let e as InputError {
            #expect(e.line == 4 && e.key == "noise.predictor" && e.message.contains("NB201 arch strings"))
        } catch {}
    }
}
