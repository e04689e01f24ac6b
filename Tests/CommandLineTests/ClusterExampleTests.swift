// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import HWNASSimTestSupport

/// The cluster examples of docs/commands.md run for real (`Tests/cluster/run-examples.sh`): the Slurm job
/// array on a single-node Slurm started for the test, and the GNU parallel line; each merged
/// result must equal a plain run byte for byte. Where the tools are missing or the daemons
/// cannot start, the test says why and is skipped, except under CI (`.ci/run` installs
/// `slurm-wlm`, `munge` and `parallel`), where that is a failure.
@Suite(.serialized) struct ClusterExampleTests {
    static var inCI: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    func runExample(_ name: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Fixtures.packageRoot + "/Tests/cluster/run-examples.sh", CLI.binary, name]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 77 && !Self.inCI { try Test.cancel("\(name): \(text)") }
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("\(name): merged results equal the plain run's"), "\(text)")
    }

    @Test func slurmJobArrayExampleMatchesAPlainRun() throws { try runExample("slurm") }

    @Test func gnuParallelExampleMatchesAPlainRun() throws { try runExample("parallel") }
}
