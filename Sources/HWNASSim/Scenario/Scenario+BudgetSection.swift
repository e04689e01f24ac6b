// SPDX-License-Identifier: GPL-3.0-or-later

extension Scenario {
    /// The `budget` section: checkpoints, devices, the measurement cost, the strategies, the
    /// decision measure and the limit tolerance. (Whether the strategies' predictors exist and
    /// `decide_by` has its limits is checked with the other sections, in ``validate(_:_:)``.)
    static func decodeBudget(_ b: YAMLValue) throws -> BudgetSpec {
        let m = try b.mapping(allowed: [
            "seconds", "devices", "measurement", "strategies", "decide_by", "limit_tolerance", "trainers", "training"
        ])
        guard let sv = m["seconds"] else { throw b.error("missing key 'seconds' (budget checkpoints)") }
        let seconds = try decodeBudgetSeconds(sv)
        var devices = 1
        if let d = m["devices"] {
            devices = try d.int()
            guard devices >= 1 && devices <= 4096 else { throw d.error("expected 1…4096 devices, found \(devices)") }
        }
        let cost = try m["measurement"].map(decodeMeasurement) ?? MeasurementCost()
        guard let stv = m["strategies"] else { throw b.error("missing key 'strategies'") }
        let strategies = try decodeStrategies(stv, noiseSD: cost.noiseRelativeSD)
        let decideBy = try m["decide_by"].map(decodeDecideBy) ?? BudgetSpec.defaultDecideBy
        var tolerance: Double?
        if let t = m["limit_tolerance"] {
            let x = try t.double()
            guard x >= 0 && x < 1 else { throw t.error("expected a relative tolerance in [0, 1) (0.05 = 5 %), found \(x)") }
            tolerance = x
        }
        var spec = BudgetSpec(
            seconds: seconds, devices: devices, measurement: cost, strategies: strategies, decideBy: decideBy,
            limitTolerance: tolerance)
        try decodeTrainersAndTraining(m, budget: b, into: &spec)
        return spec
    }

    /// `budget.trainers` and `budget.training`: both or neither; with them every strategy
    /// learns accuracy by training (`accuracy:`), without them none does.
    static func decodeTrainersAndTraining(_ m: [String: YAMLValue], budget b: YAMLValue, into spec: inout BudgetSpec) throws {
        spec.trainers = try m["trainers"].map(decodeTrainers) ?? 0
        spec.training = try m["training"].map(decodeTraining)
        if spec.trainers > 0, spec.training == nil {
            throw m["trainers"]!.error(
                "trainers need a cost model: add budget.training (epochs, seconds_per_epoch, seconds_per_epoch_per_mflop)")
        }
        if spec.training != nil, spec.trainers == 0 { throw m["training"]!.error("'training' has no trainers: add budget.trainers: K") }
        let items = try m["strategies"]!.list()
        for (item, s) in zip(items, spec.strategies) {
            let trains: Bool
            if case .train = s.kind { trains = true } else { trains = false }
            if spec.trainers > 0, !trains {
                throw item.error(
                    "strategy '\(s.name)' takes accuracy as known, but this budget has trainers: give it accuracy: {source: train|proxy|predictor} (its latency is measured at random)"
                )
            }
            if spec.trainers == 0, trains, let a = item.node.mapping?["accuracy"] {
                throw item.child("accuracy", a).error("training networks needs trainers: add budget.trainers: K and budget.training")
            }
        }
    }

    /// `budget.seconds`: checkpoints in (0, 1e12] seconds, strictly increasing.
    static func decodeBudgetSeconds(_ sv: YAMLValue) throws -> [Double] {
        var seconds: [Double] = []
        for s in try sv.list(scalarAsList: true) {
            let x = try s.double()
            guard x > 0 && x <= maxBudgetSeconds else { throw s.error("expected a budget in (0, 1e12] seconds, found \(x)") }
            if let last = seconds.last, x <= last { throw s.error("budgets must increase: \(x) follows \(last)") }
            seconds.append(x)
        }
        guard !seconds.isEmpty else { throw sv.error("expected at least one budget") }
        return seconds
    }

    /// `budget.measurement`: the cost of one live measurement.
    static func decodeMeasurement(_ mv: YAMLValue) throws -> MeasurementCost {
        let mm = try mv.mapping(allowed: ["setup_s", "warmup_s", "repeats", "run_s", "noise_relative_sd"])
        func nonNegative(_ key: String) throws -> Double? { try mm[key]?.nonNegative("a value") }
        var cost = MeasurementCost()
        cost.setupSeconds = try nonNegative("setup_s") ?? 0
        cost.warmupSeconds = try nonNegative("warmup_s") ?? 0
        cost.runSeconds = try nonNegative("run_s")
        cost.noiseRelativeSD = try nonNegative("noise_relative_sd") ?? 0
        if let r = mm["repeats"] {
            cost.repeats = try r.int()
            guard cost.repeats >= 1 else { throw r.error("expected at least 1 repeat, found \(cost.repeats)") }
        }
        return cost
    }

    /// `budget.strategies`: at least one, names unique.
    static func decodeStrategies(_ stv: YAMLValue, noiseSD: Double = 0) throws -> [StrategySpec] {
        var strategies: [StrategySpec] = []
        for s in try stv.list() {
            let strategy = try decodeStrategy(s, noiseSD: noiseSD)
            if strategies.contains(where: { $0.name == strategy.name }), let nv = s.node.mapping?["name"] {
                throw s.child("name", nv).error("strategy name '\(strategy.name)' is used twice")
            }
            strategies.append(strategy)
        }
        guard !strategies.isEmpty else { throw stv.error("expected at least one strategy") }
        return strategies
    }

    /// One strategy: its name, what it does and how it verifies. A new kind of strategy is one
    /// case of the `switch` (its key added to the allowed ones).
    static func decodeStrategy(_ s: YAMLValue, noiseSD: Double = 0) throws -> StrategySpec {
        let sm = try s.mapping(
            allowed: ["name", "measure", "predictor", "verify", "then", "kappa", "batch", "remeasure", "accuracy"] + searchKeys)
        guard let nv = sm["name"] else { throw s.error("missing key 'name'") }
        let name = try nv.string()
        let verify = try sm["verify"]?.choice(Verification.self, Verification.allCases) ?? .none
        if let av = sm["accuracy"] {
            guard sm["measure"] == nil, sm["predictor"] == nil else {
                throw s.error("a training strategy ('accuracy:') measures latency at random: remove 'measure' and 'predictor'")
            }
            if let other = sm.keys.sorted().first(where: { $0 != "name" && $0 != "accuracy" }) {
                throw sm[other]!.error("'\(other)' does not apply to a training strategy ('accuracy:')")
            }
            return StrategySpec(name: name, kind: .train(try decodeTrainingChoice(av)))
        }
        let kind: StrategySpec.Kind
        switch (sm["measure"], sm["predictor"]) {
        case (let mv?, nil):
            kind = try decodeMeasureKind(mv)
        case (nil, let pv?):
            kind = .predictor(try pv.string())
        default:
            throw s.error("a strategy needs exactly one of 'measure: \(measureNames.joined(separator: "|"))' or 'predictor: NAME'")
        }
        let search = try decodeSearch(sm, kind: kind, verify: verify, s)
        var spec = StrategySpec(name: name, kind: kind, verify: verify, search: search)
        spec.then = try decodeContinuation(s, sm, verify: verify)
        if let v = sm["remeasure"] {
            spec.remeasure = try decodeRemeasure(v, spec: spec, noiseSD: noiseSD)
        } else if spec.verify == .iterate, spec.then != .stop, noiseSD > 0 {
            spec.remeasure = Continuation.defaultRemeasure
        }
        return spec
    }

    /// `remeasure: k`: k ≥ 1 repeats, on a `verify: iterate` predictor strategy (not a searching
    /// one) or a measuring strategy (random, evolution, local search),
    /// with measurement noise (without it a repeat returns the same value); `remeasure: 0`
    /// turns off the default of a continuing strategy (nil).
    static func decodeRemeasure(_ v: YAMLValue, spec: StrategySpec, noiseSD: Double) throws -> Int? {
        let k = try v.int()
        guard k >= 0 else { throw v.error("expected remeasure: k with k ≥ 1 repeats (0: none), found \(k)") }
        if k == 0 { return nil }
        let iterating = spec.verify == .iterate && spec.search == nil && spec.kind.hasPredictor
        guard iterating || !spec.kind.hasPredictor else {
            throw v.error(
                "'remeasure' re-measures the front of a 'verify: iterate' predictor strategy or of a measuring one (random, evolution, local-search); strategy '\(spec.name)' is neither"
            )
        }
        guard noiseSD > 0 else {
            throw v.error(
                "'remeasure' needs measurement noise (budget.measurement.noise_relative_sd > 0): without it a repeat returns the same value"
            )
        }
        return k
    }

    /// `budget.decide_by`: one of the decision measures.
    static func decodeDecideBy(_ d: YAMLValue) throws -> String {
        let decideBy = try d.string()
        let allowed = BudgetMeasure.decisionMeasures
        guard allowed.contains(decideBy) else {
            let hint = Suggest.hint(for: decideBy, in: allowed)
            throw d.error("unknown measure '\(decideBy)'\(hint); expected one of: \(allowed.joined(separator: ", "))")
        }
        return decideBy
    }

    /// `selection`: the latency limits (metric units) the strategies' picks are scored under.
    static func decodeSelection(_ s: YAMLValue) throws -> [Double] {
        let m = try s.mapping(allowed: ["limit"])
        guard let l = m["limit"] else { throw s.error("missing key 'limit' (a latency limit in metric units, or a list of them)") }
        var limits: [Double] = []
        for x in try l.list(scalarAsList: true) {
            let v = try x.double()
            guard v > 0 else { throw x.error("expected a latency limit > 0 in metric units, found \(v)") }
            limits.append(v)
        }
        return limits
    }

    /// The warning for a budget without `measurement`: the default cost is assumed.
    static func defaultMeasurementWarning(_ b: YAMLValue) -> InputError? {
        guard b.node.mapping?["measurement"] == nil else { return nil }
        return b.error(
            "no 'measurement' section: assuming the default cost (setup_s: 0, warmup_s: 0, repeats: 1, "
                + "noise_relative_sd: 0), so a measurement costs about the latency itself; "
                + "give budget.measurement for a real device's set-up, warm-up and repeats")
    }
}
