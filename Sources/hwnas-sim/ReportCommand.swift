// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import HWNASSim
import HWNASSimReports

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn run folders into figures (SVG and PNG) and a Markdown page.",
        discussion: "PNG files need rsvg-convert on PATH; without it the figures are SVG only.")

    @Argument(help: "Run folders written by 'hwnas-sim run'.") var runs: [String]
    @Option(name: .long, help: "Output folder for the figures and README.md.") var out: String
    @Option(name: .long, help: "Published curves to compare with (curve,subset_size,std,measure,value).") var published: String?
    @Flag(name: .long, help: "Write into a non-empty --out folder, removing figures of an earlier report there.") var force = false
    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        if runs.isEmpty { throw ValidationError("give at least one run folder") }
    }

    func run() throws {
        let result = try StudyReport.write(
            runs: runs,
            options: ReportOptions(
                outDirectory: out, publishedFile: published, dataDirectory: dataOptions.directory, force: force))
        print(result.text, terminator: "")
    }
}
