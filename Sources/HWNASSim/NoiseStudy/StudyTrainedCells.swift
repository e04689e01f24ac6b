// SPDX-License-Identifier: GPL-3.0-or-later

extension Study {
    /// The cells of a scenario: ``cells(for:pairs:)`` for injected noise; for `model: trained`
    /// one cell per pair × subset size × predictor, with the model's features read from the
    /// pair's table (NB201 one-hot; `transfer`: the other devices' columns).
    /// - Throws: ``InputError`` at the predictor's key when the table has no NB201 arch
    ///   strings, lacks the lookup table's cells, or a size does not suit the model.
    /// - Parameter notes: receives a note per size skipped (beyond a model's largest).
    static func cells(
        for scenario: Scenario, study: NoiseStudySpec, pairs: [GroundTruthPair], loader: inout GroundTruthLoader,
        notes: inout [String]
    ) throws -> [StudyCell] {
        guard study.noise.model == .trained else {
            var injected = cells(for: scenario, study: study, pairs: pairs)
            try addAccuracy(&injected, scenario: scenario, study: study, pairs: pairs, loader: &loader, notes: &notes)
            return injected
        }
        let noise = study.noise
        let listed = scenario.sourceMarks["noise.predictor[0]"] != nil
        func key(_ i: Int) -> String { listed ? "noise.predictor[\(i)]" : "noise.predictor" }
        var cells: [StudyCell] = []
        for (pi, pair) in pairs.enumerated() {
            let spec = scenario.pairs[pi]
            var table = try loader.table(scenario.data, pair: spec, metricColumns: GroundTruthLoader.csvColumns(for: scenario))
            let (oneHot, warnings) = try PairFeatures.of(scenario: scenario, table: table, pair: pair, key: key(0))
            for w in warnings where !loader.warnings.contains(w) { loader.warnings.append(w) }
            let scale = noise.measurementRelativeSD > 0 ? Self.noiseScale(pair) : []
            for size in study.subsetSizes {
                for (i, p) in noise.predictors.enumerated() {
                    let made = try p.model.make(oneHot.modelContext(dataset: pair.dataset), key: key(i))
                    var features = oneHot.matrix
                    var lookupRows: [Int32]?
                    switch p.model.model {
                    case .lookupTable:
                        guard let rows = oneHot.lookupTableRows else {
                            throw InputError(
                                key: key(i),
                                "lookup-table needs every structured cell (base all none and each single-edge substitution) in \(pair.dataset)/\(pair.metric)"
                            )
                        }
                        lookupRows = rows.map { Int32($0) }
                    case .transfer:
                        features = try Self.transferFeatures(
                            p.model, table: &table, loader: &loader, scenario: scenario, pair: pair,
                            spec: spec, key: "\(key(i)).source")
                    default:
                        break
                    }
                    var sizes: [Int] = []
                    for k in p.sizes(levels: noise.levels) {
                        if let most = made.maximumTrainingSize, k > most {
                            let note = "\(p.model.name): training size \(k) skipped (at most \(most): its cost grows fast with the size)"
                            if !notes.contains(note) { notes.append(note) }
                            continue
                        }
                        guard k >= made.minimumTrainingSize else {
                            throw InputError(
                                key: key(i), "\(p.model.name) needs at least \(made.minimumTrainingSize) training samples, got \(k)")
                        }
                        guard lookupRows != nil || k <= size else {
                            throw InputError(key: key(i), "\(k) training samples are more than the subset size \(size)")
                        }
                        sizes.append(k)
                    }
                    guard !sizes.isEmpty else { continue }
                    var cell = StudyCell(
                        pair: pair, subsetSize: size, noise: noise, reference: study.referencePoint,
                        measures: study.measures, seed: scenario.seed)
                    cell.trained = TrainedStudyModel(
                        model: p.model, features: features, sizes: sizes, lookupTableRows: lookupRows,
                        measurementRelativeSD: noise.measurementRelativeSD, noiseScale: scale,
                        compareInjected: noise.compareInjected, context: oneHot.modelContext(dataset: pair.dataset))
                    cell.ownTrials = p.model.trials
                    cells.append(cell)
                }
            }
        }
        try addAccuracy(&cells, scenario: scenario, study: study, pairs: pairs, loader: &loader, notes: &notes)
        return cells
    }

    /// Per pair row, the z-units a relative measurement error of 1 moves: metric / sd_pop.
    static func noiseScale(_ pair: GroundTruthPair) -> [Double] {
        let m = pair.metricValue
        let n = Double(m.count)
        let mean = m.reduce(0, +) / n
        let sd = (m.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        return m.map { $0 / sd }
    }

    /// The source devices' values of `pair`'s architectures (pair row order) for `transfer`:
    /// its `source` columns, or every other complete latency column of the table.
    static func transferFeatures(
        _ model: ModelSpec, table: inout MetricTable, loader: inout GroundTruthLoader, scenario: Scenario,
        pair: GroundTruthPair, spec: PairSpec, key: String
    ) throws -> FeatureMatrix {
        guard case .nb201 = scenario.data else {
            throw InputError(key: key, "transfer reads other devices' columns of the NB201 tables: it needs benchmark nb201")
        }
        let requested = model.sourceColumns
        table = try loader.table(.nb201, pair: spec, metricColumns: [spec.metric] + (requested ?? []))
        if requested == nil, !table.unloadedMetrics.isEmpty {
            table = try loader.table(.nb201, pair: spec, metricColumns: [spec.metric] + table.unloadedMetrics)
        }
        let loaded = table
        let columns = try TransferPredictor.sourceColumns(
            requested: requested, target: spec.metric, available: loaded.metricNames,
            complete: { loaded.missingCount($0) == 0 }, key: key)
        let all = try FeatureColumns.matrix(loaded, columns: columns, key: key)
        let rowOfId = loaded.rowsByID()
        return all.selecting(rows: pair.ids.map { rowOfId[$0]! })
    }
}
