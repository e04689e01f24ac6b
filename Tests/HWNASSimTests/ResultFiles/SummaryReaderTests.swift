// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

@testable import HWNASSim
import HWNASSimTestSupport

/// `summary.csv`, `budget.csv` and `decision.csv` read back as written, with located errors.
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
            do { _ = try SummaryFile.read(path: Fixtures.file("summary.csv", text)); return nil } catch let e as InputError {
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
        let badBool = ReportFixture.decision.replacingOccurrences(of: "true,false,0.25", with: "yes,false,0.25")
        #expect(throws: InputError.self) { try SummaryReader.readDecision(path: Fixtures.file("decision.csv", badBool)) }
    }

    @Test func budgetAndDecisionFilesAreRead() throws {
        let budget = try SummaryReader.readBudget(path: Fixtures.file("budget.csv", ReportFixture.budget))
        #expect(budget.count == 8)
        #expect(budget[1].strategy == "linreg" && budget[1].budgetSeconds == 60 && budget[1].summary.mean == 2.5)
        #expect(budget[0].sweepValues.first?.key == "predictors.linreg.kendall_tau")
        let decision = try SummaryReader.readDecision(path: Fixtures.file("decision.csv", ReportFixture.decision))
        #expect(decision.count == 4)
        #expect(decision[1].winnerChanged && !decision[3].significant && decision[3].marginLow == -0.15)
        // What `decide` shows: every strategy's means, the winner by each measure, the relative margin.
        #expect(decision[0].shownMeasures == ["hv", "mean_regret"] && decision[0].strategies == ["measure-random", "linreg"])
        #expect(decision[0].means == [[2.0, 2.5], [1.5, 3.0]] && decision[0].winnersByMeasure == ["linreg", "measure-random"])
        #expect(decision[0].disagreements.map(\.winner) == ["measure-random"] && decision[2].disagreements.isEmpty)
        #expect(decision[0].relativeMargin == 0.25)
        let written = BudgetCSV.decisionText(decision)  // budget_s as written by the tool: 60.0
        // The tool adds the other-kind columns, empty where the runner-up is of the other kind.
        let withOther = ReportFixture.decision.split(separator: "\n").enumerated().map { i, line in
            line + (i == 0 ? "," + BudgetCSV.otherKindColumns.joined(separator: ",") : ",,,,,,")
        }.joined(separator: "\n") + "\n"
        #expect(written == withOther.replacingOccurrences(of: ",300,60,", with: ",300,60.0,").replacingOccurrences(of: ",300,3600,", with: ",300,3600.0,"))
        #expect(BudgetCSV.decisionText(try SummaryReader.readDecision(path: Fixtures.file("decision.csv", written))) == written)
        // A filled other-kind margin round-trips.
        var filled = decision
        filled[0].otherKind = "measure-random"
        filled[0].otherKindMean = 2.0
        filled[0].otherKindMargin = Summary(n: 10, mean: 0.5, sd: .nan, se: .nan, ci95Low: 0.25, ci95High: 0.75, median: .nan, q25: .nan, q75: .nan)
        let filledText = BudgetCSV.decisionText(filled)
        let reread = try SummaryReader.readDecision(path: Fixtures.file("decision.csv", filledText))
        #expect(reread[0].otherKind == "measure-random" && reread[0].otherKindMargin?.ci95Low == 0.25 && reread[1].otherKind == nil)
        #expect(BudgetCSV.decisionText(reread) == filledText)
        // An older decision.csv (the fixed columns only) still reads, without per-strategy means.
        let old = ReportFixture.decision.split(separator: "\n").map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).prefix(16).joined(separator: ",")
        }.joined(separator: "\n") + "\n"
        let oldRows = try SummaryReader.readDecision(path: Fixtures.file("decision.csv", old))
        #expect(oldRows.count == 4 && oldRows[0].means.isEmpty && oldRows[0].winner == "linreg")
        // A stray column after the fixed ones is still an error, at its place.
        let stray = ReportFixture.decision.replacingOccurrences(of: "winner_changed,relative_margin", with: "winner_changed,colour")
        #expect(throws: InputError.self) { try SummaryReader.readDecision(path: Fixtures.file("decision.csv", stray)) }
    }
}
