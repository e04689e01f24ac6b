// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The `cells/` folder of a run: one set of files per finished cell, written atomically, the
/// `.done` file (holding the cell's input hash) last. Assembling concatenates them in plan order.
struct CellStore {
    public var directory: String
    var cellsDirectory: String { directory + "/cells" }

    public init(directory: String) { self.directory = directory }

    /// Output tables of a cell, by file kind.
    public enum Table: String, CaseIterable, Sendable {
        case summary, budget, decision, trials, learning
        /// Figure 4's trial (``TrialFile``), written by one cell of a study.
        case trial0
        /// The assembled file's name.
        func assembledName(budgetRun: Bool) -> String {
            switch self {
            case .summary: "summary.csv"
            case .budget: "budget.csv"
            case .decision: "decision.csv"
            case .trials: budgetRun ? "budget_trials.csv" : "trials.csv"
            case .learning: "learning.csv"
            case .trial0: TrialFile.name
            }
        }
    }

    func path(_ id: String, _ table: Table) -> String { "\(cellsDirectory)/\(id).\(table.rawValue).csv" }
    func donePath(_ id: String) -> String { "\(cellsDirectory)/\(id).done" }

    /// Removes temporary files that killed processes of this host left. A temporary's name
    /// ends with `<host>-<pid>` of its writer; those of live processes (another shard writing
    /// here) and of other hosts (a shared file system) stay.
    func removeStrayTemporaries() {
        let prefix = AtomicFile.temporaryMarker + AtomicFile.host + "-"
        for dir in [directory, cellsDirectory] {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for name in names {
                guard let marker = name.range(of: prefix), let pid = Int32(name[marker.upperBound...]) else { continue }
                if pid != getpid() && (kill(pid, 0) == 0 || errno == EPERM) { continue }
                try? FileManager.default.removeItem(atPath: dir + "/" + name)
            }
        }
    }

    /// The files a run assembles from its cells.
    static let assembledFiles = [
        "summary.csv", "headline.csv", "budget.csv", "decision.csv", "trials.csv", "budget_trials.csv", "learning.csv", TrialFile.name
    ]

    /// Removes assembled outputs of an earlier run, so that a folder never shows results of
    /// other inputs beside this run's `run.json`; they are written again once every cell is done.
    func removeAssembledOutputs() {
        for name in Self.assembledFiles { try? FileManager.default.removeItem(atPath: directory + "/" + name) }
    }

    /// Whether cell `id` is finished with inputs `hash`, and every table in `tables` is there
    /// with the checksum its `.done` file recorded (a truncated table is not finished).
    func isDone(_ id: String, hash: String, tables: [Table]) -> Bool {
        guard let done = try? String(contentsOfFile: donePath(id), encoding: .utf8) else { return false }
        let lines = done.split(separator: "\n").map(String.init)
        guard lines.first == hash else { return false }
        var recorded: [String: String] = [:]
        for line in lines.dropFirst() {
            let parts = line.split(separator: " ")
            if parts.count == 2 { recorded[String(parts[0])] = String(parts[1]) }
        }
        return tables.allSatisfy { t in
            guard let want = recorded[t.rawValue], let data = FileManager.default.contents(atPath: path(id, t)) else { return false }
            return SHA256.hex(of: [UInt8](data)) == want
        }
    }

    /// Writes a finished cell's tables, then its `.done` marker: the input hash and each
    /// table's SHA-256.
    public func write(_ id: String, hash: String, tables: [(Table, String)]) throws {
        try? FileManager.default.removeItem(atPath: donePath(id))
        var done = hash + "\n"
        for (table, text) in tables {
            try AtomicFile.write(text, to: path(id, table))
            done += "\(table.rawValue) \(SHA256.hex(of: Array(text.utf8)))\n"
        }
        try AtomicFile.write(done, to: donePath(id))
    }

    /// The plan's cell list, so that `merge` can check completeness and order.
    struct PlanFile: Codable, Equatable, Sendable {
        public struct Cell: Codable, Equatable, Sendable {
            public var id: String
            var hash: String
        }
        public var scenario: String
        public var budget: Bool
        public var trialsOut: Bool
        public var cells: [Cell]
        /// SHA-256 of the run's inputs without the tool version: scenario cells, seed, trials,
        /// data checksums. A folder holding results of other inputs is not silently reused.
        var inputs: String?
        /// N of `--shard K/N` for a shard's folder; nil for a whole run (and a merged one).
        var shards: Int?
        /// A learning-curve run (its cells write `learning.csv` rows); nil in older plans.
        var learning: Bool?
        /// The id of the cell that writes figure 4's trial (``TrialFile``); nil when none does.
        var figureTrial: String?

        /// The tables every cell of this plan writes.
        var tables: [Table] {
            if learning == true { return [.learning] }
            return (budget ? [.budget, .decision] : [.summary]) + (trialsOut ? [.trials] : [])
        }

        /// The tables cell `id` writes: every cell's, and figure 4's trial for its owner.
        func tables(of id: String) -> [Table] {
            tables + (id == figureTrial ? [.trial0] : [])
        }

        enum CodingKeys: String, CodingKey {
            case scenario, budget, cells, inputs, shards, learning
            case trialsOut = "trials_out"
            case figureTrial = "figure_trial"
        }
    }

    /// Refuses to reuse a folder that holds results of other inputs (another scenario file
    /// with the same name, another seed or trial count, other data), or a `trials.csv` that a
    /// run without `--trials-out` would drop: the user keeps them with another `--out`, or
    /// replaces them with `--force`.
    func checkEarlierResults(for plan: PlanFile, scenarioFile: String) throws {
        guard FileManager.default.fileExists(atPath: directory + "/plan.json"), let earlier = try? readPlan() else { return }
        let done = ((try? FileManager.default.contentsOfDirectory(atPath: cellsDirectory)) ?? []).filter { $0.hasSuffix(".done") }.count
        let what = "results of scenario '\(earlier.scenario)' (\(done) of \(earlier.cells.count) cells finished)"
        let fix = "write this run elsewhere with --out DIR, or replace them with --force"
        if earlier.scenario != plan.scenario || earlier.budget != plan.budget || (earlier.inputs != nil && earlier.inputs != plan.inputs)
            || (earlier.inputs == nil && earlier.cells.map(\.id) != plan.cells.map(\.id))
        {
            guard done > 0 else { return }
            throw InputError(
                file: directory, key: "--out",
                "holds \(what) of other inputs than \(scenarioFile) (another scenario file, seed, trial count or data): \(fix)")
        }
        let trials = CellStore.Table.trials.assembledName(budgetRun: plan.budget)
        if earlier.trialsOut && !plan.trialsOut && FileManager.default.fileExists(atPath: directory + "/" + trials) {
            throw InputError(
                file: directory, key: "--trials-out",
                "holds \(trials) from a run with --trials-out, which this run without it would remove: add --trials-out to keep it, or --force to drop it"
            )
        }
    }

    func writePlan(_ plan: PlanFile) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(encoder.encode(plan) + Data("\n".utf8), to: directory + "/plan.json")
    }

    func readPlan() throws -> PlanFile {
        let path = directory + "/plan.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, "not found: expected a run or shard folder written by hwnas-sim")
        }
        do { return try JSONDecoder().decode(PlanFile.self, from: data) } catch {
            throw InputError(file: path, "cannot read the plan: \(error.localizedDescription)")
        }
    }

    /// Joins the cells' tables in plan order into the run's files (one header each).
    /// Returns the names written and, for a study, the `summary.csv` rows (read once, for
    /// `headline.csv` and the caller's table); throws when a cell is missing.
    @discardableResult
    func assemble(_ plan: PlanFile) throws -> (files: [String], summary: [SummaryRow]?) {
        let missing = plan.cells.filter { !isDone($0.id, hash: $0.hash, tables: []) }
        guard missing.isEmpty else {
            throw InputError(file: directory, "\(missing.count) of \(plan.cells.count) cells are not finished (first: \(missing[0].id))")
        }
        let tables = plan.tables
        var written: [String] = []
        var summary: [SummaryRow]?
        for table in tables {
            var header: Substring?
            var body = ""
            for cell in plan.cells {
                guard let text = try? String(contentsOfFile: path(cell.id, table), encoding: .utf8) else {
                    throw InputError(file: path(cell.id, table), "missing cell file")
                }
                let newline = text.firstIndex(of: "\n") ?? text.endIndex
                if header == nil { header = text[..<newline] }
                if newline < text.endIndex { body += text[text.index(after: newline)...] }
            }
            let name = table.assembledName(budgetRun: plan.budget)
            try AtomicFile.write(String(header ?? "") + "\n" + body, to: directory + "/" + name)
            written.append(name)
            if table == .summary {
                let rows = try SummaryFile.read(path: directory + "/" + name)
                try AtomicFile.write(HeadlineFile.text(HeadlineBlocks(rows: rows)), to: directory + "/" + HeadlineFile.name)
                written.append(HeadlineFile.name)
                summary = rows
            }
        }
        if let owner = plan.figureTrial {
            guard let text = try? String(contentsOfFile: path(owner, .trial0), encoding: .utf8) else {
                throw InputError(file: path(owner, .trial0), "missing cell file")
            }
            try AtomicFile.write(text, to: directory + "/" + TrialFile.name)
            written.append(TrialFile.name)
        }
        return (written, summary)
    }
}
