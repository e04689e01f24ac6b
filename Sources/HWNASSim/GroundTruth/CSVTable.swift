// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A comma-separated table read whole into memory: a header and rows of text fields.
///
/// Accepts a UTF-8 byte-order mark, `\n` or `\r\n` line ends, a missing final newline and
/// double-quoted fields (with `""` for a quote). Rejects ragged rows, an empty file and a
/// header-only file with an ``InputError`` naming the file and line.
public struct CSVTable: Sendable {
    /// The file the table came from (as given).
    public var path: String
    /// The column names.
    public var header: [String]
    /// The rows' fields, each as long as `header`.
    public var rows: [[String]]

    /// The 1-based file line of row `i` (the header is line 1, blank lines are skipped).
    public var lineOfRow: [Int]
    /// SHA-256 of the file's bytes (nil for a table parsed from memory).
    var sha256: String?

    /// Reads and parses the file at `path`; with `checksums`, first refuses a file whose bytes
    /// differ from the SHA-256 they list for it.
    /// - Complexity: O(size of the file).
    public init(contentsOf path: String, checksums: DataChecksums? = nil) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, "file not found")
        }
        guard !isDirectory.boolValue else { throw InputError(file: path, "is a folder, expected a CSV file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, "cannot read the file (permission?)")
        }
        let bytes = [UInt8](data)
        let hash = SHA256.hex(of: bytes)
        try checksums?.check(path: path, sha256: hash, size: bytes.count)
        try self.init(data: bytes, path: path)
        sha256 = hash
    }

    /// Parses CSV `data`; `path` is used in error messages only.
    public init(data: [UInt8], path: String) throws {
        self.path = path
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        var records: [[String]] = []
        var lines: [Int] = []
        var line = 1
        var field: [UInt8] = []
        var record: [String] = []
        var inQuotes = false
        var recordLine = 1
        var i = bytes.startIndex
        func text(_ f: [UInt8]) throws -> String {
            guard let s = String(validating: f, as: UTF8.self) else {
                throw InputError(file: path, line: line, "invalid UTF-8 text")
            }
            return s
        }
        while i < bytes.endIndex {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.endIndex, bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(b); i += 1
                    } else { inQuotes = false }
                } else {
                    if b == UInt8(ascii: "\n") { line += 1 }
                    field.append(b)
                }
            } else if b == UInt8(ascii: "\"") && field.isEmpty {
                inQuotes = true
            } else if b == UInt8(ascii: ",") {
                record.append(try text(field)); field.removeAll(keepingCapacity: true)
            } else if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
                if b == UInt8(ascii: "\r"), i + 1 < bytes.endIndex, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                record.append(try text(field)); field.removeAll(keepingCapacity: true)
                if !(record.count == 1 && record[0].isEmpty) { records.append(record); lines.append(recordLine) }
                record.removeAll(keepingCapacity: true)
                line += 1
                recordLine = line
            } else {
                field.append(b)
            }
            i += 1
        }
        if inQuotes { throw InputError(file: path, line: recordLine, "a quoted field is not closed") }
        if !field.isEmpty || !record.isEmpty {
            record.append(try text(field))
            if !(record.count == 1 && record[0].isEmpty) { records.append(record); lines.append(recordLine) }
        }
        guard let head = records.first else { throw InputError(file: path, "the table is empty: expected a header row and at least one data row") }
        header = head.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = Array(records.dropFirst())
        lineOfRow = Array(lines.dropFirst())
        guard !rows.isEmpty else { throw InputError(file: path, line: 1, "the table has a header but no data rows") }
        var seen: [String: Int] = [:]
        for (c, name) in header.enumerated() {
            if name.isEmpty { throw InputError(file: path, line: 1, column: c + 1, "column \(c + 1) of the header has no name") }
            if let first = seen[name] {
                throw InputError(file: path, line: 1, column: c + 1, "column name '\(name)' appears twice (columns \(first + 1) and \(c + 1))")
            }
            seen[name] = c
        }
        for (r, row) in rows.enumerated() where row.count != header.count {
            throw InputError(file: path, line: lineOfRow[r], "row has \(row.count) fields, expected \(header.count) as in the header")
        }
    }

    /// The index of column `name`, or an error listing the columns there are.
    public func column(_ name: String, role: String) throws -> Int {
        if let c = header.firstIndex(of: name) { return c }
        let hint = Suggest.hint(for: name, in: header)
        throw InputError(file: path, line: 1, key: role, "no column '\(name)'\(hint); the table has: \(header.joined(separator: ", "))")
    }

    /// Column `c` parsed as numbers. Empty fields are missing (NaN) when `allowMissing`;
    /// `missingSentinel` values are turned into NaN; NaN/inf text and non-numbers are errors.
    public func numbers(column c: Int, allowMissing: Bool, missingSentinel: Double? = nil, missingTokens: Bool = false) throws -> [Double] {
        var out = [Double](repeating: .nan, count: rows.count)
        for r in rows.indices {
            let f = Self.trimmed(rows[r][c])
            if f.isEmpty || (missingTokens && Self.isMissing(f)) {
                if allowMissing { continue }
                throw InputError(file: path, line: lineOfRow[r], column: c + 1, key: header[c], "empty cell, expected a number")
            }
            guard let v = Double(f) else {
                throw InputError(file: path, line: lineOfRow[r], column: c + 1, key: header[c], "'\(f)' is not a number")
            }
            guard v.isFinite else {
                throw InputError(file: path, line: lineOfRow[r], column: c + 1, key: header[c], "'\(f)' is not a finite number")
            }
            if let s = missingSentinel, v == s { continue }
            out[r] = v
        }
        return out
    }
}

extension CSVTable {
    /// Whether a user table's cell holds no value: empty, `NA`, `NaN` or `null` (any case).
    static func isMissing(_ cell: String) -> Bool {
        let f = trimmed(cell)
        return f.isEmpty || ["na", "nan", "null"].contains(f.lowercased())
    }

    /// `s` without leading and trailing `.whitespaces`; returns `s` itself, without Foundation's
    /// bridging, when neither end is whitespace (the common case: it dominated loading time).
    /// - Complexity: O(1) when nothing is trimmed, else O(length).
    @inline(__always)
    static func trimmed(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return s }
        if !CharacterSet.whitespaces.contains(first) && !CharacterSet.whitespaces.contains(last) { return s }
        return s.trimmingCharacters(in: .whitespaces)
    }
}

/// "Did you mean …?" suggestions by edit distance.
public enum Suggest {
    /// The candidate closest to `word` (Levenshtein distance at most a third of its length, at
    /// least 2), or nil.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        var best: (String, Int)?
        for c in candidates {
            let d = distance(word.lowercased(), c.lowercased())
            if d <= limit, best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    /// " (did you mean '…'?)" with the candidate closest to `word`; else, when `word` begins
    /// some candidates (`mra` for `mra_all`, `mra_pareto`), those; else "".
    public static func hint(for word: String, in candidates: [String]) -> String {
        if let c = closest(to: word, in: candidates) { return " (did you mean '\(c)'?)" }
        let prefixed = word.count >= 2 ? candidates.filter { $0.lowercased().hasPrefix(word.lowercased()) } : []
        switch prefixed.count {
        case 0: return ""
        case 1: return " (did you mean '\(prefixed[0])'?)"
        default: return " (did you mean one of \(prefixed.map { "'\($0)'" }.joined(separator: ", "))?)"
        }
    }

    /// Levenshtein edit distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = prev
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
