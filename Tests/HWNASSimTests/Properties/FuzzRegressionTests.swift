// SPDX-License-Identifier: GPL-3.0-or-later
//
// Inputs found by fuzzing (Fuzz/) and by probing the limits the fuzz harness checks: each
// once crashed or exhausted memory and must now end in a located `InputError`, or be read.
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

@Suite struct FuzzRegressionTests {
    static let base = """
        name: f
        data: {benchmark: synthetic, size: 50, pairs: [{metric: latency}]}
        subset_sizes: [10]
        noise: {model: gaussian, levels: [0]}

        """

    func message(_ text: String) -> String { Fixtures.parseMessage(text, file: "f.yaml") }

    /// `trials: 9223372036854775807` parsed, then `Study.run` trapped on arithmetic overflow
    /// computing cells × trials × values per trial (and a smaller huge count ran out of memory).
    @Test func hugeTrialCountsAreRejected() throws {
        #expect(
            message(Self.base + "trials: 9223372036854775807")
                == "f.yaml:5:9: trials: expected 1…1000000 trials, found 9223372036854775807")
        #expect(message(Self.base + "trials: 1e14") == "f.yaml:5:9: trials: expected 1…1000000 trials, found 100000000000000")
        #expect(message(Self.base + "trials: 1_000_001") == "f.yaml:5:9: trials: expected 1…1000000 trials, found 1000001")
        #expect(message(Self.base + "trials: 0") == "f.yaml:5:9: trials: expected 1…1000000 trials, found 0")
        #expect(try Scenario.parse(Self.base + "trials: 1000000", file: "f.yaml")[0].trials == Scenario.maxTrials)
        // Past Int: not a whole number at all.
        #expect(
            message(Self.base + "trials: 9223372036854775808") == "f.yaml:5:9: trials: expected a whole number, found '9223372036854775808'"
        )
    }

    /// 40 swept keys of two values each: the cartesian product (2⁴⁰ cells) was built before any
    /// cell was checked, and the process ran out of memory.
    @Test func sweepProductIsBoundedBeforeItIsBuilt() throws {
        let axes = (0..<40).map { "  data.k\($0): [1, 2]" }.joined(separator: "\n")
        #expect(
            message(Self.base + "sweep:\n" + axes)
                == "f.yaml:6:3: sweep: the sweep has more than 10000 cells (the product of the lengths of its lists)")
        // Overflowing Int on the way is caught too: 70 axes of 2 values = 2⁷⁰.
        let many = (0..<70).map { "  data.k\($0): [1, 2]" }.joined(separator: "\n")
        #expect(
            message(Self.base + "sweep:\n" + many).hasSuffix(
                "the sweep has more than 10000 cells (the product of the lengths of its lists)"))
        // 10,000 cells exactly is allowed; 100 × 101 is not.
        let hundred = (1...100).map(String.init).joined(separator: ", ")
        let ok = try Scenario.parse(Self.base + "sweep:\n  seed: [\(hundred)]\n  trials: [\(hundred)]", file: "f.yaml")
        #expect(ok.count == Scenario.maxSweepCells && ok.last?.seed == 100 && ok.last?.trials == 100)
        #expect(
            message(Self.base + "sweep:\n  seed: [\(hundred)]\n  trials: [\(hundred), 101]").hasSuffix(
                "more than 10000 cells (the product of the lengths of its lists)"))
    }

    /// A learning-curve key of `inf` (or `1e400`) was accepted as a training-sample count.
    @Test func learningCurveKeysMustBeFinite() {
        let budget = """
            budget:
              seconds: [60]
              strategies: [{name: p, predictor: q}]
            predictors:
              q: {train_samples: 5, kendall_tau: {1: 0.2, KEY: 0.5}}
            """
        for key in ["inf", ".inf", "1e400", "nan"] {
            let m = message(Self.base + budget.replacingOccurrences(of: "KEY", with: key))
            #expect(
                m.hasPrefix("f.yaml:9:")
                    && m.hasSuffix(": predictors.q.kendall_tau.\(key): expected a training-sample count ≥ 1 as key, found '\(key)'"), "\(m)"
            )
        }
    }

    /// `Format.csvField` compared Characters with "\r" and "\n"; "\r\n" is one Character equal to
    /// neither, so a field holding CRLF was written unquoted and split its row on reading back.
    @Test func fieldsHoldingCRLFAreQuoted() throws {
        #expect(Format.csvField("a\r\nb") == "\"a\r\nb\"")
        #expect(Format.csvField("\r\n") == "\"\r\n\"")
        let text = Format.csv(header: ["id", "note"], rows: [["1", "two\r\nlines"], ["2", "x"]])
        let back = try CSVTable(data: Array(text.utf8), path: "n.csv")
        #expect(back.rows == [["1", "two\r\nlines"], ["2", "x"]])
        #expect(back.lineOfRow == [2, 4])
    }

    /// Seeds of the fuzz corpora that stress the CSV reader end in a table or a located error.
    @Test func csvCorpusEdgeCases() {
        func message(_ bytes: [UInt8]) -> String {
            do {
                let t = try CSVTable(data: bytes, path: "c.csv")
                return "rows \(t.rows.count)"
            } catch { return "\(error)" }
        }
        #expect(message(Array("a,b\r1,2\r3,4".utf8)) == "rows 2")  // CR-only line ends
        #expect(message(Array("a,b\n\"x\n".utf8)) == "c.csv:2: a quoted field is not closed")
        #expect(message([0x61, 0x2C, 0x62, 0x0A, 0xFF, 0xFE, 0x2C, 0x31]) == "c.csv:2: invalid UTF-8 text")
        #expect(message([0xEF, 0xBB, 0xBF]) == "c.csv: the table is empty: expected a header row and at least one data row")
        #expect(message(Array("\n\n\r\n".utf8)) == "c.csv: the table is empty: expected a header row and at least one data row")
        #expect(message(Array(" , \n1,2\n".utf8)) == "c.csv:1:1: column 1 of the header has no name")
        // A quote inside an unquoted field is kept as text.
        #expect(message(Array("a,b\nx\"y,2\n".utf8)) == "rows 1")
    }
}
