// SPDX-License-Identifier: GPL-3.0-or-later

/// The trained-budget rows of `hwnas-sim bench`: whole budget scenarios whose predictors are
/// fitted in every trial, run as child processes like the other scenario rows, with the wall
/// time per trial beside the wall time.
public enum BudgetBenchmarks {
    /// One budget scenario run.
    public struct Case: Sendable {
        /// The row name (scenario and `--jobs`).
        public var name: String
        /// The scenario file.
        public var file: String
        public var trials: Int
        public var jobs: Int
        /// Runs behind the median (a costly case runs fewer than `--repeats`).
        public var repeats: Int
        public var note: String
    }

    /// The cases: the 200-trial Raspberry Pi scenario with trained linreg and ridge (iterate,
    /// refitting every 10 measurements) and the lookup table, and the one with a Gaussian
    /// process and an MLP (about 2 s a fit, refitted every 200 measurements under iterate) at
    /// few trials and at most `repeats` runs (1 unless `quick`, then 2 trials).
    public static func cases(scenarios: String, repeats: Int, quick: Bool) -> [Case] {
        [
            Case(
                name: "raspi4-trained --jobs 2", file: "\(scenarios)/budget/raspi4-trained.yaml", trials: 200, jobs: 2,
                repeats: repeats, note: "trained linreg, ridge (iterate, refit every 10), lookup table"),
            Case(
                name: "raspi4-gp-mlp --jobs 2", file: "\(scenarios)/budget/raspi4-gp-mlp.yaml", trials: quick ? 2 : 6, jobs: 2,
                repeats: 1, note: "trained gp and mlp (2 x 128), budgets to 4 h")
        ]
    }

    /// Seconds per trial at the median of `wall` (a `… wall` row of `trials` trials); a skipped
    /// row stays skipped.
    public static func perTrial(_ wall: BenchmarkRow, trials: Int, name: String) -> BenchmarkRow {
        guard wall.median.isFinite, trials > 0 else { return .skipped("\(name) per trial", n: trials, unit: "s", note: wall.note) }
        return BenchmarkRow(
            benchmark: "\(name) per trial", n: trials, unit: "s", samples: [wall.median / Double(trials)],
            note: "median wall / trials, incl. loading")
    }
}
