// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// The bytes a refactor must keep: one small real-data scenario per strategy kind, every result
/// file but `run.json` (wall time) pinned by its SHA-256. A change of any number, column, order
/// or format fails here; rewrite a pin only when an output is meant to change, and say so.
@Suite struct PinnedOutputTests {
    /// One device (the sequential measure-only path): measure at random; a trained predictor
    /// trusted, verified once, iterated with `retrain_every`; the lookup table's structured
    /// sample; a synthetic predictor borrowing a trained one's tau.
    static let budgetOneDevice = """
        name: pin-one-device
        seed: 31
        trials: 4
        data:
          benchmark: nb201
          pairs: [{dataset: ImageNet16-120, metric: raspi4_latency}]
        subset_sizes: [15625]
        budget:
          seconds: [600, 3600, 14400]
          devices: 1
          measurement: {setup_s: 5, warmup_s: 3, repeats: 50, noise_relative_sd: 0.02}
          strategies:
            - {name: measure-only, measure: random}
            - {name: linreg, predictor: linreg}
            - {name: linreg+verify, predictor: linreg, verify: selected}
            - {name: linreg+iterate, predictor: linreg, verify: iterate, then: stop}
            - {name: lut+verify, predictor: lut, verify: selected}
            - {name: ridge-lut-sample+iterate, predictor: ridge-lut, verify: iterate, then: stop}
            - {name: borrowed+verify, predictor: borrowed, verify: selected}
        predictors:
          linreg: {model: linreg, train_samples: 60, train_s: 1, query_s: 0.00002, retrain_every: 5}
          lut: {model: lookup-table, query_s: 0.00001}
          ridge-lut: {model: ridge, sample: lookup-table, train_samples: 40, retrain_every: 5}
          borrowed: {train_samples: 60, train_s: 0.01, query_s: 0.00002, kendall_tau: {from: linreg}}

        """

    /// Three devices and latency limits (regret): the event queue with several slots, the limit
    /// pick, a synthetic tau curve, measure-only against verified and iterated predictors.
    static let budgetDevicesAndLimits = """
        name: pin-devices-limits
        seed: 12
        trials: 5
        data:
          benchmark: nb201
          pairs: [{dataset: cifar100, metric: pixel3_latency}]
        subset_sizes: [3000]
        selection: {limit: [5, 10]}
        budget:
          seconds: [300, 1800, 7200]
          devices: 3
          measurement: {setup_s: 10, warmup_s: 5, repeats: 100, noise_relative_sd: 0.03}
          decide_by: regret
          strategies:
            - {name: measure-only, measure: random}
            - {name: ridge, predictor: ridge}
            - {name: ridge+verify, predictor: ridge, verify: selected}
            - {name: ridge+iterate, predictor: ridge, verify: iterate, then: stop}
            - {name: synthetic+iterate, predictor: synthetic, verify: iterate, then: stop}
        predictors:
          ridge: {model: ridge, train_samples: 80, retrain_every: 4}
          synthetic: {train_samples: 100, train_s: 20, query_s: 0.0001, kendall_tau: {10: 0.3, 1000: 0.7}}

        """

    /// A trained study with injected noise matched to each trained row's tau.
    static let trainedStudy = """
        name: pin-trained-study
        seed: 5
        trials: 4
        data:
          benchmark: nb201
          pairs:
            - {dataset: ImageNet16-120, metric: raspi4_latency}
            - {dataset: cifar10, metric: edgegpu_energy}
        subset_sizes: [300]
        noise:
          model: trained
          levels: [11, 55]
          predictor: [lookup-table, linreg, {model: ridge, trials: 2}]
          compare_injected: true
        reference_point: subset-max

        """

    /// An injected-noise study on a real pair (the study's own path).
    static let injectedStudy = """
        name: pin-injected-study
        seed: 2022
        trials: 20
        data:
          benchmark: nb201
          pairing: paper-sorted
          pairs: [{dataset: cifar100, metric: edgegpu_latency}]
        subset_sizes: [100, 1000]
        noise: {model: paper-mixture, levels: [0.0, 0.4, 1.0]}
        reference_point: subset-max

        """

    /// A learning curve over the closed-form models and a small MLP.
    static let learningCurve = """
        name: pin-learning
        seed: 4
        trials: 3
        data:
          benchmark: nb201
          pairs: [{dataset: cifar10, metric: pixel3_latency}]
        learning_curve:
          train_samples: [11, 124]
          test_samples: 300
          predictors:
            - lookup-table
            - flops
            - linreg
            - ridge
            - {model: gp, trials: 2}
            - {model: mlp, trials: 2, epochs: 2, hidden: [8]}
            - {model: transfer, source: [pixel2_latency, raspi4_latency]}

        """

    /// Every top-level result file of a run of `text` (not `run.json`), by name, as SHA-256.
    static func hashes(_ text: String, jobs: Int = 2) throws -> [String: String] {
        let out = Fixtures.temporaryDirectory("pin")
        _ = try ScenarioRunner.run(
            path: Fixtures.file("s.yaml", text),
            options: RunOptions(outDirectory: out, jobs: jobs, dataDirectory: Fixtures.dataDirectory, trialsOut: true))
        var result: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: out)
        where name != "run.json" && name != "cells" && name != "plan.json" {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
            result[name] = SHA256.hex(of: Array(bytes))
        }
        return result
    }

    static func describe(_ hashes: [String: String]) -> String {
        hashes.keys.sorted().map { "\"\($0)\": \"\(hashes[$0]!)\"" }.joined(separator: ",\n")
    }

    /// Each pinned scenario by the name its hashes are pinned under.
    static let scenarios: [String: String] = [
        "budgetOneDevice": budgetOneDevice,
        "budgetDevicesAndLimits": budgetDevicesAndLimits,
        "trainedStudy": trainedStudy,
        "injectedStudy": injectedStudy,
        "learningCurve": learningCurve
    ]

    @Test(arguments: ["budgetOneDevice", "budgetDevicesAndLimits", "trainedStudy", "injectedStudy", "learningCurve"])
    func outputsKeepTheirBytes(_ name: String) throws {
        let got = try Self.hashes(try #require(Self.scenarios[name]))
        #expect(!got.isEmpty)
        #expect(got == Self.pinned[name], "\(Self.describe(got))")
    }

    static let pinned: [String: [String: String]] = [
        "budgetOneDevice": [
            "budget.csv": "2cad1bf25bb42ea0ca2196802184d07caa701657314300f6b00c57d8cd267b7e",
            "budget_trials.csv": "0da4aca7504c25595998bda520e4dc19fc0d4689725ed8d4aeeb578df1d70b52",
            "decision.csv": "a985294dd247094498e19d2daaf5d9122b97c7099c254da361e52e2a5718b29d"
        ],
        "budgetDevicesAndLimits": [
            "budget.csv": "9e546c6a0d2777410074404b11a094eae4d70a7068c4005a759eb5c481c49121",
            "budget_trials.csv": "8b86c774c7f3f16678b0193dbc104cfe0178951139c9af338bd5236909096ef3",
            "decision.csv": "73de5cab6ac066b3a2c1296b851eb16aa348e96d5172ff31a87a20ddb305e008"
        ],
        "trainedStudy": [
            "headline.csv": "0cbc54c8a0cd9ee9b68db7211f63faf7aafc5664acd32bd9fb827de1c335b154",
            "summary.csv": "4294f891b91bff7010426c1c1a6e0323574fa9deae1e66be706af1456edb20bd",
            "trials.csv": "7314d0eb55252e226e0150cf71c57c3d1dad425d65b491d26b600065331c8e6b"
        ],
        "injectedStudy": [
            "headline.csv": "bfae1bcb83f0fb9f8f58bf0d99ece0ac308e65d6c36172598443bd2e55f02352",
            "summary.csv": "556016b3809934c7c9c00af1433235191bed265cf72a737d1be90383b228586a",
            "trials.csv": "bfd4ac37a827f3939f283db9b1cb631d8d7d7c6b726dbddb845109c1d07d05df",
            // Added with trial0.csv (figure 4's trial, written at run time); the others unchanged.
            "trial0.csv": "37faa9bed6e50d7ffad4b312f2917ead00d7233df9e71fa236c0c66fcf20a675"
        ],
        // Re-pinned when linreg on one-hot rows moved from the SVD to the reference-coded normal
        // equations (OneHotLeastSquares): its 124-sample pearson, rmse and mae moved in the last
        // one or two digits (about 1e-15 relative), tau and spearman and every other row kept
        // their bits (OneHotLeastSquaresTests.pinnedCurveThroughBothPaths).
        "learningCurve": [
            "learning.csv": "3ee713d95336e01bc9f8dfb7d6c0fc1f1b95e39e26a6997f0cacf2b52f50b3a2"
        ]
    ]
}
