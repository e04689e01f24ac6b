// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import HWNASSim

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
        let options = try flags.options(out: out)
        let plan = try RunPlan.make(path: scenario, options: options)
        guard plan.scenarios.contains(where: { $0.experiment.kind == .learningCurve }) else {
            throw InputError(file: scenario, key: "learning_curve",
                             "the scenario has no 'learning_curve' section: nothing to learn (use `hwnas-sim run` or `decide`; `hwnas-sim example learn` prints a template)")
        }
        let report = try ScenarioRunner.run(plan: plan, options: options)
        print(report.text, terminator: "")
    }
}
