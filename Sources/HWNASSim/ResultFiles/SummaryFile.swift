// SPDX-License-Identifier: GPL-3.0-or-later

/// `summary.csv`: one row per cell, level and measure (``SummaryRow``): any swept keys, the
/// fixed columns, the statistics, and for a `model: trained` study the predictor and training size.
public enum SummaryFile {
    /// The assembled file's name.
    public static let name = "summary.csv"

    /// The fixed columns, after any swept keys.
    static let columns = ["dataset", "metric", "pairing", "subset_size", "noise", "level", "measure"] + statisticsColumns

    /// The columns that close the rows of a `model: trained` study: the predictor and the
    /// training size (for a matched injected row, of the trained row it matches).
    static let trainedColumns = ["predictor", "train_samples"]

    /// The statistics columns' values of a summary, by name.
    static func fill(_ row: inout CSVColumns.Row, statistics s: Summary) {
        row["n"] = String(s.n)
        for (name, x) in zip(statisticsColumns.dropFirst(), [s.mean, s.sd, s.se, s.ci95Low, s.ci95High, s.median, s.q25, s.q75]) {
            row[name] = Format.number(x)
        }
    }

    /// The statistics fields of a summary in ``statisticsColumns`` order (the closing fields of
    /// `budget.csv`'s rows).
    static func statisticsFields(_ s: Summary) -> [String] {
        CSVColumns(statisticsColumns).row { fill(&$0, statistics: s) }
    }

    /// The CSV text of `rows`; swept keys (the same in every row's order) come first, and
    /// ``trainedColumns`` last when a row has a predictor.
    static func text(_ rows: [SummaryRow]) -> String {
        let trained = rows.contains { $0.predictor != nil }
        let layout = CSVColumns(columns + (trained ? trainedColumns : []), sweep: CSVColumns.sweepKeys(rows.map(\.sweepValues)))
        return layout.csv(rows) { r, row in
            row.sweep(r.sweepValues)
            row["dataset"] = r.dataset
            row["metric"] = r.metric
            row["pairing"] = r.pairing.rawValue
            row["subset_size"] = String(r.subsetSize)
            row["noise"] = r.noise.rawValue
            row["level"] = Format.number(r.level)
            row["measure"] = r.measure
            fill(&row, statistics: r.summary)
            if trained {
                row["predictor"] = r.predictor ?? ""
                row["train_samples"] = r.trainSamples.map(String.init) ?? ""
            }
        }
    }

    /// Reads `summary.csv` at `path` into rows that ``text(_:)`` writes back unchanged.
    /// - Throws: ``InputError`` at the file, line and column of a missing column or bad field.
    static func read(path: String) throws -> [SummaryRow] {
        let table = try CSVTable(contentsOf: path)
        var (sweep, index) = try SummaryReader.layout(table, fixed: columns, extraPrefixes: trainedColumns)
        let last = index[columns.last!]!
        let extra = Array(table.header[(last + 1)...])
        if !extra.isEmpty {
            guard extra == trainedColumns else {
                throw InputError(
                    file: path, line: 1, column: last + 2, key: extra[0],
                    "expected the columns \(trainedColumns.joined(separator: ",")) after '\(columns.last!)', found \(extra.joined(separator: ","))"
                )
            }
            for (k, name) in extra.enumerated() { index[name] = last + 1 + k }
        }
        return try table.rows.indices.map { r in
            let f = SummaryReader.Fields(table: table, index: index, row: r)
            let pairing = try f.pairing()
            let noiseText = try f.nonEmpty("noise")
            guard let noise = NoiseModelKind(rawValue: noiseText) else {
                throw f.error(
                    "noise",
                    "unknown noise model '\(noiseText)'; expected one of: \(NoiseModelKind.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return SummaryRow(
                sweepValues: f.sweep(sweep), dataset: try f.nonEmpty("dataset"), metric: try f.nonEmpty("metric"),
                pairing: pairing, subsetSize: try f.integer("subset_size"), noise: noise,
                level: try f.number("level", allowEmpty: !extra.isEmpty), measure: try f.nonEmpty("measure"), summary: try f.summary(),
                predictor: extra.isEmpty ? nil : try f.nonEmpty("predictor"),
                trainSamples: extra.isEmpty ? nil : try f.integer("train_samples"))
        }
    }
}
