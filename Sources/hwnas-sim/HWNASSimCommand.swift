// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import HWNASSim
import HWNASSimReports

/// Exit statuses: 0 success, 1 failure while running, 2 invalid input (files, scenarios,
/// command-line values).
@main
struct Main {
    static func main() {
        GSL.start()
        do {
            let arguments = try CommandLineArguments.prepared(
                Array(CommandLine.arguments.dropFirst()),
                commands: HWNASSimCommand.commandNames)
            var command = try HWNASSimCommand.parseAsRoot(arguments)
            try command.run()
        } catch let error as InputError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(2)
        } catch let error as OutputError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(1)  // a failure while running, not invalid input
        } catch let error as ExitCode {
            exit(error.rawValue)  // the command has said what was wrong
        } catch {
            let code = HWNASSimCommand.exitCode(for: error)
            if code == .success {
                print(HWNASSimCommand.fullMessage(for: error))
                exit(0)
            }
            FileHandle.standardError.write(Data((HWNASSimCommand.fullMessage(for: error) + "\n").utf8))
            // Usage errors (exit 64 in ArgumentParser) are invalid input: 2, like every other.
            exit(code == .validationFailure ? 2 : 1)
        }
    }
}

struct HWNASSimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hwnas-sim",
        abstract: "Simulates predictor-guided hardware-aware NAS selection on real ground truth.",
        discussion:
            "Exit status: 0 success, 1 failure while running, 2 invalid input, 3 a check with --strict found points outside tolerance.",
        version: HWNASSimVersion.string,
        subcommands: [
            Run.self, Decide.self, BatchCommand.self, Merge.self, Validate.self, Report.self, Check.self, Datasets.self, Query.self,
            Calibrate.self, Learn.self, Bench.self, Example.self
        ])
}

/// Options shared by the commands that read tables.
struct DataOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "Folder with the ground-truth tables (default: $HWNAS_SIM_DATA, else ./Data, else the repository's Data/ this binary was built from)."
    )
    var data: String?

    var directory: String { GroundTruthLoader.resolveDirectory(option: data) }
}

struct JobsOption: ParsableArguments {
    @Option(name: .long, help: "Parallel workers (default: all cores).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, found \(jobs)") }
    }

    var value: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }
}

/// Options of the commands that run scenarios.
struct RunFlags: ParsableArguments {
    @Option(name: .long, help: "Trials per cell, overriding the scenario.") var trials: Int?
    @Option(name: .long, help: "Seed, overriding the scenario.") var seed: UInt64?
    @Option(name: .long, help: "Run only shard K of N (K/N): the cells whose index mod N is K-1.") var shard: String?
    @Flag(name: .long, help: "Redo cells already finished in the output folder.") var force = false
    @Flag(name: .customLong("trials-out"), help: "Also write one row per trial (trials.csv / budget_trials.csv).") var trialsOut = false
    @Flag(name: .long, help: "No progress on stderr.") var quiet = false
    @OptionGroup var jobs: JobsOption
    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        if let trials, trials < 1 || trials > Scenario.maxTrials {
            throw ValidationError("--trials must be in 1…\(Scenario.maxTrials), found \(trials)")
        }
    }

    /// The run options; progress is a bar on a terminal, plain lines otherwise, none with --quiet.
    func options(out: String?) throws -> RunOptions {
        RunOptions(
            outDirectory: out, trials: trials, seed: seed, jobs: jobs.value, dataDirectory: dataOptions.directory,
            shard: try shard.map(Shard.init), force: force, trialsOut: trialsOut,
            observer: ProgressPrinter(style: quiet ? .quiet : (isatty(STDERR_FILENO) != 0 ? .bar : .lines)).observer)
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario file and write summary.csv (budget.csv, decision.csv for budgets) and run.json.",
        discussion: """
            Scenarios/README.md documents every scenario key; `hwnas-sim example study|budget|csv` prints a template. \
            Finished cells are kept in DIR/cells/; a rerun skips them (--force redoes all). A folder holding results \
            of other inputs is refused unless --force.
            """)

    @Argument(help: "The scenario file (YAML).") var scenario: String
    @Option(name: .long, help: "Output folder (default: Results/<scenario name>).") var out: String?
    @OptionGroup var flags: RunFlags

    func run() throws {
        let report = try ScenarioRunner.run(path: scenario, options: try flags.options(out: out))
        print(report.text, terminator: "")
    }
}

struct Decide: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a budget scenario and print the winning strategy per budget, with margins and 95 % intervals.",
        discussion: "Scenarios/README.md documents the budget section; `hwnas-sim example budget` prints a template.")

    @Argument(help: "A scenario file with a budget: section.") var scenario: String
    @Option(name: .long, help: "Output folder (default: Results/<scenario name>).") var out: String?
    @OptionGroup var flags: RunFlags

    func run() throws {
        var options = try flags.options(out: out)
        options.observer = ProgressPrinter(style: .quiet).observer  // warnings only
        let report = try ScenarioRunner.run(path: scenario, kind: .budget, options: options)
        print(report.decisionText, terminator: "")
    }
}

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run every scenario file in the files and folders given, each into OUT/<scenario name>/.",
        discussion: "With --shard K/N only the cells whose index in the whole batch mod N is K-1 run; join the shards with `merge`.")

    @Argument(help: "Scenario files and folders.") var paths: [String]
    @Option(name: .long, help: "Root output folder.") var out: String = "Results"
    @OptionGroup var flags: RunFlags

    func run() throws {
        for report in try Batch.run(paths, root: out, options: try flags.options(out: nil)) { print(report.text, terminator: "") }
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join shard outputs into one run folder, byte-identical to a single-machine run.")

    @Argument(help: "Shard folders (run folders, or batch roots holding run folders).") var directories: [String]
    @Option(name: .long, help: "Output folder.") var out: String

    func run() throws {
        for merged in try Batch.merge(directories, out: out) { print(merged.text, terminator: "") }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check scenario files without running them.",
        discussion: "Exit status 0 when every file is valid, 2 otherwise. Scenarios/README.md documents every key.")

    @Argument(help: "Scenario files and folders.") var paths: [String]
    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let files = try Batch.validate(paths, dataDirectory: dataOptions.directory)
        print(files.compactMap(\.text).joined(), terminator: "")
        for case .success(let plan) in files.map(\.result) { for w in plan.warnings { StandardError.write("warning: \(w)\n") } }
        let errors = files.compactMap { if case .failure(let e) = $0.result { e } else { nil } }
        for e in errors { StandardError.write("error: \(e)\n") }
        if !errors.isEmpty { throw ExitCode(2) }
    }
}

struct Datasets: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the ground-truth tables found and each metric's unit, rows, distinct and missing values.")

    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        print(try DatasetListing.text(directory: dataOptions.directory), terminator: "")
    }
}

struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Print the Kendall tau a noise model realises, or find the level that gives a target tau; or the tau a trained predictor reaches.",
        discussion: """
            The pair is an NB201 --dataset and --metric, or a pair of a scenario file (--scenario FILE, e.g. one on your own CSV \
            table; --pair K picks its K-th pair). With --predictor NAME --train-samples K (instead of --noise): the Kendall tau \
            that model reaches trained on K measured architectures (625 test architectures, --trials splits), and the \
            kendall-tau noise level that injects noise of the same tau.
            """)

    @Option(name: .long, help: "NB201 dataset (cifar10, cifar100, ImageNet16-120).") var dataset: String?
    @Option(name: .long, help: "Metric column, e.g. raspi4_latency.") var metric: String?
    @Option(name: .long, help: "A scenario file whose data section gives the pair (any benchmark, CSV tables too).") var scenario: String?
    @Option(name: .long, help: "With --scenario: which of its pairs (1 = the first).") var pair: Int = 1
    @Option(name: .long, help: "Noise model: paper-mixture, gaussian or kendall-tau.") var noise: String?
    @Option(
        name: .long,
        help: "A predictor model (lookup-table, linreg, ridge, gp, mlp, flops, params, transfer) to train instead of a noise model.")
    var predictor: String?
    @Option(name: .customLong("train-samples"), help: "With --predictor: measured architectures it trains on.") var trainSamples: Int?
    @Option(name: .long, help: "Noise level (std in z-units, or target tau for kendall-tau).") var level: Double?
    @Option(name: .customLong("target-tau"), help: "Find the level that gives this mean Kendall tau.") var targetTau: Double?
    @Option(name: .long, help: "Subset size (default: the whole table).") var size: Int?
    @Option(name: .long, help: "Pairing: true or paper-sorted.") var pairing: String = "true"
    @Option(name: .long, help: "Trials to average over.") var trials: Int = 50
    @Option(name: .long, help: "Seed.") var seed: UInt64 = 1
    @OptionGroup var jobs: JobsOption
    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        if predictor != nil {
            if noise != nil || level != nil || targetTau != nil {
                throw ValidationError("--predictor replaces --noise, --level and --target-tau: leave them out")
            }
            if let k = trainSamples, k < 0 { throw ValidationError("--train-samples must be at least 0, found \(k)") }
        } else {
            if noise == nil {
                throw ValidationError("give --noise MODEL (with --level or --target-tau), or --predictor NAME --train-samples K")
            }
            if trainSamples != nil { throw ValidationError("--train-samples goes with --predictor") }
            if (level == nil) == (targetTau == nil) { throw ValidationError("give exactly one of --level or --target-tau") }
        }
        try validateCommon()
    }

    func validateCommon() throws {
        if let t = targetTau, !(t > 0 && t < 1) { throw ValidationError("--target-tau must be in (0, 1), found \(t)") }
        if let l = level, !(l >= 0 && l <= Scenario.maxNoiseLevel) {
            throw ValidationError("--level must be in 0…\(Int(Scenario.maxNoiseLevel)), found \(l)")
        }
        if trials < 1 || trials > Scenario.maxTrials {
            throw ValidationError("--trials must be in 1…\(Scenario.maxTrials), found \(trials)")
        }
        if let s = size, s < 2 { throw ValidationError("--size must be at least 2, found \(s)") }
        if scenario == nil && (dataset == nil || metric == nil) {
            throw ValidationError("give --dataset and --metric (an NB201 pair), or --scenario FILE")
        }
        if scenario != nil && (dataset != nil || metric != nil) {
            throw ValidationError("--scenario gives the pair: leave out --dataset and --metric")
        }
    }

    func run() throws {
        let question: CalibrationRequest.Question =
            predictor.map { .predictor(model: $0, trainSamples: trainSamples) }
            ?? .noise(model: noise!, level: level, targetTau: targetTau)
        let request = CalibrationRequest(
            question: question, dataset: dataset, metric: metric, scenario: scenario, pair: pair, size: size,
            pairing: pairing, trials: trials, seed: seed, jobs: jobs.value, dataDirectory: dataOptions.directory)
        print(try request.answer().text, terminator: "")
    }
}
