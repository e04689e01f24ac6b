// SPDX-License-Identifier: GPL-3.0-or-later
import HWNASSim

/// The table a learning-curve run prints: mean Kendall tau, a block per pair, a row per
/// predictor, a column per training size.
public enum LearningTable {
    /// The printed table of `learning.csv`'s rows.
    public static func text(_ rows: [LearningCurve.Row]) -> String {
        let tau = rows.filter { $0.measure == "kendall_tau" }
        var pairs: [String] = []
        for r in tau where !pairs.contains("\(r.dataset)/\(r.metric)") { pairs.append("\(r.dataset)/\(r.metric)") }
        var out = ""
        for pair in pairs {
            let mine = tau.filter { "\($0.dataset)/\($0.metric)" == pair }
            var predictors: [String] = []
            for r in mine where !predictors.contains(r.predictor) { predictors.append(r.predictor) }
            let sizes = Array(Set(mine.map(\.trainSamples))).sorted()
            out += "\(pair): Kendall tau (mean over the trials) by training samples\n"
            let width = max(12, (predictors.map(\.count).max() ?? 0) + 2)
            out += "predictor".rightPadded(width) + sizes.map { String($0).leftPadded(7) }.joined() + "\n"
            for p in predictors {
                var line = p.rightPadded(width)
                for s in sizes {
                    let cell = mine.first { $0.predictor == p && $0.trainSamples == s }
                    line += (cell.map { $0.summary.mean.isFinite ? Format.fixed($0.summary.mean, 3) : "-" } ?? "").leftPadded(7)
                }
                out += line + "\n"
            }
        }
        return out
    }
}
