// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

@testable import HWNASSim
import HWNASSimTestSupport

/// `summary.csv` read back as written, with located errors.
@Suite struct SummaryReaderTests {
    @Test func summaryReaderRoundTripsSummaryCSV() throws {
        let run = try ReportFixture.makeRun()
        let text = try String(contentsOfFile: run + "/summary.csv", encoding: .utf8)
        let rows = try SummaryFile.read(path: run + "/summary.csv")
        #expect(rows.count == 2 * 3 * 7)
        #expect(SummaryFile.text(rows) == text)

        // Sweep columns (one needing quotes) and undefined statistics survive too.
        var swept = rows
        for i in swept.indices { swept[i].sweepValues = [("noise.levels", "a,b"), ("seed", "\(i % 3)")] }
        swept[0].summary = Summary([1.5])  // n = 1: sd, se and interval undefined (empty fields)
        let sweptText = SummaryFile.text(swept)
        let path = Fixtures.file("summary.csv", sweptText)
        let back = try SummaryFile.read(path: path)
        #expect(SummaryFile.text(back) == sweptText)
        #expect(back[0].sweepValues.map(\.value) == ["a,b", "0"])
        #expect(back[0].summary.sd.isNaN && back[0].summary.n == 1)
    }

    @Test func summaryReaderReportsWhereAFileIsBroken() throws {
        let header = SummaryFile.columns.joined(separator: ",")
        let good = "synthetic,latency,true,100,paper-mixture,0.5,hv,10,1.0,0.1,0.03,0.9,1.1,1.0,0.9,1.1"
        func error(_ text: String) -> InputError? {
            do {
                _ = try SummaryFile.read(path: Fixtures.file("summary.csv", text))
                return nil
            } catch let e as InputError {
                return e
            } catch { return nil }
        }
        let ragged = error(header + "\n" + good + "\n" + good.dropLast(4) + "\n")
        #expect(ragged?.line == 3)
        let notNumber = error(header + "\n" + good.replacingOccurrences(of: ",1.0,0.1,", with: ",1.0,abc,") + "\n")
        #expect(notNumber?.line == 2)
        #expect(notNumber?.column == 10)
        #expect(notNumber?.key == "sd")
        let missing = error(header.replacingOccurrences(of: ",q75", with: "") + "\n" + good.dropLast(4) + "\n")
        #expect(missing?.column == 16)
        #expect(missing?.key == "q75")
        #expect(error("") != nil)
        #expect(throws: InputError.self) { try SummaryReader.readRun(Fixtures.temporaryDirectory("empty-run")) }
    }
}
