// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing
#if canImport(FoundationXML)
    import FoundationXML
#endif

@testable import HWNASSim
@testable import HWNASSimReports
import HWNASSimTestSupport
import SVGCharts

@Suite struct ReportTests {
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
        let published = Fixtures.file(
            "published.csv",
            """
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
        let stems = [
            "fig1-mra", "fig2-hv", "fig3-mra-pairs", "fig4-trial", "fig5-published-mra", "fig5-published-hv",
            "fig6-budget", "fig7-decision"
        ]
        for stem in stems {
            let svg = try #require(files[stem + ".svg"], "missing \(stem).svg")
            #expect(XMLParser(data: svg).parse(), "\(stem).svg is not well-formed XML")
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
        guard case .noiseStudy(let study) = scenario.experiment else {
            Issue.record("not a noise study")
            return
        }
        for (li, level) in study.noise.levels.enumerated() {
            let p = TrialPicture(pair: ("synthetic", "latency"), subsetSize: cell.subsetSize, level: level, selection: selections[li])
            func value(_ m: Measure) -> Double { values[li * cell.measures.count + cell.measures.firstIndex(of: m)!] }
            #expect(abs(p.hvSelected - value(.hv)) < 1e-12)
            #expect(abs(p.mraAll - value(.mraAll)) < 1e-9)
            #expect(abs(p.mraPareto - value(.mraPareto)) < 1e-9)
            #expect(abs(p.hvSelected / p.hvTrue - value(.hvRetained)) < 1e-12)
        }
    }
}

/// The budget page explains the reported front and mean regret, with each run's numbers.
@Suite struct BudgetReportTextTests {
    @Test func theBudgetPageExplainsTheFrontAndMeanRegret() throws {
        let scenario = Fixtures.file(
            "b.yaml",
            """
            name: tiny-budget
            trials: 4
            data: {benchmark: synthetic, size: 300, pairs: [{metric: latency}]}
            subset_sizes: [200]
            budget:
              seconds: [30, 300]
              measurement: {setup_s: 1, noise_relative_sd: 0.02}
              strategies:
                - {name: measure-only, measure: random}
                - {name: p, predictor: p}
                - {name: p+verify, predictor: p, verify: selected}
            predictors:
              p: {train_samples: 10, kendall_tau: 0.5}

            """)
        let run = Fixtures.temporaryDirectory("budget-run") + "/run"
        _ = try ScenarioRunner.run(path: scenario, options: RunOptions(outDirectory: run, jobs: 1, dataDirectory: "/x"))
        let out = Fixtures.temporaryDirectory("budget-report")
        _ = try StudyReport.write(runs: [run], options: ReportOptions(outDirectory: out, dataDirectory: "/x"))
        let page = try String(contentsOfFile: out + "/README.md", encoding: .utf8)
        #expect(page.contains("## Time budget: what a strategy reports and how it is scored"))
        #expect(page.contains("**Mean regret**") && page.contains("Raspberry Pi") && page.contains("Pixel 3"))
        #expect(page.contains("tiny-budget, at the smallest budget (30 s;"))
        #expect(page.contains("p+verify reports") && page.contains("(all measured)") && page.contains("mean regret"))
        // The explanation stands before the decisions, once.
        let explanation = try #require(page.range(of: "## Time budget: what a strategy reports"))
        let decisions = try #require(page.range(of: "## Time budget: decisions"))
        #expect(explanation.lowerBound < decisions.lowerBound)
        #expect(page.components(separatedBy: "## Time budget: what a strategy reports").count == 2)
        #expect(page.contains("Hypervolume and mean regret over 19 latency limits"))
    }

    /// Figure 1's two ±1 sd bands are edged in their series' colour and dash; figure 6 draws
    /// coinciding strategies wider underneath; figure 4 names a kendall-tau level as tau.
    @Test func figuresKeepTheirSeriesApart() throws {
        let run = try ReportFixture.makeRun()
        let out = Fixtures.temporaryDirectory("report-apart")
        _ = try StudyReport.write(
            runs: [run], options: ReportOptions(outDirectory: out, dataDirectory: Fixtures.dataDirectory, renderPNG: false))
        let fig1 = try String(contentsOfFile: out + "/fig1-mra.svg", encoding: .utf8)
        let bands = fig1.components(separatedBy: "id=\"p1-bands\"").dropFirst().first?.components(separatedBy: "</g>").first ?? ""
        #expect(bands.contains("<polyline") && bands.contains("stroke-dasharray=\"7 3\""), "no edged bands in figure 1")
        #expect(bands.contains("stroke=\"\(ReportBuilder.mraAllColor)\"") && bands.contains("stroke=\"\(ReportBuilder.mraParetoColor)\""))
        let fig6 = try String(contentsOfFile: out + "/fig6-budget.svg", encoding: .utf8)
        #expect(fig6.contains("stroke-width=\"2.7\"") && fig6.contains("stroke-width=\"1.6\""), "strategies of figure 6 share one width")

        let tau = Fixtures.temporaryDirectory("report-tau") + "/run"
        let scenario = ReportFixture.scenario.replacingOccurrences(
            of: "{model: paper-mixture, levels: [0.0, 0.5, 1.0]}", with: "{model: kendall-tau, levels: [0.5, 0.9]}")
        _ = try ScenarioRunner.run(
            path: Fixtures.file("tau.yaml", scenario),
            options: RunOptions(outDirectory: tau, jobs: 2, dataDirectory: Fixtures.dataDirectory))
        let tauOut = Fixtures.temporaryDirectory("report-tau-out")
        _ = try StudyReport.write(
            runs: [tau], options: ReportOptions(outDirectory: tauOut, dataDirectory: Fixtures.dataDirectory, renderPNG: false))
        let fig4 = try String(contentsOfFile: tauOut + "/fig4-trial.svg", encoding: .utf8)
        #expect(fig4.contains("target τ 0.5") && !fig4.contains(" std "), "figure 4 calls a tau level std")
    }

    /// Without rsvg-convert the report says how to get the PNGs.
    @Test func missingRsvgConvertSaysHowToGetPNGs() throws {
        let run = try ReportFixture.makeRun()
        let out = Fixtures.temporaryDirectory("report-no-rsvg")
        let r = try CLI.run(["report", run, "--out", out], environment: ["PATH": "/nonexistent"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("rsvg-convert was not found") && r.stdout.contains("apt-get install librsvg2-bin"), "\(r.stdout)")
        #expect(!FileManager.default.fileExists(atPath: out + "/fig1-mra.png"))
    }
}

/// `report --out`: a used folder is refused without `--force`; figure names follow the scenario.
@Suite struct ReportOutputFolderTests {
    static func budgetRun(_ name: String) throws -> String {
        let scenario = Fixtures.file(
            "\(name).yaml",
            """
            name: \(name)
            trials: 2
            data: {benchmark: synthetic, size: 200, pairs: [{metric: latency}]}
            subset_sizes: [100]
            budget:
              seconds: [30, 300]
              measurement: {setup_s: 1, noise_relative_sd: 0.02}
              strategies:
                - {name: measure-only, measure: random}
                - {name: p, predictor: p}
            predictors:
              p: {train_samples: 10, kendall_tau: 0.5}

            """)
        let run = Fixtures.temporaryDirectory("budget-\(name)") + "/run"
        _ = try ScenarioRunner.run(path: scenario, options: RunOptions(outDirectory: run, jobs: 1, dataDirectory: "/x"))
        return run
    }

    @Test func aUsedFolderIsRefusedWithoutForceAndStaleFiguresGoWithIt() throws {
        let a = try Self.budgetRun("alpha-run"), b = try Self.budgetRun("Beta_Run")
        let out = Fixtures.temporaryDirectory("report-used")
        let options = ReportOptions(outDirectory: out, dataDirectory: "/x", renderPNG: false)
        _ = try StudyReport.write(runs: [a, b], options: options)
        let before = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(before.contains("fig6-budget-alpha-run.svg") && before.contains("fig6-budget-beta-run.svg"), "\(before)")
        do {
            _ = try StudyReport.write(runs: [a], options: options)
            Issue.record("a used --out folder was accepted")
        } catch let e as InputError {
            #expect(e.key == "--out" && e.description.contains("not empty") && e.description.contains("--force"), "\(e)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == before.sorted(), "the refusal wrote something")
        var forced = options
        forced.force = true
        let result = try StudyReport.write(runs: [a], options: forced)
        let after = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(after == result.files.sorted(), "stale files left: \(after)")
        #expect(after.contains("fig6-budget.svg") && !after.contains("fig6-budget-beta-run.svg"))
    }

    @Test func figureNamesFollowTheScenarioNotTheArgumentOrder() throws {
        let a = try Self.budgetRun("alpha-run"), b = try Self.budgetRun("Beta_Run")
        var pages: [[String: Data]] = []
        for runs in [[a, b], [b, a]] {
            let out = Fixtures.temporaryDirectory("report-order")
            _ = try StudyReport.write(runs: runs, options: ReportOptions(outDirectory: out, dataDirectory: "/x", renderPNG: false))
            var files: [String: Data] = [:]
            for n in try FileManager.default.contentsOfDirectory(atPath: out) where n.hasPrefix("fig") {
                files[n] = FileManager.default.contents(atPath: out + "/" + n)
            }
            pages.append(files)
        }
        #expect(pages[0].keys.sorted() == pages[1].keys.sorted())
        #expect(pages[0] == pages[1], "a figure's content depends on the argument order")
        #expect(!pages[0].keys.contains { $0.hasSuffix("-2.svg") })
        #expect(ReportBuilder.slug("Raspi4 GP (run 2)") == "raspi4-gp-run-2")
    }

    /// Budget figures are in hours (the unit budgets are stated in), decision-map columns in
    /// words (30 s, 5 min), not raw seconds.
    @Test func budgetAxesAreInHoursAndColumnsInWords() throws {
        let run = try Self.budgetRun("gamma")
        let out = Fixtures.temporaryDirectory("report-hours")
        _ = try StudyReport.write(runs: [run], options: ReportOptions(outDirectory: out, dataDirectory: "/x", renderPNG: false))
        let fig6 = try String(contentsOfFile: out + "/fig6-budget.svg", encoding: .utf8)
        #expect(fig6.contains("Simulated search budget (hours, log scale)") && !fig6.contains("(s, log scale)"))
        let fig7 = try String(contentsOfFile: out + "/fig7-decision.svg", encoding: .utf8)
        #expect(fig7.contains(">30.0 s<") && fig7.contains(">5.0 min<") && !fig7.contains(">300<"), "decision-map columns")
        // Two trials: no margin is significant, so every cell is a grey tie, named in the legend.
        let decision = try #require(try SummaryReader.readRun(run).decision)
        #expect(!decision.isEmpty && decision.allSatisfy { !$0.significant })
        #expect(fig7.contains("no significant winner") && fig7.contains("#d9d9d9"), "ties are not drawn as ties")
    }
}
