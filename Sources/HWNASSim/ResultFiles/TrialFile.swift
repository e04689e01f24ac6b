// SPDX-License-Identifier: GPL-3.0-or-later

/// The trial a study run's figure 4 draws: trial 0 of one cell at one level, as the
/// simulation produced it. Written at run time (`trial0.csv`), so that a report needs neither
/// the scenario file nor the data tables to draw it.
public struct FigureTrial: Sendable {
    /// The pair as the scenario names it.
    public var dataset: String
    public var metric: String
    public var subsetSize: Int
    /// The noise level (or training size) of the selection.
    public var level: Double
    public var selection: TrialSelection
}

/// `trial0.csv`: a row per architecture of the trial's subset, in drawn order, with its true
/// values, prediction and place on the true front, in the selection and among the verified.
public enum TrialFile {
    /// The assembled file's name.
    public static let name = "trial0.csv"

    static let columns = CSVColumns([
        "dataset", "metric", "subset_size", "level", "reference_accuracy", "reference_metric",
        "position", "architecture", "accuracy", "z", "predicted", "predicted_accuracy",
        "front_rank", "selected_rank", "verified_rank"
    ])

    /// The CSV text of `trial`. A `*_rank` field is the architecture's place in that list
    /// (the order figure 4 draws it in), empty when it is not in it.
    static func text(_ trial: FigureTrial) -> String {
        let s = trial.selection
        func ranks(_ list: [Int]) -> [Int: Int] { Dictionary(uniqueKeysWithValues: list.enumerated().map { ($1, $0) }) }
        let front = ranks(s.trueFront), selected = ranks(s.selected), verified = ranks(s.verified)
        return columns.csv(s.subset.indices) { p, row in
            row["dataset"] = trial.dataset
            row["metric"] = trial.metric
            row["subset_size"] = String(trial.subsetSize)
            row["level"] = Format.number(trial.level)
            row["reference_accuracy"] = Format.number(s.reference.accuracy)
            row["reference_metric"] = Format.number(s.reference.metric)
            row["position"] = String(p)
            row["architecture"] = String(s.subset[p])
            row["accuracy"] = Format.number(s.accuracy[p])
            row["z"] = Format.number(s.z[p])
            row["predicted"] = Format.number(s.predicted[p])
            row["predicted_accuracy"] = p < s.predictedAccuracy.count ? Format.number(s.predictedAccuracy[p]) : ""
            row["front_rank"] = front[p].map(String.init) ?? ""
            row["selected_rank"] = selected[p].map(String.init) ?? ""
            row["verified_rank"] = verified[p].map(String.init) ?? ""
        }
    }

    /// Reads a `trial0.csv` back.
    /// - Throws: ``InputError`` at the file, line and column of a bad field, or when the rows
    ///   do not describe one trial (positions out of order, ranks missing or repeated).
    public static func read(path: String) throws -> FigureTrial {
        let table = try columns.table(path: path)
        guard !table.rows.isEmpty else { throw InputError(file: path, "no rows: expected one per architecture of the trial") }
        let first = columns.fields(table, row: 0)
        var s = TrialSelection(
            subset: [], trueFront: [], selected: [], verified: [], accuracy: [], z: [], predicted: [],
            predictedAccuracy: [],
            reference: (
                try first.number("reference_accuracy", allowEmpty: false),
                try first.number("reference_metric", allowEmpty: false)
            ))
        var front: [(Int, Int)] = [], selected: [(Int, Int)] = [], verified: [(Int, Int)] = []
        for r in table.rows.indices {
            let f = columns.fields(table, row: r)
            let p = try f.integer("position")
            guard p == r else { throw f.error("position", "expected \(r): one row per position, in order") }
            s.subset.append(try f.integer("architecture"))
            s.accuracy.append(try f.number("accuracy"))
            s.z.append(try f.number("z"))
            s.predicted.append(try f.number("predicted"))
            if !f.string("predicted_accuracy").isEmpty { s.predictedAccuracy.append(try f.number("predicted_accuracy")) }
            func rank(_ name: String) throws -> (Int, Int)? {
                f.string(name).isEmpty ? nil : (try f.integer(name), p)
            }
            if let r = try rank("front_rank") { front.append(r) }
            if let r = try rank("selected_rank") { selected.append(r) }
            if let r = try rank("verified_rank") { verified.append(r) }
        }
        func ordered(_ ranks: [(Int, Int)], _ name: String) throws -> [Int] {
            let sorted = ranks.sorted { $0.0 < $1.0 }
            guard sorted.map(\.0) == Array(sorted.indices) else {
                throw InputError(file: path, key: name, "the ranks are not 0, 1, 2, … each once")
            }
            return sorted.map(\.1)
        }
        s.trueFront = try ordered(front, "front_rank")
        s.selected = try ordered(selected, "selected_rank")
        s.verified = try ordered(verified, "verified_rank")
        return FigureTrial(
            dataset: try first.nonEmpty("dataset"), metric: try first.nonEmpty("metric"),
            subsetSize: try first.integer("subset_size"), level: try first.number("level", allowEmpty: false),
            selection: s)
    }
}
