// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Runs the built `hwnas-sim` binary (debug, else release) for tests of the command line.
public enum CLI {
    /// What a run printed and how it exited.
    public struct Outcome: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The binary that `swift build` made.
    public static var binary: String {
        for dir in ["debug", "release"] {
            let path = Fixtures.packageRoot + "/.build/\(dir)/hwnas-sim"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return Fixtures.packageRoot + "/.build/debug/hwnas-sim"
    }

    /// Runs the binary with `arguments` (in folder `cwd`, default the test's) and waits for it.
    public static func run(_ arguments: [String], cwd: String? = nil, environment: [String: String]? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
