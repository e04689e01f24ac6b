// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// HW-NAS-Bench's look-up on a whole table: every metric of one architecture, found by index
/// or by architecture string, and the true Pareto front of the whole space.
///
/// Values are the table's own numbers (accuracy in percent, as written), printed with the
/// shortest decimal that reads back to the same double.
public struct ArchitectureQuery: Sendable {
    /// What the table's architectures are.
    public enum Benchmark: String, Sendable, CaseIterable {
        case nb201, fbnet
    }

    public var benchmark: Benchmark
    /// `cifar10`, `cifar100`, `ImageNet16-120`, or `fbnet`.
    public var dataset: String
    /// Each row's architecture index (`arch_index`, `fbnet_index`).
    public var ids: [String]
    /// Each row's architecture string (NB201 genotype; FBNet block names joined by `-`).
    public var archStrings: [String]
    /// The columns printed for an architecture, in order: accuracy first (NB201), then every
    /// metric; values in their units, NaN where missing.
    public var columns: [(name: String, values: [Double])]
    /// FBNet: each row's block choices as indices joined by `-`.
    var opIndexLists: [String]?

    public var count: Int { ids.count }

    /// Every metric of NB201 `dataset` (the ten HW-NAS-Bench columns, HELP's latencies,
    /// `flops`, `params`), read from `directory`.
    public static func nb201(dataset: String, directory: String) throws -> ArchitectureQuery {
        guard MetricTable.nb201Datasets.contains(dataset) else {
            let hint = Suggest.hint(for: dataset, in: MetricTable.nb201Datasets)
            throw InputError(
                key: "--dataset",
                "unknown NB201 dataset '\(dataset)'\(hint); expected one of: \(MetricTable.nb201Datasets.joined(separator: ", "))")
        }
        let t = try MetricTable.loadNB201(dataset: dataset, directory: directory, metrics: nil)
        let q = ArchitectureQuery(
            benchmark: .nb201, dataset: dataset, ids: t.ids, archStrings: t.archStrings ?? t.ids,
            columns: [("test_acc", t.accuracyAsWritten ?? t.accuracy.map { $0 * 100 })]
                + t.metricNames.map { ($0, t.metrics[$0]!) })
        return q
    }

    /// The FBNet sample's 27 latencies, read from `directory`.
    public static func fbnet(directory: String) throws -> ArchitectureQuery {
        let t = try FBNetTable.load(directory: directory)
        var q = ArchitectureQuery(
            benchmark: .fbnet, dataset: "fbnet", ids: t.ids, archStrings: t.ops.indices.map(t.archString),
            columns: t.metricNames.map { ($0, t.metrics[$0]!) })
        q.opIndexLists = t.ops.indices.map(t.opIndexList)
        return q
    }

    /// The first row whose architecture index is `id`.
    /// - Complexity: O(rows): a command looks up one architecture, so no index is built.
    func row(ofID id: String) -> Int? { ids.firstIndex(of: id) }

    /// The first row whose canonical architecture string (FBNet: index list) is `key`.
    /// - Complexity: O(rows).
    func row(ofArch key: String) -> Int? { (opIndexLists ?? archStrings).firstIndex(of: key) }

    /// What `--arch` accepts, for error messages.
    var expectedArch: String {
        switch benchmark {
        case .nb201:
            return "an index 0…\(count - 1) or an NB201 genotype of six edges op~input, e.g. "
                + "'|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|', "
                + "ops \(NB201Genotype.operations.joined(separator: ", "))"
        case .fbnet:
            return "an index 0…\(count - 1) or \(FBNetTable.blocks) block choices joined by '-', "
                + "each 0…\(FBNetTable.operations.count - 1) or one of \(FBNetTable.operations.joined(separator: ", "))"
        }
    }

    /// The row of architecture `arch`: an index, or an architecture string.
    /// - Throws: ``InputError`` (key `--arch`) saying what was expected.
    public func row(of arch: String) throws -> Int {
        let text = arch.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) {
            if let r = row(ofID: text) ?? Int(text).flatMap({ row(ofID: String($0)) }) { return r }
            throw InputError(key: "--arch", "architecture index \(text) is out of range: expected \(expectedArch)")
        }
        switch benchmark {
        case .nb201:
            guard NB201Genotype.opIndexTuple(text) != nil else {
                throw InputError(key: "--arch", "'\(text)' is not an NB201 architecture: expected \(expectedArch)")
            }
            guard let r = row(ofArch: text) else {
                throw InputError(
                    key: "--arch",
                    "'\(text)' is not in the NB201 table: expected the three cell nodes' edges "
                        + "in the order ~0 | ~0 ~1 | ~0 ~1 ~2, e.g. '\(archStrings.first ?? "")'")
            }
            return r
        case .fbnet:
            guard let ops = FBNetTable.parseOps(text) else {
                throw InputError(key: "--arch", "'\(text)' is not an FBNet architecture: expected \(expectedArch)")
            }
            guard let r = row(ofArch: ops.map(String.init).joined(separator: "-")) else {
                throw InputError(key: "--arch", "'\(text)' is not among the \(count) sampled FBNet architectures of the table")
            }
            return r
        }
    }

    /// Every column of row `r`, as text: a title line, then one line per metric with its unit.
    public func text(row r: Int) -> String {
        var out = "\(dataset) architecture \(ids[r]): \(archStrings[r])\n"
        if let lists = opIndexLists { out += "  op_idx_list \(lists[r])\n" }
        let width = columns.map(\.name.count).max() ?? 0
        let values = columns.map { Self.number($0.values[r]) }
        let valueWidth = values.map(\.count).max() ?? 0
        for (c, v) in zip(columns, values) {
            out +=
                "  " + c.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + String(repeating: " ", count: valueWidth - v.count) + v + "  " + NB201Metrics.unit(of: c.name) + "\n"
        }
        return out
    }

    /// Every column of row `r` as one JSON object: `arch_index`, `arch_str` (FBNet: also
    /// `op_idx_list`), then each metric by the name scenarios use; missing values are null.
    public func json(row r: Int) -> String {
        var fields: [(String, String)] = [("arch_index", Self.jsonID(ids[r])), ("arch_str", Self.jsonString(archStrings[r]))]
        if let lists = opIndexLists { fields.append(("op_idx_list", Self.jsonString(lists[r]))) }
        for c in columns { fields.append((c.name, Self.jsonNumber(c.values[r]))) }
        return "{" + fields.map { "\(Self.jsonString($0.0)): \($0.1)" }.joined(separator: ", ") + "}\n"
    }

    /// The true Pareto front of the whole table: highest accuracy, lowest `metric`.
    public struct Front: Sendable {
        public var metric: String
        /// The front's rows, by metric ascending (then accuracy descending, then row).
        public var rows: [Int]
        /// Architectures with a value of the metric.
        public var considered: Int
        /// Architectures left out because their value is missing.
        public var missing: Int
    }

    /// The front of accuracy against `metric` over every architecture that has a value.
    /// - Throws: ``InputError`` (key `--front`) for FBNet (no accuracy) or an unknown metric.
    /// - Complexity: O(n log n).
    public func front(metric: String) throws -> Front {
        guard benchmark == .nb201, let accuracy = columns.first?.values else {
            throw InputError(
                key: "--front", "the FBNet table has no accuracy: it has no accuracy–metric front (query one architecture with --arch)")
        }
        let metrics = columns.dropFirst().map(\.name)
        guard let values = columns.dropFirst().first(where: { $0.name == metric })?.values else {
            let hint = Suggest.hint(for: metric, in: metrics)
            throw InputError(
                key: "--front", "\(dataset) has no metric '\(metric)'\(hint); expected one of: \(metrics.joined(separator: ", "))")
        }
        let kept = values.indices.filter { !values[$0].isNaN }
        let front = ParetoFront.indices(accuracy: kept.map { accuracy[$0] }, metric: kept.map { values[$0] }).map { kept[$0] }
        let rows = front.sorted { a, b in
            values[a] != values[b] ? values[a] < values[b] : accuracy[a] != accuracy[b] ? accuracy[a] > accuracy[b] : a < b
        }
        return Front(metric: metric, rows: rows, considered: kept.count, missing: values.count - kept.count)
    }

    /// The front as a table: arch_index, arch_str, accuracy, metric.
    public func text(front f: Front) -> String {
        let acc = columns[0], values = columns.first { $0.name == f.metric }!.values
        var out =
            "\(dataset): true Pareto front of \(acc.name) (\(NB201Metrics.unit(of: acc.name)), higher is better) against \(f.metric) "
            + "(\(NB201Metrics.unit(of: f.metric)), lower is better): \(f.rows.count) of \(f.considered) architectures"
            + (f.missing > 0 ? " (\(f.missing) without a value left out)" : "") + "\n"
        let header = ["arch_index", "arch_str", acc.name, f.metric]
        let body = f.rows.map { [ids[$0], archStrings[$0], Self.number(acc.values[$0]), Self.number(values[$0])] }
        let widths = header.indices.map { c in ([header[c]] + body.map { $0[c] }).map(\.count).max()! }
        for line in [header] + body {
            out +=
                "  "
                + line.enumerated().map { c, s in
                    c == 1
                        ? s.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                        : String(repeating: " ", count: widths[c] - s.count) + s
                }.joined(separator: "  ") + "\n"
        }
        return out
    }

    /// The front as one JSON object: the metric, counts, and the front's architectures.
    public func json(front f: Front) -> String {
        let acc = columns[0], values = columns.first { $0.name == f.metric }!.values
        let rows = f.rows.map { r in
            "    {\"arch_index\": \(Self.jsonID(ids[r])), \"arch_str\": \(Self.jsonString(archStrings[r])), "
                + "\(Self.jsonString(acc.name)): \(Self.jsonNumber(acc.values[r])), \(Self.jsonString(f.metric)): \(Self.jsonNumber(values[r]))}"
        }
        return "{\"dataset\": \(Self.jsonString(dataset)), \"metric\": \(Self.jsonString(f.metric)), "
            + "\"unit\": \(Self.jsonString(NB201Metrics.unit(of: f.metric))), \"architectures\": \(f.considered), \"missing\": \(f.missing), "
            + "\"front\": [\n" + rows.joined(separator: ",\n") + "\n]}\n"
    }

    /// `x` with the shortest decimal that reads back to it; "missing" for NaN.
    static func number(_ x: Double) -> String { x.isNaN ? "missing" : "\(x)" }

    /// An architecture index as a JSON number (a string when a user table's id is not one).
    static func jsonID(_ id: String) -> String { Int(id) != nil ? id : jsonString(id) }

    static func jsonNumber(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
