// SPDX-License-Identifier: GPL-3.0-or-later

extension Scenario {
    /// A deterministic text of everything that decides the numbers of this scenario (not its
    /// name or description), for the input hash of each cell. Tables are named by checksum,
    /// one per pair (`tableChecksums[i]` for `pairs[i]`).
    func canonicalText(tableChecksums: [String]) -> String {
        var lines: [String] = []
        lines.append("seed=\(seed) trials=\(trials)")
        switch data {
        case .nb201: lines.append("data=nb201")
        case .csv(let c):
            lines.append(
                "data=csv id=\(c.idColumn) accuracy=\(c.accuracyColumn) percent=\(c.accuracyInPercent)"
                    + (c.dropMissing ? " missing=drop" : ""))
        case .synthetic(let s): lines.append("data=synthetic size=\(s.size) rank=\(Format.number(s.rankCorrelation)) seed=\(s.seed)")
        case .fbnet: lines.append("data=fbnet")
        }
        if case .csv(let c) = data, c.featureColumns != nil || c.archColumn != nil {
            lines.append(
                "features=\(c.featureColumns?.joined(separator: ",") ?? "-") arch=\(c.archColumn ?? "-") encoding=\(c.encoding ?? "-") missing=\(c.dropMissing)"
                    + (c.standardizeFeatures ? "" : " standardize=false"))
        }
        if case .learningCurve(let lc) = experiment { lines += Self.canonicalLines(lc) }
        if case .noiseStudy(let study) = experiment, let line = study.accuracy.canonical { lines.append(line) }
        lines.append("pairing=\(pairing.rawValue) precision=\(precision.rawValue)")
        for (i, p) in pairs.enumerated() {
            let checksum = i < tableChecksums.count ? tableChecksums[i] : "-"
            lines.append("pair=\(p.dataset)/\(p.metric) latency=\(p.latencyColumn ?? "-") table=\(checksum)")
        }
        // The grid lines: every kind writes them (a learning curve and a budget study with the
        // values they had when a scenario held every section), so cell hashes stay as they were.
        switch experiment {
        case .noiseStudy(let s):
            lines += Self.canonicalGrid(sizes: s.subsetSizes, noise: s.noise, reference: s.referencePoint, measures: s.measures, limits: [])
        case .budgetStudy(let s):
            lines += Self.canonicalGrid(
                sizes: s.subsetSizes, noise: Self.absentNoise, reference: s.referencePoint,
                measures: s.measures, limits: s.limits)
            lines += Self.canonicalLines(s.budget)
            lines += Self.canonicalLines(s.predictors)
        case .learningCurve:
            lines += Self.canonicalGrid(sizes: [], noise: Self.absentNoise, reference: .subsetMax, measures: Measure.allCases, limits: [])
        }
        for (k, v) in sweepValues { lines.append("sweep \(k)=\(v)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The noise line of a kind without a noise section.
    private static let absentNoise = NoiseSpec(model: .gaussian, levels: [0])

    private static func canonicalLines(_ lc: LearningCurveSpec) -> [String] {
        var lines = [
            "learning_curve train=\(lc.trainSamples.map(String.init).joined(separator: ",")) test=\(lc.testAll ? "all" : String(lc.testSamples)) noise=\(Format.number(lc.measurementNoise))"
                + (lc.target == .metric ? "" : " target=\(lc.target.rawValue)")
        ]
        for (i, p) in lc.predictors.enumerated() {
            let own = i < lc.predictorSizes.count ? lc.predictorSizes[i] : nil
            lines.append(
                "model=\(LearningCurveSpec.canonical(p))" + (own.map { " train=" + $0.map(String.init).joined(separator: ",") } ?? ""))
        }
        return lines
    }

    private static func canonicalGrid(
        sizes: [Int], noise: NoiseSpec, reference: ReferencePoint, measures: [Measure],
        limits: [Double]
    ) -> [String] {
        var lines = ["sizes=\(sizes.map(String.init).joined(separator: ","))"]
        lines.append(
            "noise=\(noise.model.rawValue) levels=\(noise.levels.map(Format.number).joined(separator: ",")) accuracy_sd=\(Format.number(noise.accuracySD))"
        )
        if noise.model == .trained {
            lines.append("trained measurement_sd=\(Format.number(noise.measurementRelativeSD)) compare_injected=\(noise.compareInjected)")
            for p in noise.predictors {
                lines.append(
                    "model=\(LearningCurveSpec.canonical(p.model)) train=\(p.ownLevels.map { $0.map(String.init).joined(separator: ",") } ?? "-")"
                )
            }
        }
        lines.append("reference=\(reference.name) measures=\(measures.map(\.rawValue).joined(separator: ","))")
        lines.append("limits=\(limits.map(Format.number).joined(separator: ","))")
        return lines
    }

    private static func canonicalLines(_ b: BudgetSpec) -> [String] {
        let m = b.measurement
        var lines = [
            "budget=\(b.seconds.map(Format.number).joined(separator: ",")) devices=\(b.devices) decide=\(b.decideBy) limit_tolerance=\(Format.number(b.limitTolerance))"
        ]
        if let training = b.training { lines.append("trainers=\(b.trainers) " + training.canonical) }
        lines.append(
            "measurement setup=\(Format.number(m.setupSeconds)) warmup=\(Format.number(m.warmupSeconds)) repeats=\(m.repeats) run=\(m.runSeconds.map(Format.number) ?? "-") noise=\(Format.number(m.noiseRelativeSD))"
        )
        for s in b.strategies {
            let kind: String
            switch s.kind {
            case .measureRandom: kind = "measure:random"
            case .predictor(let p): kind = "predictor:\(p)"
            case .evolution: kind = "measure:evolution"
            case .localSearch: kind = "measure:local-search"
            case .train(let choice): kind = choice.canonical
            }
            let search = s.search.map { " search=\($0.population),\($0.sample),\($0.candidates)" } ?? ""
            lines.append(
                "strategy=\(s.name) \(kind) verify=\(s.verify.rawValue)" + search + s.then.canonical
                    + (s.remeasure.map { " remeasure=\($0)" } ?? ""))
        }
        return lines
    }

    private static func canonicalLines(_ predictors: [String: PredictorSpec]) -> [String] {
        predictors.keys.sorted().map { name in
            let p = predictors[name]!
            let curve = p.kendallTau.map { "\(Format.number($0.samples)):\(Format.number($0.tau))" }.joined(separator: ",")
            return
                "predictor=\(name) samples=\(p.trainSamples) train=\(Format.number(p.trainSeconds))+\(Format.number(p.trainSecondsPerSample)) query=\(Format.number(p.querySeconds)) tau=\(curve)"
                + (p.model.map {
                    " model=\(LearningCurveSpec.canonical($0)) sample=\(p.sample.rawValue) retrain=\(p.retrainEvery.map(String.init) ?? "-")"
                } ?? "")
        }
    }
}
