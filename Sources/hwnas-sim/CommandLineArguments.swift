// SPDX-License-Identifier: GPL-3.0-or-later
import HWNASSim

/// The command line before swift-argument-parser sees it: a mistyped subcommand gets a
/// suggestion, and a negative number given to a numeric option reaches the option's check
/// (`--trials -3` would otherwise read as a flag and say "missing value").
enum CommandLineArguments {
    /// Options whose value is a number and may be typed negative by mistake.
    static let numericOptions: Set<String> = [
        "--trials", "--seed", "--jobs", "--size", "--level", "--target-tau", "--repeats",
        "--mra-tolerance", "--hv-tolerance", "--tau-tolerance", "--arch"
    ]

    static func prepared(_ arguments: [String], commands: [String]) throws -> [String] {
        if let first = arguments.first, !first.hasPrefix("-"), !commands.contains(first), first != "help" {
            throw InputError(
                key: first,
                "unknown command '\(first)'\(Suggest.hint(for: first, in: commands)); the commands are: \(commands.joined(separator: ", ")) (hwnas-sim --help)"
            )
        }
        var out: [String] = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if numericOptions.contains(a), i + 1 < arguments.count, arguments[i + 1].hasPrefix("-"), Double(arguments[i + 1]) != nil {
                out.append(a + "=" + arguments[i + 1])
                i += 2
                continue
            }
            out.append(a)
            i += 1
        }
        return out
    }
}

extension HWNASSimCommand {
    /// The subcommands' names, as typed.
    static var commandNames: [String] {
        configuration.subcommands.map { $0._commandName }
    }
}
