// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import HWNASSim

struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every metric of one architecture, or the true Pareto front of a whole space.",
        discussion: """
            Examples: `query --dataset cifar10 --arch 0`, `query --dataset cifar10 --arch '|nor_conv_3x3~0|+|…|'`, \
            `query --benchmark fbnet --arch 17`, `query --dataset ImageNet16-120 --front pixel2_latency --json`. \
            Values are the tables' own numbers (accuracy in percent). Exit status 2 for an unknown dataset, \
            metric or architecture.
            """)

    @Option(name: .long, help: "nb201 or fbnet.") var benchmark: String = "nb201"
    @Option(name: .long, help: "NB201 dataset: cifar10, cifar100 or ImageNet16-120.") var dataset: String?
    @Option(name: .long, help: "The architecture: an index, or its string (NB201 genotype; FBNet's 22 block choices joined by '-').") var arch: String?
    @Option(name: .long, help: "Print the true Pareto front of accuracy against this metric over the whole space.") var front: String?
    @Flag(name: .long, help: "Print JSON.") var json = false
    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        guard let kind = ArchitectureQuery.Benchmark(rawValue: benchmark) else {
            throw InputError(key: "--benchmark", "unknown benchmark '\(benchmark)'; expected one of: \(ArchitectureQuery.Benchmark.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard (arch == nil) != (front == nil) else {
            throw InputError(key: "--arch", "give exactly one of --arch (one architecture) or --front METRIC (the front of the whole space)")
        }
        let query: ArchitectureQuery
        switch kind {
        case .nb201:
            guard let dataset else {
                throw InputError(key: "--dataset", "missing: expected one of \(MetricTable.nb201Datasets.joined(separator: ", "))")
            }
            query = try ArchitectureQuery.nb201(dataset: dataset, directory: dataOptions.directory)
        case .fbnet:
            if let dataset { throw InputError(key: "--dataset", "'\(dataset)': the FBNet table has no datasets (its networks are CIFAR-100's)") }
            query = try ArchitectureQuery.fbnet(directory: dataOptions.directory)
        }
        if let arch {
            let r = try query.row(of: arch)
            print(json ? query.json(row: r) : query.text(row: r), terminator: "")
        } else if let front {
            let f = try query.front(metric: front)
            print(json ? query.json(front: f) : query.text(front: f), terminator: "")
        }
    }
}
