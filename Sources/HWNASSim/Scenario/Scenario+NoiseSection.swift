// SPDX-License-Identifier: GPL-3.0-or-later

extension Scenario {
    /// The `noise` section: an injected model (`paper-mixture`, `gaussian`, `kendall-tau`) with
    /// its levels, or `model: trained` with its predictors and training sizes. (That no
    /// training size exceeds a subset is checked with `subset_sizes`, in ``validate(_:_:sweepValues:)``.)
    static func decodeNoise(_ nv: YAMLValue) throws -> NoiseSpec {
        let n = try nv.mapping(allowed: ["model", "levels", "accuracy_sd", "predictor", "measurement_relative_sd", "compare_injected"])
        guard let mv = n["model"] else { throw nv.error("missing key 'model'") }
        let model = try mv.choice(NoiseModelKind.self, NoiseModelKind.allCases)
        var predictors: [TrainedNoisePredictor] = []
        if model == .trained {
            guard let pv = n["predictor"] else {
                throw nv.error(
                    "missing key 'predictor' for model: trained (a model name such as linreg, or {model: NAME, …options}, or a list of them)"
                )
            }
            predictors = try decodeTrainedNoisePredictors(pv)
        } else {
            for key in ["predictor", "measurement_relative_sd", "compare_injected"] {
                if let v = n[key] {
                    throw v.error(
                        "only used with model: trained (a model fitted to measured architectures), this section uses '\(model.rawValue)'")
                }
            }
        }
        var levels: [Double] = []
        if let lv = n["levels"] {
            levels = try decodeNoiseLevels(lv, model: model)
        } else if model != .trained || predictors.contains(where: \.usesLevels) {
            throw nv.error(model == .trained ? "missing key 'levels' (training-sample counts)" : "missing key 'levels'")
        }
        var accuracySD = 0.0
        if let a = n["accuracy_sd"] {
            accuracySD = try a.double()
            guard accuracySD >= 0 else {
                throw a.error("expected a standard deviation ≥ 0 (accuracy percentage points), found \(accuracySD)")
            }
        }
        var noise = NoiseSpec(model: model, levels: levels, accuracySD: accuracySD)
        noise.predictors = predictors
        if let m = n["measurement_relative_sd"] { noise.measurementRelativeSD = try m.nonNegative("a relative standard deviation") }
        if let c = n["compare_injected"] { noise.compareInjected = try c.bool() }
        return noise
    }

    /// `noise.predictor` of `model: trained`: models that train on measurements, each once.
    static func decodeTrainedNoisePredictors(_ pv: YAMLValue) throws -> [TrainedNoisePredictor] {
        let items = try noisePredictorItems(pv)
        guard !items.isEmpty else { throw pv.error("expected at least one predictor, found an empty list") }
        var predictors: [TrainedNoisePredictor] = []
        for item in items {
            let (spec, own) = try decodeModel(item)
            if [.flops, .params].contains(spec.model) {
                throw item.error(
                    "\(spec.name) needs no measurement, so it has no training sizes to study; expected lookup-table, linreg, ridge, gp, mlp or transfer"
                )
            }
            if predictors.contains(where: { $0.model.name == spec.name }) {
                throw item.error("predictor '\(spec.name)' is listed twice: summary.csv names its rows by model, so list each model once")
            }
            predictors.append(TrainedNoisePredictor(model: spec, ownLevels: own))
        }
        return predictors
    }

    /// The items of `noise.predictor`: one mapping, or a list of names and mappings.
    static func noisePredictorItems(_ pv: YAMLValue) throws -> [YAMLValue] {
        if case .mapping = pv.node { return [pv] }
        return try pv.list(scalarAsList: true)
    }

    /// `noise.levels` of `model`: a target tau, a standard deviation in z-units, or a number of
    /// training samples; at least one, none repeated.
    static func decodeNoiseLevels(_ lv: YAMLValue, model: NoiseModelKind) throws -> [Double] {
        var levels: [Double] = []
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
            }
            levels.append(x)
        }
        guard !levels.isEmpty else { throw lv.error("expected at least one noise level, found an empty list") }
        guard Set(levels).count == levels.count else { throw lv.error("noise levels repeat a value") }
        return levels
    }
}
