// SPDX-License-Identifier: GPL-3.0-or-later
import HWNASSim

extension RunReport {
    /// What `hwnas-sim run`, `learn` and `batch` print on standard output: the data's notes,
    /// the run's table (study headline, decision table or learning curves; a shard's count),
    /// and the files written.
    public var text: String {
        var out = notes.map { "note: \($0)\n" }.joined()
        switch outcome {
        case .partial(let shard):
            out += "\(name): shard \(shard) finished \(cellsRun + cellsSkipped) cells; join the shards with `hwnas-sim merge`\n"
        case .study(let rows):
            out += StudyHeadlineText.text(name: name, rows: rows, trials: trials)
        case .budget(let decisions, let strategies):
            out += "\(name): \(trials) trials per cell; decision per budget:\n" + DecisionTable.text(decisions, strategies: strategies)
        case .learning(let rows):
            out +=
                "\(name): learning curves, \(trials) random splits per size (fewer where a predictor sets its own trials)\n"
                + LearningTable.text(rows)
        }
        let resumed = cellsSkipped > 0 ? " (\(cellsSkipped) of \(cellsRun + cellsSkipped) cells already done)" : ""
        return out + "wrote \(outDirectory)/: \(files.joined(separator: ", ")) in \(Format.fixed(wallSeconds, 1)) s\(resumed)\n"
    }

    /// What `hwnas-sim decide` prints: the decision table and the files written.
    public var decisionText: String {
        String(DecisionTable.text(decisions, strategies: strategies).drop { $0 == "\n" })
            + "wrote \(outDirectory)/: \(files.joined(separator: ", "))\n"
    }
}

extension Batch.Validation {
    /// The line `validate` prints on standard output for a valid file (with its notes); nil
    /// for an invalid one.
    public var text: String? {
        guard case .success(let p) = result else { return nil }
        return "\(file): valid (\(p.sweepCells) sweep cell(s), \(p.cells) cell(s), \(p.trials) trials)\n"
            + p.notes.map { "  note: \($0)\n" }.joined()
    }
}

extension Batch.Merged {
    /// The line `merge` prints for one merged scenario.
    public var text: String {
        "merged \(folders) folder(s) of \(scenario) into \(target)/: \(files.joined(separator: ", "))\n"
    }
}
