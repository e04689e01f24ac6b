// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HWNASSim
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a command as a child process and reports its wall time and peak memory.
///
/// `Foundation.Process` does not expose the child's resource usage, so the child is started
/// with `posix_spawn` and reaped with `wait4`, whose `rusage` is that child's alone
/// (`getrusage(RUSAGE_CHILDREN)` would report the maximum over all children so far).
public enum ChildRun {
    public struct Outcome: Sendable {
        /// Wall time from spawn to exit, measured with `ContinuousClock`.
        public var seconds: Double
        /// Peak resident set size of the child (`ru_maxrss`), in MiB.
        public var maxRSSMiB: Double
        /// The exit status (−1 when the child did not exit normally).
        public var status: Int32
    }

    /// Runs `executable` with `arguments`, its standard output and error sent to /dev/null.
    /// - Throws: ``InputError`` when the process cannot be started.
    public static func run(executable: String, arguments: [String]) throws -> Outcome {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // C strings for argv, freed after the spawn.
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let clock = ContinuousClock()
        let start = clock.now
        let rc = argv.withUnsafeBufferPointer { buffer in
            posix_spawn(&pid, executable, &actions, nil, UnsafeMutablePointer(mutating: buffer.baseAddress!), environ)
        }
        guard rc == 0 else { throw InputError(file: executable, "cannot start the benchmark child: \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = (clock.now - start).inSeconds
        // WIFEXITED / WEXITSTATUS, which Swift does not import as macros.
        let exited = status & 0x7f == 0
        return Outcome(seconds: seconds, maxRSSMiB: Double(usage.ru_maxrss) / 1024, status: exited ? (status >> 8) & 0xff : -1)
    }
}
