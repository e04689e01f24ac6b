// SPDX-License-Identifier: GPL-3.0-or-later

/// A commented scenario of each kind to start from (`hwnas-sim example KIND`); each validates
/// and runs as printed (the csv one beside the table its comment describes).
public enum ScenarioTemplate: String, CaseIterable, Sendable {
    /// The noise study on NB201.
    case study
    /// Predict or measure under a time budget, with trained predictors.
    case budget
    /// A noise study on one's own CSV table.
    case csv
    /// Predictor learning curves (`hwnas-sim learn`).
    case learn

    /// The template's YAML text, ending in a newline.
    public var text: String {
        switch self {
        case .study:
            """
            # A noise study: how much accuracy does a predictor's error cost? (hwnas-sim example study)
            # Every key is documented in Scenarios/README.md; the method in docs/study.md.
            name: my-study
            seed: 1                      # same seed -> byte-identical results
            trials: 200                  # trials per (pair, subset size); the study used 1000
            data:
              benchmark: nb201           # the bundled NAS-Bench-201 x HW-NAS-Bench tables
              pairing: true              # true: each architecture keeps its own metric
              pairs:                     # accuracy of `dataset` against one hardware metric
                - {dataset: ImageNet16-120, metric: raspi4_latency}
                - {dataset: cifar100, metric: pixel3_latency}
            subset_sizes: [1000, 15625]  # architectures drawn per trial (15625: the whole space)
            noise:
              model: kendall-tau         # paper-mixture | gaussian (std in z-units) | kendall-tau (target tau) | trained (levels: training samples; predictor: linreg)
              levels: [0.5, 0.7, 0.9]
            measures: [kendall_tau, hv, hv_retained, mra_all, mra_pareto, n_selected, n_verified]

            """
        case .budget:
            """
            # Predict or measure? A trained predictor against live measurement under a time budget
            # (hwnas-sim example budget). Keys: Scenarios/README.md, `budget`; the method: docs/budget.md.
            name: my-budget
            seed: 1
            trials: 100
            data:
              benchmark: nb201
              pairs: [{dataset: ImageNet16-120, metric: raspi4_latency}]   # the metric is also the cost
            subset_sizes: [15625]
            budget:
              seconds: [1800, 7200, 43200]      # checkpoints: 30 min, 2 h, 12 h
              devices: 1                        # measurement devices working in parallel
              measurement: {setup_s: 5, warmup_s: 3, repeats: 50, noise_relative_sd: 0.02}
              strategies:
                - {name: measure-only, measure: random}
                - {name: linreg, predictor: linreg}
                - {name: linreg+verify, predictor: linreg, verify: selected}
                - {name: lut+verify, predictor: lookup-table, verify: selected}
            predictors:
              # Trained in every trial on what the device measured, the measurements charged to the
              # budget: linreg on 124 random architectures (one-hot cell encoding), refitted after
              # every 10 further measurements; the lookup table on its 25 structured cells.
              # (A synthetic predictor instead: {train_samples: 124, kendall_tau: 0.7}, no model.)
              linreg: {model: linreg, train_samples: 124, retrain_every: 10}
              lookup-table: {model: lookup-table}

            """
        case .csv:
            """
            # Your own table (hwnas-sim example csv): one row per architecture, e.g. my-space.csv
            #   id,accuracy,lat_ms,energy_mj
            #   a0,71.2,12.5,30.1
            #   ...
            # Missing values are errors unless `missing: drop`. Keys: Scenarios/README.md.
            name: my-table
            seed: 1
            trials: 100
            data:
              benchmark: csv
              file: my-space.csv         # relative to this scenario file
              id_column: id
              accuracy_column: accuracy
              accuracy_unit: percent     # percent | fraction
              pairs: [{metric: lat_ms}, {metric: energy_mj}]
            subset_sizes: [100]
            noise: {model: kendall-tau, levels: [0.5, 0.8]}

            """
        case .learn:
            """
            # Learning curves: how well do predictors trained on measured architectures rank the
            # others? (hwnas-sim example learn; run it with `hwnas-sim learn FILE`). Keys:
            # Scenarios/README.md, `learning_curve`.
            name: my-learning-curves
            seed: 1
            trials: 20                   # random splits (test set + disjoint training set) per size
            data:
              benchmark: nb201           # nb201 | fbnet (FBNet latencies) | csv (data.features or data.arch_column)
              pairs:
                - {dataset: ImageNet16-120, metric: raspi4_latency}
            learning_curve:
              train_samples: [11, 124, 1366]   # measured architectures a predictor trains on
              test_samples: 625                # architectures it is scored on (Kendall tau, Spearman, ...)
              measurement_noise: 0             # relative sd of the noise on measured training values
              predictors:
                - lookup-table           # its own 25 measurements (base cell + single-edge changes)
                - flops                  # no measurement at all
                - linreg
                - ridge
                - {model: gp, trials: 5, train_samples: [11, 124, 1366]}   # fewer splits: a costly model
                - {model: mlp, trials: 3, epochs: 30}
                - transfer               # 10 measurements, other devices' latencies as features

            """
        }
    }
}
