// SPDX-License-Identifier: GPL-3.0-or-later
import HWNASSim

extension HeadlineTable {
    /// A fixed-width text table of `columns` (measures) by level, 3 decimals.
    public func text(columns: [String]) -> String {
        let cols = columns.filter(measures.contains)
        var lines = ["level".rightPadded(7) + cols.map { $0.leftPadded(13) }.joined()]
        for (l, level) in levels.enumerated() {
            var line = Format.fixed(level, 2).rightPadded(7)
            for c in cols {
                let v = mean[l][measures.firstIndex(of: c)!]
                line += (v.isNaN ? "-" : Format.fixed(v, 3)).leftPadded(13)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The headline a study run prints: per sweep cell, each measure's mean by level.
public enum StudyHeadlineText {
    /// The measures shown, in order.
    static let columns = ["kendall_tau", "mra_all", "mra_pareto", "hv", "hv_retained", "n_selected"]

    /// The headline of scenario `name`'s `summary.csv` rows, `trials` trials per cell.
    public static func text(name: String, rows: [SummaryRow], trials: Int) -> String {
        let headline = HeadlineBlocks(rows: rows)
        let over =
            "\(Set(rows.map { "\($0.dataset)/\($0.metric)" }).count) pair(s) and \(Set(rows.map(\.subsetSize)).count) subset size(s), \(trials) trials per cell"
        guard !headline.sweepKeys.isEmpty else {
            return "\(name): mean over \(over)\n" + headline.blocks[0].table.text(columns: columns)
        }
        var out = "\(name): one table per sweep cell (\(headline.sweepKeys.joined(separator: ", "))), each the mean over \(over)\n"
        for i in headline.blocks.indices {
            out += "-- \(headline.label(i))\n" + headline.blocks[i].table.text(columns: columns)
        }
        return out
    }
}
