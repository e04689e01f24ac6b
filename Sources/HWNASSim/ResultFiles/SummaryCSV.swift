// SPDX-License-Identifier: GPL-3.0-or-later

/// `summary.csv`: one row per cell, level and measure.
enum SummaryCSV {
    /// The fixed columns, after any swept keys.
    public static let columns = ["dataset", "metric", "pairing", "subset_size", "noise", "level", "measure"] + statisticsColumns

    /// The statistics columns' values of a summary.
    static func statistics(_ s: Summary) -> [String] {
        [String(s.n)] + [s.mean, s.sd, s.se, s.ci95Low, s.ci95High, s.median, s.q25, s.q75].map(Format.number)
    }

    /// The CSV text of `rows`; swept keys (the same in every row's order) come first.
    public static func text(_ rows: [SummaryRow]) -> String {
        let sweepKeys = BudgetCSV.sweepKeys(rows.map(\.sweepValues))
        let body = rows.map { r -> [String] in
            BudgetCSV.sweepFields(sweepKeys, r.sweepValues) + [r.dataset, r.metric, r.pairing.rawValue, String(r.subsetSize), r.noise.rawValue,
                            Format.number(r.level), r.measure] + statistics(r.summary)
        }
        return Format.csv(header: sweepKeys + columns, rows: body)
    }
}
