// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

@Suite("Encoding") struct EncodingTests {
    let nb201 = NB201OneHotEncoding()

    @Test func nb201RoundTripsEveryCell() throws {
        let all = NB201OneHotEncoding.allChoices
        #expect(all.count == 15_625)
        #expect(Set(all.map { $0.map(String.init).joined() }).count == 15_625)
        for ops in all {
            let s = nb201.archString(ops)
            #expect(try nb201.choices(of: s) == ops)
            let v = try nb201.encode(s)
            #expect(v.count == 30 && v.reduce(0, +) == 6)
            #expect(nb201.decode(oneHot: v) == ops)
            // The project's lenient reader agrees with the strict one.
            #expect(NB201Genotype.opIndexTuple(s)?.map(Int.init) == ops)
        }
    }

    @Test func nb201FeatureOrder() throws {
        let v = try nb201.encode("|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|none~2|")
        let hot = v.indices.filter { v[$0] == 1 }
        #expect(hot == [0 * 5 + 4, 1 * 5 + 2, 2 * 5 + 1, 3 * 5 + 2, 4 * 5 + 1, 5 * 5 + 0])
    }

    @Test(arguments: [
        ("|none~0|+|none~0|none~1|", "expected 3 nodes"),
        ("|none~0|+|none~0|+|none~0|none~1|none~2|", "node 2 should have 2 edges"),
        ("|none~0|+|none~0|none~1|+|none~0|none~1|conv~2|", "unknown operation 'conv'"),
        ("|none~0|+|none~1|none~0|+|none~0|none~1|none~2|", "should read from node 0"),
        ("none~0|+|none~0|none~1|+|none~0|none~1|none~2|", "should start and end with '|'"),
        ("|none0|+|none~0|none~1|+|none~0|none~1|none~2|", "should read op~input"),
        ("|skip_conect~0|+|none~0|none~1|+|none~0|none~1|none~2|", "did you mean 'skip_connect'"),
        ("", "expected 3 nodes")
    ])
    func nb201RejectsMalformedStrings(_ text: String, _ expected: String) {
        do {
            _ = try nb201.choices(of: text)
            Issue.record("accepted '\(text)'")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
        }
    }

    @Test func matrixErrorNamesTheLine() {
        do {
            _ = try nb201.matrix([nb201.archString([0, 0, 0, 0, 0, 0]), "|x~0|"], file: "t.csv", lines: [2, 3], key: "arch_str")
            Issue.record("no error")
        } catch let e as InputError {
            #expect(e.file == "t.csv" && e.line == 3 && e.key == "arch_str")
            #expect(e.message.contains("cannot read '|x~0|' as a nb201 architecture"))
        } catch { Issue.record("\(error)") }
    }

    @Test func fbnetParsesAndRoundTrips() throws {
        let fb = FBNetOneHotEncoding()
        let text = "0-8-3-1-2-4-5-6-7-8-0-1-2-3-4-5-6-7-8-0-1-2"
        let c = try fb.choices(of: text)
        #expect(c.count == 22 && c[1] == 8 && c[2] == 3)
        #expect(fb.archString(c) == text)
        let v = try fb.encode(text)
        #expect(v.count == 198 && v[9 + 8] == 1 && v.reduce(0, +) == 22)
        #expect(fb.decode(oneHot: v) == c)
        for bad in [
            "0-8-3", text + "-1", text.replacingOccurrences(of: "-8-3-", with: "-9-3-"), text.replacingOccurrences(of: "0-8-", with: "a-8-")
        ] {
            #expect(throws: InputError.self) { try fb.choices(of: bad) }
        }
    }

    @Test func featureColumnsNameTheBadCell() throws {
        let csv = try CSVTable(data: Array("id,a,b\nx,1,2\ny,3,oops\n".utf8), path: "f.csv")
        do {
            _ = try FeatureColumns.matrix(csv, columns: ["a", "b"])
            Issue.record("no error")
        } catch let e as InputError {
            #expect(e.line == 3 && e.key == "b" && e.message.contains("not a number"))
        }
        #expect(throws: InputError.self) { try FeatureColumns.matrix(csv, columns: ["c"]) }
        #expect(throws: InputError.self) { try FeatureColumns.matrix(csv, columns: []) }
        let ok = try FeatureColumns.matrix(CSVTable(data: Array("id,a,b\nx,1,2\ny,3,4\n".utf8), path: "g.csv"), columns: ["b", "a"])
        #expect(ok == FeatureMatrix([[2, 1], [4, 3]]))
    }

    /// A one-off check against the real table when it is there: every arch string parses.
    @Test func realTableParses() throws {
        let table = try MetricTable.loadNB201(dataset: "cifar100", directory: Fixtures.dataDirectory)
        let strings = try #require(table.archStrings)
        let m = try nb201.matrix(strings)
        #expect(m.rows == 15_625)
        for (i, s) in strings.enumerated() { #expect(nb201.archString(nb201.decode(oneHot: m.row(i))!) == s) }
    }
}

/// The byte reader of NB201 arch strings accepts exactly what the strict reader accepts, with
/// the same choices: every bundled string, and each with one byte changed, dropped or added.
@Test func nb201ByteReaderEqualsTheStrictReader() throws {
    let table = try MetricTable.loadNB201(dataset: "cifar10", directory: Fixtures.dataDirectory)
    let e = NB201OneHotEncoding()
    let strings = try #require(table.archStrings)
    for s in strings { #expect(NB201OneHotEncoding.canonicalChoices(s) == (try? e.strictChoices(of: s))) }
    let s = strings[1]
    let bytes = Array(s.utf8)
    var variants: [String] = []
    for i in bytes.indices {
        for b in ["|", "+", "~", "0", "1", "2", "x"].map({ UInt8(ascii: Unicode.Scalar($0)!) }) {
            var v = bytes
            v[i] = b
            variants.append(String(decoding: v, as: UTF8.self))
        }
        var dropped = bytes
        dropped.remove(at: i)
        variants.append(String(decoding: dropped, as: UTF8.self))
        var added = bytes
        added.insert(UInt8(ascii: "|"), at: i)
        variants.append(String(decoding: added, as: UTF8.self))
    }
    for v in variants + ["", "|", "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|", "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|+"] {
        #expect(NB201OneHotEncoding.canonicalChoices(v) == (try? e.strictChoices(of: v)), "\(v)")
    }
}
