// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HWNASSim

/// The predictor rows of `hwnas-sim bench`: fits per second of every model on one core.
extension Benchmarks {
    /// The models timed, each at ``predictorSizes`` unless it fixes its own training set.
    public static let predictorModels: [ModelSpec.Model] = [.lookupTable, .linreg, .ridge, .gp, .mlp, .flops, .transfer]
    /// Training sizes of the fit rows (GP: its largest, ``GaussianProcess/largestTrainingSize``, instead of 15,000).
    public static let predictorSizes = [124, 1366, 15000]

    /// The benchmark task: ImageNet16-120 / `raspi4_latency` with the NB201 one-hot encoding,
    /// and the table's other complete latency columns as `transfer`'s sources.
    /// - Throws: ``InputError`` when the table is missing or does not load.
    public static func predictorTask(directory: String) throws -> LearningCurve.Task {
        let target = "raspi4_latency"
        let table = try MetricTable.loadNB201(dataset: "ImageNet16-120", directory: directory, metrics: nil)
        var task = try LearningCurve.Task(nb201: table, metric: target)
        let sources = table.metrics.keys.sorted().filter { $0 != target && $0.hasSuffix("_latency") }
            .map { table.metrics[$0]! }
            .filter { $0.allSatisfy(\.isFinite) }
        var values = [Double](repeating: 0, count: table.count * sources.count)
        for (j, column) in sources.enumerated() { for i in 0..<table.count { values[i * sources.count + j] = column[i] } }
        task.sourceFeatures = FeatureMatrix(rows: table.count, columns: sources.count, values: values)
        return task
    }

    /// The (spec, training size) pairs of the fit rows: the lookup table once (its 1 + 24
    /// measurements), FLOPs once (no measurement), the others at every size of
    /// ``predictorSizes`` (GP's largest replacing what it does not take; `transfer` through
    /// its `samples` option), MLP with its defaults.
    public static func predictorCases() throws -> [(spec: ModelSpec, trainSamples: Int)] {
        var out: [(ModelSpec, Int)] = []
        for model in predictorModels {
            switch model {
            case .lookupTable: out.append((try ModelSpec.parse(model: model.rawValue), 25))
            case .flops, .params: out.append((try ModelSpec.parse(model: model.rawValue), 0))
            case .transfer:
                for n in predictorSizes { out.append((try ModelSpec.parse(model: model.rawValue, options: ["samples": .integer(n)]), n)) }
            case .gp:
                for n in predictorSizes {
                    out.append((try ModelSpec.parse(model: model.rawValue), min(n, GaussianProcess.largestTrainingSize)))
                }
            case .mlp:
                for n in predictorSizes { out.append((try ModelSpec.parse(model: model.rawValue), n)) }
                out.append((try largeBatchMLP(), 15000))
            default:
                for n in predictorSizes { out.append((try ModelSpec.parse(model: model.rawValue), n)) }
            }
        }
        return out
    }

    /// The MLP of the large-batch row: 2 × 128 ReLU, 20 epochs of batches of 256 (scikit-learn's
    /// side of Tests/sidebyside/mlp-sidebyside.sh runs the same).
    public static func largeBatchMLP() throws -> ModelSpec {
        try ModelSpec.parse(model: "mlp", options: ["epochs": .integer(20), "batch_size": .integer(256)])
    }

    /// Fits per second on one core of `spec` at `trainSamples` on `task`: each repeat runs
    /// learning-curve trials 0, 1, … (fresh splits) until `minSeconds` of wall time have passed
    /// (at least one), and counts only the fits' own time (``LearningCurve/trial(_:spec:trainSamples:testSamples:trial:seed:measurementNoise:)``
    /// times the fit alone, not the split, prediction or scoring).
    /// - Throws: ``InputError`` when the size does not suit the model or the task.
    public static func fitRate(
        task: LearningCurve.Task, spec: ModelSpec, trainSamples: Int,
        repeats: Int, minSeconds: Double
    ) throws -> BenchmarkRow {
        var trial = 0
        var samples: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<repeats {
            let start = clock.now
            var fits = 0, fitSeconds = 0.0
            repeat {
                fitSeconds += try LearningCurve.trial(task, spec: spec, trainSamples: trainSamples, trial: trial, seed: 2022).fitSeconds
                fits += 1
                trial += 1
            } while (clock.now - start).inSeconds < minSeconds
            samples.append(Double(fits) / max(fitSeconds, 1e-9))
        }
        let note: String
        switch spec.model {
        case .lookupTable: note = "its own 1 + 24 measurements; \(task.dataset)/\(task.metric)"
        case .flops: note = "closed form, no measurement"
        case .transfer: note = "\(task.sourceFeatures?.columns ?? 0) other latency columns as features"
        case .mlp:
            func integer(_ key: String, _ fallback: Int) -> Int {
                if case .integer(let i)? = spec.options[key] { return i } else { return fallback }
            }
            let epochs = integer("epochs", 60), batch = integer("batch_size", 64)
            note = "2 × 128 ReLU, \(epochs) epochs (≥ 1000 steps), batch \(batch), Adam"
        case .gp:
            note =
                trainSamples == GaussianProcess.largestTrainingSize
                ? "its largest size; hyperparameter search included" : "hyperparameter search included"
        case .ridge: note = "alpha by GCV over a 60-value grid"
        default: note = "\(task.dataset)/\(task.metric), NB201 one-hot"
        }
        let name = spec.model == .mlp && spec.options["batch_size"] != nil ? "fit mlp batch 256" : "fit \(spec.name)"
        return BenchmarkRow(benchmark: name, n: trainSamples, unit: "fits/s/core", samples: samples, note: note)
    }
}

extension Benchmarks {
    /// The predictor rows: every case of ``predictorCases()`` on ``predictorTask(directory:)``,
    /// or one skipped row per model when the table is missing.
    /// - Throws: ``InputError`` when a fit fails.
    public static func predictorRows(directory: String, repeats: Int, minSeconds: Double, add: (BenchmarkRow) -> Void) throws {
        let cases = try predictorCases()
        guard FileManager.default.fileExists(atPath: "\(directory)/nb201_ImageNet16-120.csv") else {
            for c in cases {
                add(
                    .skipped(
                        "fit \(c.spec.name)", n: c.trainSamples, unit: "fits/s/core", note: "skipped: NB201 tables not in \(directory)"))
            }
            return
        }
        let task = try predictorTask(directory: directory)
        for c in cases {
            add(try fitRate(task: task, spec: c.spec, trainSamples: c.trainSamples, repeats: repeats, minSeconds: minSeconds))
        }
        add(try linregCurves(directory: directory, repeats: repeats))
    }

    /// The study pairs of `Scenarios/predictors/paper-table3.yaml` and `linreg-curves.yaml`.
    public static let studyPairs = [
        ("ImageNet16-120", "raspi4_latency"), ("cifar100", "pixel3_latency"), ("cifar10", "edgegpu_latency"),
        ("cifar100", "edgegpu_energy"), ("ImageNet16-120", "eyeriss_arithmetic_intensity")
    ]

    /// Seconds on one core for the linear-regression learning curves of
    /// `Scenarios/predictors/linreg-curves.yaml` (5 study pairs × 124 / 1,366 / 15,000 samples ×
    /// 30 splits, 625 test architectures, five scores each), the tables loaded beforehand:
    /// Tests/sidebyside/linreg-sidebyside.sh compares them with numpy and SciPy.
    /// - Throws: ``InputError`` when a table is missing or a split fails.
    public static func linregCurves(directory: String, repeats: Int) throws -> BenchmarkRow {
        var tables: [String: MetricTable] = [:]
        let tasks = try studyPairs.map { dataset, metric in
            if tables[dataset] == nil { tables[dataset] = try MetricTable.loadNB201(dataset: dataset, directory: directory, metrics: nil) }
            return try LearningCurve.Task(nb201: tables[dataset]!, metric: metric)
        }
        let spec = try ModelSpec.parse(model: "linreg")
        let clock = ContinuousClock()
        var samples: [Double] = []
        for _ in 0..<repeats {
            let start = clock.now
            for task in tasks {
                for split in 0..<30 {
                    _ = try LearningCurve.split(task, spec: spec, sizes: [124, 1366, 15000], testSamples: 625, trial: split, seed: 1)
                }
            }
            samples.append((clock.now - start).inSeconds)
        }
        return BenchmarkRow(
            benchmark: "linreg curves", n: tasks.count * 3 * 30, unit: "s", samples: samples,
            note: "5 pairs × 124/1366/15000 × 30 splits, one core, tables loaded; numpy: Tests/sidebyside")
    }

    /// The wall time and peak memory of `hwnas-sim learn <scenario> --jobs <jobs>` as a child
    /// process of `executable` (one run each repeat, `--force` so that nothing resumes).
    /// - Throws: ``InputError`` when the child cannot start or fails.
    public static func learnRows(
        executable: String, scenario: String, jobs: Int, directory: String, scratch: String,
        repeats: Int
    ) throws -> [BenchmarkRow] {
        let name = "learn \((scenario as NSString).lastPathComponent) --jobs \(jobs)"
        var outcomes: [ChildRun.Outcome] = []
        for _ in 0..<repeats {
            let o = try ChildRun.run(
                executable: executable,
                arguments: [
                    "learn", scenario, "--jobs", String(jobs), "--out", scratch, "--data", directory, "--force", "--quiet"
                ])
            guard o.status == 0 else { throw InputError(file: scenario, "the benchmark's learn run failed (exit status \(o.status))") }
            outcomes.append(o)
        }
        return [
            BenchmarkRow(
                benchmark: "\(name) wall", n: 0, unit: "s", samples: outcomes.map(\.seconds), note: "every predictor, size and split"),
            BenchmarkRow(
                benchmark: "\(name) peak memory", n: 0, unit: "MiB", samples: outcomes.map(\.maxRSSMiB),
                note: "every predictor, size and split")
        ]
            + LoadBenchmarks.workUnitRows(runFolder: scratch, name: name)
    }
}
