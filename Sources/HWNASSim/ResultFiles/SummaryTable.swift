// SPDX-License-Identifier: GPL-3.0-or-later

/// One row of `summary.csv`: a measure's statistics over the trials of a cell at one level.
public struct SummaryRow: Sendable {
    public var sweepValues: [(key: String, value: String)]
    public var dataset: String
    public var metric: String
    public var pairing: Pairing
    public var subsetSize: Int
    public var noise: NoiseModelKind
    public var level: Double
    public var measure: String
    public var summary: Summary
    /// `model: trained`: the predictor of the row (trained rows, and the injected rows that
    /// match them); nil for injected-noise scenarios.
    public var predictor: String? = nil
    /// `model: trained`: the training size of the row (for a matched injected row: of the
    /// trained row it matches).
    public var trainSamples: Int? = nil
}

extension StudyResult {
    /// Summary rows: cells in order, then levels, then measures.
    func summaryRows() -> [SummaryRow] {
        var rows: [SummaryRow] = []
        for (c, cell) in cells.enumerated() {
            for (li, row) in cell.rows.enumerated() {
                for (mi, measure) in cell.measures.enumerated() {
                    rows.append(
                        SummaryRow(
                            sweepValues: scenario.sweepValues, dataset: cell.pair.dataset, metric: cell.pair.metric,
                            pairing: cell.pair.pairing, subsetSize: cell.subsetSize, noise: row.noise,
                            level: row.level, measure: measure.rawValue,
                            summary: Summary(values(cell: c, level: li, measure: mi)),
                            predictor: row.predictor, trainSamples: row.trainSamples))
                }
            }
        }
        return rows
    }
}

/// The headline table: per level, each measure's mean over all cells (pairs × sizes), as the
/// study reports its curves.
public struct HeadlineTable: Sendable {
    public var levels: [Double]
    public var measures: [String]
    /// `mean[level][measure]`; NaN when no cell has a value.
    public var mean: [[Double]]

    init(levels: [Double], measures: [String], mean: [[Double]]) {
        (self.levels, self.measures, self.mean) = (levels, measures, mean)
    }

    public init(rows: [SummaryRow]) {
        var levels: [Double] = [], measures: [String] = []
        for r in rows {
            if !levels.contains(r.level) { levels.append(r.level) }
            if !measures.contains(r.measure) { measures.append(r.measure) }
        }
        var sum = [[Double]](repeating: [Double](repeating: 0, count: measures.count), count: levels.count)
        var count = sum
        for r in rows where r.summary.n > 0 {
            let l = levels.firstIndex(of: r.level)!, m = measures.firstIndex(of: r.measure)!
            sum[l][m] += r.summary.mean
            count[l][m] += 1
        }
        self.levels = levels
        self.measures = measures
        mean = zip(sum, count).map { s, c in zip(s, c).map { $1 > 0 ? $0 / $1 : .nan } }
    }

    /// The mean of `measure` at `level`, if present.
    public func value(level: Double, measure: String) -> Double? {
        guard let l = levels.firstIndex(of: level), let m = measures.firstIndex(of: measure) else { return nil }
        return mean[l][m].isNaN ? nil : mean[l][m]
    }
}

/// The headline tables of a run: one ``HeadlineTable`` per sweep cell (one for an unswept
/// scenario), so that a sweep's cells (two noise models, two seeds) are never averaged into
/// one curve.
public struct HeadlineBlocks: Sendable {
    /// The swept keys, in the scenario's order (empty without a sweep).
    public var sweepKeys: [String]
    /// Per sweep cell, in run order: its swept values and its table.
    public var blocks: [(values: [String], table: HeadlineTable)]

    init(sweepKeys: [String], blocks: [(values: [String], table: HeadlineTable)]) {
        (self.sweepKeys, self.blocks) = (sweepKeys, blocks)
    }

    /// With `model: trained` rows, a block per sweep cell, noise (trained, or the matched
    /// `kendall-tau`) and predictor, its levels the training sizes.
    public init(rows: [SummaryRow]) {
        let trained = rows.contains { $0.predictor != nil }
        sweepKeys = (rows.first?.sweepValues.map(\.key) ?? []) + (trained ? ["noise", "predictor"] : [])
        var order: [[String]] = []
        var grouped: [[String]: [SummaryRow]] = [:]
        for var r in rows {
            var values = r.sweepValues.map(\.value)
            if trained {
                values += [r.noise.rawValue, r.predictor ?? ""]
                r.level = r.trainSamples.map(Double.init) ?? r.level
            }
            if grouped[values] == nil { order.append(values) }
            grouped[values, default: []].append(r)
        }
        blocks = order.map { ($0, HeadlineTable(rows: grouped[$0]!)) }
    }

    /// "noise.model=gaussian, seed=1" for block `i`.
    public func label(_ i: Int) -> String {
        zip(sweepKeys, blocks[i].values).map { "\($0)=\($1)" }.joined(separator: ", ")
    }
}
