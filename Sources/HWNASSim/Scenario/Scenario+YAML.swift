// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Yams

extension Scenario {
    static let topKeys = [
        "name", "description", "seed", "trials", "data", "subset_sizes", "noise",
        "reference_point", "measures", "budget", "predictors", "selection", "sweep", "learning_curve", "accuracy"
    ]

    /// Reads a scenario file; a `sweep:` section expands into one scenario per cell of the
    /// cartesian product of its lists (first key varies slowest).
    public static func load(path: String) throws -> [Scenario] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw InputError(file: path, "scenario file not found")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, "cannot read the scenario file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, "the scenario file is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Parses scenario text; `file` names it in errors and resolves relative table paths.
    public static func parse(_ text: String, file: String) throws -> [Scenario] {
        let root = try YAMLValue.parse(text, file: file)
        let top = try root.mapping(allowed: topKeys)
        let accuracy = try accuracyAxes(root)
        guard top["sweep"] != nil || !accuracy.isEmpty else { return [try decode(root, sweepValues: [])] }
        let cells = try decodeSweep(top["sweep"], root: root, extraAxes: accuracy)
        return try cells.map { cell in
            var node = root.node
            for (key, value) in cell {
                node = setting(node, path: key.split(separator: ".").map(String.init), to: value.node)
            }
            let values = cell.map { (key: $0.0, value: $0.1.node.scalar?.string ?? "") }
            return try decode(YAMLValue(node: node, path: "", file: file), sweepValues: values)
        }
    }

    /// The `sweep` section: its key paths (each known to the schema) and their values, expanded
    /// into the cells of their cartesian product (first key slowest).
    /// `extraAxes` (the level lists of `accuracy:`) follow the section's own keys.
    static func decodeSweep(
        _ sweep: YAMLValue?, root: YAMLValue, extraAxes: [(key: String, values: [YAMLValue])] = []
    ) throws -> [[(String, YAMLValue)]] {
        var axes: [(key: String, values: [YAMLValue])] = []
        if let sweep {
            for (key, value) in try sweep.entries() {
                let path = key.split(separator: ".").map(String.init)
                try checkSweepKey(root, path: path, sweepKey: sweep.child(key, value.node))
                let values = try value.list()
                guard !values.isEmpty else { throw value.error("a swept key needs at least one value") }
                for v in values {
                    guard case .scalar = v.node else { throw v.error("expected a scalar value to sweep, found \(v.found)") }
                }
                axes.append((key, values))
            }
            guard !axes.isEmpty else { throw sweep.error("expected at least one key to sweep") }
        }
        for axis in extraAxes where !axes.contains(where: { $0.key == axis.key }) { axes.append(axis) }
        // Count the cells before building them: a few short lists multiply to more than memory holds.
        var cellCount = 1
        for axis in axes {
            let (product, overflow) = cellCount.multipliedReportingOverflow(by: axis.values.count)
            guard !overflow, product <= maxSweepCells else {
                throw (sweep ?? root).error("the sweep has more than \(maxSweepCells) cells (the product of the lengths of its lists)")
            }
            cellCount = product
        }
        var cells: [[(String, YAMLValue)]] = [[]]
        for axis in axes {
            cells = cells.flatMap { prefix in axis.values.map { prefix + [(axis.key, $0)] } }
        }
        return cells
    }

    /// The most cells a `sweep:` may expand into.
    public static let maxSweepCells = 10_000
    /// The most trials per cell (`trials:`, `--trials`): beyond it a run's result buffer
    /// (cells × trials × values per trial) no longer fits in memory, or in an `Int`.
    public static let maxTrials = 1_000_000

    /// The largest noise std (z-units) and budget (seconds) accepted: beyond them numbers
    /// overflow into meaningless results.
    public static let maxNoiseLevel = 1_000.0
    static let maxBudgetSeconds = 1e12

    /// Checks that a swept key path names a key the schema knows.
    static func checkSweepKey(_ root: YAMLValue, path: [String], sweepKey: YAMLValue) throws {
        guard let first = path.first else { throw sweepKey.error("empty key path") }
        let allowed = topKeys.filter { !["sweep", "description"].contains($0) }
        guard allowed.contains(first) else {
            let hint = Suggest.hint(for: first, in: allowed)
            throw YAMLValue(node: sweepKey.node, path: "sweep.\(path.joined(separator: "."))", file: root.file)
                .error("cannot sweep an unknown key\(hint)")
        }
    }

    static func setting(_ node: Node, path: [String], to value: Node) -> Node {
        guard let key = path.first else { return value }
        var mapping = node.mapping ?? Node.Mapping([])
        let child = mapping[key] ?? Node.mapping(Node.Mapping([]))
        mapping[key] = setting(child, path: Array(path.dropFirst()), to: value)
        return .mapping(mapping)
    }

    /// Decodes one scenario (one sweep cell): each section by its own function, then the rules
    /// that span sections (``validate(_:_:sweepValues:)``), then the experiment of the file's kind.
    static func decode(_ root: YAMLValue, sweepValues: [(key: String, value: String)]) throws -> Scenario {
        let file = try ScenarioSections(root)
        let header = try decodeHeader(file)
        let named = try file.kind == .learningCurve ? file["predictors"].map(decodePredictors) ?? [:] : [:]
        let learningCurve = try file["learning_curve"].map { try decodeLearningCurve($0, named: named, section: file["predictors"]) }
        var d = DecodedSections(
            name: header.name, seed: header.seed, trials: header.trials, data: try decodeData(file),
            learningCurve: learningCurve)
        var warnings = try helpHeadNotes(file, pairs: d.data.pairs, source: d.data.source)
        if file.kind != .learningCurve {
            d.subsetSizes = try decodeSubsetSizes(try file.required("subset_sizes"))
            d.predictors = try file["predictors"].map(decodePredictors) ?? [:]
            try checkPredictorTrials(file["predictors"], d.predictors)
            d.limits = try file["selection"].map(decodeSelection) ?? []
            if let b = file["budget"] {
                d.budget = try decodeBudget(b)
                warnings += [defaultMeasurementWarning(b)].compactMap { $0 }
            }
            d.noise = try file["noise"].map(decodeNoise)
            d.referencePoint = try file["reference_point"].map(decodeReferencePoint) ?? .subsetMax
            d.measures = try file["measures"].map(decodeMeasures) ?? Measure.allCases
            d.accuracy = try file["accuracy"].map(decodeAccuracy) ?? AccuracySpec()
        }
        try validate(d, file, sweepValues: sweepValues)
        var scenario = Scenario(
            name: d.name, seed: d.seed, trials: d.trials, data: d.data.source, pairing: d.data.pairing,
            precision: d.data.precision, pairs: d.data.pairs, experiment: d.experiment(file.kind),
            sweepValues: sweepValues)
        scenario.warnings = warnings
        collectMarks(root.node, path: "", into: &scenario.sourceMarks)
        return scenario
    }

    /// Records the position of every key path (`data.pairs[0].metric`, `subset_sizes[2]`).
    static func collectMarks(_ node: Node, path: String, into marks: inout [String: SourceMark]) {
        if let m = node.mark, !path.isEmpty { marks[path] = SourceMark(line: m.line, column: m.column) }
        switch node {
        case .mapping(let mapping):
            for (k, v) in mapping {
                guard let key = k.scalar?.string else { continue }
                collectMarks(v, path: path.isEmpty ? key : "\(path).\(key)", into: &marks)
            }
        case .sequence(let seq):
            for (i, v) in seq.enumerated() { collectMarks(v, path: "\(path)[\(i)]", into: &marks) }
        default:
            break
        }
    }

    /// `error` placed at its key's position in the scenario file, when known.
    public func locate(_ error: InputError, file: String) -> InputError {
        var e = error
        if e.file == nil || e.line == nil, let key = e.key, let mark = sourceMarks[key] {
            if let other = e.file, other != file { e.message = "\(other): " + e.message }
            e.file = file
            e.line = mark.line
            e.column = mark.column
        } else if e.file == nil {
            e.file = file
        }
        return e
    }
}
