// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// Runs the built `hwnas-sim` and checks exit statuses and messages.
@Suite struct CommandLineTests {
    static let scenario = """
        name: cli
        trials: 2
        data: {benchmark: synthetic, size: 300, pairs: [{metric: latency}]}
        subset_sizes: [100]
        noise: {model: gaussian, levels: [0.5]}

        """

    @Test func badInputExitsWithTwoAndWritesNothing() throws {
        let good = Fixtures.file("good.yaml", Self.scenario)
        let out = Fixtures.temporaryDirectory() + "/never"
        let cases: [([String], String)] = [
            (["run", "/nonexistent/s.yaml", "--out", out], "error: /nonexistent/s.yaml: scenario file not found"),
            (["run", good, "--jobs", "0", "--out", out], "--jobs must be at least 1, found 0"),
            (["run", good, "--trials=-1", "--out", out], "--trials must be in 1…1000000, found -1"),
            (["run", good, "--out", "/proc/hwnas-cannot-write"], "--out: cannot create the output folder"),
            (["run", good, "--shard", "4/3", "--out", out], "--shard: expected 1 ≤ K ≤ N in K/N, found '4/3'"),
            (["batch", "/nonexistent-folder", "--out", out], "error: /nonexistent-folder: not found"),
            (["merge", "/nonexistent-folder", "--out", out], "error: /nonexistent-folder: not a folder"),
            (["calibrate", "--dataset", "cifar10", "--metric", "m", "--noise", "gaussian"], "give exactly one of --level or --target-tau"),
            (["run"], "Missing expected argument '<scenario>'"),
            (
                ["run", Fixtures.file("bad.yaml", Self.scenario.replacingOccurrences(of: "trials: 2", with: "trails: 2")), "--out", out],
                "bad.yaml:2:1: trails: unknown key (did you mean 'trials'?)"
            )
        ]
        for (arguments, message) in cases {
            let r = try CLI.run(arguments)
            #expect(r.status == 2, "\(arguments): status \(r.status), stderr \(r.stderr)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// A user's own table: benchmark csv, with its id, accuracy and metric columns named.
    @Test func userTableRunsEndToEnd() throws {
        var lines = ["arch,top1,lat_ms,energy"]
        for i in 0..<200 { lines.append("a\(i),\(50 + (i * 37) % 40),\(1 + Double((i * 53) % 97) / 10),\((i * 29) % 31 + 1)") }
        let dir = Fixtures.temporaryDirectory()
        try (lines.joined(separator: "\r\n") + "\r\n").write(toFile: dir + "/space.csv", atomically: true, encoding: .utf8)
        let scenario = """
            name: user
            trials: 3
            data: {benchmark: csv, file: space.csv, id_column: arch, accuracy_column: top1, pairs: [{metric: lat_ms}, {metric: energy}]}
            subset_sizes: [50, 200]
            noise: {model: kendall-tau, levels: [0.5, 1.0]}

            """
        try scenario.write(toFile: dir + "/user.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", dir + "/user.yaml", "--out", dir + "/out", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let table = try CSVTable(contentsOf: dir + "/out/summary.csv")
        #expect(Set(table.rows.map { $0[0] + "/" + $0[1] }) == ["space/lat_ms", "space/energy"])
        // Kendall tau at level 1 is exactly 1: the predictions keep the true ranks.
        let tau1 = table.rows.filter { $0[5] == "1.0" && $0[6] == "kendall_tau" }.map { $0[8] }
        #expect(tau1.count == 4 && tau1.allSatisfy { $0 == "1.0" })

        // Run from the table's folder with relative paths, report from elsewhere: figure 4
        // draws the trial the run wrote (trial0.csv).
        let relative = try CLI.run(["run", "user.yaml", "--out", "rel", "--quiet"], cwd: dir)
        #expect(relative.status == 0, "\(relative.stderr)")
        let elsewhere = Fixtures.temporaryDirectory()
        let report = try CLI.run(["report", dir + "/rel", "--out", "rep"], cwd: elsewhere)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(FileManager.default.fileExists(atPath: elsewhere + "/rep/fig4-trial.svg"), "\(report.stdout)")
        // Without its table the same figure is drawn: the report needs no data.
        try FileManager.default.removeItem(atPath: dir + "/space.csv")
        let without = try CLI.run(["report", dir + "/rel", "--out", "rep2"], cwd: elsewhere)
        #expect(without.status == 0, "\(without.stderr)")
        #expect(
            FileManager.default.contents(atPath: elsewhere + "/rep2/fig4-trial.svg")
                == FileManager.default.contents(atPath: elsewhere + "/rep/fig4-trial.svg"))
    }

    /// Trained budget predictors: bad input exits 2 naming file, line, column and key.
    @Test(arguments: [
        ("s: {train_samples: 20, kendall_tau: {from: q}}", "bad.yaml:12:", "predictors.s.kendall_tau.from", "is synthetic"),
        ("s: {train_samples: 20, kendall_tau: {from: s}}", "bad.yaml:12:", "predictors.s.kendall_tau.from", "its own learning curve"),
        ("s: {model: linreg, train_samples: 20, retrain_every: 0}", "bad.yaml:12:", "predictors.s.retrain_every", "retrain_every ≥ 1"),
        ("s: {model: linreg, train_samples: 300}", "bad.yaml:12:", "predictors.s.train_samples", "leave nothing to predict"),
        ("s: {model: linreg, train_samples: 30, sample: lookup-table}", "bad.yaml:12:", "predictors.s.model", "NB201 arch strings")
    ])
    func badTrainedBudgetPredictorsExitWithTwo(line: String, place: String, key: String, message: String) throws {
        let text = """
            name: bad
            trials: 2
            data: {benchmark: synthetic, size: 400, pairs: [{metric: latency}]}
            subset_sizes: [300]
            budget:
              seconds: [100]
              measurement: {setup_s: 1, run_s: 0}
              strategies:
                - {name: s, predictor: s}
            predictors:
              q: {train_samples: 20, kendall_tau: 0.5}
              \(line)

            """
        let dir = Fixtures.temporaryDirectory()
        try text.write(toFile: dir + "/bad.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["validate", "bad.yaml"], cwd: dir)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains(place) && r.stderr.contains(key) && r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func goodRunExitsWithZero() throws {
        let out = Fixtures.temporaryDirectory()
        let r = try CLI.run(["run", Fixtures.file("good.yaml", Self.scenario), "--out", out, "--jobs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("kendall_tau"))
        #expect(FileManager.default.fileExists(atPath: out + "/summary.csv"))
        #expect(try CLI.run(["--help"]).status == 0)
        #expect(try CLI.run(["--version"]).stdout == HWNASSimVersion.string + "\n")
    }

    /// `check` prints its comparison and exits 0; with --strict, 3 when a point is outside;
    /// 2 for a bad published file; --out writes the per-point CSV.
    @Test func checkExitStatuses() throws {
        let run = try ReportFixture.makeRun()
        let (published, _) = try ReportFixture.published(run)
        let csv = Fixtures.temporaryDirectory() + "/check.csv"
        let plain = try CLI.run(["check", run, "--published", published, "--out", csv])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains("2 of 5 published points within tolerance"))
        #expect((try? String(contentsOfFile: csv, encoding: .utf8))?.split(separator: "\n").count == 6)
        #expect(try CLI.run(["check", run, "--published", published, "--strict"]).status == 3)
        // Loose enough for every point the run has; the missing one still fails --strict.
        let loose = try CLI.run(["check", run, "--published", published, "--strict", "--mra-tolerance", "1", "--hv-tolerance", "1"])
        #expect(loose.status == 3 && loose.stdout.contains("4 of 5") && loose.stdout.contains("missing: mra_all at std 0.7"))
        let bad = try CLI.run(["check", run, "--published", run + "/summary.csv"])
        #expect(bad.status == 2 && bad.stderr.contains("no column 'curve'"), "\(bad.stderr)")
        #expect(try CLI.run(["check", run, "--published", published, "--hv-tolerance=-1"]).status == 2)
        // Unwritable outputs are invalid input, found before anything is written.
        let fresh = Fixtures.temporaryDirectory() + "/fresh.csv"
        let unwritable = try CLI.run(["check", run, "--published", published, "--out", fresh, "--figure", "/proc/hwnas-no/f.svg"])
        #expect(unwritable.status == 2 && unwritable.stderr.contains("--figure"), "\(unwritable.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fresh) && unwritable.stdout.isEmpty)
        #expect(try CLI.run(["check", run, "--published", published, "--out", Fixtures.temporaryDirectory()]).status == 2)
        // Two runs: a figure (SVG, and PNG when rsvg-convert is there).
        let second = try ReportFixture.makeRun()
        let figure = Fixtures.temporaryDirectory() + "/seeds.svg"
        let two = try CLI.run(["check", run, second, "--published", published, "--figure", figure])
        #expect(two.status == 0 && two.stdout.contains("Over 2 runs"), "\(two.stderr)")
        let svg = (try? String(contentsOfFile: figure, encoding: .utf8)) ?? ""
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
        #expect(svg.contains("MRA of 2 re-runs minus the published values"))
    }

    /// A mistyped command gets a suggestion; a negative count says what the option expects;
    /// the help of run, decide and validate names the schema's page.
    @Test func helpThatStandsOnItsOwn() throws {
        let typo = try CLI.run(["rnu", "x.yaml"])
        #expect(typo.status == 2 && typo.stderr.hasPrefix("error: rnu: unknown command 'rnu' (did you mean 'run'?)"), "\(typo.stderr)")
        let negative = try CLI.run(["run", "x.yaml", "--trials", "-3"])
        #expect(negative.status == 2 && negative.stderr.contains("--trials must be in 1…1000000, found -3"), "\(negative.stderr)")
        for command in ["run", "decide", "validate"] {
            let help = try CLI.run([command, "--help"])
            #expect(help.status == 0 && help.stdout.contains("Scenarios/README.md"), "\(command)")
        }
    }

    /// `hwnas-sim example KIND` prints a commented template that validates as it is (the csv
    /// one beside the table its comment describes) and runs.
    @Test func examplesValidate() throws {
        for kind in ["study", "budget", "csv", "learn"] {
            let printed = try CLI.run(["example", kind])
            #expect(printed.status == 0 && printed.stdout.hasPrefix("# "), "\(kind)")
            let dir = Fixtures.temporaryDirectory()
            try printed.stdout.write(toFile: dir + "/\(kind).yaml", atomically: true, encoding: .utf8)
            if kind == "csv" {
                var rows = ["id,accuracy,lat_ms,energy_mj"]
                for i in 0..<150 { rows.append("a\(i),\(60 + (i * 37) % 30),\(1 + (i * 53) % 97),\((i * 29) % 31 + 1)") }
                try (rows.joined(separator: "\n") + "\n").write(toFile: dir + "/my-space.csv", atomically: true, encoding: .utf8)
            }
            let valid = try CLI.run(["validate", dir + "/\(kind).yaml"])
            #expect(valid.status == 0 && valid.stdout.contains(": valid ("), "\(kind): \(valid.stderr)")
        }
        #expect(try CLI.run(["example", "nothing"]).status == 2)
    }

    /// budget_trials.csv has budget.csv's noise and level columns; per-trial counts are
    /// integers; decide lists every file it wrote.
    @Test func perTrialFilesMatchTheSummaries() throws {
        let scenario = """
            name: bt
            trials: 3
            data: {benchmark: synthetic, size: 300, pairs: [{metric: latency}]}
            subset_sizes: [300]
            budget:
              seconds: [60, 600]
              measurement: {setup_s: 1, repeats: 1}
              strategies: [{name: m, measure: random}, {name: p, predictor: p}]
            predictors:
              p: {train_samples: 20, kendall_tau: {20: 0.6}}

            """
        let dir = Fixtures.temporaryDirectory()
        try scenario.write(toFile: dir + "/bt.yaml", atomically: true, encoding: .utf8)
        let decided = try CLI.run(["decide", dir + "/bt.yaml", "--out", dir + "/out", "--trials-out"])
        #expect(decided.status == 0, "\(decided.stderr)")
        #expect(decided.stdout.contains("wrote \(dir)/out/: budget.csv, decision.csv, budget_trials.csv, run.json"), "\(decided.stdout)")
        let budget = try CSVTable(contentsOf: dir + "/out/budget.csv"), trials = try CSVTable(contentsOf: dir + "/out/budget_trials.csv")
        #expect(
            Array(trials.header.prefix(9)) == [
                "dataset", "metric", "pairing", "subset_size", "noise", "level", "strategy", "budget_s", "trial"
            ])
        func noise(_ t: CSVTable, _ strategy: String) throws -> [String] {
            let s = try t.column("strategy", role: "s"), n = try t.column("noise", role: "n"), l = try t.column("level", role: "l")
            return Array(Set(t.rows.filter { $0[s] == strategy }.map { $0[n] + "@" + $0[l] }))
        }
        for strategy in ["m", "p"] { #expect(try noise(trials, strategy) == noise(budget, strategy), "\(strategy)") }
        let counts = try trials.column("n_measured", role: "n")
        #expect(trials.rows.allSatisfy { Int($0[counts]) != nil }, "\(trials.rows.prefix(3))")
        // A study's trials.csv: counts as integers too.
        let study = try CLI.run(["run", Fixtures.file("s.yaml", Self.scenario), "--out", dir + "/study", "--trials-out", "--quiet"])
        #expect(study.status == 0)
        let st = try CSVTable(contentsOf: dir + "/study/trials.csv")
        if let c = st.header.firstIndex(of: "n_selected") {
            #expect(st.rows.allSatisfy { Int($0[c]) != nil })
        } else {
            Issue.record("no n_selected column")
        }
    }

    /// calibrate works on a scenario's pair, a CSV table's too, and names a bad --pair.
    @Test func calibrateOnAScenarioPair() throws {
        var rows = ["arch,top1,lat_ms"]
        for i in 0..<120 { rows.append("a\(i),\(50 + (i * 37) % 40),\(1 + Double((i * 53) % 97) / 10)") }
        let dir = Fixtures.temporaryDirectory()
        try (rows.joined(separator: "\n") + "\n").write(toFile: dir + "/t.csv", atomically: true, encoding: .utf8)
        let scenario =
            "name: c\ndata: {benchmark: csv, file: t.csv, id_column: arch, accuracy_column: top1, pairs: [{metric: lat_ms}]}\nsubset_sizes: [100]\nnoise: {model: gaussian, levels: [0.5]}\n"
        try scenario.write(toFile: dir + "/c.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["calibrate", "--scenario", dir + "/c.yaml", "--noise", "gaussian", "--level", "0", "--trials", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("t/lat_ms gaussian level 0.0: Kendall tau mean 1.0000"), "\(r.stdout)")
        let bad = try CLI.run(["calibrate", "--scenario", dir + "/c.yaml", "--pair", "2", "--noise", "gaussian", "--level", "0.5"])
        #expect(bad.status == 2 && bad.stderr.contains("--pair: the scenario has 1 pair(s)"), "\(bad.stderr)")
        #expect(try CLI.run(["calibrate", "--noise", "gaussian", "--level", "0.5"]).status == 2)
    }
}
