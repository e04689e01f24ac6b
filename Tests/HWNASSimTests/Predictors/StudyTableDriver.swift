// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// Measures the predictor table of the study (Laube et al., AutoML-Conf 2022) with the
/// learning-curve engine. Off by default (it takes minutes): run it in a release build with
///
///     swift build -c release --build-tests -Xswiftc -enable-testing
///     HWNAS_SIM_STUDY_TABLE=lut,linreg,gp,mlp,transfer,timing HWNAS_SIM_STUDY_TRIALS=50 \
///       swift test -c release --skip-build --disable-xctest --filter StudyTablePredictorDriver
///
/// It prints each number beside the published one; it asserts nothing (the numbers are
/// samples, and timings vary).
@Suite("Predictor: the study's table (opt-in driver)") struct StudyTablePredictorDriver {
    static let env = ProcessInfo.processInfo.environment
    static let parts = Set((env["HWNAS_SIM_STUDY_TABLE"] ?? "").split(separator: ",").map(String.init))
    static let trials = Int(env["HWNAS_SIM_STUDY_TRIALS"] ?? "") ?? 50
    static let jobs = Int(env["HWNAS_SIM_STUDY_JOBS"] ?? "") ?? 1
    static let seed = UInt64(env["HWNAS_SIM_STUDY_SEED"] ?? "") ?? 2022
    static var enabled: Bool { !parts.isEmpty }

    /// The five pairs with the study's LUT, LinReg at 11 and 15,000 and XGBoost at 15,000.
    static let pairs: [(String, String, lut: Double, lr11: Double, lr15k: Double, xgb: Double)] = [
        ("ImageNet16-120", "raspi4_latency", 0.443, 0.324, 0.729, 0.757),
        ("cifar100", "pixel3_latency", 0.484, 0.392, 0.812, 0.877),
        ("cifar10", "edgegpu_latency", 0.175, 0.370, 0.829, 0.926),
        ("cifar100", "edgegpu_energy", 0.221, 0.376, 0.831, 0.920),
        ("ImageNet16-120", "eyeriss_arithmetic_intensity", 0.861, 0.369, 0.846, 0.970)
    ]

    static func task(_ dataset: String, _ metric: String) throws -> LearningCurve.Task {
        try LearningCurve.Task(nb201: MetricTable.loadNB201(dataset: dataset, directory: Fixtures.dataDirectory), metric: metric)
    }

    static func mean(
        _ task: LearningCurve.Task, _ spec: ModelSpec, _ k: Int, trials: Int = trials,
        measure: KeyPath<LearningCurve.Scores, Double> = \.kendallTau
    ) throws -> (mean: Double, sd: Double, fit: Double) {
        let r = try LearningCurve.run(task, spec: spec, trainSamples: k, trials: trials, seed: seed, jobs: jobs)
        let s = Summary(r.map { $0.scores[keyPath: measure] })
        return (s.mean, s.sd, r.map(\.fitSeconds).reduce(0, +) / Double(r.count))
    }

    static func line(_ text: String) { FileHandle.standardError.write(Data(("STUDY " + text + "\n").utf8)) }

    @Test(.enabled(if: enabled)) func table() throws {
        let f = { (x: Double) in String(format: "%.3f", x) }
        let linreg = try ModelSpec.parse(model: "linreg")
        for p in Self.pairs {
            let task = try Self.task(p.0, p.1)
            let label = "\(p.0)/\(p.1)"
            if Self.parts.contains("lut") {
                let r = try Self.mean(task, ModelSpec.parse(model: "lookup-table"), 0)
                Self.line("lut \(label) tau \(f(r.mean)) sd \(f(r.sd)) (study \(p.lut))")
                let fl = try Self.mean(task, ModelSpec.parse(model: "flops"), 0),
                    pa = try Self.mean(task, ModelSpec.parse(model: "params"), 0)
                Self.line("flops \(label) tau \(f(fl.mean))  params tau \(f(pa.mean)) (no measurement)")
            }
            if Self.parts.contains("linreg") {
                let a = try Self.mean(task, linreg, 11), b = try Self.mean(task, linreg, 15_000)
                Self.line("linreg \(label) 11: \(f(a.mean)) (study \(p.lr11))  15000: \(f(b.mean)) (study \(p.lr15k))")
            }
            if Self.parts.contains("linreg11") {
                // Two minimum-norm conventions at 11 samples: the intercept in the norm
                // (linreg) or unpenalised, on centred data (ridge with alpha 0, scikit-learn's).
                let a = try Self.mean(task, linreg, 11)
                let c = try Self.mean(task, ModelSpec.parse(model: "ridge", options: ["alpha": .number(0)]), 11)
                Self.line("linreg11 \(label) pinv: \(f(a.mean)) sd \(f(a.sd))  centred: \(f(c.mean)) sd \(f(c.sd)) (study \(p.lr11))")
            }
            if Self.parts.contains("curve") {
                // Tau at the sizes of the README table (the learned models).
                for name in ["linreg", "ridge", "gp", "mlp"] {
                    var cells: [String] = []
                    for k in [11, 124, 1366, 15_000] where !(name == "gp" && k > GaussianProcess.largestTrainingSize) {
                        let t = name == "mlp" ? (k >= 15_000 ? 0 : 5) : (name == "gp" ? 10 : Self.trials)
                        guard t > 0 else { continue }
                        let r = try Self.mean(task, ModelSpec.parse(model: name), k, trials: t)
                        cells.append("\(k): \(f(r.mean)) (\(t))")
                    }
                    Self.line("curve \(label) \(name) " + cells.joined(separator: "  "))
                }
            }
            if Self.parts.contains("ridge") {
                let r = try Self.mean(task, ModelSpec.parse(model: "ridge"), 124)
                Self.line("ridge \(label) 124: \(f(r.mean))")
            }
            if Self.parts.contains("gp") {
                let t = Int(Self.env["HWNAS_SIM_STUDY_GP_TRIALS"] ?? "") ?? Self.trials
                let g = try Self.mean(task, ModelSpec.parse(model: "gp"), 1366, trials: t)
                let l = try Self.mean(task, linreg, 1366, trials: t)
                Self.line("gp \(label) 1366: \(f(g.mean)) vs linreg \(f(l.mean)) (\(t) trials, gp fit \(f(g.fit)) s)")
            }
            if Self.parts.contains("mlp") {
                let t = Int(Self.env["HWNAS_SIM_STUDY_MLP_TRIALS"] ?? "") ?? 3
                var options: [String: ModelSpec.Option] = [:]
                if let e = Self.env["HWNAS_SIM_MLP_EPOCHS"].flatMap(Int.init) { options["epochs"] = .integer(e) }
                if let b = Self.env["HWNAS_SIM_MLP_BATCH"].flatMap(Int.init) { options["batch_size"] = .integer(b) }
                if let h = Self.env["HWNAS_SIM_MLP_HIDDEN"] {
                    options["hidden"] = .list(h.split(separator: "x").map { .integer(Int($0)!) })
                }
                if let l = Self.env["HWNAS_SIM_MLP_LR"].flatMap(Double.init) { options["learning_rate"] = .number(l) }
                if let w = Self.env["HWNAS_SIM_MLP_WD"].flatMap(Double.init) { options["weight_decay"] = .number(w) }
                if Self.env["HWNAS_SIM_MLP_ES"] == "1" { options["early_stopping"] = .bool(true) }
                if Self.env["HWNAS_SIM_MLP_CONSTANT"] == "1" { options["cosine_schedule"] = .bool(false) }
                let only = Self.env["HWNAS_SIM_STUDY_PAIR"].flatMap(Int.init)
                if let only, Self.pairs[only].0 != p.0 || Self.pairs[only].1 != p.1 { continue }
                let k = Int(Self.env["HWNAS_SIM_MLP_SIZE"] ?? "") ?? 15_000
                let m = try Self.mean(task, ModelSpec.parse(model: "mlp", options: options), k, trials: t)
                Self.line(
                    "mlp \(label) \(k): \(f(m.mean)) sd \(f(m.sd)) (XGBoost \(p.xgb), \(t) trials, fit \(f(m.fit)) s, options \(options))")
            }
        }
        if Self.parts.contains("timing") {
            let task = try Self.task("ImageNet16-120", "raspi4_latency")
            for name in ["linreg", "ridge", "gp", "mlp"] {
                for k in [124, 1366, 15_000] {
                    let size = name == "gp" ? min(k, GaussianProcess.largestTrainingSize) : k
                    let t = name == "mlp" || name == "gp" ? (k >= 1366 ? 1 : 3) : 20
                    let r = try Self.mean(task, ModelSpec.parse(model: name), size, trials: t)
                    Self.line("fit \(name) \(size): \(String(format: "%.6f", r.fit)) s (tau \(f(r.mean)))")
                }
            }
        }
    }

    /// HELP's setting: nine meta-training devices as the source, six test devices, ten
    /// target samples, Spearman's rho (CIFAR-10 tables; HELP reports a mean of 0.932).
    @Test(.enabled(if: enabled && parts.contains("transfer"))) func transfer() throws {
        let table = try MetricTable.loadNB201(dataset: "cifar10", directory: Fixtures.dataDirectory)
        let help = try CSVTable(contentsOf: Fixtures.dataDirectory + "/nb201_help_latency.csv")
        var columns: [String: [Double]] = table.metrics
        for (c, name) in help.header.enumerated() where name != "arch_index" {
            columns[name] = try help.numbers(column: c, allowMissing: false)
        }
        let sources = [
            "1080ti_1", "1080ti_32", "1080ti_256", "silver_4114", "silver_4210r", "samsung_a50", "pixel3", "essential_ph_1", "samsung_s7"
        ]
        let targets = ["titan_rtx_256", "gold_6226", "fpga", "pixel2", "raspi4", "eyeriss"]
        let source = FeatureColumns.interleave(sources.map { columns[$0 + "_latency"]! }, rows: table.count)
        let e = NB201OneHotEncoding()
        let features = try e.matrix(table.archStrings!)
        let variants: [(String, [String: ModelSpec.Option])] = [
            ("default: linear, loo", [:]), ("linear, gcv", ["selection": .text("gcv")]),
            ("log, loo", ["logarithm": .bool(true)]), ("log, gcv", ["logarithm": .bool(true), "selection": .text("gcv")])
        ]
        for (name, options) in variants {
            var rhos: [Double] = []
            for t in targets {
                let task = LearningCurve.Task(
                    dataset: "cifar10", metric: t + "_latency", features: features, encoding: e,
                    targets: columns[t + "_latency"]!, sourceFeatures: source)
                let r = try Self.mean(task, ModelSpec.parse(model: "transfer", options: options), 10, measure: \.spearman)
                rhos.append(r.mean)
                Self.line("transfer(\(name)) \(t): spearman \(String(format: "%.3f", r.mean)) sd \(String(format: "%.3f", r.sd))")
            }
            Self.line("transfer(\(name)) mean spearman over six devices \(String(format: "%.3f", rhos.reduce(0, +) / 6)) (HELP 0.932)")
        }
    }
}
