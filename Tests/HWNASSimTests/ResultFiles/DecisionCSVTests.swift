// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

@testable import HWNASSim
import HWNASSimTestSupport

/// `decision.csv` read back as written, older files read, stray columns refused.
@Suite struct DecisionCSVTests {
    @Test func aBadBooleanIsAnError() {
        let badBool = ReportFixture.decision.replacingOccurrences(of: "true,false,0.25", with: "yes,false,0.25")
        #expect(throws: InputError.self) { try DecisionCSV.read(path: Fixtures.file("decision.csv", badBool)) }
    }

    @Test func theFixtureIsReadAndWrittenBack() throws {
        let decision = try DecisionCSV.read(path: Fixtures.file("decision.csv", ReportFixture.decision))
        #expect(decision.count == 4)
        #expect(decision[1].winnerChanged && !decision[3].significant && decision[3].marginLow == -0.15)
        // What `decide` shows: every strategy's means, the winner by each measure, the relative margin.
        #expect(decision[0].shownMeasures == ["hv", "mean_regret"] && decision[0].strategies == ["measure-random", "linreg"])
        #expect(decision[0].means == [[2.0, 2.5], [1.5, 3.0]] && decision[0].winnersByMeasure == ["linreg", "measure-random"])
        #expect(decision[0].disagreements.map(\.winner) == ["measure-random"] && decision[2].disagreements.isEmpty)
        #expect(decision[0].relativeMargin == 0.25)
        let written = DecisionCSV.text(decision)  // budget_s as written by the tool: 60.0
        // The tool adds the other-kind columns, empty where the runner-up is of the other kind.
        let withOther =
            ReportFixture.decision.split(separator: "\n").enumerated().map { i, line in
                line + (i == 0 ? "," + DecisionCSV.otherKindColumns.joined(separator: ",") : ",,,,,,")
            }.joined(separator: "\n") + "\n"
        #expect(
            written
                == withOther.replacingOccurrences(of: ",300,60,", with: ",300,60.0,").replacingOccurrences(
                    of: ",300,3600,", with: ",300,3600.0,"))
        #expect(DecisionCSV.text(try DecisionCSV.read(path: Fixtures.file("decision.csv", written))) == written)
        // A filled other-kind margin round-trips.
        var filled = decision
        filled[0].otherKind = "measure-random"
        filled[0].otherKindMean = 2.0
        filled[0].otherKindMargin = Summary(
            n: 10, mean: 0.5, sd: .nan, se: .nan, ci95Low: 0.25, ci95High: 0.75, median: .nan, q25: .nan, q75: .nan)
        let filledText = DecisionCSV.text(filled)
        let reread = try DecisionCSV.read(path: Fixtures.file("decision.csv", filledText))
        #expect(reread[0].otherKind == "measure-random" && reread[0].otherKindMargin?.ci95Low == 0.25 && reread[1].otherKind == nil)
        #expect(DecisionCSV.text(reread) == filledText)
        // An older decision.csv (the fixed columns only) still reads, without per-strategy means.
        let old =
            ReportFixture.decision.split(separator: "\n").map { line in
                line.split(separator: ",", omittingEmptySubsequences: false).prefix(16).joined(separator: ",")
            }.joined(separator: "\n") + "\n"
        let oldRows = try DecisionCSV.read(path: Fixtures.file("decision.csv", old))
        #expect(oldRows.count == 4 && oldRows[0].means.isEmpty && oldRows[0].winner == "linreg")
        // A stray column after the fixed ones is still an error, at its place.
        let stray = ReportFixture.decision.replacingOccurrences(of: "winner_changed,relative_margin", with: "winner_changed,colour")
        #expect(throws: InputError.self) { try DecisionCSV.read(path: Fixtures.file("decision.csv", stray)) }
    }
}
