// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim

/// Runs the built `hwnas-sim` and checks exit statuses and messages.
@Suite struct CommandLineTests {
    static var binary: String {
        for dir in ["debug", "release"] {
            let path = Fixtures.packageRoot + "/.build/\(dir)/hwnas-sim"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return Fixtures.packageRoot + "/.build/debug/hwnas-sim"
    }

    struct Outcome { var status: Int32; var stdout: String; var stderr: String }

    func run(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

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
            (["calibrate", "--dataset", "cifar10", "--metric", "m", "--noise", "gaussian"], "give exactly one of --level or --target-tau"),
            (["run"], "Missing expected argument '<scenario>'"),
            (["run", Fixtures.file("bad.yaml", Self.scenario.replacingOccurrences(of: "trials: 2", with: "trails: 2")), "--out", out],
             "bad.yaml:2:1: trails: unknown key (did you mean 'trials'?)"),
        ]
        for (arguments, message) in cases {
            let r = try run(arguments)
            #expect(r.status == 2, "\(arguments): status \(r.status), stderr \(r.stderr)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func goodRunExitsWithZero() throws {
        let out = Fixtures.temporaryDirectory()
        let r = try run(["run", Fixtures.file("good.yaml", Self.scenario), "--out", out, "--jobs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("kendall_tau"))
        #expect(FileManager.default.fileExists(atPath: out + "/summary.csv"))
        #expect(try run(["--help"]).status == 0)
        #expect(try run(["--version"]).stdout == HWNASSimVersion.string + "\n")
    }
}
