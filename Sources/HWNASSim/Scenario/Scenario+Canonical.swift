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
        case .csv(let c): lines.append("data=csv id=\(c.idColumn) accuracy=\(c.accuracyColumn) percent=\(c.accuracyInPercent)" + (c.dropMissing ? " missing=drop" : ""))
        case .synthetic(let s): lines.append("data=synthetic size=\(s.size) rank=\(Format.number(s.rankCorrelation)) seed=\(s.seed)")
        case .fbnet: lines.append("data=fbnet")
        }
        if case .csv(let c) = data, c.featureColumns != nil || c.archColumn != nil {
            lines.append("features=\(c.featureColumns?.joined(separator: ",") ?? "-") arch=\(c.archColumn ?? "-") encoding=\(c.encoding ?? "-") missing=\(c.dropMissing)")
        }
        if let lc = learningCurve {
            lines.append("learning_curve train=\(lc.trainSamples.map(String.init).joined(separator: ",")) test=\(lc.testSamples) noise=\(Format.number(lc.measurementNoise))")
            for (i, p) in lc.predictors.enumerated() {
                let own = i < lc.predictorSizes.count ? lc.predictorSizes[i] : nil
                lines.append("model=\(LearningCurveSpec.canonical(p))" + (own.map { " train=" + $0.map(String.init).joined(separator: ",") } ?? ""))
            }
        }
        lines.append("pairing=\(pairing.rawValue) precision=\(precision.rawValue)")
        for (i, p) in pairs.enumerated() {
            let checksum = i < tableChecksums.count ? tableChecksums[i] : "-"
            lines.append("pair=\(p.dataset)/\(p.metric) latency=\(p.latencyColumn ?? "-") table=\(checksum)")
        }
        lines.append("sizes=\(subsetSizes.map(String.init).joined(separator: ","))")
        lines.append("noise=\(noise.model.rawValue) levels=\(noise.levels.map(Format.number).joined(separator: ",")) accuracy_sd=\(Format.number(noise.accuracySD))")
        if noise.model == .trained {
            lines.append("trained measurement_sd=\(Format.number(noise.measurementRelativeSD)) compare_injected=\(noise.compareInjected)")
            for p in noise.predictors {
                lines.append("model=\(LearningCurveSpec.canonical(p.model)) train=\(p.ownLevels.map { $0.map(String.init).joined(separator: ",") } ?? "-")")
            }
        }
        lines.append("reference=\(referencePoint.name) measures=\(measures.map(\.rawValue).joined(separator: ","))")
        lines.append("limits=\(limits.map(Format.number).joined(separator: ","))")
        if let b = budget {
            let m = b.measurement
            lines.append("budget=\(b.seconds.map(Format.number).joined(separator: ",")) devices=\(b.devices) decide=\(b.decideBy) limit_tolerance=\(Format.number(b.limitTolerance))")
            lines.append("measurement setup=\(Format.number(m.setupSeconds)) warmup=\(Format.number(m.warmupSeconds)) repeats=\(m.repeats) run=\(m.runSeconds.map(Format.number) ?? "-") noise=\(Format.number(m.noiseRelativeSD))")
            for s in b.strategies {
                let kind: String
                switch s.kind {
                case .measureRandom: kind = "measure:random"
                case .predictor(let p): kind = "predictor:\(p)"
                }
                lines.append("strategy=\(s.name) \(kind) verify=\(s.verify.rawValue)")
            }
        }
        for name in predictors.keys.sorted() {
            let p = predictors[name]!
            let curve = p.kendallTau.map { "\(Format.number($0.samples)):\(Format.number($0.tau))" }.joined(separator: ",")
            lines.append("predictor=\(name) samples=\(p.trainSamples) train=\(Format.number(p.trainSeconds))+\(Format.number(p.trainSecondsPerSample)) query=\(Format.number(p.querySeconds)) tau=\(curve)"
                         + (p.model.map { " model=\(LearningCurveSpec.canonical($0)) sample=\(p.sample.rawValue) retrain=\(p.retrainEvery.map(String.init) ?? "-")" } ?? ""))
        }
        for (k, v) in sweepValues { lines.append("sweep \(k)=\(v)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
