// SPDX-License-Identifier: GPL-3.0-or-later

extension Scenario {
    /// The `predictors` section: each predictor by name, then every borrowed curve checked
    /// against the others.
    static func decodePredictors(_ p: YAMLValue) throws -> [String: PredictorSpec] {
        var predictors: [String: PredictorSpec] = [:]
        for (pname, v) in try p.entries() { predictors[pname] = try decodePredictor(v) }
        try checkBorrowedCurves(p, predictors)
        return predictors
    }

    /// A predictor of `predictors`: synthetic (`kendall_tau` curve) or trained (`model:`, with
    /// the model's options beside the budget keys).
    static func decodePredictor(_ v: YAMLValue) throws -> PredictorSpec {
        let entries = try v.entries()
        guard let mv = entries.first(where: { $0.key == "model" })?.value else {
            return try decodeSyntheticPredictor(v)
        }
        let m = Dictionary(entries.filter { predictorBudgetKeys.contains($0.key) }.map { ($0.key, $0.value) }) { a, _ in a }
        if let k = m["kendall_tau"] {
            throw k.error(
                "a trained predictor (model: …) takes its errors from the model: remove kendall_tau, or remove model for a synthetic predictor"
            )
        }
        let model = try decodePredictorModel(v, model: mv, entries: entries)
        let sample = try decodeTrainingSample(m["sample"], model: model)
        let samples = try decodeTrainSamples(v, m["train_samples"], model: model, sample: sample)
        var retrain: Int?
        if let rv = m["retrain_every"] {
            let k = try rv.int()
            guard k >= 1 else { throw rv.error("expected retrain_every ≥ 1 (verification measurements between refits), found \(k)") }
            retrain = k
        }
        func cost(_ key: String, default d: Double) throws -> Double { try m[key]?.nonNegative("a cost", unit: "seconds") ?? d }
        var spec = PredictorSpec(
            trainSamples: samples,
            trainSeconds: try cost("train_s", default: PredictorSpec.defaultTrainSeconds(model.model)),
            trainSecondsPerSample: try cost(
                "train_s_per_sample",
                default: PredictorSpec.defaultTrainSecondsPerSample(model.model, samples: samples)),
            querySeconds: try cost("query_s", default: PredictorSpec.defaultQuerySeconds), kendallTau: [])
        spec.model = model
        spec.sample = sample
        spec.retrainEvery = retrain
        return spec
    }

    /// The keys of a predictor that are not the options of its model.
    static let predictorBudgetKeys = [
        "train_samples", "train_s", "train_s_per_sample", "query_s", "kendall_tau", "model", "sample", "retrain_every"
    ]

    /// A trained predictor's model and its options (every key that is not a budget key); a key
    /// that is neither is named with the nearest of both. `ownKeys` are the mapping's keys that
    /// are not options (`offered` of them in messages, `owner` naming the mapping), so that
    /// other sections holding a model beside their own keys (`accuracy:`) read it the same way.
    static func decodePredictorModel(
        _ v: YAMLValue, model mv: YAMLValue, entries: [(key: String, value: YAMLValue)],
        ownKeys: [String] = predictorBudgetKeys, offered: [String]? = nil, owner: String = "a trained predictor"
    ) throws -> ModelSpec {
        var options: [String: ModelSpec.Option] = [:]
        let modelOptions = ModelSpec.Model(rawValue: try mv.string()).map { Array(ModelSpec.optionKinds[$0]!.keys) + ["trials"] }
        for (k, ov) in entries where !ownKeys.contains(k) {
            if let known = modelOptions, !known.contains(k) {
                let all = ((offered ?? ownKeys.filter { $0 != "kendall_tau" }) + known).sorted()
                throw ov.error("unknown key\(Suggest.hint(for: k, in: all)); \(owner) takes \(all.joined(separator: ", "))")
            }
            options[k] = try Scenario.option(ov)
        }
        do { return try ModelSpec.parse(model: try mv.string(), options: options, key: v.path) } catch let e as InputError {
            if let key = e.key, let dot = key.lastIndex(of: "."), key.hasPrefix(v.path + "."),
                let o = entries.first(where: { $0.key == String(key[key.index(after: dot)...]) })
            {
                throw o.value.error(e.message)
            }
            throw mv.error(e.message)
        }
    }

    /// `sample`: random, or the lookup table's structured cells (the lookup table's only choice).
    static func decodeTrainingSample(_ sv: YAMLValue?, model: ModelSpec) throws -> PredictorSpec.TrainingSample {
        guard let sv else { return model.model == .lookupTable ? .lookupTable : .random }
        let sample = try sv.choice(PredictorSpec.TrainingSample.self, PredictorSpec.TrainingSample.allCases)
        if model.model == .lookupTable && sample == .random {
            throw sv.error("lookup-table trains on its structured cells: expected sample: lookup-table (or leave sample out)")
        }
        return sample
    }

    /// `train_samples` of a trained predictor: required for a random sample; for the lookup
    /// table's cells, its 25 NB201 cells by default (checked against the encoding when the
    /// cells are built); a model's own default otherwise.
    static func decodeTrainSamples(_ v: YAMLValue, _ ts: YAMLValue?, model: ModelSpec, sample: PredictorSpec.TrainingSample) throws -> Int {
        if let ts {
            let samples = try ts.int()
            guard samples >= 1 else { throw ts.error("expected at least 1 training sample, found \(samples)") }
            if model.model == .transfer, let k = model.integer("samples"), k != samples {
                throw ts.error(
                    "transfer: train_samples \(samples) and samples \(k) disagree; give one of them (the target measurements it trains on)")
            }
            return samples
        }
        if let d = PredictorSpec.defaultTrainSamples(model) { return d }
        if sample == .lookupTable { return LookupTable(encoding: NB201OneHotEncoding()).measurementCount }
        throw v.error("missing key 'train_samples' (the size of the random training sample)")
    }

    /// Checks every `kendall_tau: {from: NAME}`: NAME must be another predictor, and a trained one
    /// (`model:`), whose learning curve the synthetic predictor borrows.
    /// - Throws: ``InputError`` at the `from` value.
    static func checkBorrowedCurves(_ section: YAMLValue, _ predictors: [String: PredictorSpec]) throws {
        for (name, v) in try section.entries() {
            guard let from = predictors[name]?.tauFrom,
                let node = try v.entries().first(where: { $0.key == "kendall_tau" })?.value.entries().first(where: { $0.key == "from" })?
                    .value
            else { continue }
            if from == name {
                throw node.error("a predictor cannot borrow its own learning curve: name a trained predictor (one with model:)")
            }
            guard let target = predictors[from] else {
                throw node.error(
                    "no predictor '\(from)' in 'predictors'\(Suggest.hint(for: from, in: predictors.keys.sorted())); kendall_tau: {from: NAME} names a trained predictor"
                )
            }
            guard target.model != nil else {
                throw node.error(
                    "predictor '\(from)' is synthetic (a kendall_tau curve): kendall_tau: {from: NAME} borrows the learning curve of a trained predictor (one with model:)"
                )
            }
        }
    }

    /// `trials` of a trained predictor means one thing everywhere: the random splits its
    /// learning curve is measured over. In a budget that curve is measured only for a synthetic
    /// predictor that borrows it (`kendall_tau: {from: NAME}`); elsewhere `trials` would change
    /// nothing (the budget's own trials are the scenario's), so it is refused.
    /// - Throws: ``InputError`` at the `trials` of a predictor no other predictor borrows from.
    static func checkPredictorTrials(_ section: YAMLValue?, _ predictors: [String: PredictorSpec]) throws {
        guard let section else { return }
        let lenders = Set(predictors.values.compactMap(\.tauFrom))
        for (name, v) in try section.entries() where !lenders.contains(name) {
            guard case .mapping = v.node, let t = try v.entries().first(where: { $0.key == "trials" })?.value else { continue }
            throw t.error(
                "has no effect here: a trained predictor's trials are the splits of its learning curve, which a budget measures only "
                    + "for a predictor with kendall_tau: {from: \(name)}; the budget's trials are the scenario's top-level trials: remove it"
            )
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
            var spec = PredictorSpec(
                trainSamples: samples, trainSeconds: try cost("train_s"),
                trainSecondsPerSample: try cost("train_s_per_sample"),
                querySeconds: try cost("query_s"), kendallTau: [])
            spec.tauFrom = try from.string()
            return spec
        }
        if case .mapping = curveValue.node {
            for (k, t) in try curveValue.entries() {
                guard let s = Double(k), s.isFinite, s >= 1 else {
                    throw t.error("expected a training-sample count ≥ 1 as key, found '\(k)'")
                }
                curve.append((s, try t.tau()))
            }
        } else {
            curve.append((1, try curveValue.tau()))
        }
        guard !curve.isEmpty else { throw curveValue.error("expected at least one {samples: tau} point") }
        curve.sort { $0.samples < $1.samples }
        return PredictorSpec(
            trainSamples: samples, trainSeconds: try cost("train_s"),
            trainSecondsPerSample: try cost("train_s_per_sample"),
            querySeconds: try cost("query_s"), kendallTau: curve)
    }
}
