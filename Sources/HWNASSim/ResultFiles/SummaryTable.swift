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
}

extension StudyResult {
    /// Summary rows: cells in order, then levels, then measures.
    func summaryRows() -> [SummaryRow] {
        var rows: [SummaryRow] = []
        for (c, cell) in cells.enumerated() {
            for (li, level) in cell.noise.levels.enumerated() {
                for (mi, measure) in cell.measures.enumerated() {
                    rows.append(SummaryRow(sweepValues: scenario.sweepValues, dataset: cell.pair.dataset, metric: cell.pair.metric,
                                           pairing: cell.pair.pairing, subsetSize: cell.subsetSize, noise: cell.noise.model,
                                           level: level, measure: measure.rawValue,
                                           summary: Summary(values(cell: c, level: li, measure: mi))))
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

    /// A fixed-width text table of `columns` (measures) by level, 3 decimals.
    public func text(columns: [String]) -> String {
        let cols = columns.filter(measures.contains)
        var lines = ["level".padding(toLength: 7, withPad: " ", startingAt: 0) + cols.map { $0.leftPadded(13) }.joined()]
        for (l, level) in levels.enumerated() {
            var line = Format.fixed(level, 2).padding(toLength: 7, withPad: " ", startingAt: 0)
            for c in cols {
                let v = mean[l][measures.firstIndex(of: c)!]
                line += (v.isNaN ? "-" : Format.fixed(v, 3)).leftPadded(13)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// The string right-aligned in `width` columns (one space before it when it is wider).
    public func leftPadded(_ width: Int) -> String {
        count >= width ? " " + self : String(repeating: " ", count: width - count) + self
    }
}
