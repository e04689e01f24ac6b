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
    @Option(name: .long, help: "The architecture: an index, or its string (NB201 genotype; FBNet's 22 block choices joined by '-').")
    var arch: String?
    @Option(name: .long, help: "Print the true Pareto front of accuracy against this metric over the whole space.") var front: String?
    @Flag(name: .long, help: "Print JSON.") var json = false
    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let answer = try ArchitectureQuery.answer(
            benchmark: benchmark, dataset: dataset, arch: arch, front: front,
            directory: dataOptions.directory)
        print(answer.formatted(json: json), terminator: "")
    }
}
