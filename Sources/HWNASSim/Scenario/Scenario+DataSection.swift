// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

extension Scenario {
    static let dataKeys = [
        "benchmark", "pairing", "precision", "pairs", "file", "id_column",
        "accuracy_column", "accuracy_unit", "missing", "size", "rank_correlation", "seed",
        "features", "arch_column", "encoding", "standardize"
    ]
    static let benchmarks = ["nb201", "csv", "synthetic", "fbnet"]

    /// The `data` section: the benchmark and its options, pairing, precision and pairs.
    static func decodeData(_ file: ScenarioSections) throws -> DataSection {
        let dataValue = try file.required("data")
        let data = try dataValue.mapping(allowed: dataKeys)
        let benchmarkName = try data["benchmark"]?.string() ?? "nb201"
        var pairing = Pairing.true
        if let p = data["pairing"] { pairing = try p.choice(Pairing.self, Pairing.allCases) }
        var precision = Precision.float64
        if let p = data["precision"] { precision = try p.choice(Precision.self, Precision.allCases) }
        let onlyFor: [String: [String]] = [
            "csv": [
                "file", "id_column", "accuracy_column", "accuracy_unit", "missing", "features", "arch_column", "encoding", "standardize"
            ],
            "synthetic": ["size", "rank_correlation", "seed"]
        ]
        for (bench, keys) in onlyFor where bench != benchmarkName {
            for k in keys {
                if let v = data[k] { throw v.error("only used with benchmark '\(bench)', this scenario uses '\(benchmarkName)'") }
            }
        }
        let source: DataSource
        switch benchmarkName {
        case "nb201": source = .nb201
        case "csv": source = .csv(try decodeCSV(data, dataValue: dataValue, file: file))
        case "fbnet": source = .fbnet
        case "synthetic": source = .synthetic(try decodeSynthetic(data))
        default:
            let hint = Suggest.hint(for: benchmarkName, in: benchmarks)
            throw data["benchmark"]!.error(
                "unknown benchmark '\(benchmarkName)'\(hint); expected one of: \(benchmarks.joined(separator: ", "))")
        }
        let pairs = try decodePairs(data, dataValue: dataValue, source: source)
        if pairing == .paperSorted, benchmarkName != "nb201" {
            throw data["pairing"]!.error("'paper-sorted' needs benchmark 'nb201' (it orders architectures by their NB201 genotype)")
        }
        if case .fbnet = source, let pairsValue = data["pairs"],
            let (i, d) = pairs.enumerated().first(where: { $0.element.dataset != "fbnet" })
        {
            throw try pairsValue.list()[i].error("the FBNet table's dataset is 'fbnet', found '\(d.dataset)'")
        }
        return DataSection(source: source, pairing: pairing, precision: precision, pairs: pairs)
    }

    /// `benchmark: csv`: the table's path (relative to the scenario file), columns and units.
    static func decodeCSV(_ data: [String: YAMLValue], dataValue: YAMLValue, file: ScenarioSections) throws -> CSVSource {
        guard let f = data["file"] else { throw dataValue.error("missing key 'file' (the CSV table) for benchmark 'csv'") }
        var path = try f.string()
        if !path.hasPrefix("/") {
            path = ((file.root.file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(path)
        }
        var percent = true
        if let u = data["accuracy_unit"] {
            switch try u.string() {
            case "percent": percent = true
            case "fraction": percent = false
            default: throw u.error("expected 'percent' or 'fraction', found \(u.found)")
            }
        }
        var csv = CSVSource(
            file: path, idColumn: try data["id_column"]?.string() ?? "id",
            accuracyColumn: try data["accuracy_column"]?.string() ?? "accuracy",
            accuracyInPercent: percent, dropMissing: try Self.dropMissing(data["missing"]))
        try decodeFeatures(data, into: &csv, learning: file.kind == .learningCurve, dataValue: dataValue)
        return csv
    }

    /// `benchmark: synthetic`: the generator's size, rank correlation and seed.
    static func decodeSynthetic(_ data: [String: YAMLValue]) throws -> SyntheticSpec {
        var spec = SyntheticSpec()
        if let s = data["size"] {
            spec.size = try s.int()
            guard spec.size >= 2 && spec.size <= 2_000_000 else { throw s.error("expected a size in 2…2000000, found \(spec.size)") }
        }
        if let r = data["rank_correlation"] {
            spec.rankCorrelation = try r.double()
            guard spec.rankCorrelation > -1 && spec.rankCorrelation < 1 else {
                throw r.error("expected a rank correlation in (-1, 1), found \(spec.rankCorrelation)")
            }
        }
        if let s = data["seed"] { spec.seed = try s.seed() }
        return spec
    }

    /// `data.pairs`: at least one {dataset, metric, latency_column}; the dataset defaults to the
    /// table's name for the benchmarks with one table.
    static func decodePairs(_ data: [String: YAMLValue], dataValue: YAMLValue, source: DataSource) throws -> [PairSpec] {
        guard let pairsValue = data["pairs"] else { throw dataValue.error("missing key 'pairs': expected a list of {dataset, metric}") }
        var pairs: [PairSpec] = []
        for item in try pairsValue.list() {
            let m = try item.mapping(allowed: ["dataset", "metric", "latency_column"])
            guard let metric = m["metric"] else { throw item.error("missing key 'metric'") }
            var dataset: String
            if let d = m["dataset"] {
                dataset = try d.string()
            } else {
                switch source {
                case .nb201: throw item.error("missing key 'dataset' (one of \(MetricTable.nb201Datasets.joined(separator: ", ")))")
                case .csv(let c): dataset = ((c.file as NSString).lastPathComponent as NSString).deletingPathExtension
                case .synthetic: dataset = "synthetic"
                case .fbnet: dataset = "fbnet"
                }
            }
            if case .nb201 = source, !MetricTable.nb201Datasets.contains(dataset) {
                let hint = Suggest.hint(for: dataset, in: MetricTable.nb201Datasets)
                throw m["dataset"]!.error(
                    "unknown NB201 dataset '\(dataset)'\(hint); expected one of: \(MetricTable.nb201Datasets.joined(separator: ", "))")
            }
            pairs.append(PairSpec(dataset: dataset, metric: try metric.string(), latencyColumn: try m["latency_column"]?.string()))
        }
        guard !pairs.isEmpty else { throw pairsValue.error("expected at least one {dataset, metric} pair, found an empty list") }
        return pairs
    }

    /// `data.features` (with `data.standardize`), `data.arch_column` and `data.encoding` of a
    /// csv table: what trained predictors learn from, in every kind of scenario; a learning
    /// curve needs one of them.
    static func decodeFeatures(_ data: [String: YAMLValue], into csv: inout CSVSource, learning: Bool, dataValue: YAMLValue) throws {
        if let s = data["standardize"] {
            guard data["features"] != nil else {
                throw s.error("data.standardize applies to data.features (numeric columns); one-hot encodings are never standardised")
            }
            csv.standardizeFeatures = try s.bool()
        }
        if let f = data["features"] {
            if let a = data["arch_column"] {
                throw a.error("give either data.features (numeric columns) or data.arch_column (architecture strings), not both")
            }
            if let e = data["encoding"] { throw e.error("data.encoding reads data.arch_column; data.features are used as they are") }
            let columns = try f.list(scalarAsList: true).map { try $0.string() }
            guard !columns.isEmpty else { throw f.error("expected a list of numeric feature columns, found an empty list") }
            csv.featureColumns = columns
        } else if let a = data["arch_column"] {
            csv.archColumn = try a.string()
            csv.encoding = try data["encoding"]?.string() ?? "nb201"
            do { _ = try Encodings.named(csv.encoding!, key: "data.encoding") } catch let e as InputError {
                throw data["encoding"]!.error(e.message)
            }
        } else if data["encoding"] != nil {
            throw data["encoding"]!.error("data.encoding needs data.arch_column (the column of architecture strings it reads)")
        } else if learning {
            throw dataValue.error(
                "a learning curve on a csv table needs its features: data.features: [numeric columns], or data.arch_column: COL with data.encoding: nb201"
            )
        }
    }

    /// `data.missing`: `error` (the default) or `drop`.
    static func dropMissing(_ v: YAMLValue?) throws -> Bool {
        guard let v else { return false }
        switch try v.string() {
        case "error": return false
        case "drop": return true
        default:
            throw v.error(
                "expected 'error' (a missing metric value is an error) or 'drop' (leave the architecture out of that metric), found \(v.found)"
            )
        }
    }
}
