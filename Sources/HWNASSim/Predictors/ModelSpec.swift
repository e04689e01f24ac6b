// SPDX-License-Identifier: GPL-3.0-or-later

/// A learned (or analytical) predictor model as a scenario names it: `{model: NAME, …options}`, or the bare name with the
/// model's defaults. ``parse(model:options:key:)`` checks names and option types;
/// ``make(_:)`` builds the model for one table.
public struct ModelSpec: Sendable, Equatable {
    /// The models there are.
    public enum Model: String, Sendable, CaseIterable {
        case lookupTable = "lookup-table"
        case linreg, ridge, gp, mlp, flops, params, transfer
        /// A zero-cost proxy column as an accuracy estimator (learning curves, `target: accuracy`).
        case proxy
    }

    /// A value of an option as read from a scenario.
    public enum Option: Sendable, Equatable {
        case number(Double)
        case integer(Int)
        case bool(Bool)
        case text(String)
        case list([Option])
    }

    /// What an option accepts.
    enum OptionKind: String {
        case number = "a number"
        case integer = "an integer"
        case bool = "true or false"
        case text = "a string"
        case integers = "a list of integers"
        case texts = "a list of strings"
    }

    public var model: Model
    public var options: [String: Option]
    /// The name of the top-level `predictors:` entry this spec came from, when a learning
    /// curve lists it by that name; it then names the spec's rows (and random streams).
    var label: String? = nil

    /// Every model's options and their kinds (`trials` is common to all).
    static let optionKinds: [Model: [String: OptionKind]] = [
        .lookupTable: ["base": .text],
        .linreg: [:],
        .ridge: ["alpha": .number, "standardize": .bool, "selection": .text],
        .gp: ["kernel": .text, "length_scale": .number, "signal_variance": .number, "noise_variance": .number, "search_size": .integer],
        .mlp: [
            "hidden": .integers, "epochs": .integer, "batch_size": .integer, "learning_rate": .number,
            "weight_decay": .number, "early_stopping": .bool, "patience": .integer, "cosine_schedule": .bool
        ],
        .flops: [:],
        .params: [:],
        .transfer: ["source": .texts, "samples": .integer, "logarithm": .bool, "alpha": .number, "selection": .text],
        .proxy: ["column": .text, "map": .text]
    ]

    /// A checked spec.
    /// - Throws: ``InputError`` at `key` for an unknown model, an unknown option (with a
    ///   did-you-mean hint) or an option of the wrong type.
    public static func parse(model name: String, options: [String: Option] = [:], key: String = "predictor") throws -> ModelSpec {
        guard let model = Model(rawValue: name) else {
            let names = Model.allCases.map(\.rawValue)
            throw InputError(
                key: key, "unknown model '\(name)'\(Suggest.hint(for: name, in: names)); expected one of \(names.joined(separator: ", "))")
        }
        let kinds = optionKinds[model]!.merging(["trials": .integer]) { a, _ in a }
        for (option, value) in options.sorted(by: { $0.key < $1.key }) {
            guard let kind = kinds[option] else {
                let known = kinds.keys.sorted()
                throw InputError(
                    key: "\(key).\(option)",
                    "\(name) has no option '\(option)'\(Suggest.hint(for: option, in: known)); its options: \(known.joined(separator: ", "))"
                )
            }
            guard Self.matches(value, kind) else {
                throw InputError(key: "\(key).\(option)", "\(name): \(option) must be \(kind.rawValue)")
            }
        }
        var spec = ModelSpec(model: model, options: options)
        if case .text(let m)? = options["map"] {
            guard let map = ProxyEstimator.Map(rawValue: m) else {
                throw InputError(key: "\(key).map", "proxy: unknown map \(ProxyEstimator.Map.unknown(m))")
            }
            if map == .rank { spec.options["map"] = nil }  // the default: the same spec (and hashes) as without it
        }
        if model == .proxy, spec.text("column") == nil {
            throw InputError(
                key: "\(key).column", "proxy needs column: NAME, one of \(ProxyColumn.names.joined(separator: ", "))")
        }
        if let t = spec.integer("trials"), t < 1 { throw InputError(key: "\(key).trials", "\(name): trials must be ≥ 1, got \(t)") }
        if case .text(let k)? = options["selection"], RidgeRegression.Selection(rawValue: k) == nil {
            throw InputError(key: "\(key).selection", "\(name): unknown selection '\(k)'; expected gcv or loo")
        }
        if case .text(let k)? = options["kernel"], GaussianProcess.Kernel(rawValue: k) == nil {
            throw InputError(key: "\(key).kernel", "gp: unknown kernel '\(k)'; expected rbf or matern52")
        }
        return spec
    }

    static func matches(_ value: Option, _ kind: OptionKind) -> Bool {
        switch (value, kind) {
        case (.number, .number), (.integer, .number), (.integer, .integer), (.bool, .bool), (.text, .text): return true
        case (.list(let items), .integers): return items.allSatisfy { if case .integer = $0 { return true } else { return false } }
        case (.list(let items), .texts): return items.allSatisfy { if case .text = $0 { return true } else { return false } }
        default: return false
        }
    }

    /// The scenario name: the model's (`proxy:COLUMN` for a proxy, `proxy:COLUMN:monotone` for
    /// its monotone map, so that several proxies can be listed side by side).
    public var name: String {
        label ?? (model == .proxy ? ProxyEstimator(column: text("column") ?? "", map: proxyMap).name : model.rawValue)
    }

    /// The map of a `proxy` model (`map`, default `rank`).
    var proxyMap: ProxyEstimator.Map { text("map").flatMap(ProxyEstimator.Map.init) ?? .rank }

    /// The proxy column of a `proxy` model, nil for the other models.
    public var proxyColumn: String? { model == .proxy ? text("column") : nil }

    /// The number of random splits this predictor asks for (`trials`), if it sets one.
    public var trials: Int? { integer("trials") }

    /// The `transfer` source columns, if given.
    public var sourceColumns: [String]? {
        guard case .list(let items)? = options["source"] else { return nil }
        return items.compactMap { if case .text(let s) = $0 { return s } else { return nil } }
    }

    /// The training-set size of a predictor that fixes its own: the lookup table's
    /// measurement count, 0 for FLOPs, parameters and a proxy ranked as is, `samples`
    /// (default 10) for transfer; nil for a proxy's monotone map (fitted at the curve's sizes).
    public func ownTrainingSize(encoding: (any OneHotEncoding)?) -> Int? {
        switch model {
        case .lookupTable: return encoding.map { LookupTable(encoding: $0).measurementCount }
        case .flops, .params: return 0
        case .proxy: return proxyMap == .rank ? 0 : nil
        case .transfer: return integer("samples") ?? TransferPredictor.defaultTrainingSamples
        default: return nil
        }
    }

    func number(_ k: String) -> Double? {
        switch options[k] {
        case .number(let x)?: return x
        case .integer(let i)?: return Double(i)
        default: return nil
        }
    }
    func integer(_ k: String) -> Int? { if case .integer(let i)? = options[k] { return i } else { return nil } }
    func bool(_ k: String) -> Bool? { if case .bool(let b)? = options[k] { return b } else { return nil } }
    func integers(_ k: String) -> [Int]? {
        guard case .list(let items)? = options[k] else { return nil }
        return items.compactMap { if case .integer(let i) = $0 { return i } else { return nil } }
    }
    func text(_ k: String) -> String? { if case .text(let s)? = options[k] { return s } else { return nil } }

    /// What a model needs to know about the table it is built for.
    public struct Context: Sendable {
        /// The one-hot encoding of the table's architectures (lookup table, FLOPs).
        public var encoding: (any OneHotEncoding)?
        /// The NB201 dataset (FLOPs and parameters).
        public var dataset: String
        /// Whether the caller hands a `proxy` its score as the one feature (learning curves).
        public var proxyFeatures: Bool
        /// The features are numeric columns (`data.features`) to z-score from the training
        /// rows (``FeatureStandardization``); never for one-hot encodings or `transfer`'s sources.
        public var standardizeFeatures: Bool
        public init(encoding: (any OneHotEncoding)?, dataset: String, proxyFeatures: Bool = false, standardizeFeatures: Bool = false) {
            self.encoding = encoding
            self.dataset = dataset
            self.proxyFeatures = proxyFeatures
            self.standardizeFeatures = standardizeFeatures
        }
    }

    /// The model, with its options applied, on standardised features where the context asks
    /// for it (every model but `transfer`, which reads its own source columns).
    /// - Throws: ``InputError`` when the model does not suit the table (a lookup table
    ///   without a one-hot encoding, FLOPs outside NB201, a base that does not parse).
    public func make(_ context: Context, key: String = "predictor") throws -> any Predictor {
        let made = try makeModel(context, key: key)
        guard context.standardizeFeatures, model != .transfer else { return made }
        return StandardizedPredictor(base: made)
    }

    /// The model itself, with its options applied.
    func makeModel(_ context: Context, key: String) throws -> any Predictor {
        switch model {
        case .linreg: return LinearRegression()
        case .ridge:
            var r = RidgeRegression(alpha: number("alpha"), standardize: bool("standardize") ?? false)
            r.selection = text("selection").flatMap(RidgeRegression.Selection.init) ?? .gcv
            return r
        case .lookupTable:
            guard let e = context.encoding else {
                throw InputError(key: key, "lookup-table needs architectures with a one-hot encoding (data.encoding: nb201 or fbnet)")
            }
            var base: [Int]?
            if let b = text("base") {
                do { base = try e.choices(of: b) } catch var err as InputError {
                    err.key = "\(key).base"
                    throw err
                }
            }
            return LookupTable(encoding: e, base: base)
        case .gp:
            var g = GaussianProcess(
                kernel: text("kernel").flatMap(GaussianProcess.Kernel.init) ?? .rbf,
                lengthScale: number("length_scale"), signalVariance: number("signal_variance"),
                noiseVariance: number("noise_variance"))
            if let s = integer("search_size") {
                guard s >= 2 else { throw InputError(key: "\(key).search_size", "gp: search_size must be ≥ 2, got \(s)") }
                g.searchSize = s
            }
            return g
        case .mlp:
            let d = MLP()
            var m = MLP(
                hidden: integers("hidden") ?? d.hidden, epochs: integer("epochs") ?? d.epochs,
                batchSize: integer("batch_size") ?? d.batchSize, learningRate: number("learning_rate") ?? d.learningRate,
                weightDecay: number("weight_decay"), earlyStopping: bool("early_stopping") ?? d.earlyStopping)
            if let p = integer("patience") { m.patience = p }
            if let c = bool("cosine_schedule") { m.cosineSchedule = c }
            return m
        case .flops, .params:
            guard context.encoding is NB201OneHotEncoding else {
                throw InputError(key: key, "\(name) is the NB201 closed form: it needs data.encoding nb201")
            }
            return try NB201CostEstimator(model == .flops ? .flops : .params, dataset: context.dataset, key: key)
        case .transfer:
            var t = TransferPredictor(logarithm: bool("logarithm") ?? false)
            t.ridge.alpha = number("alpha")
            t.ridge.selection = text("selection").flatMap(RidgeRegression.Selection.init) ?? t.ridge.selection
            return t
        case .proxy:
            guard context.proxyFeatures else {
                throw InputError(
                    key: key,
                    "proxy estimates accuracy from a zero-cost proxy: it is a predictor of learning curves with target: accuracy, not of a hardware metric"
                )
            }
            return ProxyEstimator(column: text("column") ?? "", map: proxyMap)
        }
    }
}
