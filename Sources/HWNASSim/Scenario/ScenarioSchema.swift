// SPDX-License-Identifier: GPL-3.0-or-later

/// Every key a scenario file may hold, as full key paths, for "did you mean" hints that point
/// to a key at another level (`budget.repeats` → `budget.measurement.repeats`).
///
/// `[]` stands for any item of a list, `*` for a name the user chooses (a predictor's).
/// `Scenarios/README.md` documents each; a test checks every key of the shipped scenarios is here.
enum ScenarioSchema {
    static let keyPaths: [String] =
        [
            "name", "description", "seed", "trials", "subset_sizes", "reference_point", "measures", "sweep",
            "reference_point.accuracy", "reference_point.metric",
            "data", "data.benchmark", "data.pairing", "data.precision", "data.file", "data.id_column", "data.accuracy_column",
            "data.accuracy_unit", "data.missing", "data.size", "data.rank_correlation", "data.seed",
            "data.pairs", "data.pairs[].dataset", "data.pairs[].metric", "data.pairs[].latency_column",
            "noise", "noise.model", "noise.levels", "noise.accuracy_sd", "noise.measurement_relative_sd", "noise.compare_injected",
            "noise.predictor", "noise.predictor.model", "noise.predictor.trials", "noise.predictor.train_samples",
            "noise.predictor[].model", "noise.predictor[].trials", "noise.predictor[].train_samples",
            "selection", "selection.limit",
            "predictors", "predictors.*", "predictors.*.train_samples", "predictors.*.train_s", "predictors.*.train_s_per_sample",
            "predictors.*.query_s", "predictors.*.kendall_tau", "predictors.*.model", "predictors.*.sample",
            "predictors.*.retrain_every", "predictors.*.trials", "predictors.*.kendall_tau.from",
            "budget", "budget.seconds", "budget.devices", "budget.decide_by", "budget.limit_tolerance",
            "budget.measurement", "budget.measurement.setup_s", "budget.measurement.warmup_s", "budget.measurement.repeats",
            "budget.measurement.run_s", "budget.measurement.noise_relative_sd",
            "budget.strategies", "budget.strategies[].name", "budget.strategies[].measure", "budget.strategies[].predictor",
            "budget.strategies[].verify", "budget.strategies[].search", "budget.strategies[].population",
            "budget.strategies[].sample", "budget.strategies[].candidates", "budget.strategies[].then", "budget.strategies[].kappa",
            "budget.strategies[].batch", "budget.strategies[].remeasure", "budget.trainers", "budget.training",
            "budget.training.epochs", "budget.training.setup_s", "budget.training.seconds_per_epoch",
            "budget.training.seconds_per_epoch_per_mflop", "budget.training.accuracy_noise_sd", "budget.strategies[].accuracy",
            "budget.strategies[].accuracy.source", "budget.strategies[].accuracy.column", "budget.strategies[].accuracy.proxy_s",
            "budget.strategies[].accuracy.predictor", "budget.strategies[].accuracy.proxy_feature",
            "data.features", "data.arch_column", "data.encoding",
            "learning_curve", "learning_curve.train_samples", "learning_curve.test_samples", "learning_curve.measurement_noise",
            "learning_curve.predictors", "learning_curve.predictors[].model", "learning_curve.predictors[].trials",
            "learning_curve.predictors[].train_samples", "learning_curve.target",
            "accuracy", "accuracy.source", "accuracy.kendall_tau", "accuracy.accuracy_noise_sd", "accuracy.repeats", "accuracy.column",
            "accuracy.model", "accuracy.proxy_feature"
        ]
        + Set(ModelSpec.optionKinds.values.flatMap(\.keys)).sorted().flatMap {
            ["learning_curve.predictors[].\($0)", "predictors.*.\($0)", "noise.predictor.\($0)", "noise.predictor[].\($0)"]
        }
        + ["accuracy.map", "accuracy.train_samples"] + Scenario.accuracyModelOptionKeys.map { "accuracy.\($0)" }

    /// A key path of the schema, outside `parent`, whose last key is `key`; nil when there is
    /// none or the key belongs under `parent` anyway.
    static func placeElsewhere(of key: String, under parent: String) -> String? {
        let normalised = normalise(parent)
        return keyPaths.first { path in
            let parts = path.split(separator: ".")
            guard parts.last.map(String.init).map({ $0 == key || $0 == key + "[]" }) == true else { return false }
            let itsParent = parts.dropLast().joined(separator: ".")
            return itsParent != normalised
        }
    }

    /// `budget.strategies[2]` → `budget.strategies[]`, `predictors.linreg` → `predictors.*`.
    static func normalise(_ path: String) -> String {
        var parts = path.split(separator: ".").map { part -> String in
            if let bracket = part.firstIndex(of: "[") { return part[..<bracket] + "[]" }
            return String(part)
        }
        if parts.count >= 2 && parts[0] == "predictors" { parts[1] = "*" }
        return parts.joined(separator: ".")
    }
}
