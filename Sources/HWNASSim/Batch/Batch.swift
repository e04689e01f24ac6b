// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// `hwnas-sim batch`, `merge` and `validate`: many scenario files, shards and checks.
public enum Batch {
    /// The scenario files in `paths` (files as given, folders searched for `*.yaml`/`*.yml`,
    /// sorted), each once.
    static func scenarioFiles(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { throw InputError(file: path, "not found") }
            if isDirectory.boolValue {
                guard let walker = fm.enumerator(atPath: path) else { throw InputError(file: path, "cannot list the folder") }
                var found: [String] = []
                while let name = walker.nextObject() as? String {
                    if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { found.append((path as NSString).appendingPathComponent(name)) }
                }
                files += found.sorted()
            } else {
                files.append(path)
            }
        }
        var seen = Set<String>()
        return files.filter { seen.insert(($0 as NSString).standardizingPath).inserted }
    }

    /// What `validate` found in one scenario file.
    public struct Validation: Sendable {
        /// What a valid file plans: sweep cells, cells and trials, with the data's notes and the
        /// scenario's warnings.
        public struct Plan: Sendable {
            public var sweepCells: Int
            public var cells: Int
            public var trials: Int
            public var notes: [String]
            public var warnings: [InputError]
        }

        public var file: String
        /// The plan of a valid file, or the error of an invalid one.
        public var result: Result<Plan, InputError>
    }

    /// Checks scenario files without running: syntax, schema, ranges, tables and sizes.
    /// Returns one ``Validation`` per file, in order.
    public static func validate(_ paths: [String], dataDirectory: String) throws -> [Validation] {
        try scenarioFiles(paths).map { file in
            do {
                let plan = try RunPlan.make(path: file, options: RunOptions(dataDirectory: dataDirectory))
                return Validation(
                    file: file,
                    result: .success(
                        .init(
                            sweepCells: plan.scenarios.count, cells: plan.cells.count, trials: plan.cells.map(\.trials).reduce(0, +),
                            notes: plan.notes, warnings: plan.warnings)))
            } catch let e as InputError {
                return Validation(file: file, result: .failure(e))
            }
        }
    }

    /// Runs every scenario file found in `paths`, each into `root/<scenario name>/`; with a
    /// shard, only the cells whose index in the whole batch the shard holds.
    public static func run(_ paths: [String], root: String, options: RunOptions) throws -> [RunReport] {
        let files = try scenarioFiles(paths)
        guard !files.isEmpty else { throw InputError(file: paths.joined(separator: " "), "no scenario files (*.yaml) found") }
        let plans = try files.map { try RunPlan.make(path: $0, options: options) }
        for w in plans.flatMap(\.warnings) { options.observer?(.warning(w)) }
        var names: [String: String] = [:]
        for p in plans {
            if let other = names[p.name] {
                throw InputError(
                    file: p.path, key: "name", "scenario name '\(p.name)' is also used by \(other); each needs its own output folder")
            }
            names[p.name] = p.path
        }
        try ScenarioRunner.ensureWritable(root)
        var offsets: [Int] = [], offset = 0
        for p in plans {
            offsets.append(offset)
            offset += p.cells.count
        }
        func selected(_ plan: Int, _ index: Int) -> Bool { options.shard?.contains(offsets[plan] + index) ?? true }
        var cells = 0, trials = 0
        for (i, p) in plans.enumerated() {
            for c in p.cells where selected(i, c.index) {
                cells += 1
                trials += c.trials
            }
        }
        options.observer?(.started(cells: cells, trials: trials))
        return try plans.enumerated().map { i, plan in
            try ScenarioRunner.execute(
                plan, out: (root as NSString).appendingPathComponent(plan.name), options: options,
                selected: { selected(i, $0) })
        }
    }

    /// Joins shard folders into `out`: every run folder (a folder with `plan.json`) found in
    /// `directories` or one level below, grouped by scenario name; for a single scenario the
    /// result goes to `out` itself, for several to `out/<name>`.
    public static func merge(_ directories: [String], out: String) throws -> [Merged] {
        let fm = FileManager.default
        var groups: [String: [(String, CellStore.PlanFile)]] = [:]
        for dir in directories {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw InputError(file: dir, "not a folder; expected a shard folder written by `hwnas-sim run --shard` or `batch --shard`")
            }
            var runDirs: [String] = []
            if fm.fileExists(atPath: dir + "/plan.json") {
                runDirs = [dir]
            } else {
                runDirs = ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted()
                    .map { dir + "/" + $0 }.filter { fm.fileExists(atPath: $0 + "/plan.json") }
            }
            guard !runDirs.isEmpty else { throw InputError(file: dir, "holds no run folder (no plan.json)") }
            for r in runDirs {
                let plan = try CellStore(directory: r).readPlan()
                groups[plan.scenario, default: []].append((r, plan))
            }
        }
        var merged: [Merged] = []
        for name in groups.keys.sorted() {
            let members = groups[name]!
            var plan = members[0].1
            for (dir, other) in members where other.shards != plan.shards {
                func described(_ n: Int?) -> String { n.map { "--shard K/\($0)" } ?? "no --shard" }
                throw InputError(
                    file: dir + "/plan.json",
                    "was run with \(described(other.shards)), \(members[0].0) with \(described(plan.shards)): shards of different N cannot be merged; run every shard with the same N"
                )
            }
            for (dir, other) in members where other != plan {
                throw InputError(
                    file: dir + "/plan.json", "its plan differs from \(members[0].0)/plan.json: shards of different inputs cannot be merged"
                )
            }
            plan.shards = nil  // the merged folder is a whole run
            let target = groups.count == 1 ? out : (out as NSString).appendingPathComponent(name)
            merged.append(try mergeRun(plan, members: members, into: target))
        }
        return merged
    }

    /// One scenario's merged run folder.
    public struct Merged: Sendable, Equatable {
        public var scenario: String
        /// How many shard folders were joined.
        public var folders: Int
        public var target: String
        /// The files written, in order.
        public var files: [String]
    }

    /// Joins one scenario's shard folders into `target`: the cells are copied and assembled in
    /// a staging folder beside it, which replaces `target` only when everything succeeded, so a
    /// failed merge leaves no partial files. An existing `target` is replaced only when it holds
    /// results of the same inputs (an earlier merge or run of these shards).
    static func mergeRun(_ plan: CellStore.PlanFile, members: [(String, CellStore.PlanFile)], into target: String) throws -> Merged {
        let fm = FileManager.default
        let parent = (target as NSString).deletingLastPathComponent
        try ScenarioRunner.ensureWritable(parent.isEmpty ? "." : parent)
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: target, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw InputError(file: target, key: "--out", "is a file; expected a folder to merge into") }
            let contents = (try? fm.contentsOfDirectory(atPath: target)) ?? []
            if !contents.isEmpty {
                guard let earlier = try? CellStore(directory: target).readPlan(), earlier.inputs == plan.inputs,
                    earlier.scenario == plan.scenario
                else {
                    throw InputError(
                        file: target, key: "--out", "holds other files than a run of these shards' inputs: merge into a new or empty folder"
                    )
                }
            }
        }
        let staging = target + AtomicFile.temporaryMarker + AtomicFile.host + "-" + String(getpid())
        try? fm.removeItem(atPath: staging)
        defer { try? fm.removeItem(atPath: staging) }
        try ScenarioRunner.ensureWritable(staging)
        let store = CellStore(directory: staging)
        for cell in plan.cells {
            let tables = plan.tables(of: cell.id)
            guard let (dir, _) = members.first(where: { CellStore(directory: $0.0).isDone(cell.id, hash: cell.hash, tables: tables) })
            else {
                throw InputError(
                    file: members.map(\.0).joined(separator: ", "), "cell \(cell.id) is in no shard: run the missing shard first")
            }
            let source = CellStore(directory: dir)
            var files: [(CellStore.Table, String)] = []
            for t in tables {
                guard let text = try? String(contentsOfFile: source.path(cell.id, t), encoding: .utf8) else {
                    throw InputError(file: source.path(cell.id, t), "cannot read the cell file")
                }
                files.append((t, text))
            }
            try store.write(cell.id, hash: cell.hash, tables: files)
        }
        try store.writePlan(plan)
        var written = try store.assemble(plan).files
        // Provenance: the first shard's run.json (scenario as read, seed, data checksums),
        // with this folder's outputs and its paths leading from the merged folder.
        if let data = FileManager.default.contents(atPath: members[0].0 + "/run.json"),
            var manifest = try? JSONDecoder().decode(RunManifest.self, from: data)
        {
            func rebased(_ path: String) -> String { RelativePath.from(target, to: RelativePath.resolve(path, in: members[0].0)) }
            manifest.scenarioFile = rebased(manifest.scenarioFile)
            for i in manifest.data.indices { manifest.data[i].path = rebased(manifest.data[i].path) }
            manifest.outputs = written
            manifest.cells = plan.cells.count
            manifest.wallSeconds = 0
            manifest.workUnits = nil  // the shards' work is in their own run.json
            manifest.predictedSpeedup = nil
            try AtomicFile.write(try manifest.json(), to: staging + "/run.json")
            written.append("run.json")
        }
        if fm.fileExists(atPath: target) { try fm.removeItem(atPath: target) }
        do { try fm.moveItem(atPath: staging, toPath: target) } catch {
            throw OutputError(path: target, message: "cannot move the merged folder into place: \(error.localizedDescription)")
        }
        return Merged(scenario: plan.scenario, folders: members.count, target: target, files: written)
    }
}
