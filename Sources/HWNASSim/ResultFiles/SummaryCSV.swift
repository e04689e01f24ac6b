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
    /// The columns that close the rows of a `model: trained` study: the predictor and the
    /// training size (for a matched injected row, of the trained row it matches).
    public static let trainedColumns = ["predictor", "train_samples"]

    /// The CSV text of `rows`; swept keys (the same in every row's order) come first, and
    /// ``trainedColumns`` last when a row has a predictor.
    public static func text(_ rows: [SummaryRow]) -> String {
        let sweepKeys = BudgetCSV.sweepKeys(rows.map(\.sweepValues))
        let trained = rows.contains { $0.predictor != nil }
        let body = rows.map { r -> [String] in
            BudgetCSV.sweepFields(sweepKeys, r.sweepValues) + [r.dataset, r.metric, r.pairing.rawValue, String(r.subsetSize), r.noise.rawValue,
                            Format.number(r.level), r.measure] + statistics(r.summary)
                + (trained ? [r.predictor ?? "", r.trainSamples.map(String.init) ?? ""] : [])
        }
        return Format.csv(header: sweepKeys + columns + (trained ? trainedColumns : []), rows: body)
    }
}
