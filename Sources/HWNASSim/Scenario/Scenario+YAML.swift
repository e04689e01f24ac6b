// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Yams

extension Scenario {
    static let topKeys = ["name", "description", "seed", "trials", "data", "subset_sizes", "noise",
                          "reference_point", "measures", "budget", "predictors", "selection", "sweep", "learning_curve"]
    static let dataKeys = ["benchmark", "pairing", "precision", "pairs", "file", "id_column",
                           "accuracy_column", "accuracy_unit", "missing", "size", "rank_correlation", "seed",
                           "features", "arch_column", "encoding"]

    /// Reads a scenario file; a `sweep:` section expands into one scenario per cell of the
    /// cartesian product of its lists (first key varies slowest).
    public static func load(path: String) throws -> [Scenario] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw InputError(file: path, "scenario file not found")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, "cannot read the scenario file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, "the scenario file is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Parses scenario text; `file` names it in errors and resolves relative table paths.
    public static func parse(_ text: String, file: String) throws -> [Scenario] {
        let root = try YAMLValue.parse(text, file: file)
        let top = try root.mapping(allowed: topKeys)
        guard let sweep = top["sweep"] else { return [try decode(root, sweepValues: [])] }
        var axes: [(key: String, values: [YAMLValue])] = []
        for (key, value) in try sweep.entries() {
            let path = key.split(separator: ".").map(String.init)
            try checkSweepKey(root, path: path, sweepKey: sweep.child(key, value.node))
            let values = try value.list()
            guard !values.isEmpty else { throw value.error("a swept key needs at least one value") }
            for v in values {
                guard case .scalar = v.node else { throw v.error("expected a scalar value to sweep, found \(v.found)") }
            }
            axes.append((key, values))
        }
        guard !axes.isEmpty else { throw sweep.error("expected at least one key to sweep") }
        // Count the cells before building them: a few short lists multiply to more than memory holds.
        var cellCount = 1
        for axis in axes {
            let (product, overflow) = cellCount.multipliedReportingOverflow(by: axis.values.count)
            guard !overflow, product <= maxSweepCells else {
                throw sweep.error("the sweep has more than \(maxSweepCells) cells (the product of the lengths of its lists)")
            }
            cellCount = product
        }
        var cells: [[(String, YAMLValue)]] = [[]]
        for axis in axes {
            cells = cells.flatMap { prefix in axis.values.map { prefix + [(axis.key, $0)] } }
        }
        return try cells.map { cell in
            var node = root.node
            for (key, value) in cell {
                node = setting(node, path: key.split(separator: ".").map(String.init), to: value.node)
            }
            let values = cell.map { (key: $0.0, value: $0.1.node.scalar?.string ?? "") }
            return try decode(YAMLValue(node: node, path: "", file: file), sweepValues: values)
        }
    }

    /// The most cells a `sweep:` may expand into.
    public static let maxSweepCells = 10_000
    /// The most trials per cell (`trials:`, `--trials`): beyond it a run's result buffer
    /// (cells × trials × values per trial) no longer fits in memory, or in an `Int`.
    public static let maxTrials = 1_000_000

    /// The largest noise std (z-units) and budget (seconds) accepted: beyond them numbers
    /// overflow into meaningless results.
    public static let maxNoiseLevel = 1_000.0
    static let maxBudgetSeconds = 1e12

    /// Checks that a swept key path names a key the schema knows.
    static func checkSweepKey(_ root: YAMLValue, path: [String], sweepKey: YAMLValue) throws {
        guard let first = path.first else { throw sweepKey.error("empty key path") }
        let allowed = topKeys.filter { !["sweep", "description"].contains($0) }
        guard allowed.contains(first) else {
            let hint = Suggest.hint(for: first, in: allowed)
            throw YAMLValue(node: sweepKey.node, path: "sweep.\(path.joined(separator: "."))", file: root.file)
                .error("cannot sweep an unknown key\(hint)")
        }
    }

    static func setting(_ node: Node, path: [String], to value: Node) -> Node {
        guard let key = path.first else { return value }
        var mapping = node.mapping ?? Node.Mapping([])
        let child = mapping[key] ?? Node.mapping(Node.Mapping([]))
        mapping[key] = setting(child, path: Array(path.dropFirst()), to: value)
        return .mapping(mapping)
    }

    static func decode(_ root: YAMLValue, sweepValues: [(key: String, value: String)]) throws -> Scenario {
        let top = try root.mapping(allowed: topKeys)
        func required(_ key: String) throws -> YAMLValue {
            guard let v = top[key] else { throw root.error("missing key '\(key)'") }
            return v
        }
        let name = try required("name").string()
        guard name.range(of: "^[A-Za-z0-9._+-]+$", options: .regularExpression) != nil else {
            throw top["name"]!.error("'\(name)' is not a usable name: use letters, digits, '.', '_', '+' and '-'")
        }
        let seed = try top["seed"]?.seed() ?? 1
        var trials = 100
        if let t = top["trials"] {
            trials = try t.int()
            guard trials >= 1 && trials <= maxTrials else { throw t.error("expected 1…\(maxTrials) trials, found \(trials)") }
        }

        var learningCurve: LearningCurveSpec?
        if let lc = top["learning_curve"] {
            learningCurve = try decodeLearningCurve(lc)
            for key in ["budget", "selection", "noise", "subset_sizes", "predictors", "reference_point", "measures"] {
                if let v = top[key] {
                    throw v.error("has no effect in a learning-curve scenario (it trains and scores the predictors of learning_curve; training sizes are learning_curve.train_samples): remove it")
                }
            }
        }

        // data
        let dataValue = try required("data")
        let data = try dataValue.mapping(allowed: dataKeys)
        let benchmarkName = try data["benchmark"]?.string() ?? "nb201"
        var pairing = Pairing.true
        if let p = data["pairing"] { pairing = try p.choice(Pairing.self, Pairing.allCases) }
        var precision = Precision.float64
        if let p = data["precision"] { precision = try p.choice(Precision.self, Precision.allCases) }
        let source: DataSource
        let benchmarks = ["nb201", "csv", "synthetic", "fbnet"]
        let onlyFor: [String: [String]] = [
            "csv": ["file", "id_column", "accuracy_column", "accuracy_unit", "missing", "features", "arch_column", "encoding"],
            "synthetic": ["size", "rank_correlation", "seed"],
        ]
        for (bench, keys) in onlyFor where bench != benchmarkName {
            for k in keys { if let v = data[k] { throw v.error("only used with benchmark '\(bench)', this scenario uses '\(benchmarkName)'") } }
        }
        switch benchmarkName {
        case "nb201":
            source = .nb201
        case "csv":
            guard let f = data["file"] else { throw dataValue.error("missing key 'file' (the CSV table) for benchmark 'csv'") }
            var file = try f.string()
            if !file.hasPrefix("/") {
                file = ((root.file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(file)
            }
            var percent = true
            if let u = data["accuracy_unit"] {
                switch try u.string() {
                case "percent": percent = true
                case "fraction": percent = false
                default: throw u.error("expected 'percent' or 'fraction', found \(u.found)")
                }
            }
            var csv = CSVSource(file: file, idColumn: try data["id_column"]?.string() ?? "id",
                                accuracyColumn: try data["accuracy_column"]?.string() ?? "accuracy",
                                accuracyInPercent: percent, dropMissing: try Self.dropMissing(data["missing"]))
            try decodeFeatures(data, into: &csv, learning: learningCurve != nil, dataValue: dataValue)
            source = .csv(csv)
        case "fbnet":
            // A selection or budget scenario needs accuracy; FBNet has none.
            guard learningCurve != nil else {
                throw data["benchmark"]!.error("the FBNet table has no accuracy: a selection or budget scenario needs benchmark nb201, csv or synthetic (FBNet's latencies are for predictor learning curves: add a learning_curve section)")
            }
            source = .fbnet
        case "synthetic":
            var spec = SyntheticSpec()
            if let s = data["size"] {
                spec.size = try s.int()
                guard spec.size >= 2 && spec.size <= 2_000_000 else { throw s.error("expected a size in 2…2000000, found \(spec.size)") }
            }
            if let r = data["rank_correlation"] {
                spec.rankCorrelation = try r.double()
                guard spec.rankCorrelation > -1 && spec.rankCorrelation < 1 else { throw r.error("expected a rank correlation in (-1, 1), found \(spec.rankCorrelation)") }
            }
            if let s = data["seed"] { spec.seed = try s.seed() }
            source = .synthetic(spec)
        default:
            let hint = Suggest.hint(for: benchmarkName, in: benchmarks)
            throw data["benchmark"]!.error("unknown benchmark '\(benchmarkName)'\(hint); expected one of: \(benchmarks.joined(separator: ", "))")
        }
        guard let pairsValue = data["pairs"] else { throw dataValue.error("missing key 'pairs': expected a list of {dataset, metric}") }
        var pairs: [PairSpec] = []
        for item in try pairsValue.list() {
            let m = try item.mapping(allowed: ["dataset", "metric", "latency_column"])
            guard let metric = m["metric"] else { throw item.error("missing key 'metric'") }
            var dataset: String
            if let d = m["dataset"] {
                dataset = try d.string()
            } else {
                switch source {
                case .nb201: throw item.error("missing key 'dataset' (one of \(MetricTable.nb201Datasets.joined(separator: ", ")))")
                case .csv(let c): dataset = ((c.file as NSString).lastPathComponent as NSString).deletingPathExtension
                case .synthetic: dataset = "synthetic"
                case .fbnet: dataset = "fbnet"
                }
            }
            if case .nb201 = source, !MetricTable.nb201Datasets.contains(dataset) {
                let hint = Suggest.hint(for: dataset, in: MetricTable.nb201Datasets)
                throw m["dataset"]!.error("unknown NB201 dataset '\(dataset)'\(hint); expected one of: \(MetricTable.nb201Datasets.joined(separator: ", "))")
            }
            pairs.append(PairSpec(dataset: dataset, metric: try metric.string(), latencyColumn: try m["latency_column"]?.string()))
        }
        guard !pairs.isEmpty else { throw pairsValue.error("expected at least one {dataset, metric} pair, found an empty list") }
        if pairing == .paperSorted, benchmarkName != "nb201" {
            throw data["pairing"]!.error("'paper-sorted' needs benchmark 'nb201' (it orders architectures by their NB201 genotype)")
        }

        if case .fbnet = source, let (i, d) = pairs.enumerated().first(where: { $0.element.dataset != "fbnet" }) {
            throw try pairsValue.list()[i].error("the FBNet table's dataset is 'fbnet', found '\(d.dataset)'")
        }
        if let learningCurve {
            var scenario = Scenario(name: name, seed: seed, trials: trials, data: source, pairing: pairing, precision: precision,
                                    pairs: pairs, subsetSizes: [], noise: NoiseSpec(model: .gaussian, levels: [0]),
                                    sweepValues: sweepValues)
            scenario.learningCurve = learningCurve
            collectMarks(root.node, path: "", into: &scenario.sourceMarks)
            return scenario
        }

        // subset sizes
        let sizesValue = try required("subset_sizes")
        var sizes: [Int] = []
        for s in try sizesValue.list(scalarAsList: true) {
            let v = try s.int()
            guard v >= 2 else { throw s.error("expected a subset size of at least 2, found \(v)") }
            sizes.append(v)
        }
        guard !sizes.isEmpty else { throw sizesValue.error("expected at least one subset size, found an empty list") }
        guard Set(sizes).count == sizes.count else { throw sizesValue.error("subset sizes repeat a value") }

        // budget and predictors
        var predictors: [String: PredictorSpec] = [:]
        if let p = top["predictors"] {
            for (pname, v) in try p.entries() { predictors[pname] = try decodePredictor(v) }
            try checkBorrowedCurves(p, predictors)
        }
        var limits: [Double] = []
        if let s = top["selection"] {
            let m = try s.mapping(allowed: ["limit"])
            guard m["limit"] != nil else { throw s.error("missing key 'limit' (a latency limit in metric units, or a list of them)") }
            if let l = m["limit"] {
                for x in try l.list(scalarAsList: true) {
                    let v = try x.double()
                    guard v > 0 else { throw x.error("expected a latency limit > 0 in metric units, found \(v)") }
                    limits.append(v)
                }
            }
        }
        if let s = top["selection"], top["budget"] == nil {
            throw s.error("a latency-limited selection needs a 'budget' section (it scores the pick of each strategy)")
        }
        var budget: BudgetSpec?
        var warnings: [InputError] = []
        if let b = top["budget"] {
            budget = try decodeBudget(b, predictors: predictors, limitsGiven: !limits.isEmpty)
            if b.node.mapping?["measurement"] == nil {
                warnings.append(b.error("no 'measurement' section: assuming the default cost (setup_s: 0, warmup_s: 0, repeats: 1, "
                                        + "noise_relative_sd: 0), so a measurement costs about the latency itself; "
                                        + "give budget.measurement for a real device's set-up, warm-up and repeats"))
            }
        }

        // noise
        var noise = NoiseSpec(model: .gaussian, levels: [0])
        if let nv = top["noise"] {
            noise = try decodeNoise(nv, subsetSizes: sizes, sizesValue: sizesValue)
        } else if budget == nil {
            throw root.error("missing key 'noise' (a scenario without a 'budget' section studies noise levels)")
        }
        if budget != nil, let nv = top["noise"] {
            // Checked after the section itself, so that a broken one is reported as such.
            throw nv.error("`noise` has no effect in a budget study: predictor errors come from the learning curves "
                           + "(predictors.NAME.kendall_tau) and measurement noise from budget.measurement.noise_relative_sd; remove the section")
        }

        if noise.model == .paperMixture, noise.levels.contains(where: { $0 > 0 }),
           let (j, small) = sizes.enumerated().first(where: { $0.element < 2 * PaperMixtureNoise.blockLength }) {
            let v = try sizesValue.list(scalarAsList: true)[j]
            let cell = sweepValues.isEmpty ? "" : " (in the sweep cell \(sweepValues.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")))"
            throw v.error("paper-mixture noise needs subsets of at least 30 (⌊N/15⌋ ≥ 2 blocks, or its spread is 0), found \(small)\(cell)")
        }
        var reference = ReferencePoint.subsetMax
        if let r = top["reference_point"] {
            if case .mapping = r.node {
                let m = try r.mapping(allowed: ["accuracy", "metric"])
                guard let a = m["accuracy"], let z = m["metric"] else { throw r.error("expected {accuracy: A, metric: Z}") }
                reference = .explicit(accuracy: try a.double(), metric: try z.double())
            } else {
                switch try r.string() {
                case "subset-max": reference = .subsetMax
                case "front-max": reference = .frontMax
                default: throw r.error("expected 'subset-max', 'front-max' or {accuracy: A, metric: Z}, found \(r.found)")
                }
            }
        }
        var measures = Measure.allCases
        if let mv = top["measures"] {
            measures = []
            for m in try mv.list(scalarAsList: true) { measures.append(try m.choice(Measure.self, Measure.allCases)) }
            guard !measures.isEmpty else { throw mv.error("expected at least one measure") }
            measures = Measure.allCases.filter(measures.contains)
        }
        if noise.compareInjected, !measures.contains(.kendallTau), let c = top["noise"]?.node.mapping?["compare_injected"] {
            throw top["noise"]!.child("compare_injected", c).error("compare_injected matches injected noise to the tau the trained model realised: add kendall_tau to measures")
        }
        var scenario = Scenario(name: name, seed: seed, trials: trials, data: source, pairing: pairing, precision: precision,
                                pairs: pairs, subsetSizes: sizes, noise: noise, referencePoint: reference, measures: measures,
                                budget: budget, predictors: predictors, limits: limits, sweepValues: sweepValues)
        scenario.warnings = warnings
        collectMarks(root.node, path: "", into: &scenario.sourceMarks)
        return scenario
    }

    /// Records the position of every key path (`data.pairs[0].metric`, `subset_sizes[2]`).
    static func collectMarks(_ node: Node, path: String, into marks: inout [String: SourceMark]) {
        if let m = node.mark, !path.isEmpty { marks[path] = SourceMark(line: m.line, column: m.column) }
        switch node {
        case .mapping(let mapping):
            for (k, v) in mapping {
                guard let key = k.scalar?.string else { continue }
                collectMarks(v, path: path.isEmpty ? key : "\(path).\(key)", into: &marks)
            }
        case .sequence(let seq):
            for (i, v) in seq.enumerated() { collectMarks(v, path: "\(path)[\(i)]", into: &marks) }
        default:
            break
        }
    }

    /// `error` placed at its key's position in the scenario file, when known.
    public func locate(_ error: InputError, file: String) -> InputError {
        var e = error
        if e.file == nil || e.line == nil, let key = e.key, let mark = sourceMarks[key] {
            if let other = e.file, other != file { e.message = "\(other): " + e.message }
            e.file = file
            e.line = mark.line
            e.column = mark.column
        } else if e.file == nil {
            e.file = file
        }
        return e
    }

    /// The `noise` section: an injected model (`paper-mixture`, `gaussian`, `kendall-tau`) with
    /// its levels, or `model: trained` with its predictors and training sizes.
    static func decodeNoise(_ nv: YAMLValue, subsetSizes sizes: [Int], sizesValue: YAMLValue) throws -> NoiseSpec {
        let n = try nv.mapping(allowed: ["model", "levels", "accuracy_sd", "predictor", "measurement_relative_sd", "compare_injected"])
        guard let mv = n["model"] else { throw nv.error("missing key 'model'") }
        let model = try mv.choice(NoiseModelKind.self, NoiseModelKind.allCases)
        if model != .trained {
            for key in ["predictor", "measurement_relative_sd", "compare_injected"] {
                if let v = n[key] { throw v.error("only used with model: trained (a model fitted to measured architectures), this section uses '\(model.rawValue)'") }
            }
        }
        var predictors: [TrainedNoisePredictor] = []
        if model == .trained {
            guard let pv = n["predictor"] else {
                throw nv.error("missing key 'predictor' for model: trained (a model name such as linreg, or {model: NAME, …options}, or a list of them)")
            }
            let items: [YAMLValue]
            if case .mapping = pv.node { items = [pv] } else { items = try pv.list(scalarAsList: true) }
            guard !items.isEmpty else { throw pv.error("expected at least one predictor, found an empty list") }
            for item in items {
                let (spec, own) = try decodeModel(item)
                if [.flops, .params].contains(spec.model) {
                    throw item.error("\(spec.name) needs no measurement, so it has no training sizes to study; expected lookup-table, linreg, ridge, gp, mlp or transfer")
                }
                if predictors.contains(where: { $0.model.name == spec.name }) {
                    throw item.error("predictor '\(spec.name)' is listed twice: summary.csv names its rows by model, so list each model once")
                }
                if let own, let big = own.first(where: { k in !sizes.allSatisfy { k <= $0 } }) {
                    throw item.error("training size \(big) is larger than the subset size \(sizes.min()!): a trial trains on the first architectures of its subset")
                }
                predictors.append(TrainedNoisePredictor(model: spec, ownLevels: own))
            }
        }
        var levels: [Double] = []
        if let lv = n["levels"] {
            for l in try lv.list(scalarAsList: true) {
                let x = try l.double() + 0.0  // -0.0 is 0.0 (one stream, one printed form)
                switch model {
                case .kendallTau:
                    guard x > 0 && x <= 1 else { throw l.error("expected a target Kendall tau in (0, 1], found \(x)") }
                case .gaussian, .paperMixture:
                    guard x >= 0 && x <= maxNoiseLevel else {
                        throw l.error("expected a noise standard deviation in 0…\(Int(maxNoiseLevel)) z-units, found \(x)")
                    }
                case .trained:
                    guard x >= 1, x == x.rounded(), x <= Double(Int32.max) else {
                        throw l.error("expected a number of training samples (a whole number ≥ 1), found \(Format.number(x))")
                    }
                    if let small = sizes.min(), x > Double(small) {
                        throw l.error("\(Int(x)) training samples are more than the subset size \(small): a trial trains on the first architectures of its subset (at most all of them)")
                    }
                }
                levels.append(x)
            }
            guard !levels.isEmpty else { throw lv.error("expected at least one noise level, found an empty list") }
            guard Set(levels).count == levels.count else { throw lv.error("noise levels repeat a value") }
        } else if model != .trained || predictors.contains(where: \.usesLevels) {
            throw nv.error(model == .trained ? "missing key 'levels' (training-sample counts)" : "missing key 'levels'")
        }
        var accuracySD = 0.0
        if let a = n["accuracy_sd"] {
            accuracySD = try a.double()
            guard accuracySD >= 0 else { throw a.error("expected a standard deviation ≥ 0 (accuracy percentage points), found \(accuracySD)") }
        }
        var noise = NoiseSpec(model: model, levels: levels, accuracySD: accuracySD)
        noise.predictors = predictors
        if let m = n["measurement_relative_sd"] { noise.measurementRelativeSD = try m.nonNegative("a relative standard deviation") }
        if let c = n["compare_injected"] { noise.compareInjected = try c.bool() }
        if model == .trained, let p = predictors.first(where: { $0.model.model == .transfer }), let k = p.model.integer("samples"),
           let small = sizes.min(), k > small {
            throw nv.error("transfer: \(k) target measurements are more than the subset size \(small)")
        }
        return noise
    }

    /// `data.features`, `data.arch_column` and `data.encoding` of a csv table (learning curves only).
    static func decodeFeatures(_ data: [String: YAMLValue], into csv: inout CSVSource, learning: Bool, dataValue: YAMLValue) throws {
        let given = ["features", "arch_column", "encoding"].compactMap { data[$0] }
        if !learning, let v = given.first {
            throw v.error("only used by a learning_curve section (the features predictors learn from)")
        }
        guard learning else { return }
        if let f = data["features"] {
            if let a = data["arch_column"] { throw a.error("give either data.features (numeric columns) or data.arch_column (architecture strings), not both") }
            if let e = data["encoding"] { throw e.error("data.encoding reads data.arch_column; data.features are used as they are") }
            let columns = try f.list(scalarAsList: true).map { try $0.string() }
            guard !columns.isEmpty else { throw f.error("expected a list of numeric feature columns, found an empty list") }
            csv.featureColumns = columns
        } else if let a = data["arch_column"] {
            csv.archColumn = try a.string()
            csv.encoding = try data["encoding"]?.string() ?? "nb201"
            do { _ = try Encodings.named(csv.encoding!, key: "data.encoding") } catch let e as InputError { throw data["encoding"]!.error(e.message) }
        } else if data["encoding"] != nil {
            throw data["encoding"]!.error("data.encoding needs data.arch_column (the column of architecture strings it reads)")
        } else {
            throw dataValue.error("a learning curve on a csv table needs its features: data.features: [numeric columns], or data.arch_column: COL with data.encoding: nb201")
        }
    }

    /// `data.missing`: `error` (the default) or `drop`.
    static func dropMissing(_ v: YAMLValue?) throws -> Bool {
        guard let v else { return false }
        switch try v.string() {
        case "error": return false
        case "drop": return true
        default: throw v.error("expected 'error' (a missing metric value is an error) or 'drop' (leave the architecture out of that metric), found \(v.found)")
        }
    }

    /// A predictor of `predictors`: synthetic (`kendall_tau` curve) or trained (`model:`, with
    /// the model's options beside the budget keys).
    static func decodePredictor(_ v: YAMLValue) throws -> PredictorSpec {
        let budgetKeys = ["train_samples", "train_s", "train_s_per_sample", "query_s", "kendall_tau", "model", "sample", "retrain_every"]
        let entries = try v.entries()
        guard let mv = entries.first(where: { $0.key == "model" })?.value else {
            return try decodeSyntheticPredictor(v)
        }
        let m = Dictionary(entries.filter { budgetKeys.contains($0.key) }.map { ($0.key, $0.value) }) { a, _ in a }
        if let k = m["kendall_tau"] {
            throw k.error("a trained predictor (model: …) takes its errors from the model: remove kendall_tau, or remove model for a synthetic predictor")
        }
        // The model and its options (every key that is not a budget key); a key that is
        // neither is named with the nearest of both.
        var options: [String: ModelSpec.Option] = [:]
        let modelOptions = ModelSpec.Model(rawValue: try mv.string()).map { Array(ModelSpec.optionKinds[$0]!.keys) + ["trials"] }
        for (k, ov) in entries where !budgetKeys.contains(k) {
            if let known = modelOptions, !known.contains(k) {
                let all = (budgetKeys.filter { $0 != "kendall_tau" } + known).sorted()
                throw ov.error("unknown key\(Suggest.hint(for: k, in: all)); a trained predictor takes \(all.joined(separator: ", "))")
            }
            options[k] = try Scenario.option(ov)
        }
        let model: ModelSpec
        do { model = try ModelSpec.parse(model: try mv.string(), options: options, key: v.path) } catch let e as InputError {
            if let key = e.key, let dot = key.lastIndex(of: "."), key.hasPrefix(v.path + "."),
               let o = entries.first(where: { $0.key == String(key[key.index(after: dot)...]) }) {
                throw o.value.error(e.message)
            }
            throw mv.error(e.message)
        }
        var sample = PredictorSpec.TrainingSample.random
        if let sv = m["sample"] {
            sample = try sv.choice(PredictorSpec.TrainingSample.self, PredictorSpec.TrainingSample.allCases)
            if model.model == .lookupTable && sample == .random {
                throw sv.error("lookup-table trains on its structured cells: expected sample: lookup-table (or leave sample out)")
            }
        } else if model.model == .lookupTable {
            sample = .lookupTable
        }
        // Training size: required for a random sample; for the lookup table's cells, its 25
        // NB201 cells by default (checked against the encoding when the cells are built).
        var samples = 0
        if let ts = m["train_samples"] {
            samples = try ts.int()
            guard samples >= 1 else { throw ts.error("expected at least 1 training sample, found \(samples)") }
            if model.model == .transfer, let k = model.integer("samples"), k != samples {
                throw ts.error("transfer: train_samples \(samples) and samples \(k) disagree; give one of them (the target measurements it trains on)")
            }
        } else if let d = PredictorSpec.defaultTrainSamples(model) {
            samples = d
        } else if sample == .lookupTable {
            samples = LookupTable(encoding: NB201OneHotEncoding()).measurementCount
        } else {
            throw v.error("missing key 'train_samples' (the size of the random training sample)")
        }
        var retrain: Int?
        if let rv = m["retrain_every"] {
            let k = try rv.int()
            guard k >= 1 else { throw rv.error("expected retrain_every ≥ 1 (verification measurements between refits), found \(k)") }
            retrain = k
        }
        func cost(_ key: String, default d: Double) throws -> Double { try m[key]?.nonNegative("a cost", unit: "seconds") ?? d }
        var spec = PredictorSpec(trainSamples: samples,
                                 trainSeconds: try cost("train_s", default: PredictorSpec.defaultTrainSeconds(model.model)),
                                 trainSecondsPerSample: try cost("train_s_per_sample",
                                                                 default: PredictorSpec.defaultTrainSecondsPerSample(model.model, samples: samples)),
                                 querySeconds: try cost("query_s", default: PredictorSpec.defaultQuerySeconds), kendallTau: [])
        spec.model = model
        spec.sample = sample
        spec.retrainEvery = retrain
        return spec
    }

    /// Checks every `kendall_tau: {from: NAME}`: NAME must be another predictor, and a trained one
    /// (`model:`), whose learning curve the synthetic predictor borrows.
    /// - Throws: ``InputError`` at the `from` value.
    static func checkBorrowedCurves(_ section: YAMLValue, _ predictors: [String: PredictorSpec]) throws {
        for (name, v) in try section.entries() {
            guard let from = predictors[name]?.tauFrom,
                  let node = try v.entries().first(where: { $0.key == "kendall_tau" })?.value.entries().first(where: { $0.key == "from" })?.value
            else { continue }
            if from == name {
                throw node.error("a predictor cannot borrow its own learning curve: name a trained predictor (one with model:)")
            }
            guard let target = predictors[from] else {
                throw node.error("no predictor '\(from)' in 'predictors'\(Suggest.hint(for: from, in: predictors.keys.sorted())); kendall_tau: {from: NAME} names a trained predictor")
            }
            guard target.model != nil else {
                throw node.error("predictor '\(from)' is synthetic (a kendall_tau curve): kendall_tau: {from: NAME} borrows the learning curve of a trained predictor (one with model:)")
            }
        }
    }

    /// A synthetic predictor: costs and a `kendall_tau` learning curve.
    static func decodeSyntheticPredictor(_ v: YAMLValue) throws -> PredictorSpec {
        let m = try v.mapping(allowed: ["train_samples", "train_s", "train_s_per_sample", "query_s", "kendall_tau"])
        func cost(_ key: String) throws -> Double { try m[key]?.nonNegative("a cost", unit: "seconds") ?? 0 }
        guard let ts = m["train_samples"] else { throw v.error("missing key 'train_samples'") }
        let samples = try ts.int()
        guard samples >= 1 else { throw ts.error("expected at least 1 training sample, found \(samples)") }
        guard let curveValue = m["kendall_tau"] else { throw v.error("missing key 'kendall_tau' (the learning curve {samples: tau})") }
        var curve: [(samples: Double, tau: Double)] = []
        if case .mapping = curveValue.node, let from = try curveValue.entries().first(where: { $0.key == "from" })?.value {
            // `{from: NAME}`: the tau of trained predictor NAME's learning curve (checked once every
            // predictor is read, see `checkBorrowedCurves`).
            _ = try curveValue.mapping(allowed: ["from"])
            var spec = PredictorSpec(trainSamples: samples, trainSeconds: try cost("train_s"),
                                     trainSecondsPerSample: try cost("train_s_per_sample"),
                                     querySeconds: try cost("query_s"), kendallTau: [])
            spec.tauFrom = try from.string()
            return spec
        }
        if case .mapping = curveValue.node {
            for (k, t) in try curveValue.entries() {
                guard let s = Double(k), s.isFinite, s >= 1 else { throw t.error("expected a training-sample count ≥ 1 as key, found '\(k)'") }
                curve.append((s, try t.tau()))
            }
        } else {
            curve.append((1, try curveValue.tau()))
        }
        guard !curve.isEmpty else { throw curveValue.error("expected at least one {samples: tau} point") }
        curve.sort { $0.samples < $1.samples }
        return PredictorSpec(trainSamples: samples, trainSeconds: try cost("train_s"),
                             trainSecondsPerSample: try cost("train_s_per_sample"),
                             querySeconds: try cost("query_s"), kendallTau: curve)
    }

    static func decodeBudget(_ b: YAMLValue, predictors: [String: PredictorSpec], limitsGiven: Bool) throws -> BudgetSpec {
        let m = try b.mapping(allowed: ["seconds", "devices", "measurement", "strategies", "decide_by", "limit_tolerance"])
        guard let sv = m["seconds"] else { throw b.error("missing key 'seconds' (budget checkpoints)") }
        var seconds: [Double] = []
        for s in try sv.list(scalarAsList: true) {
            let x = try s.double()
            guard x > 0 && x <= maxBudgetSeconds else { throw s.error("expected a budget in (0, 1e12] seconds, found \(x)") }
            if let last = seconds.last, x <= last { throw s.error("budgets must increase: \(x) follows \(last)") }
            seconds.append(x)
        }
        guard !seconds.isEmpty else { throw sv.error("expected at least one budget") }
        var devices = 1
        if let d = m["devices"] {
            devices = try d.int()
            guard devices >= 1 && devices <= 4096 else { throw d.error("expected 1…4096 devices, found \(devices)") }
        }
        var cost = MeasurementCost()
        if let mv = m["measurement"] {
            let mm = try mv.mapping(allowed: ["setup_s", "warmup_s", "repeats", "run_s", "noise_relative_sd"])
            func nonNegative(_ key: String) throws -> Double? { try mm[key]?.nonNegative("a value") }
            cost.setupSeconds = try nonNegative("setup_s") ?? 0
            cost.warmupSeconds = try nonNegative("warmup_s") ?? 0
            cost.runSeconds = try nonNegative("run_s")
            cost.noiseRelativeSD = try nonNegative("noise_relative_sd") ?? 0
            if let r = mm["repeats"] {
                cost.repeats = try r.int()
                guard cost.repeats >= 1 else { throw r.error("expected at least 1 repeat, found \(cost.repeats)") }
            }
        }
        guard let stv = m["strategies"] else { throw b.error("missing key 'strategies'") }
        var strategies: [StrategySpec] = []
        for s in try stv.list() {
            let sm = try s.mapping(allowed: ["name", "measure", "predictor", "verify"])
            guard let nv = sm["name"] else { throw s.error("missing key 'name'") }
            let name = try nv.string()
            if strategies.contains(where: { $0.name == name }) { throw nv.error("strategy name '\(name)' is used twice") }
            var verify = Verification.none
            if let v = sm["verify"] { verify = try v.choice(Verification.self, Verification.allCases) }
            let kind: StrategySpec.Kind
            switch (sm["measure"], sm["predictor"]) {
            case (let mv?, nil):
                guard try mv.string() == "random" else { throw mv.error("expected 'random', found \(mv.found)") }
                kind = .measureRandom
            case (nil, let pv?):
                let p = try pv.string()
                guard predictors[p] != nil else {
                    let hint = Suggest.hint(for: p, in: predictors.keys.sorted())
                    throw pv.error("no predictor '\(p)' in 'predictors'\(hint)")
                }
                kind = .predictor(p)
            default:
                throw s.error("a strategy needs exactly one of 'measure: random' or 'predictor: NAME'")
            }
            strategies.append(StrategySpec(name: name, kind: kind, verify: verify))
        }
        guard !strategies.isEmpty else { throw stv.error("expected at least one strategy") }
        var decideBy = BudgetSpec.defaultDecideBy
        if let d = m["decide_by"] {
            decideBy = try d.string()
            let allowed = BudgetMeasure.decisionMeasures
            guard allowed.contains(decideBy) else {
                let hint = Suggest.hint(for: decideBy, in: allowed)
                throw d.error("unknown measure '\(decideBy)'\(hint); expected one of: \(allowed.joined(separator: ", "))")
            }
        }
        if ["regret", "violation"].contains(decideBy), limitsGiven == false {
            throw m["decide_by"]!.error("'\(decideBy)' needs a latency limit: add selection: {limit: L}")
        }
        var tolerance: Double?
        if let t = m["limit_tolerance"] {
            let x = try t.double()
            guard x >= 0 && x < 1 else { throw t.error("expected a relative tolerance in [0, 1) (0.05 = 5 %), found \(x)") }
            tolerance = x
        }
        return BudgetSpec(seconds: seconds, devices: devices, measurement: cost, strategies: strategies, decideBy: decideBy,
                          limitTolerance: tolerance)
    }
}
