// SPDX-License-Identifier: GPL-3.0-or-later

extension Scenario {
    /// A proxy's name (``ProxyColumn/names``).
    static func proxyName(_ c: YAMLValue) throws -> String {
        let column = try c.string()
        guard ProxyColumn.names.contains(column) else {
            throw c.error(
                "unknown proxy '\(column)'\(Suggest.hint(for: column, in: ProxyColumn.names)); expected one of \(ProxyColumn.names.joined(separator: ", "))"
            )
        }
        return column
    }

    /// `budget.trainers`: 1…4096 GPUs that train networks.
    static func decodeTrainers(_ v: YAMLValue) throws -> Int {
        let k = try v.int()
        guard k >= 1 && k <= 4096 else { throw v.error("expected 1…4096 trainers (GPUs that train networks), found \(k)") }
        return k
    }

    /// `budget.training`: the cost model of training one network and its seed noise.
    /// - Throws: ``InputError`` at the key: a negative cost, epochs < 1, a model that costs
    ///   nothing (neither `seconds_per_epoch` nor `seconds_per_epoch_per_mflop` nor `setup_s`).
    static func decodeTraining(_ v: YAMLValue) throws -> TrainingCost {
        let m = try v.mapping(allowed: ["epochs", "setup_s", "seconds_per_epoch", "seconds_per_epoch_per_mflop", "accuracy_noise_sd"])
        var cost = TrainingCost()
        if let e = m["epochs"] {
            cost.epochs = try e.int()
            guard cost.epochs >= 1 else { throw e.error("expected at least 1 epoch, found \(cost.epochs)") }
        }
        cost.setupSeconds = try m["setup_s"]?.nonNegative("a cost", unit: "seconds") ?? 0
        cost.secondsPerEpoch = try m["seconds_per_epoch"]?.nonNegative("a cost", unit: "seconds") ?? 0
        cost.secondsPerEpochPerMFLOP = try m["seconds_per_epoch_per_mflop"]?.nonNegative("a cost", unit: "seconds") ?? 0
        cost.accuracyNoiseSD =
            try m["accuracy_noise_sd"]?.nonNegative("a standard deviation", unit: "percentage points") ?? cost.accuracyNoiseSD
        guard cost.seconds(mflops: 1) > 0 else {
            throw v.error(
                "training costs nothing: give seconds_per_epoch and/or seconds_per_epoch_per_mflop (seconds on one trainer), or setup_s")
        }
        return cost
    }

    /// A budget strategy's `accuracy:`: how it chooses what to train (``TrainingChoice``).
    /// - Throws: ``InputError`` at the key: a source a budget cannot train by (`known`,
    ///   `noise`), a key of another source, a proxy without `column` or unknown, a negative
    ///   `proxy_s`, a predictor without a name.
    static func decodeTrainingChoice(_ v: YAMLValue) throws -> TrainingChoice {
        let m = try v.mapping(allowed: ["source", "column", "proxy_s", "predictor", "proxy_feature"])
        guard let sv = m["source"] else { throw v.error("missing key 'source' (train, proxy or predictor)") }
        let source = try sv.string()
        let owners: [(key: String, sources: [String])] = [
            ("column", ["proxy"]), ("proxy_s", ["proxy", "predictor"]), ("predictor", ["predictor"]), ("proxy_feature", ["predictor"])
        ]
        for (key, sources) in owners where !sources.contains(source) {
            let owner = sources[0]
            if let value = m[key] { throw value.error("belongs to accuracy source '\(owner)', not '\(source)'") }
        }
        switch source {
        case "train":
            return .random
        case "proxy":
            guard let c = m["column"] else { throw v.error("missing key 'column': the proxy's name (naswot_score, flops, params)") }
            let column = try proxyName(c)
            let seconds = try m["proxy_s"]?.nonNegative("a cost", unit: "seconds") ?? TrainingChoice.defaultProxySeconds(column)
            return .proxy(column: column, seconds: seconds)
        case "predictor":
            guard let p = m["predictor"] else { throw v.error("missing key 'predictor': the name of a 'predictors' entry with a model") }
            guard let f = m["proxy_feature"] else {
                if let s = m["proxy_s"] { throw s.error("'proxy_s' is the cost of a proxy_feature: give one or remove it") }
                return .predictor(try p.string())
            }
            let column = try proxyName(f)
            let seconds = try m["proxy_s"]?.nonNegative("a cost", unit: "seconds") ?? TrainingChoice.defaultProxySeconds(column)
            return .predictor(try p.string(), proxyFeature: column, seconds: seconds)
        case "known", "noise":
            throw sv.error(
                "a budget strategy learns accuracy by training: expected source train, proxy or predictor ('\(source)' belongs to noise studies)"
            )
        default:
            let names = ["train", "proxy", "predictor"]
            throw sv.error(
                "unknown accuracy source '\(source)'\(Suggest.hint(for: source, in: names)); expected one of \(names.joined(separator: ", "))"
            )
        }
    }
}
