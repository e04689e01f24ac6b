// SPDX-License-Identifier: GPL-3.0-or-later

/// `trials.csv` of a noise study (`--trials-out`), for users' own statistics in pandas or R:
/// a row per cell, trial and level, a column per measure; for a `model: trained` study then
/// the predictor and training size, as in `summary.csv`.
public enum TrialsFile {
    /// The assembled file's name.
    public static let name = "trials.csv"

    /// The fixed columns, after any swept keys and before the measures.
    static let columns = ["dataset", "metric", "pairing", "subset_size", "noise", "level", "trial"]

    /// The rows of a file, with the layout they share.
    public struct Table: Sendable {
        public var sweepKeys: [String]
        public var measures: [String]
        /// Whether the rows close with the predictor and training size.
        public var trained: Bool
        public var rows: [Row]
    }

    /// One trial of one cell at one level.
    public struct Row: Sendable {
        /// The values of ``Table/sweepKeys``.
        public var sweepValues: [String]
        public var dataset: String
        public var metric: String
        public var pairing: String
        public var subsetSize: Int
        public var noise: String
        public var level: Double
        public var trial: Int
        /// The values of ``Table/measures`` (NaN: undefined in this trial).
        public var values: [Double]
        public var predictor: String?
        public var trainSamples: Int?
    }

    /// The rows of a study's result: cells in order, then trials, then levels.
    static func rows(of r: StudyResult) -> Table {
        let keys = r.scenario.sweepValues.map(\.key), values = r.scenario.sweepValues.map(\.value)
        let trained = r.cells.contains { $0.trained != nil }
        var rows: [Row] = []
        for (c, cell) in r.cells.enumerated() {
            let cellRows = cell.rows, levels = cellRows.count
            let columns = cell.measures.indices.flatMap { m in (0..<levels).map { l in r.values(cell: c, level: l, measure: m) } }
            for t in 0..<cell.trials(r.scenario.trials) {
                for l in 0..<levels {
                    let level = cellRows[l]
                    rows.append(
                        Row(
                            sweepValues: values, dataset: cell.pair.dataset, metric: cell.pair.metric,
                            pairing: cell.pair.pairing.rawValue, subsetSize: cell.subsetSize, noise: level.noise.rawValue,
                            level: level.level, trial: t, values: cell.measures.indices.map { columns[$0 * levels + l][t] },
                            predictor: level.predictor, trainSamples: level.trainSamples))
                }
            }
        }
        return Table(sweepKeys: keys, measures: r.cells.first?.measures.map(\.rawValue) ?? [], trained: trained, rows: rows)
    }

    static func layout(_ t: Table) -> CSVColumns {
        CSVColumns(columns + t.measures + (t.trained ? SummaryFile.trainedColumns : []), sweep: t.sweepKeys)
    }

    /// The CSV text of `table`; a count measure (`n_…`) is written as a whole number.
    static func text(_ table: Table) -> String {
        let isCount = table.measures.map(TrialsCSV.countMeasure)
        return layout(table).csv(table.rows) { r, row in
            row.sweep(Array(zip(table.sweepKeys, r.sweepValues)).map { (key: $0, value: $1) })
            row["dataset"] = r.dataset
            row["metric"] = r.metric
            row["pairing"] = r.pairing
            row["subset_size"] = String(r.subsetSize)
            row["noise"] = r.noise
            row["level"] = Format.number(r.level)
            row["trial"] = String(r.trial)
            for (m, measure) in table.measures.enumerated() { row[measure] = TrialsCSV.value(r.values[m], count: isCount[m]) }
            if table.trained {
                row["predictor"] = r.predictor ?? ""
                row["train_samples"] = r.trainSamples.map(String.init) ?? ""
            }
        }
    }

    /// Reads a study's `trials.csv` back: the columns before `dataset` are the swept keys, the
    /// ones after `trial` the measures (then `predictor`, `train_samples` of a trained study).
    /// - Throws: ``InputError`` at the file, line and column of a missing column or a bad field.
    public static func read(path: String) throws -> Table {
        let csv = try CSVTable(contentsOf: path)
        guard let start = csv.header.firstIndex(of: columns[0]), csv.header.count >= start + columns.count,
            Array(csv.header[start..<(start + columns.count)]) == columns
        else {
            throw InputError(
                file: path, line: 1, "expected the columns \(columns.joined(separator: ",")) after any swept keys, then the measures")
        }
        var measures = Array(csv.header[(start + columns.count)...])
        let trained = measures.suffix(2) == ArraySlice(SummaryFile.trainedColumns)
        if trained { measures.removeLast(2) }
        var table = Table(sweepKeys: Array(csv.header[..<start]), measures: measures, trained: trained, rows: [])
        let layout = layout(table)
        table.rows = try csv.rows.indices.map { r in
            let f = layout.fields(csv, row: r)
            return Row(
                sweepValues: Array(csv.rows[r][..<start]), dataset: try f.nonEmpty("dataset"), metric: try f.nonEmpty("metric"),
                pairing: try f.nonEmpty("pairing"), subsetSize: try f.integer("subset_size"), noise: try f.nonEmpty("noise"),
                level: try f.number("level", allowEmpty: trained), trial: try f.integer("trial"),
                values: try measures.map { try f.number($0) },
                predictor: trained ? f.string("predictor") : nil,
                trainSamples: trained && !f.string("train_samples").isEmpty ? try f.integer("train_samples") : nil)
        }
        return table
    }
}
