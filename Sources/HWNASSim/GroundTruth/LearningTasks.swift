// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A learning-curve task of a scenario pair, with the checksum of the data behind it (for
/// cell hashes).
struct LearningTaskData: Sendable {
    var task: LearningCurve.Task
    var checksum: String
    /// Architectures with a value of the metric.
    var available: Int
}

extension GroundTruthLoader {
    /// The learning-curve tasks of `scenario`'s pairs (NB201 one-hot, FBNet one-hot, or a csv
    /// table's feature columns or encoded architecture column), with the source features of
    /// `transfer` when the scenario lists it.
    /// - Throws: ``InputError`` at the scenario key (or table line) of what is wrong: a
    ///   missing metric or feature column, a non-numeric feature, an architecture string the
    ///   encoding does not read, a `transfer` source that is the target.
    mutating func learningTasks(for scenario: Scenario, spec: LearningCurveSpec) throws -> [LearningTaskData] {
        let transferIndex = spec.predictors.firstIndex { $0.model == .transfer }
        let requested = transferIndex.flatMap { spec.predictors[$0].sourceColumns }
        let sourceKey = transferIndex.map { "learning_curve.predictors[\($0)].source" } ?? "source"
        var out: [LearningTaskData] = []
        try Self.checkAccuracyTarget(scenario, spec: spec)
        for (i, p) in scenario.pairs.enumerated() {
            let metricKey = "data.pairs[\(i)].metric"
            func sources(target: String, available: [String], complete: (String) -> Bool) throws -> [String]? {
                guard transferIndex != nil else { return nil }
                return try TransferPredictor.sourceColumns(
                    requested: requested, target: target, available: available,
                    complete: complete, key: sourceKey)
            }
            var data: LearningTaskData
            switch scenario.data {
            case .nb201:
                var table: MetricTable
                do {
                    table = try self.table(.nb201, pair: p, metricColumns: [p.metric] + (requested ?? []))
                    if transferIndex != nil, requested == nil, !table.unloadedMetrics.isEmpty {
                        table = try self.table(.nb201, pair: p, metricColumns: [p.metric] + table.unloadedMetrics)
                    }
                } catch var e as InputError {
                    if e.line == nil {
                        e.key = e.key == "dataset" ? "data.pairs[\(i)].dataset" : metricKey
                        e.column = nil
                    }
                    throw e
                }
                var task: LearningCurve.Task
                do { task = try LearningCurve.Task(nb201: table, metric: p.metric) } catch var e as InputError {
                    if e.key == "metric" {
                        e.key = metricKey
                        e.file = nil
                    }
                    throw e
                }
                task.dataset = p.dataset
                var covered = [p.metric]
                if let s = try sources(target: p.metric, available: table.metricNames, complete: { table.missingCount($0) == 0 }) {
                    task.sourceFeatures = try FeatureColumns.matrix(table, columns: s, key: sourceKey)
                    covered += s
                }
                var checksum = table.checksum(covering: covered) ?? table.sha256 ?? "-"
                for (j, predictor) in spec.predictors.enumerated() {
                    guard let name = predictor.proxyColumn, task.proxies[name] == nil else { continue }
                    let proxy = try ProxyColumn.load(
                        name, table: &table, directory: directory, key: "learning_curve.predictors[\(j)].column")
                    task.proxies[name] = proxy.scores
                    checksum += "+" + proxy.file.sha256
                    if let note = proxy.note, !notes.contains(note) { notes.append(note) }
                }
                data = LearningTaskData(task: task, checksum: checksum, available: task.targets.count { $0.isFinite })
            case .fbnet:
                let table = try fbnet()
                guard let targets = table.metrics[p.metric] else {
                    throw InputError(
                        key: metricKey,
                        "the FBNet table has no metric '\(p.metric)'\(Suggest.hint(for: p.metric, in: table.metricNames)); it has: \(table.metricNames.joined(separator: ", "))"
                    )
                }
                let e = FBNetOneHotEncoding()
                var task = LearningCurve.Task(
                    dataset: p.dataset, metric: p.metric,
                    features: try e.matrix((0..<table.count).map(table.opIndexList), file: table.path),
                    encoding: e, targets: targets)
                if let s = try sources(
                    target: p.metric, available: table.metricNames, complete: { c in table.metrics[c]!.allSatisfy(\.isFinite) })
                {
                    task.sourceFeatures = FeatureColumns.interleave(s.map { table.metrics[$0]! }, rows: table.count)
                }
                data = LearningTaskData(task: task, checksum: table.sha256, available: targets.count { $0.isFinite })
            case .csv(let c):
                let (read, warnings) = try Self.csvTask(c, pair: p, index: i, sources: sources)
                data = read
                for w in warnings where !self.warnings.contains(w) { self.warnings.append(w) }
            case .synthetic:
                throw InputError(key: "data.benchmark", "a synthetic table has no architectures to learn from: use nb201, fbnet or csv")
            }
            out.append(data)
        }
        return out
    }

    /// Checks the rules of `target: accuracy` and of proxies: an NB201 benchmark, every pair's
    /// metric `test_acc`; a proxy only with that target.
    /// - Throws: ``InputError`` at the key that breaks a rule.
    static func checkAccuracyTarget(_ scenario: Scenario, spec: LearningCurveSpec) throws {
        let accuracy = LearningCurveSpec.accuracyColumn
        if spec.target == .metric {
            if let j = spec.predictors.firstIndex(where: { $0.model == .proxy }) {
                throw InputError(
                    key: "learning_curve.predictors[\(j)]",
                    "a proxy estimates accuracy: set learning_curve.target: accuracy (and metric: \(accuracy) in data.pairs)")
            }
            return
        }
        guard case .nb201 = scenario.data else {
            throw InputError(
                key: "learning_curve.target", "target: accuracy needs benchmark nb201 (the tables with a test accuracy and proxies)")
        }
        for (i, p) in scenario.pairs.enumerated() where p.metric != accuracy {
            throw InputError(
                key: "data.pairs[\(i)].metric",
                "learning_curve.target: accuracy scores test accuracy: expected metric: \(accuracy), found '\(p.metric)'")
        }
    }

    /// A csv table's task: the metric column and `data.features` or the encoded
    /// `data.arch_column`; the table checked as a run checks it (architecture ids unique when
    /// it has its id column), with warnings about constant feature columns.
    static func csvTask(
        _ c: CSVSource, pair p: PairSpec, index i: Int,
        sources: (String, [String], (String) -> Bool) throws -> [String]?
    ) throws -> (LearningTaskData, warnings: [InputError]) {
        let csv: CSVTable
        do { csv = try CSVTable(contentsOf: c.file) } catch var e as InputError {
            if e.line == nil { e.key = "data.file" }
            throw e
        }
        if let idC = csv.header.firstIndex(of: c.idColumn) {
            try MetricTable.checkIDsUnique(csv.strings(column: idC), csv: csv, column: idC)
        }
        let targets = try csv.numbers(
            column: TableFeatures.column(p.metric, of: csv, file: c.file, key: "data.pairs[\(i)].metric"),
            allowMissing: c.dropMissing, missingTokens: true)
        guard let features = try TableFeatures.read(c, csv: csv) else {
            throw InputError(key: "data", "a learning curve on a csv table needs data.features or data.arch_column")
        }
        var task = LearningCurve.Task(
            dataset: p.dataset, metric: p.metric, features: features.matrix, encoding: features.encoding, targets: targets)
        task.standardizeFeatures = features.standardize && features.encoding == nil
        if let s = try sources(p.metric, csv.header, { _ in true }) {
            var cols: [[Double]] = []
            for name in s {
                let col = try TableFeatures.column(name, of: csv, file: c.file, key: "learning_curve.predictors")
                cols.append(try csv.numbers(column: col, allowMissing: true, missingTokens: true))
            }
            task.sourceFeatures = FeatureColumns.interleave(cols, rows: csv.rowCount)
        }
        return (
            LearningTaskData(task: task, checksum: csv.sha256 ?? "-", available: targets.count { $0.isFinite }), features.warnings
        )
    }
}
