// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import HWNASSim

extension ScenarioTemplate: ExpressibleByArgument {}

/// `hwnas-sim example KIND`: a commented scenario template to start from.
struct Example: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a commented scenario template (study, budget, csv or learn) to start from.",
        discussion: """
            Save it, edit it, check it with `hwnas-sim validate FILE`, run it with `hwnas-sim run FILE`. \
            Scenarios/README.md documents every key.
            """)

    @Argument(
        help:
            "study (the noise study on NB201), budget (predict or measure under a time budget), csv (your own table) or learn (predictor learning curves)."
    )
    var kind: ScenarioTemplate

    func run() throws {
        print(kind.text, terminator: "")
    }
}
