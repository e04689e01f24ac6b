// SPDX-License-Identifier: GPL-3.0-or-later

extension Scenario {
    /// The `measure:` names a strategy accepts.
    static let measureNames = ["random", "evolution", "local-search"]

    /// The keys of a searching strategy: `search:` (a predictor's), `population:` and `sample:`
    /// (evolution's), `candidates:` (a predictor-guided search's).
    static let searchKeys = ["search", "population", "sample", "candidates"]

    /// `measure:`: one of ``measureNames``.
    static func decodeMeasureKind(_ mv: YAMLValue) throws -> StrategySpec.Kind {
        let name = try mv.string()
        switch name {
        case "random": return .measureRandom
        case "evolution": return .evolution
        case "local-search": return .localSearch
        default:
            let hint = Suggest.hint(for: name, in: measureNames)
            throw mv.error("unknown measure '\(name)'\(hint); expected one of: \(measureNames.joined(separator: ", "))")
        }
    }

    /// The search settings of strategy `s` of kind `kind`: `population`/`sample` for
    /// `measure: evolution`, `search: evolution` and `candidates` for a predictor; any of them on
    /// a strategy that cannot search, or `verify:` on one that searches, is an error.
    static func decodeSearch(_ sm: [String: YAMLValue], kind: StrategySpec.Kind, verify: Verification, _ s: YAMLValue) throws
        -> SearchSettings?
    {
        let allowed: [String]
        switch kind {
        case .evolution: allowed = ["population", "sample"]
        case .predictor: allowed = sm["search"] == nil ? [] : ["search", "candidates"]
        case .measureRandom, .localSearch, .train: allowed = []
        }
        for key in searchKeys where sm[key] != nil && !allowed.contains(key) {
            let what = key == "candidates" ? "needs a predictor with 'search: evolution'" : "is a key of a searching strategy"
            throw sm[key]!.error(
                "'\(key)' \(what); this strategy cannot search (searching: measure: evolution takes population and sample, a predictor with search: evolution takes candidates)"
            )
        }
        let searches = kind == .evolution || kind == .localSearch || sm["search"] != nil
        guard searches else { return nil }
        if let v = sm["verify"], verify != .none {
            throw v.error("a searching strategy measures as it searches: 'verify' has no meaning for it; remove it")
        }
        if let sv = sm["search"], try sv.string() != "evolution" {
            throw sv.error("expected 'evolution' (predictor-guided evolution), found \(sv.found)")
        }
        var settings = SearchSettings()
        func positive(_ key: String, _ least: Int) throws -> Int? {
            guard let v = sm[key] else { return nil }
            let x = try v.int()
            guard x >= least && x <= 1_000_000 else { throw v.error("expected \(least)…1000000, found \(x)") }
            return x
        }
        settings.population = try positive("population", 2) ?? settings.population
        settings.sample = try positive("sample", 1) ?? settings.sample
        settings.candidates = try positive("candidates", 1) ?? settings.candidates
        if settings.sample > settings.population {
            throw (sm["sample"] ?? sm["population"]!).error(
                "a tournament samples from the population: expected sample ≤ population (\(settings.population)), found \(settings.sample)")
        }
        return settings
    }

    /// An evolution's population fits in every subset (it starts by measuring that many at
    /// random).
    static func checkSearchFitsSubsets(_ budget: BudgetSpec, _ d: DecodedSections, _ file: ScenarioSections) throws {
        guard let smallest = d.subsetSizes.min() else { return }
        for (i, strategy) in budget.strategies.enumerated() where strategy.kind == .evolution {
            let population = strategy.search?.population ?? SearchSettings().population
            guard population > smallest else { continue }
            let item = try file.value("budget", "strategies")!.list()[i]
            let at = item.node.mapping?["population"].map { item.child("population", $0) } ?? item
            throw at.error("a population of \(population) is larger than the smallest subset (\(smallest) architectures)")
        }
    }
}
