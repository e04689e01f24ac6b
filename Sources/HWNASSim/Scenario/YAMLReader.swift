// SPDX-License-Identifier: GPL-3.0-or-later
import Yams

/// A YAML node with its key path and file, giving typed reads with precise errors.
///
/// Every error names the file, line and column (from the parser's marks), the key path
/// (`budget.measurement.repeats`), what was expected and what was found.
struct YAMLValue {
    let node: Node
    let path: String
    let file: String

    init(node: Node, path: String, file: String) {
        self.node = node
        self.path = path
        self.file = file
    }

    /// Parses `text`; syntax errors become ``InputError`` with line and column.
    static func parse(_ text: String, file: String) throws -> YAMLValue {
        try checkIndentation(text, file: file)
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw InputError(file: file, line: 1, column: 1, "the file is empty: expected a scenario mapping")
            }
            // Aliases can make a small file expand into billions of nodes: refuse large trees
            // before anything walks them.
            var budget = maxNodes
            guard fits(node, within: &budget) else {
                throw InputError(
                    file: file, line: 1, column: 1,
                    "the scenario expands to more than \(maxNodes) YAML nodes (nested aliases?); a scenario is far smaller")
            }
            return YAMLValue(node: node, path: "", file: file)
        } catch let error as YamlError {
            throw Self.convert(error, file: file, text: text)
        }
    }

    /// The most YAML nodes a scenario may hold, aliases expanded.
    static let maxNodes = 100_000

    /// Whether `node` has at most `budget` nodes; stops counting as soon as it has more.
    static func fits(_ node: Node, within budget: inout Int) -> Bool {
        budget -= 1
        guard budget >= 0 else { return false }
        switch node {
        case .mapping(let m):
            for (k, v) in m { guard fits(k, within: &budget), fits(v, within: &budget) else { return false } }
        case .sequence(let seq):
            for v in seq { guard fits(v, within: &budget) else { return false } }
        default:
            break
        }
        return true
    }

    /// Refuses a tab in a line's indentation, naming its line and column: YAML indents with
    /// spaces only, and the parser's own message does not say so plainly.
    static func checkIndentation(_ text: String, file: String) throws {
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix { $0 == " " || $0 == "\t" }
            guard let tab = indent.firstIndex(of: "\t"), indent.count < line.count, line[indent.endIndex] != "#" else { continue }
            throw InputError(
                file: file, line: i + 1, column: line.distance(from: line.startIndex, to: tab) + 1,
                "a tab in the indentation; YAML indents with spaces only")
        }
    }

    /// The lines where `key` is written as a mapping key (`key:` at the start of a line or
    /// after `{` or `,`), grouped by column: a duplicated key is two lines of one column.
    static func keyLines(_ key: String, in text: String) -> [Int] {
        var byColumn: [Int: [Int]] = [:]
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            var searchStart = code.startIndex
            while let r = code.range(of: key, range: searchStart..<code.endIndex) {
                searchStart = r.upperBound
                let before = code[..<r.lowerBound].last
                guard before == nil || before == " " || before == "{" || before == "," || before == "-" else { continue }
                let rest = code[r.upperBound...].drop { $0 == " " }
                guard rest.first == ":" else { continue }
                byColumn[code.distance(from: code.startIndex, to: r.lowerBound), default: []].append(i + 1)
            }
        }
        return byColumn.values.filter { $0.count >= 2 }.min { $0[0] < $1[0] } ?? []
    }

    static func convert(_ error: YamlError, file: String, text: String) -> InputError {
        if case let .duplicatedKeysInMapping(duplicates, _) = error, let key = duplicates.sorted().first {
            let lines = keyLines(key, in: text)
            if lines.count >= 2 {
                return InputError(
                    file: file, line: lines[1], key: key, "duplicate key '\(key)': given on lines \(lines[0]) and \(lines[1]); keep one")
            }
            return InputError(file: file, key: key, "duplicate key '\(key)': a mapping gives it twice; keep one")
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return InputError(file: file, line: mark.line, column: mark.column, "invalid YAML: \(what)")
        default:
            return InputError(file: file, "invalid YAML: \(error)")
        }
    }

    func error(_ message: String) -> InputError {
        InputError(file: file, line: node.mark?.line, column: node.mark?.column, key: path.isEmpty ? nil : path, message)
    }

    var found: String {
        switch node {
        case .scalar(let s): s.string.isEmpty ? "an empty value" : "'\(s.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    func child(_ key: String, _ node: Node) -> YAMLValue {
        YAMLValue(node: node, path: path.isEmpty ? key : "\(path).\(key)", file: file)
    }

    /// The mapping's entries by key; a key not in `allowed` is an error with a suggestion.
    func mapping(allowed: [String]) throws -> [String: YAMLValue] {
        guard case .mapping(let m) = node else { throw error("expected a mapping, found \(found)") }
        var out: [String: YAMLValue] = [:]
        for (k, v) in m {
            guard case .scalar(let ks) = k else { throw error("expected text keys") }
            let key = ks.string
            let keyValue = YAMLValue(node: k, path: path.isEmpty ? key : "\(path).\(key)", file: file)
            guard allowed.contains(key) else {
                var hint = Suggest.hint(for: key, in: allowed)
                if hint.isEmpty, let other = ScenarioSchema.placeElsewhere(of: key, under: path) {
                    hint = other.contains(".") ? " (did you mean '\(other)'?)" : " (did you mean the top-level '\(other)'?)"
                }
                throw keyValue.error("unknown key\(hint); expected one of: \(allowed.joined(separator: ", "))")
            }
            if out[key] != nil { throw keyValue.error("key given twice") }
            out[key] = child(key, v)
        }
        return out
    }

    func string() throws -> String {
        guard case .scalar(let s) = node, !s.string.isEmpty else { throw error("expected text, found \(found)") }
        return s.string
    }

    func choice<T: RawRepresentable>(_ type: T.Type, _ all: [T]) throws -> T where T.RawValue == String {
        let raw = try string()
        if let v = T(rawValue: raw) { return v }
        let names = all.map(\.rawValue)
        let hint = Suggest.hint(for: raw, in: names)
        throw error("unknown value '\(raw)'\(hint); expected one of: \(names.joined(separator: ", "))")
    }

    func double() throws -> Double {
        guard case .scalar(let s) = node, let v = Double(s.string.trimmingCharacters(in: .whitespaces)), v.isFinite else {
            throw error("expected a number, found \(found)")
        }
        return v
    }

    func int() throws -> Int {
        guard case .scalar(let s) = node else { throw error("expected a whole number, found \(found)") }
        let t = s.string.replacingOccurrences(of: "_", with: "")
        if let v = Int(t) { return v }
        if let d = Double(t), d.isFinite, d == d.rounded(), abs(d) < 1e15 { return Int(d) }
        throw error("expected a whole number, found \(found)")
    }

    /// A seed: a whole number ≥ 0.
    func seed() throws -> UInt64 {
        let v = try int()
        guard v >= 0 else { throw error("expected a seed ≥ 0, found \(v)") }
        return UInt64(v)
    }

    /// A Kendall tau in (0, 1].
    func tau() throws -> Double {
        let t = try double()
        guard t > 0 && t <= 1 else { throw error("expected a Kendall tau in (0, 1], found \(t)") }
        return t
    }

    /// A number ≥ 0; `what` and `unit` name it in the error ("expected a cost ≥ 0 seconds, found …").
    func nonNegative(_ what: String, unit: String = "") throws -> Double {
        let d = try double()
        guard d >= 0 else { throw error("expected \(what) ≥ 0\(unit.isEmpty ? "" : " " + unit), found \(d)") }
        return d
    }

    func bool() throws -> Bool {
        guard case .scalar(let s) = node else { throw error("expected true or false, found \(found)") }
        switch s.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false, found \(found)")
        }
    }

    /// The list's items; a single scalar is read as a list of one when `scalarAsList`.
    func list(scalarAsList: Bool = false) throws -> [YAMLValue] {
        switch node {
        case .sequence(let seq):
            return seq.enumerated().map { YAMLValue(node: $1, path: "\(path)[\($0)]", file: file) }
        case .scalar where scalarAsList:
            return [self]
        default:
            throw error("expected a list, found \(found)")
        }
    }

    /// Entries of a mapping in file order (keys are arbitrary names).
    func entries() throws -> [(key: String, value: YAMLValue)] {
        guard case .mapping(let m) = node else { throw error("expected a mapping, found \(found)") }
        return try m.map { k, v in
            guard case .scalar(let ks) = k else { throw error("expected text keys") }
            return (ks.string, child(ks.string, v))
        }
    }
}

import Foundation
