// SPDX-License-Identifier: GPL-3.0-or-later

/// What the sections of a scenario file decoded to, before the rules that span them are
/// checked and the experiment of the file's kind is built.
struct DecodedSections {
    var name: String
    var seed: UInt64
    var trials: Int
    var data: DataSection
    var learningCurve: LearningCurveSpec?
    var subsetSizes: [Int] = []
    var predictors: [String: PredictorSpec] = [:]
    var limits: [Double] = []
    var budget: BudgetSpec?
    var noise: NoiseSpec?
    var referencePoint = ReferencePoint.subsetMax
    var measures = Measure.allCases
    var accuracy = AccuracySpec()

    /// The experiment of `kind`, once ``Scenario/validate(_:_:sweepValues:)`` passed (it checks
    /// that the kind's sections are there).
    func experiment(_ kind: Experiment.Kind) -> Experiment {
        switch kind {
        case .learningCurve:
            return .learningCurve(learningCurve!)
        case .budgetStudy:
            return .budgetStudy(
                BudgetStudySpec(
                    subsetSizes: subsetSizes, budget: budget!, predictors: predictors, limits: limits,
                    referencePoint: referencePoint, measures: measures))
        case .noiseStudy:
            var study = NoiseStudySpec(subsetSizes: subsetSizes, noise: noise!, referencePoint: referencePoint, measures: measures)
            study.accuracy = accuracy
            return .noiseStudy(study)
        }
    }
}

extension Scenario {
    /// The rules that span sections, in this order: the sections a kind has or lacks, the
    /// strategies against the predictors and limits, the noise against the subset sizes, the
    /// noise against the measures.
    /// - Throws: ``InputError`` at the key that breaks a rule.
    static func validate(_ d: DecodedSections, _ file: ScenarioSections, sweepValues: [(key: String, value: String)]) throws {
        try checkSectionsOfKind(d, file)
        try checkAccuracySection(d, file)
        if let budget = d.budget { try checkStrategies(budget, d, file) }
        try checkSectionsOfStudy(d, file)
        if let noise = d.noise {
            try checkNoiseFitsSubsets(noise, d, file, sweepValues: sweepValues)
            try checkNoiseMeasures(noise, d, file)
        }
    }

    /// A learning curve reads `data` and `learning_curve` only; FBNet (no accuracy) is for
    /// learning curves only; `selection` scores the picks of budget strategies.
    static func checkSectionsOfKind(_ d: DecodedSections, _ file: ScenarioSections) throws {
        if file.kind == .learningCurve {
            for key in ["budget", "selection", "noise", "subset_sizes", "reference_point", "measures"] {
                if let v = file[key] {
                    throw v.error(
                        "has no effect in a learning-curve scenario (it trains and scores the predictors of learning_curve; training sizes are learning_curve.train_samples): remove it"
                    )
                }
            }
        } else if case .fbnet = d.data.source, let benchmark = file.value("data", "benchmark") {
            throw benchmark.error(
                "the FBNet table has no accuracy: a selection or budget scenario needs benchmark nb201, csv or synthetic (FBNet's latencies are for predictor learning curves: add a learning_curve section)"
            )
        }
        if let s = file["selection"], file.kind != .budgetStudy {
            throw s.error("a latency-limited selection needs a 'budget' section (it scores the pick of each strategy)")
        }
    }

    /// Every strategy's predictor is defined in `predictors`; a decision by `regret` or
    /// `violation` has a latency limit to judge.
    static func checkStrategies(_ budget: BudgetSpec, _ d: DecodedSections, _ file: ScenarioSections) throws {
        for (i, strategy) in budget.strategies.enumerated() {
            if case .train(.predictor(let p, _, _)) = strategy.kind {
                let item = try file.value("budget", "strategies")!.list()[i]
                let key = item.child("accuracy", item.node.mapping!["accuracy"]!)
                guard let spec = d.predictors[p] else {
                    let hint = Suggest.hint(for: p, in: d.predictors.keys.sorted())
                    throw key.error("no predictor '\(p)' in 'predictors'\(hint)")
                }
                guard let model = spec.model else {
                    throw key.error("predictor '\(p)' learns accuracy from trained networks: give it a model (model: ridge, gp, mlp, …)")
                }
                guard AccuracySpec.predictorModels.contains(model.model) else {
                    throw key.error(
                        "predictor '\(p)': a \(model.model.rawValue) model does not learn accuracy from random trained networks: use linreg, ridge, gp or mlp"
                    )
                }
                continue
            }
            guard case .predictor(let p) = strategy.kind, d.predictors[p] == nil else { continue }
            let item = try file.value("budget", "strategies")!.list()[i]
            let hint = Suggest.hint(for: p, in: d.predictors.keys.sorted())
            throw item.child("predictor", item.node.mapping!["predictor"]!).error("no predictor '\(p)' in 'predictors'\(hint)")
        }
        try checkSearchFitsSubsets(budget, d, file)
        if ["regret", "violation"].contains(budget.decideBy), d.limits.isEmpty {
            throw file.value("budget", "decide_by")!.error("'\(budget.decideBy)' needs a latency limit: add selection: {limit: L}")
        }
    }

    /// A noise study has a `noise` section and no `predictors` (those serve budget strategies);
    /// a budget study has no `noise` (its errors come from the predictors).
    static func checkSectionsOfStudy(_ d: DecodedSections, _ file: ScenarioSections) throws {
        guard file.kind != .learningCurve else { return }
        if file.kind == .noiseStudy, d.noise == nil {
            throw file.root.error("missing key 'noise' (a scenario without a 'budget' section studies noise levels)")
        }
        if file.kind == .budgetStudy, let nv = file["noise"] {
            // Checked after the section itself, so that a broken one is reported as such.
            throw nv.error(
                "`noise` has no effect in a budget study: predictor errors come from the learning curves "
                    + "(predictors.NAME.kendall_tau) and measurement noise from budget.measurement.noise_relative_sd; remove the section")
        }
        if file.kind == .budgetStudy, let m = file["measures"] {
            throw m.error(
                "`measures` has no effect in a budget study: budget.csv holds every budget measure, decide shows "
                    + "hv_retained, mra_pareto and mean_regret and decides by budget.decide_by; remove it")
        }
        if file.kind == .noiseStudy, let p = file["predictors"] {
            throw p.error(
                "has no effect in a noise study: predictors serve the strategies of a 'budget' section "
                    + "(a trained noise study names its models in noise.predictor); remove it")
        }
    }

    /// A trained study trains on the first architectures of each subset, so no training size
    /// (its levels, a model's own sizes, transfer's target measurements) exceeds the smallest
    /// subset; paper-mixture noise needs subsets of at least two blocks.
    static func checkNoiseFitsSubsets(
        _ noise: NoiseSpec, _ d: DecodedSections, _ file: ScenarioSections,
        sweepValues: [(key: String, value: String)]
    ) throws {
        guard let nv = file["noise"], let small = d.subsetSizes.min() else { return }
        if noise.model == .trained {
            let items = try file.value("noise", "predictor").map(noisePredictorItems) ?? []
            for (item, p) in zip(items, noise.predictors) {
                if let big = p.ownLevels?.first(where: { $0 > small }) {
                    throw item.error(
                        "training size \(big) is larger than the subset size \(small): a trial trains on the first architectures of its subset"
                    )
                }
            }
            if let lv = file.value("noise", "levels"), let (i, x) = noise.levels.enumerated().first(where: { $0.element > Double(small) }) {
                throw try lv.list(scalarAsList: true)[i].error(
                    "\(Int(x)) training samples are more than the subset size \(small): a trial trains on the first architectures of its subset (at most all of them)"
                )
            }
            if let p = noise.predictors.first(where: { $0.model.model == .transfer }), let k = p.model.integer("samples"), k > small {
                throw nv.error("transfer: \(k) target measurements are more than the subset size \(small)")
            }
        }
        if noise.model == .paperMixture, noise.levels.contains(where: { $0 > 0 }),
            let (j, size) = d.subsetSizes.enumerated().first(where: { $0.element < 2 * PaperMixtureNoise.blockLength })
        {
            let v = try file.required("subset_sizes").list(scalarAsList: true)[j]
            let cell =
                sweepValues.isEmpty ? "" : " (in the sweep cell \(sweepValues.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")))"
            throw v.error("paper-mixture noise needs subsets of at least 30 (⌊N/15⌋ ≥ 2 blocks, or its spread is 0), found \(size)\(cell)")
        }
    }

    /// `compare_injected` matches taus, so it needs the `kendall_tau` measure.
    static func checkNoiseMeasures(_ noise: NoiseSpec, _ d: DecodedSections, _ file: ScenarioSections) throws {
        if noise.compareInjected, !d.measures.contains(.kendallTau), let c = file.value("noise", "compare_injected") {
            throw c.error("compare_injected matches injected noise to the tau the trained model realised: add kendall_tau to measures")
        }
    }
}
