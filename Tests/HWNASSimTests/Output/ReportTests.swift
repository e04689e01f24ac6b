// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

@testable import HWNASSim

/// A small synthetic run folder written by `ScenarioRunner.run`, plus fake budget tables.
enum ReportFixture {
    static let scenario = """
        name: tiny
        seed: 7
        trials: 6
        data: {benchmark: synthetic, size: 300, pairs: [{metric: latency}]}
        subset_sizes: [100, 300]
        noise: {model: paper-mixture, levels: [0.0, 0.5, 1.0]}
        measures: [kendall_tau, hv, hv_retained, mra_all, mra_pareto, n_selected, n_verified]

        """

    static let budget = """
        predictors.linreg.kendall_tau,dataset,metric,pairing,subset_size,noise,level,strategy,budget_s,measure,n,mean,sd,se,ci95_low,ci95_high,median,q25,q75
        0.5,synthetic,latency,true,300,none,,measure-random,60,hv,10,2.0,0.2,0.063,1.86,2.14,2.0,1.9,2.1
        0.5,synthetic,latency,true,300,kendall-tau,0.5,linreg,60,hv,10,2.5,0.2,0.063,2.36,2.64,2.5,2.4,2.6
        0.5,synthetic,latency,true,300,none,,measure-random,3600,hv,10,3.0,0.2,0.063,2.86,3.14,3.0,2.9,3.1
        0.5,synthetic,latency,true,300,kendall-tau,0.5,linreg,3600,hv,10,2.7,0.2,0.063,2.56,2.84,2.7,2.6,2.8
        0.9,synthetic,latency,true,300,none,,measure-random,60,hv,10,2.0,0.2,0.063,1.86,2.14,2.0,1.9,2.1
        0.9,synthetic,latency,true,300,kendall-tau,0.5,linreg,60,hv,10,2.9,0.2,0.063,2.76,3.04,2.9,2.8,3.0
        0.9,synthetic,latency,true,300,none,,measure-random,3600,hv,10,3.0,0.2,0.063,2.86,3.14,3.0,2.9,3.1
        0.9,synthetic,latency,true,300,kendall-tau,0.5,linreg,3600,hv,10,3.05,0.2,0.063,2.91,3.19,3.05,2.95,3.15

        """

    static let decision = """
        predictors.linreg.kendall_tau,dataset,metric,subset_size,budget_s,decide_by,winner,winner_mean,runner_up,runner_up_mean,margin,margin_ci95_low,margin_ci95_high,n,significant,winner_changed
        0.5,synthetic,latency,300,60,hv,linreg,2.5,measure-random,2.0,0.5,0.3,0.7,10,true,false
        0.5,synthetic,latency,300,3600,hv,measure-random,3.0,linreg,2.7,0.3,0.1,0.5,10,true,true
        0.9,synthetic,latency,300,60,hv,linreg,2.9,measure-random,2.0,0.9,0.7,1.1,10,true,false
        0.9,synthetic,latency,300,3600,hv,linreg,3.05,measure-random,3.0,0.05,-0.15,0.25,10,false,false

        """

    /// A fresh run folder (summary.csv, headline.csv, run.json, budget.csv, decision.csv).
    static func makeRun() throws -> String {
        let scenarioPath = Fixtures.file("tiny.yaml", scenario)
        let out = Fixtures.temporaryDirectory("report-run") + "/run"
        _ = try ScenarioRunner.run(path: scenarioPath, options: RunOptions(outDirectory: out, jobs: 2, dataDirectory: Fixtures.dataDirectory))
        try AtomicFile.write(budget, to: out + "/budget.csv")
        try AtomicFile.write(decision, to: out + "/decision.csv")
        return out
    }
}

@Suite struct ReportTests {
    @Test func summaryReaderRoundTripsSummaryCSV() throws {
        let run = try ReportFixture.makeRun()
        let text = try String(contentsOfFile: run + "/summary.csv", encoding: .utf8)
        let rows = try SummaryReader.readSummary(path: run + "/summary.csv")
        #expect(rows.count == 2 * 3 * 7)
        #expect(SummaryCSV.text(rows) == text)

        // Sweep columns (one needing quotes) and undefined statistics survive too.
        var swept = rows
        for i in swept.indices { swept[i].sweepValues = [("noise.levels", "a,b"), ("seed", "\(i % 3)")] }
        swept[0].summary = Summary([1.5])  // n = 1: sd, se and interval undefined (empty fields)
        let sweptText = SummaryCSV.text(swept)
        let path = Fixtures.file("summary.csv", sweptText)
        let back = try SummaryReader.readSummary(path: path)
        #expect(SummaryCSV.text(back) == sweptText)
        #expect(back[0].sweepValues.map(\.value) == ["a,b", "0"])
        #expect(back[0].summary.sd.isNaN && back[0].summary.n == 1)
    }

    @Test func summaryReaderReportsWhereAFileIsBroken() throws {
        let header = SummaryCSV.columns.joined(separator: ",")
        let good = "synthetic,latency,true,100,paper-mixture,0.5,hv,10,1.0,0.1,0.03,0.9,1.1,1.0,0.9,1.1"
        func error(_ text: String) -> InputError? {
            do { _ = try SummaryReader.readSummary(path: Fixtures.file("summary.csv", text)); return nil } catch let e as InputError {
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
        let badBool = ReportFixture.decision.replacingOccurrences(of: "true,false\n0.5", with: "yes,false\n0.5")
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
    }

    @Test func pooledStatisticsOfTwoCells() {
        // Cell A: mean 1, sd 2, se 2/√10; cell B: mean 3, sd 1, se 1/√10 (n = 10 each).
        var a = Summary([Double]()), b = Summary([Double]())
        (a.n, a.mean, a.sd, a.se) = (10, 1, 2, 2 / 10.0.squareRoot())
        (b.n, b.mean, b.sd, b.se) = (10, 3, 1, 1 / 10.0.squareRoot())
        let p = PooledStatistics([a, b])
        #expect(p.cells == 2)
        #expect(p.mean == 2)
        // Pooled variance: ((4 + 1) + (1 + 1)) / 2 = 3.5.
        #expect(abs(p.sd - 3.5.squareRoot()) < 1e-12)
        // se = sqrt(0.4 + 0.1) / 2 = 0.353553…; interval 2 ± 1.96 se.
        #expect(abs(p.se - 0.5.squareRoot() / 2) < 1e-12)
        #expect(abs(p.ci95Low - (2 - 1.96 * 0.3535533905932738)) < 1e-12)
        #expect(abs(p.ci95High - 2.692964645562816) < 1e-12)
        // Empty cells are left out; no cells at all is undefined.
        #expect(PooledStatistics([a, b, Summary([Double]())]) == p)
        #expect(PooledStatistics([]).mean.isNaN)
    }

    @Test func reportWritesDeterministicFiles() throws {
        let run = try ReportFixture.makeRun()
        let published = Fixtures.file("published.csv", """
            curve,subset_size,std,measure,value
            mra,all,0.0,mra_all,0.0
            mra,all,0.5,mra_all,1.0
            mra,all,0.5,kendall_tau,0.75
            hv,100,0.0,hv,2.5
            hv,100,0.5,hv,2.4

            """)
        let withPNG = PNGConverter.find() != nil
        var outputs: [[String: Data]] = []
        for _ in 0..<2 {
            let out = Fixtures.temporaryDirectory("report-out")
            let result = try StudyReport.write(
                runs: [run], options: ReportOptions(outDirectory: out, publishedFile: published, dataDirectory: Fixtures.dataDirectory))
            let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
            #expect(names == result.files.sorted())
            var files: [String: Data] = [:]
            for n in names { files[n] = FileManager.default.contents(atPath: out + "/" + n) }
            outputs.append(files)
        }
        let files = outputs[0]
        let stems = ["fig1-mra", "fig2-hv", "fig3-mra-pairs", "fig4-trial", "fig5-published-mra", "fig5-published-hv",
                     "fig6-budget", "fig7-decision"]
        for stem in stems {
            let svg = try #require(files[stem + ".svg"], "missing \(stem).svg")
            #expect(parseSVG(String(decoding: svg, as: UTF8.self)).ok, "\(stem).svg is not well-formed XML")
            #expect((files[stem + ".png"] != nil) == withPNG)
        }
        let readme = String(decoding: try #require(files["README.md"]), as: UTF8.self)
        for stem in stems { #expect(readme.contains("](\(stem).\(withPNG ? "png" : "svg"))")) }
        #expect(readme.contains("within tolerance"))
        #expect(readme.contains("verifying the selection cuts MRA from"))
        #expect(!readme.contains(NSTemporaryDirectory()))
        #expect(!readme.contains(run))
        // The synthetic scenario has no ImageNet16-120 pair: figure 4 says it fell back.
        // (The caption wraps at word boundaries, so check the words, not the phrase.)
        let caption = String(decoding: files["fig4-trial.svg"]!, as: UTF8.self)
        #expect(["first", "pair,", "largest", "subset", "size"].allSatisfy { caption.contains($0) })
        #expect(caption.contains("so this shows its first"))
        // Byte-identical on a second run.
        #expect(outputs[0] == outputs[1])
    }

    @Test func trialPictureAgreesWithTheSimulation() throws {
        let scenario = try Scenario.parse(ReportFixture.scenario, file: "tiny.yaml")[0]
        var loader = GroundTruthLoader(directory: Fixtures.dataDirectory)
        let cell = Study.cells(for: scenario, pairs: try loader.pairs(for: scenario)).last!
        let values = Study.trialValues(cell: cell, trial: 0)
        let selections = Study.selections(cell: cell, trial: 0)
        for (li, level) in scenario.noise.levels.enumerated() {
            let p = TrialPicture(pair: ("synthetic", "latency"), subsetSize: cell.subsetSize, level: level, selection: selections[li])
            func value(_ m: Measure) -> Double { values[li * cell.measures.count + cell.measures.firstIndex(of: m)!] }
            #expect(abs(p.hvSelected - value(.hv)) < 1e-12)
            #expect(abs(p.mraAll - value(.mraAll)) < 1e-9)
            #expect(abs(p.mraPareto - value(.mraPareto)) < 1e-9)
            #expect(abs(p.hvSelected / p.hvTrue - value(.hvRetained)) < 1e-12)
        }
    }
}
