// SPDX-License-Identifier: GPL-3.0-or-later

extension Scenario {
    /// `accuracy:` of source `predictor`: the model with its options (read as the `predictors:`
    /// section reads one, ``decodePredictorModel(_:model:entries:ownKeys:offered:owner:)``),
    /// `train_samples`, `proxy_feature`; `accuracy_noise_sd` keeps its default
    /// (``AccuracySpec/defaultNoiseSD``, as for `train`) unless given.
    /// - Throws: ``InputError`` at the key: a missing or unknown model (with a did-you-mean
    ///   hint), a model that cannot learn from trained architectures' one-hot, an unknown option,
    ///   `trials`, `train_samples` missing or outside the model's training sizes (at least 2),
    ///   an unknown proxy.
    static func decodeAccuracyPredictor(_ m: [String: YAMLValue], section v: YAMLValue, into spec: inout AccuracySpec) throws {
        let names = AccuracySpec.predictorModels.map(\.rawValue).joined(separator: ", ")
        guard let mv = m["model"] else {
            throw v.error(
                "missing key 'model': the model fitted to the trained architectures' observed accuracy (\(names)), its options beside it")
        }
        let model = try decodePredictorModel(
            v, model: mv, entries: try v.entries(), ownKeys: accuracyKeys,
            offered: ["accuracy_noise_sd", "model", "proxy_feature", "source", "train_samples"], owner: "an accuracy predictor")
        guard AccuracySpec.predictorModels.contains(model.model) else {
            let why: String
            switch model.model {
            case .lookupTable: why = "it trains on its structured cells, not on architectures drawn from the subset"
            case .flops, .params: why = "it is a closed-form cost, fitted to nothing"
            case .transfer: why = "it reads other devices' latencies"
            case .proxy: why = "a proxy as is or mapped is source: proxy"
            default: why = "it does not learn from one-hot features"
            }
            throw mv.error("\(model.name) cannot be fitted to trained architectures' accuracy (\(why)); expected one of \(names)")
        }
        if let t = m["trials"] {
            throw t.error("has no effect here: the noise study's trials are the scenario's top-level trials; remove it")
        }
        guard let ts = m["train_samples"] else {
            throw v.error("missing key 'train_samples': the architectures of each subset trained to fit the model on (at least 2)")
        }
        spec.trainSamples = try ts.int()
        let made: any Predictor
        do { made = try model.make(.init(encoding: NB201OneHotEncoding(), dataset: "")) } catch let e as InputError {
            throw mv.error(e.message)
        }
        let least = max(2, made.minimumTrainingSize)
        guard spec.trainSamples >= least else {
            throw ts.error("\(model.name) needs at least \(least) trained architectures, found \(spec.trainSamples)")
        }
        if let most = made.maximumTrainingSize, spec.trainSamples > most {
            throw ts.error(
                "\(model.name) takes at most \(most) trained architectures (its cost grows fast with the size), found \(spec.trainSamples)")
        }
        if let f = m["proxy_feature"] {
            let name = try f.string()
            let offered = [AccuracySpec.noProxyFeature] + ProxyColumn.names
            guard offered.contains(name) else {
                throw f.error(
                    "unknown proxy '\(name)'\(Suggest.hint(for: name, in: offered)); expected one of \(offered.joined(separator: ", "))")
            }
            spec.proxyFeature = name == AccuracySpec.noProxyFeature ? nil : name
        }
        spec.model = model
    }
}
