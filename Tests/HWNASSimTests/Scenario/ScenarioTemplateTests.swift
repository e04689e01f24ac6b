// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import HWNASSimTestSupport
import Testing

@testable import HWNASSim

/// Every `hwnas-sim example` template validates and runs as printed (few trials; the learning
/// curve on its two smaller training sizes); the budget one trains its predictors and answers
/// as the README does.
@Suite struct ScenarioTemplateTests {
    /// Writes `template` (and the csv one's table) into a fresh folder and runs it with 2 trials.
    static func run(_ template: ScenarioTemplate) throws -> (report: RunReport, out: String) {
        let dir = Fixtures.temporaryDirectory("template")
        var text = template.text
        if template == .learn { text = text.replacingOccurrences(of: "[11, 124, 1366]", with: "[11, 124]") }
        try text.write(toFile: dir + "/t.yaml", atomically: true, encoding: .utf8)
        if template == .csv {
            var rows = ["id,accuracy,lat_ms,energy_mj"]
            for i in 0..<150 { rows.append("a\(i),\(60 + (i * 37) % 30),\(1 + (i * 53) % 97),\((i * 29) % 31 + 1)") }
            try (rows.joined(separator: "\n") + "\n").write(toFile: dir + "/my-space.csv", atomically: true, encoding: .utf8)
        }
        let options = RunOptions(outDirectory: dir + "/out", trials: 2, jobs: 2, dataDirectory: Fixtures.dataDirectory)
        let report =
            template == .learn
            ? try ScenarioRunner.run(path: dir + "/t.yaml", kind: .learningCurve, options: options)
            : try ScenarioRunner.run(path: dir + "/t.yaml", options: options)
        return (report, dir + "/out")
    }

    @Test(arguments: ScenarioTemplate.allCases)
    func eachTemplateValidatesAndRuns(_ template: ScenarioTemplate) throws {
        #expect(template.text.hasPrefix("# ") && template.text.hasSuffix("\n") && !template.text.hasSuffix("\n\n"))
        let scenarios = try Scenario.parse(template.text, file: "t.yaml")
        #expect(scenarios.count == 1 && scenarios[0].warnings.isEmpty, "\(scenarios.first?.warnings ?? [])")
        let (report, out) = try Self.run(template)
        let expected = ["study": "summary.csv", "budget": "budget.csv", "csv": "summary.csv", "learn": "learning.csv"]
        #expect(report.files.contains(expected[template.rawValue]!), "\(report.files)")
        #expect(FileManager.default.fileExists(atPath: out + "/" + expected[template.rawValue]!))
    }

    /// The budget template's predictors are trained models (no `kendall_tau` given), and its
    /// verified linreg beats measuring at 2 h, the README's answer.
    @Test func theBudgetTemplateTrainsItsPredictorsAndAnswersAsTheReadme() throws {
        let scenario = try Scenario.parse(ScenarioTemplate.budget.text, file: "t.yaml")[0]
        let study = try #require(scenario.budgetStudy)
        #expect(!study.predictors.isEmpty && study.predictors.values.allSatisfy { $0.model != nil })
        #expect(!ScenarioTemplate.budget.text.contains("kendall_tau: {"))
        let (_, out) = try Self.run(.budget)
        let rows = try #require(try SummaryReader.readRun(out).budget)
        func regret(_ strategy: String) -> Double? {
            rows.first { $0.strategy == strategy && $0.budgetSeconds == 7200 && $0.measure == .meanRegret }?.summary.mean
        }
        let measured = try #require(regret("measure-only")), verified = try #require(regret("linreg+verify"))
        #expect(verified < measured, "linreg+verify \(verified) against measure-only \(measured) at 2 h")
    }
}
