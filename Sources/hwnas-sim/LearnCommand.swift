// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import HWNASSim
import HWNASSimReports

/// `hwnas-sim learn SCENARIO`: the learning curves of a scenario's `learning_curve` section.
struct Learn: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train and score the predictors of a learning_curve scenario; write learning.csv and run.json.",
        discussion: """
            A row of learning.csv per pair × predictor × training size × measure (kendall_tau, spearman, pearson, rmse, mae) \
            over the random splits. Cells (pair × predictor) are kept in DIR/cells/: a rerun skips finished ones, --shard K/N \
            runs a share of them and `hwnas-sim merge` joins the shards; the bytes do not depend on --jobs, shards or resuming. \
            `hwnas-sim run` on such a scenario does the same. `hwnas-sim example learn` prints a template; Scenarios/README.md \
            documents the keys.
            """)

    @Argument(help: "A scenario file with a learning_curve: section.") var scenario: String
    @Option(name: .long, help: "Output folder (default: Results/<scenario name>).") var out: String?
    @OptionGroup var flags: RunFlags

    func run() throws {
        if flags.trialsOut { throw InputError(key: "--trials-out", "learn writes no per-trial file: leave --trials-out out") }
        let report = try ScenarioRunner.run(path: scenario, kind: .learningCurve, options: try flags.options(out: out))
        print(report.text, terminator: "")
    }
}
