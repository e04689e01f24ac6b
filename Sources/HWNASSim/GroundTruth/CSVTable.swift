// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Synchronization

/// A comma-separated table read whole into memory: a header and rows of text fields.
///
/// Accepts a UTF-8 byte-order mark, `\n` or `\r\n` line ends, a missing final newline and
/// double-quoted fields (with `""` for a quote). Rejects ragged rows, an empty file and a
/// header-only file with an ``InputError`` naming the file and line.
///
/// The table keeps the file's bytes and the byte range of each field: parsing is one pass
/// over raw bytes with no allocation per field, and a field becomes a `String` or a number
/// only when asked for (``subscript(_:_:)``, ``numbers(column:allowMissing:missingSentinel:missingTokens:)``),
/// so that columns a caller does not use cost nothing beyond the scan.
public struct CSVTable: Sendable {
    /// The file the table came from (as given).
    public var path: String
    /// The column names.
    public var header: [String]
    /// The number of data rows.
    public private(set) var rowCount: Int
    /// The 1-based file line of row `i` (the header is line 1, blank lines are skipped).
    public var lineOfRow: [Int]
    /// SHA-256 of the file's bytes (nil for a table parsed from memory).
    var sha256: String?
    /// The file's bytes (mapped for a bundled table, see ``TableBytes``).
    let storage: TableBytes
    /// Field `(r + 1) × columns + c` (row `r`, after the header's fields) spans
    /// `bytes[start..<end]`; a negative start `-k - 1` names `quoted[k]` instead (a field with
    /// quotes, unescaped). 32-bit offsets: half the memory (and page faults) of `Int`.
    let fieldStart: [Int32]
    let fieldEnd: [Int32]
    let quoted: [[UInt8]]

    /// The file's bytes.
    var bytes: UnsafeBufferPointer<UInt8> { storage.buffer }

    /// Reads and parses the file at `path`; with `checksums`, first refuses a file whose bytes
    /// differ from the SHA-256 they list for it.
    ///
    /// A table of a bundled folder (with `checksums`) is read, hashed and parsed once per
    /// process: a later load of the same file (same device, inode, size and modification time)
    /// takes the parsed table and checks its recorded SHA-256 against `checksums` again.
    /// - Complexity: O(size of the file); O(1) for a bundled table read before.
    public init(contentsOf path: String, checksums: DataChecksums? = nil) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, "file not found")
        }
        guard !isDirectory.boolValue else { throw InputError(file: path, "is a folder, expected a CSV file") }
        var info = stat()
        let key =
            checksums != nil && stat(path, &info) == 0
            ? "\(path)\u{0}\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)" : nil
        if let key, let cached = Self.bundled.withLock({ $0[key] }), let hash = cached.sha256 {
            try checksums?.check(path: path, sha256: hash, size: Int(info.st_size))
            self = cached
            return
        }
        // A bundled table is mapped (no copy, no fresh pages to fault in); a user's file, which
        // might change while it is read, is copied.
        guard let storage = checksums != nil ? TableBytes(mapping: path) : TableBytes(reading: path) else {
            throw InputError(file: path, "cannot read the file (permission?)")
        }
        let hash = SHA256.hex(of: UnsafeRawBufferPointer(storage.buffer))
        try checksums?.check(path: path, sha256: hash, size: storage.buffer.count)
        try self.init(storage: storage, path: path)
        sha256 = hash
        if let key, storage.buffer.count == Int(info.st_size) { Self.bundled.withLock { $0[key] = self } }
    }

    /// Bundled tables read so far in this process, by path and file identity.
    private static let bundled = Mutex<[String: CSVTable]>([:])

    /// Parses CSV `data`; `path` is used in error messages only.
    /// - Complexity: O(`data.count`).
    public init(data: [UInt8], path: String) throws {
        try self.init(storage: TableBytes(copying: data), path: path)
    }

    /// Parses the CSV bytes of `storage`; `path` is used in error messages only.
    /// - Complexity: O(size of the bytes).
    init(storage: TableBytes, path: String) throws {
        self.path = path
        let bytes = storage.buffer
        guard bytes.count < Int(Int32.max) else { throw InputError(file: path, "the file is larger than 2 GB: split it") }
        let scan = try CSVScan(bytes, from: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0, path: path)
        guard scan.records > 0 else { throw InputError(file: path, "the table is empty: expected a header row and at least one data row") }
        let columns = scan.recordEnd[0]
        func text(_ f: Int) -> String { CSVScan.text(bytes, Int(scan.start[f]), Int(scan.end[f]), scan.quoted) }
        header = (0..<columns).map { text($0).trimmingCharacters(in: .whitespaces) }
        rowCount = scan.records - 1
        lineOfRow = Array(scan.lines.dropFirst())
        guard rowCount > 0 else { throw InputError(file: path, line: 1, "the table has a header but no data rows") }
        let only = header[0]
        if columns == 1, let d = [";", "\t"].first(where: { only.contains($0) }) {
            throw InputError(
                file: path, line: 1,
                "the header is one column '\(only)' holding '\(d == "\t" ? "\\t" : d)': the table must be comma-separated (save it as CSV with ',' as the delimiter)"
            )
        }
        var seen: [String: Int] = [:]
        for (c, name) in header.enumerated() {
            if name.isEmpty { throw InputError(file: path, line: 1, column: c + 1, "column \(c + 1) of the header has no name") }
            if let first = seen[name] {
                throw InputError(
                    file: path, line: 1, column: c + 1, "column name '\(name)' appears twice (columns \(first + 1) and \(c + 1))")
            }
            seen[name] = c
        }
        for r in 1..<scan.records where scan.recordEnd[r] - scan.recordEnd[r - 1] != columns {
            throw InputError(
                file: path, line: scan.lines[r],
                "row has \(scan.recordEnd[r] - scan.recordEnd[r - 1]) fields, expected \(columns) as in the header")
        }
        self.storage = storage
        fieldStart = scan.start
        fieldEnd = scan.end
        quoted = scan.quoted
    }

    /// The number of columns.
    public var columnCount: Int { header.count }

    /// The text of row `r`, column `c`.
    /// - Complexity: O(length of the field).
    public subscript(_ r: Int, _ c: Int) -> String {
        let f = (r + 1) * header.count + c
        return CSVScan.text(bytes, Int(fieldStart[f]), Int(fieldEnd[f]), quoted)
    }

    /// Whether row `r`, column `c` holds exactly `text`, compared byte by byte.
    /// - Complexity: O(length of the field).
    public func field(_ r: Int, _ c: Int, equals text: String) -> Bool {
        let f = (r + 1) * header.count + c
        var text = text
        return text.withUTF8 { t in
            let s = Int(fieldStart[f])
            if s < 0 { return quoted[-s - 1].elementsEqual(t) }
            guard Int(fieldEnd[f]) - s == t.count else { return false }
            return t.count == 0 || memcmp(bytes.baseAddress! + s, t.baseAddress!, t.count) == 0
        }
    }

    /// Column `c` as text, one string per row.
    /// - Complexity: O(rows × field length).
    public func strings(column c: Int) -> [String] { (0..<rowCount).map { self[$0, c] } }

    /// Every row's fields as text.
    /// - Complexity: O(size of the table): it makes a string of every field; prefer
    ///   ``subscript(_:_:)`` or ``strings(column:)`` for large tables.
    public var rows: [[String]] { (0..<rowCount).map { r in (0..<header.count).map { self[r, $0] } } }

    /// The index of column `name`, or an error listing the columns there are.
    public func column(_ name: String, role: String) throws -> Int {
        if let c = header.firstIndex(of: name) { return c }
        let hint = Suggest.hint(for: name, in: header)
        throw InputError(file: path, line: 1, key: role, "no column '\(name)'\(hint); the table has: \(header.joined(separator: ", "))")
    }

    /// Column `c` parsed as numbers. Empty fields are missing (NaN) when `allowMissing`;
    /// `missingSentinel` values are turned into NaN; NaN/inf text and non-numbers are errors.
    /// - Complexity: O(rows × field length).
    public func numbers(column c: Int, allowMissing: Bool, missingSentinel: Double? = nil, missingTokens: Bool = false) throws -> [Double] {
        try numbers(columns: [c], allowMissing: allowMissing, missingSentinels: [missingSentinel], missingTokens: missingTokens)[0]
    }

    /// Columns `cs` parsed as numbers, as ``numbers(column:allowMissing:missingSentinel:missingTokens:)``
    /// would one after another (`missingSentinels[k]` for column `cs[k]`), and with the same
    /// first error.
    ///
    /// The columns are read one after another; a plain decimal field
    /// (`-12.5`, `3e-4`) is parsed straight from its bytes (``DecimalBytes``), giving the same
    /// `Double` as `Double(String)`; any other field takes the text path.
    /// - Complexity: O(rows × columns × field length).
    public func numbers(columns cs: [Int], allowMissing: Bool, missingSentinels: [Double?]? = nil, missingTokens: Bool = false) throws
        -> [[Double]]
    {
        let sentinels = missingSentinels ?? [Double?](repeating: nil, count: cs.count)
        let columns = header.count, rows = rowCount
        // Plain decimals straight from the bytes, a column at a time (the table's bytes and
        // offsets stay in cache); any other field (column, row) left for the text path.
        var others: [(k: Int, r: Int)] = []
        let b = bytes
        var out = fieldStart.withUnsafeBufferPointer { start in
            fieldEnd.withUnsafeBufferPointer { end in
                cs.indices.map { k in
                    [Double](unsafeUninitializedCapacity: rows) { column, count in
                        var f = columns + cs[k]
                        for r in 0..<rows {
                            let s = Int(start[f])
                            if s >= 0, let v = DecimalBytes.parse(UnsafeBufferPointer(rebasing: b[s..<Int(end[f])])) {
                                column[r] = v == sentinels[k] ? .nan : v
                            } else {
                                column[r] = .nan
                                others.append((k, r))
                            }
                            f += columns
                        }
                        count = rows
                    }
                }
            }
        }
        for (k, r) in others {
            let c = cs[k]
            let field = Self.trimmed(self[r, c])
            if field.isEmpty || (missingTokens && Self.isMissing(field)) {
                if allowMissing { continue }
                throw InputError(file: path, line: lineOfRow[r], column: c + 1, key: header[c], "empty cell, expected a number")
            }
            guard let v = Double(field) else {
                throw InputError(file: path, line: lineOfRow[r], column: c + 1, key: header[c], "'\(field)' is not a number")
            }
            guard v.isFinite else {
                throw InputError(file: path, line: lineOfRow[r], column: c + 1, key: header[c], "'\(field)' is not a finite number")
            }
            if let m = sentinels[k], v == m { continue }
            out[k][r] = v
        }
        return out
    }
}

/// One pass of the CSV grammar over raw bytes: the byte range of every field, the field count
/// at the end of every record and the line each record starts on.
struct CSVScan {
    var start: [Int32] = []
    var end: [Int32] = []
    /// Fields with quotes, unescaped (`start` is `-k - 1` for `quoted[k]`).
    var quoted: [[UInt8]] = []
    /// Fields before the end of each record (cumulative).
    var recordEnd: [Int] = []
    var lines: [Int] = []
    var records: Int { recordEnd.count }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    /// Scans `bytes`: records end at `\n`, `\r\n` or `\r` outside quotes; a field that starts
    /// with `"` is quoted up to the next lone `"` (a `""` inside is one quote, and what follows
    /// the closing quote up to the next comma belongs to the field); a record that is one empty
    /// field (a blank line) is skipped.
    /// - Precondition: `bytes.count` < 2^31.
    /// - Throws: ``InputError`` at the line of a field that is not UTF-8 or of an unclosed quote.
    /// - Complexity: O(`bytes.count`).
    init(_ p: UnsafeBufferPointer<UInt8>, from first: Int = 0, path: String) throws {
        let validate = !Self.isUTF8(p)
        var fields = FieldBuffer(capacity: p.count / 8 + 16)
        defer { fields.deallocate() }
        let n = p.count
        var i = first, line = 1
        while i < n {
            let recordLine = line, firstField = fields.count
            var terminator: UInt8
            repeat {
                if i < n && p[i] == Self.quote {
                    let field = try Self.quotedField(p, &i, line: &line, recordLine: recordLine, path: path)
                    if validate, String(validating: field, as: UTF8.self) == nil {
                        throw InputError(file: path, line: line, "invalid UTF-8 text")
                    }
                    fields.append(Int32(-quoted.count - 1), 0)
                    quoted.append(field)
                } else {
                    let s = i
                    while i < n {
                        let b = p[i]
                        if b == Self.comma || b == Self.lf || b == Self.cr { break }
                        i += 1
                    }
                    if validate, String(validating: UnsafeBufferPointer(rebasing: p[s..<i]), as: UTF8.self) == nil {
                        throw InputError(file: path, line: line, "invalid UTF-8 text")
                    }
                    fields.append(Int32(s), Int32(i))
                }
                terminator = i < n ? p[i] : 0
                if i < n { i += 1 }
            } while terminator == Self.comma
            if terminator == Self.cr, i < n, p[i] == Self.lf { i += 1 }
            if terminator == Self.lf || terminator == Self.cr { line += 1 }
            if fields.count - firstField == 1 && Self.isEmpty(fields.start[firstField], fields.end[firstField], quoted) {
                fields.count -= 1
                continue
            }
            recordEnd.append(fields.count)
            lines.append(recordLine)
        }
        start = fields.array(fields.start)
        end = fields.array(fields.end)
    }

    /// The quoted field at `i` (which holds `"`), unescaped; `i` is left on its terminator.
    private static func quotedField(
        _ p: UnsafeBufferPointer<UInt8>, _ i: inout Int, line: inout Int, recordLine: Int, path: String
    ) throws -> [UInt8] {
        var field: [UInt8] = []
        var inQuotes = false
        let n = p.count
        while i < n {
            let b = p[i]
            if inQuotes {
                if b == quote {
                    if i + 1 < n, p[i + 1] == quote {
                        field.append(b)
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if b == lf { line += 1 }
                    field.append(b)
                }
            } else if b == quote && field.isEmpty {
                inQuotes = true
            } else if b == comma || b == lf || b == cr {
                break
            } else {
                field.append(b)
            }
            i += 1
        }
        if inQuotes { throw InputError(file: path, line: recordLine, "a quoted field is not closed") }
        return field
    }

    /// Growing start and end offsets without a uniqueness check per append.
    private struct FieldBuffer {
        var start: UnsafeMutablePointer<Int32>, end: UnsafeMutablePointer<Int32>
        var count = 0, capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            start = .allocate(capacity: capacity)
            end = .allocate(capacity: capacity)
        }

        @inline(__always)
        mutating func append(_ s: Int32, _ e: Int32) {
            if count == capacity { grow() }
            start[count] = s
            end[count] = e
            count += 1
        }

        mutating func grow() {
            let bigger = 2 * capacity
            for keyPath in [\FieldBuffer.start, \FieldBuffer.end] {
                let old = self[keyPath: keyPath]
                let new = UnsafeMutablePointer<Int32>.allocate(capacity: bigger)
                new.update(from: old, count: count)
                old.deallocate()
                self[keyPath: keyPath] = new
            }
            capacity = bigger
        }

        func array(_ p: UnsafeMutablePointer<Int32>) -> [Int32] { Array(UnsafeBufferPointer(start: p, count: count)) }

        func deallocate() {
            start.deallocate()
            end.deallocate()
        }
    }

    private static func isEmpty(_ s: Int32, _ e: Int32, _ quoted: [[UInt8]]) -> Bool {
        s < 0 ? quoted[Int(-s - 1)].isEmpty : e == s
    }

    /// The text of the field at `s..<e` (or `quoted[-s - 1]`).
    static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ quoted: [[UInt8]]) -> String {
        if s < 0 { return String(decoding: quoted[-s - 1], as: UTF8.self) }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self)
    }

    /// Whether `bytes` are valid UTF-8 (ASCII checked eight bytes at a time).
    static func isUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let raw = UnsafeRawBufferPointer(bytes)
        let words = raw.count / 8
        var acc: UInt64 = 0
        for w in 0..<words { acc |= raw.loadUnaligned(fromByteOffset: 8 * w, as: UInt64.self) }
        for k in (8 * words)..<raw.count { acc |= UInt64(raw[k]) }
        return acc & 0x8080_8080_8080_8080 == 0 || String(validating: bytes, as: UTF8.self) != nil
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
