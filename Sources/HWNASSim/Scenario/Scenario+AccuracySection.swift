// SPDX-License-Identifier: GPL-3.0-or-later

extension Scenario {
    /// The keys of `accuracy:` that take a list of levels (each an implicit sweep axis).
    static let accuracyLevelKeys = ["kendall_tau", "accuracy_noise_sd"]

    /// The keys of `accuracy:` itself; the options of a `predictor`'s model sit beside them.
    static let accuracyKeys = [
        "source", "kendall_tau", "accuracy_noise_sd", "repeats", "column", "map", "train_samples", "model", "proxy_feature"
    ]

    /// The options of every model (``ModelSpec/optionKinds``, `trials`) that are not keys of
    /// `accuracy:` itself: keys of a `predictor` source only.
    static let accuracyModelOptionKeys = Set(ModelSpec.optionKinds.values.flatMap(\.keys) + ["trials"])
        .subtracting(accuracyKeys).sorted()

    /// Decodes `accuracy:` (one sweep cell: level keys are single values here).
    /// - Throws: ``InputError`` at the key: an unknown source, a key of another source
    ///   (accuracy noise on a `known` source, a model option on a source other than
    ///   `predictor`), a tau outside (0, 1], a negative sd, repeats < 1, a missing `column` of a
    ///   proxy or an unknown proxy name, and what ``decodeAccuracyPredictor(_:section:into:)`` refuses.
    static func decodeAccuracy(_ v: YAMLValue) throws -> AccuracySpec {
        let m = try v.mapping(allowed: accuracyKeys + accuracyModelOptionKeys)
        var spec = AccuracySpec()
        if let s = m["source"] {
            let name = try s.string()
            guard let source = AccuracySpec.Source(rawValue: name) else {
                let names = AccuracySpec.Source.allCases.map(\.rawValue)
                throw s.error(
                    "unknown accuracy source '\(name)'\(Suggest.hint(for: name, in: names)); expected one of \(names.joined(separator: ", "))"
                )
            }
            spec.source = source
        }
        // Each key's sources, the first one named in messages.
        let owners: [(key: String, sources: [AccuracySpec.Source])] =
            [
                ("kendall_tau", [.noise]), ("accuracy_noise_sd", [.train, .proxy, .predictor]), ("repeats", [.train]),
                ("column", [.proxy]), ("map", [.proxy]), ("train_samples", [.proxy, .predictor]), ("model", [.predictor]),
                ("proxy_feature", [.predictor])
            ] + accuracyModelOptionKeys.map { ($0, [.predictor]) }
        for (key, sources) in owners where !sources.contains(spec.source) {
            guard let value = m[key] else { continue }
            let owner = sources[0]
            throw value.error(
                "belongs to accuracy source '\(owner.rawValue)'\(accuracyKeys.contains(key) ? "" : " (an option of its model)"), not '\(spec.source.rawValue)'"
                    + (spec.source == .known ? " (known accuracy has no noise): set source: \(owner.rawValue) or remove it" : ""))
        }
        if spec.source == .proxy { try decodeProxyMap(m, section: v, into: &spec) }
        if spec.source == .predictor { try decodeAccuracyPredictor(m, section: v, into: &spec) }
        if let t = m["kendall_tau"] {
            spec.kendallTau = try t.double()
            guard spec.kendallTau > 0 && spec.kendallTau <= 1 else {
                throw t.error("expected a Kendall tau in (0, 1], found \(spec.kendallTau)")
            }
        } else if spec.source == .noise {
            throw v.error("missing key 'kendall_tau': the target tau (or a list of them) of the believed accuracy")
        }
        if let s = m["accuracy_noise_sd"] {
            spec.noiseSD = try s.double()
            guard spec.noiseSD >= 0, spec.noiseSD.isFinite else {
                throw s.error("expected a standard deviation ≥ 0 (percentage points), found \(spec.noiseSD)")
            }
        }
        if let r = m["repeats"] {
            spec.repeats = try r.int()
            guard spec.repeats >= 1 else { throw r.error("expected at least 1 training per architecture, found \(spec.repeats)") }
        }
        if let c = m["column"] {
            let name = try c.string()
            guard ProxyColumn.names.contains(name) else {
                throw c.error(
                    "unknown proxy '\(name)'\(Suggest.hint(for: name, in: ProxyColumn.names)); expected one of \(ProxyColumn.names.joined(separator: ", "))"
                )
            }
            spec.column = name
        } else if spec.source == .proxy {
            throw v.error("missing key 'column': the proxy to rank by (\(ProxyColumn.names.joined(separator: ", ")))")
        }
        return spec
    }

    /// The proxy's `map`, `train_samples` and `accuracy_noise_sd` (default 0 for a proxy: the
    /// trained architectures' accuracy as the benchmark has it).
    /// - Throws: ``InputError`` at the key: an unknown map, `train_samples` < 2, missing with
    ///   `map: monotone` or given without it, seed noise without trained architectures.
    static func decodeProxyMap(_ m: [String: YAMLValue], section v: YAMLValue, into spec: inout AccuracySpec) throws {
        if let value = m["map"] {
            let name = try value.string()
            guard let map = ProxyEstimator.Map(rawValue: name) else {
                throw value.error("unknown proxy map \(ProxyEstimator.Map.unknown(name))")
            }
            spec.map = map
        }
        if let value = m["train_samples"] {
            guard spec.map == .monotone else {
                throw value.error("train_samples are the architectures a monotone map is fitted on: set map: monotone or remove it")
            }
            spec.trainSamples = try value.int()
            guard spec.trainSamples >= 2 else {
                throw value.error("expected at least 2 trained architectures for the map, found \(spec.trainSamples)")
            }
        } else if spec.map == .monotone {
            throw v.error("missing key 'train_samples': the architectures of each subset trained to fit the map on (at least 2)")
        }
        if let value = m["accuracy_noise_sd"], spec.map != .monotone {
            throw value.error("a proxy ranked as is trains nothing: seed noise needs map: monotone (and train_samples)")
        } else if m["accuracy_noise_sd"] == nil {
            spec.noiseSD = 0
        }
    }

    /// The implicit sweep axes of `accuracy:`: each level key given as a list.
    static func accuracyAxes(_ root: YAMLValue) throws -> [(key: String, values: [YAMLValue])] {
        guard let section = try root.mapping(allowed: topKeys)["accuracy"], case .mapping(let mapping) = section.node else { return [] }
        var axes: [(key: String, values: [YAMLValue])] = []
        for key in accuracyLevelKeys {
            guard let node = mapping[key], case .sequence = node else { continue }
            let value = section.child(key, node)
            let values = try value.list()
            guard !values.isEmpty else { throw value.error("expected at least one level, found an empty list") }
            for v in values {
                guard case .scalar = v.node else { throw v.error("expected a number, found \(v.found)") }
            }
            axes.append(("accuracy.\(key)", values))
        }
        return axes
    }
}

extension Scenario {
    /// `accuracy:` other than `known` is read by noise studies only (budget studies and
    /// learning curves take accuracy as known; a learning curve estimates it with
    /// `learning_curve.target: accuracy`); a proxy and a predictor need the NB201 tables; `train`
    /// and `noise.accuracy_sd` are the same noise and not both given; a proxy's monotone map and
    /// a predictor train no more architectures than the smallest subset has.
    /// - Throws: ``InputError`` at the key that breaks a rule.
    static func checkAccuracySection(_ d: DecodedSections, _ file: ScenarioSections) throws {
        guard d.accuracy.source != .known, let section = file["accuracy"] else { return }
        let at = file.value("accuracy", "source") ?? section
        guard file.kind == .noiseStudy else {
            throw at.error(
                "accuracy source '\(d.accuracy.source.rawValue)' is read by noise studies only (a \(file.kind.rawValue) takes accuracy as known)"
                    + (file.kind == .learningCurve ? "; a learning curve estimates accuracy with learning_curve.target: accuracy" : ""))
        }
        if [.proxy, .predictor].contains(d.accuracy.source), case .nb201 = d.data.source {
        } else if d.accuracy.source == .proxy {
            throw (file.value("accuracy", "column") ?? at).error("a proxy belongs to NB201 architectures: it needs data.benchmark: nb201")
        } else if d.accuracy.source == .predictor {
            throw (file.value("accuracy", "model") ?? at).error(
                "an accuracy predictor learns from the NB201 one-hot of the architectures: it needs data.benchmark: nb201")
        }
        let trains = d.accuracy.source == .predictor || (d.accuracy.source == .proxy && d.accuracy.map == .monotone)
        if trains, let smallest = d.subsetSizes.min(), d.accuracy.trainSamples > smallest {
            throw (file.value("accuracy", "train_samples") ?? at).error(
                "\(d.accuracy.trainSamples) trained architectures do not fit in the smallest subset (\(smallest)); expected at most \(smallest)"
            )
        }
        if let sd = file.value("noise", "accuracy_sd"), (d.noise?.accuracySD ?? 0) > 0 {
            throw sd.error(
                "noise.accuracy_sd noises accuracy too: with an accuracy section, use accuracy.source: train and accuracy_noise_sd instead")
        }
    }
}
