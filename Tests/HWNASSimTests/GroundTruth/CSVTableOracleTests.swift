// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// The CSV parser before the byte-level one (per-field strings, `Double(String)`), kept as the
/// oracle the byte-level parser must equal: fields, lines, numbers and error messages.
enum LegacyCSV {
    struct Table {
        var header: [String]
        var rows: [[String]]
        var lines: [Int]
    }

    static func parse(_ data: [UInt8], path: String) throws -> Table {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        var records: [[String]] = [], lines: [Int] = []
        var line = 1, field: [UInt8] = [], record: [String] = [], inQuotes = false, recordLine = 1
        var i = bytes.startIndex
        func text(_ f: [UInt8]) throws -> String {
            guard let s = String(validating: f, as: UTF8.self) else { throw InputError(file: path, line: line, "invalid UTF-8 text") }
            return s
        }
        while i < bytes.endIndex {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.endIndex, bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(b)
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if b == UInt8(ascii: "\n") { line += 1 }
                    field.append(b)
                }
            } else if b == UInt8(ascii: "\"") && field.isEmpty {
                inQuotes = true
            } else if b == UInt8(ascii: ",") {
                record.append(try text(field))
                field.removeAll(keepingCapacity: true)
            } else if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
                if b == UInt8(ascii: "\r"), i + 1 < bytes.endIndex, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                record.append(try text(field))
                field.removeAll(keepingCapacity: true)
                if !(record.count == 1 && record[0].isEmpty) {
                    records.append(record)
                    lines.append(recordLine)
                }
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
            if !(record.count == 1 && record[0].isEmpty) {
                records.append(record)
                lines.append(recordLine)
            }
        }
        guard let head = records.first else {
            throw InputError(file: path, "the table is empty: expected a header row and at least one data row")
        }
        let header = head.map { $0.trimmingCharacters(in: .whitespaces) }
        let rows = Array(records.dropFirst()), rowLines = Array(lines.dropFirst())
        guard !rows.isEmpty else { throw InputError(file: path, line: 1, "the table has a header but no data rows") }
        var seen: [String: Int] = [:]
        for (c, name) in header.enumerated() {
            if name.isEmpty { throw InputError(file: path, line: 1, column: c + 1, "column \(c + 1) of the header has no name") }
            if let first = seen[name] {
                throw InputError(
                    file: path, line: 1, column: c + 1, "column name '\(name)' appears twice (columns \(first + 1) and \(c + 1))")
            }
            seen[name] = c
        }
        for (r, row) in rows.enumerated() where row.count != header.count {
            throw InputError(file: path, line: rowLines[r], "row has \(row.count) fields, expected \(header.count) as in the header")
        }
        return Table(header: header, rows: rows, lines: rowLines)
    }

    static func numbers(
        _ t: Table, path: String, column c: Int, allowMissing: Bool, missingSentinel: Double? = nil, missingTokens: Bool = false
    ) throws -> [Double] {
        var out = [Double](repeating: .nan, count: t.rows.count)
        for r in t.rows.indices {
            let f = CSVTable.trimmed(t.rows[r][c])
            if f.isEmpty || (missingTokens && CSVTable.isMissing(f)) {
                if allowMissing { continue }
                throw InputError(file: path, line: t.lines[r], column: c + 1, key: t.header[c], "empty cell, expected a number")
            }
            guard let v = Double(f) else {
                throw InputError(file: path, line: t.lines[r], column: c + 1, key: t.header[c], "'\(f)' is not a number")
            }
            guard v.isFinite else {
                throw InputError(file: path, line: t.lines[r], column: c + 1, key: t.header[c], "'\(f)' is not a finite number")
            }
            if let s = missingSentinel, v == s { continue }
            out[r] = v
        }
        return out
    }
}

@Suite struct CSVTableOracleTests {
    /// The parse of `bytes` as text: fields, lines and every column's numbers (bit patterns)
    /// under each missing-value rule, or the error.
    func described(_ bytes: [UInt8], legacy: Bool) -> String {
        func numbers(_ columns: Int, _ f: (Int, Bool, Double?, Bool) throws -> [Double]) -> String {
            var out = ""
            for c in 0..<columns {
                for (allow, sentinel, tokens) in [(true, nil, false), (false, nil, false), (true, -1.0, false), (true, nil, true)]
                    as [(Bool, Double?, Bool)]
                {
                    do {
                        out += try f(c, allow, sentinel, tokens).map { String($0.bitPattern, radix: 16) }.joined(separator: " ") + "\n"
                    } catch { out += "\(error)\n" }
                }
            }
            return out
        }
        do {
            if legacy {
                let t = try LegacyCSV.parse(bytes, path: "t.csv")
                return "\(t.header)\n\(t.rows)\n\(t.lines)\n"
                    + numbers(t.header.count) {
                        try LegacyCSV.numbers(t, path: "t.csv", column: $0, allowMissing: $1, missingSentinel: $2, missingTokens: $3)
                    }
            }
            let t = try CSVTable(data: bytes, path: "t.csv")
            return "\(t.header)\n\(t.rows)\n\(t.lineOfRow)\n"
                + numbers(t.header.count) {
                    try t.numbers(column: $0, allowMissing: $1, missingSentinel: $2, missingTokens: $3)
                }
        } catch { return "\(error)" }
    }

    @Test func equalsTheLegacyParserOnEveryBundledTable() throws {
        for name in BundledDataTests.files {
            let bytes = [UInt8](try #require(FileManager.default.contents(atPath: Fixtures.dataDirectory + "/" + name)))
            let t = try CSVTable(data: bytes, path: name)
            let legacy = try LegacyCSV.parse(bytes, path: name)
            #expect(t.header == legacy.header && t.lineOfRow == legacy.lines, "\(name)")
            #expect(t.rowCount == legacy.rows.count)
            var fieldsDiffer = 0
            for r in legacy.rows.indices { for c in legacy.header.indices where t[r, c] != legacy.rows[r][c] { fieldsDiffer += 1 } }
            #expect(fieldsDiffer == 0, "\(name)")
            for c in legacy.header.indices {
                let new = Result { try t.numbers(column: c, allowMissing: true).map(\.bitPattern) }
                let old = Result { try LegacyCSV.numbers(legacy, path: name, column: c, allowMissing: true).map(\.bitPattern) }
                switch (new, old) {
                case (.success(let a), .success(let b)): #expect(a == b, "\(name) column \(legacy.header[c])")
                case (.failure(let a), .failure(let b)): #expect("\(a)" == "\(b)", "\(name) column \(legacy.header[c])")
                default: Issue.record("\(name) column \(legacy.header[c]): \(new) vs \(old)")
                }
            }
        }
    }

    @Test func equalsTheLegacyParserOnEdgeCases() {
        let cases: [String] = [
            "", "\n\n", "id,acc\n", "id,acc", "id,acc\na,1", "id,acc\na,1\n", "id,acc\r\na,1\r\n", "id,acc\ra,1\rb,2",
            "\u{FEFF}id,acc\na,1\n", "id,acc\n\n\na,1\n\n", "id,acc\na,1,\n", "id,acc\na,\n", "id,acc\na,1\nb", "id,acc,\na,1,",
            "id,acc\n\"a,b\",1\n", "id,acc\n\"a\"\"b\",2\n", "id,acc\n\"multi\nline\",3\nz,4\n", "id,acc\n\"a\"b\"c\",1\n",
            "id,acc\n\"\"\"\",1\n", "id,acc\n\"\",1\n", "id,acc\n\"\"\n", "id,acc\n\"open,1\n", "id,acc\nx\"y,1\n", "id,acc\n\"\"x,1\n",
            "id,acc\n\"\" \",1\n", " id , acc \na,1\n", "id,id\na,1\n", "id,\na,1\n", "id,acc\na,1\nb,2,3\n",
            "id,v\na, 1.5\nb,1.5 \nc,\u{00A0}2\n", "id,v\na,NA\nb,nan\nc,NULL\nd,\n", "id,v\na,+1\nb,1.\nc,.5\nd,-0\ne,0e5\n",
            "id,v\na,1e400\n", "id,v\na,inf\n", "id,v\na,-inf\n", "id,v\na,0x1p3\n", "id,v\na,1e\n", "id,v\na,--1\n", "id,v\na,1_0\n",
            "id,v\na,24.226614330768584\nb,0.9571811309997429\nc,85.86333333333334\nd,9007199254740993\ne,1234567890123456789\n",
            "id,v\na,12345678901234567890\nb,0.000000000000000000001\nc,1e-19\nd,9.999999999999999999e19\ne,-1\n",
            "id,v\na,\"1.5\"\nb,\" 2\"\n", "id,v\na,é\nb,1\n"
        ]
        for text in cases {
            let bytes = Array(text.utf8)
            #expect(described(bytes, legacy: false) == described(bytes, legacy: true), "\(text.debugDescription)")
        }
        for bytes: [UInt8] in [
            [0x69, 0x64, 0x0A, 0xFF, 0x0A], [0x69, 0x2C, 0x76, 0x0A, 0x61, 0x2C, 0xC3, 0x0A, 0x22, 0xFF, 0x22, 0x0A],
            [0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0x0A, 0x61, 0x0A, 0x62]
        ] {
            #expect(described(bytes, legacy: false) == described(bytes, legacy: true), "\(bytes)")
        }
    }

    /// Plain decimals parsed from bytes give the very `Double` that `Double(String)` gives.
    @Test func decimalBytesEqualDoubleFromText() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var parsed = 0
        for _ in 0..<200_000 {
            let digits = 1 + next(19)
            var s = String((0..<digits).map { _ in Character(String(next(10))) })
            let dot = next(digits + 1)
            if dot > 0 && dot < digits { s.insert(".", at: s.index(s.startIndex, offsetBy: dot)) }
            if next(2) == 0 { s += "e\(next(51) - 25)" }
            if next(2) == 0 { s = "-" + s }
            let bytes = Array(s.utf8)
            guard let v = bytes.withUnsafeBufferPointer(DecimalBytes.parse) else { continue }
            parsed += 1
            #expect(v.bitPattern == Double(s)?.bitPattern, "\(s)")
        }
        #expect(parsed > 150_000)  // the exact routes take most plain decimals
        // Ties to even and the edges of each route.
        for s in [
            "9007199254740993", "9007199254740995", "18014398509481990", "1.0000000000000002220446049250313", "0.1", "-0",
            "9999999999999999999", "9999999999999999999e19", "1e-19", "123456789012345678e-19", "4503599627370497.5"
        ] {
            let bytes = Array(s.utf8)
            if let v = bytes.withUnsafeBufferPointer(DecimalBytes.parse) { #expect(v.bitPattern == Double(s)?.bitPattern, "\(s)") }
        }
    }
}
