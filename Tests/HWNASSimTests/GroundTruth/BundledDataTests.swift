// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// The tables shipped in Data/: checksums, the further NB201 files joined on demand, FBNet.
@Suite struct BundledDataTests {
    static let files = [
        "nb201_cifar10.csv", "nb201_cifar100.csv", "nb201_ImageNet16-120.csv",
        "nb201_help_latency.csv", "nb201_cost.csv", "fbnet_help_latency.csv", "nb201_naswot_cifar10.csv", "nb201_zc_subset.csv"
    ]

    /// A copy of Data/ with `files` and its SHA256SUMS (a bundled folder); returns its path.
    func bundledCopy(_ files: [String]) throws -> String {
        let dir = Fixtures.temporaryDirectory("bundled")
        for f in files + [DataChecksums.fileName] {
            try FileManager.default.copyItem(atPath: Fixtures.dataDirectory + "/" + f, toPath: dir + "/" + f)
        }
        return dir
    }

    func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch { return "\(error)" }
    }

    @Test func shippedChecksumsListEveryTableAndMatch() throws {
        let sums = try #require(try DataChecksums.of(directory: Fixtures.dataDirectory))
        #expect(Set(sums.expected.keys) == Set(Self.files))
        for f in Self.files {
            let bytes = try #require(FileManager.default.contents(atPath: Fixtures.dataDirectory + "/" + f))
            #expect(SHA256.hex(of: [UInt8](bytes)) == sums.expected[f], "\(f)")
        }
    }

    @Test func aChangedByteIsRefusedNamingTheFile() throws {
        let dir = try bundledCopy(["nb201_cifar10.csv"])
        let path = dir + "/nb201_cifar10.csv"
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        let i = bytes.count / 2
        bytes[i] = bytes[i] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")  // still a well-formed table
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let m = message { _ = try MetricTable.loadNB201(dataset: "cifar10", directory: dir) }
        #expect(m.hasPrefix(path + ": the bundled table has been changed or truncated (\(bytes.count) bytes, SHA-256 "), "\(m)")
        #expect(m.contains(dir + "/SHA256SUMS lists da5fbeab11c1840e518ee056ef31298481eb8cb9d2132a87af62a67b914c78cf"))
        // The same table in a folder of the user's own (no SHA256SUMS) is checked for shape only.
        try FileManager.default.removeItem(atPath: dir + "/SHA256SUMS")
        #expect(try MetricTable.loadNB201(dataset: "cifar10", directory: dir).count == 15625)
    }

    /// A truncated further table is refused when it is joined (a scenario naming one of its
    /// metrics, `query`), and through a scenario at the pair that needs it, before anything runs.
    @Test func aTruncatedTableIsRefusedNamingTheFile() throws {
        let dir = try bundledCopy(["nb201_cifar100.csv", "nb201_help_latency.csv"])
        let path = dir + "/nb201_help_latency.csv"
        let bytes = try #require(FileManager.default.contents(atPath: path))
        try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: path))
        // Not read unless one of its metrics is wanted.
        #expect(try MetricTable.loadNB201(dataset: "cifar100", directory: dir).joinedFiles.isEmpty)
        let m = message { _ = try MetricTable.loadNB201(dataset: "cifar100", directory: dir, metrics: ["gold_6226_latency"]) }
        #expect(m.hasPrefix(path + ": the bundled table has been changed or truncated (\(bytes.count / 3) bytes"), "\(m)")
        let scenario = Fixtures.file(
            "s.yaml",
            """
            name: truncated
            data: {benchmark: nb201, pairs: [{dataset: cifar100, metric: gold_6226_latency}]}
            subset_sizes: [100]
            noise: {model: gaussian, levels: [0.5]}

            """)
        let run = message {
            _ = try RunPlan.make(path: scenario, options: RunOptions(outDirectory: dir + "/out", jobs: 1, dataDirectory: dir))
        }
        #expect(run.hasSuffix("data.pairs[0].dataset: " + m), "\(run)")
    }

    @Test func helpAndCostMetricsAreJoinedOnlyWhenNamed() throws {
        let plain = try MetricTable.loadNB201(dataset: "cifar100", directory: Fixtures.dataDirectory)
        #expect(plain.metricNames == NB201Metrics.hwNASBench && plain.joinedFiles.isEmpty)
        #expect(plain.unloadedMetrics == NB201Metrics.help + NB201Metrics.cost)
        let t = try MetricTable.loadNB201(
            dataset: "cifar100", directory: Fixtures.dataDirectory, metrics: ["flops", "params", "pixel2_latency"])
        #expect(t.metricNames == NB201Metrics.hwNASBench + ["pixel2_latency", "flops", "params"])
        #expect(t.joinedFiles.map { ($0.path as NSString).lastPathComponent } == ["nb201_help_latency.csv", "nb201_cost.csv"])
        #expect(t.metrics["flops"]![0] == 15.65322 && t.metrics["params"]![0] == 0.135156 && t.metrics["pixel2_latency"]![0] == 9)
        // The closed form: 28 distinct (n1x1, n3x3) counts, so 28 distinct FLOPs values.
        #expect(Set(t.metrics["flops"]!).count == 28)
        let all = try MetricTable.loadNB201(dataset: "ImageNet16-120", directory: Fixtures.dataDirectory, metrics: nil)
        #expect(all.metricNames == NB201Metrics.all && all.unloadedMetrics.isEmpty)
        #expect(all.metrics["flops"]![0] == 3.91948)
        // An unknown metric lists every one there is, loaded or not.
        #expect(
            message { _ = try plain.values(of: "pixel2_latncy") }.contains("(did you mean 'pixel2_latency'?); it has: edgegpu_latency,"))
    }

    /// A pair on a HELP metric is hashed with the HELP table; an HW-NAS-Bench pair keeps its
    /// table's own checksum (existing cells keep their hashes).
    @Test func pairsAreHashedWithTheFilesTheirMetricsComeFrom() throws {
        let path = Fixtures.file(
            "s.yaml",
            """
            name: help
            data:
              benchmark: nb201
              pairs:
                - {dataset: cifar10, metric: edgegpu_latency}
                - {dataset: cifar10, metric: 1080ti_1_latency}
                - {dataset: cifar10, metric: flops, latency_column: titan_rtx_32_latency}
            subset_sizes: [100]
            budget:
              seconds: [10]
              strategies: [{name: m, measure: random}]

            """)
        let scenario = try Scenario.load(path: path)[0]
        var loader = GroundTruthLoader(directory: Fixtures.dataDirectory)
        let pairs = try loader.pairs(for: scenario)
        let sums = try #require(try DataChecksums.of(directory: Fixtures.dataDirectory)).expected
        let base = sums["nb201_cifar10.csv"]!, help = sums["nb201_help_latency.csv"]!, cost = sums["nb201_cost.csv"]!
        #expect(pairs.map(\.tableChecksum) == [base, base + "+" + help, base + "+" + help + "+" + cost])
        let cells = try BudgetStudy.cells(for: scenario, pairs: pairs, loader: &loader)
        let t = try loader.table(.nb201, pair: scenario.pairs[0], metricColumns: [])
        #expect(cells[2].latencyMs == t.metrics["titan_rtx_32_latency"]!)
        #expect(loader.loadedTables.count == 1)
    }

    @Test func theDefaultDataFolderIsTheRepositorysData() {
        #expect(GroundTruthLoader.bundledDirectory == Fixtures.dataDirectory)
    }

    @Test func fbnetTableLoadsWithItsOpLists() throws {
        let t = try FBNetTable.load(directory: Fixtures.dataDirectory)
        #expect(t.count == 5000 && t.ops.allSatisfy { $0.count == 22 } && t.metricNames.count == 27)
        #expect(t.opIndexList(0) == "7-8-1-8-4-8-8-8-7-4-1-4-7-3-2-7-3-2-4-2-4-5")
        #expect(t.archString(0).hasPrefix("k5_e6-skip-k3_e1_g2-skip-k5_e1-"))
        #expect(t.metrics["pixel2_latency"]![0] == 28 && t.metrics["eyeriss_latency"]![0] == 5.229984)
        #expect(Set(t.ops).count == 5000)
    }

    @Test func anFBNetScenarioIsRefusedAtValidation() {
        let m = Fixtures.parseMessage(
            """
            name: f
            data:
              benchmark: fbnet
              pairs: [{metric: pixel3_latency}]
            subset_sizes: [100]
            budget:
              seconds: [10]
              strategies: [{name: m, measure: random}]

            """)
        #expect(m.hasPrefix("s.yaml:3:14: data.benchmark: the FBNet table has no accuracy"), "\(m)")
    }

    @Test func datasetsListsEveryMetricWithUnitRowsDistinctAndMissing() throws {
        let text = try DatasetListing.text(directory: Fixtures.dataDirectory)
        #expect(
            text.contains(
                "nb201 cifar10: 15625 architectures, accuracy test_acc (200 epochs), 35 metrics (nb201_cifar10.csv, nb201_help_latency.csv, nb201_cost.csv)\n"
            ))
        let edgetpu = try #require(text.split(separator: "\n").first { $0.hasPrefix("  edgetpu_latency ") })
        #expect(edgetpu.split(separator: " ").prefix(5) == ["edgetpu_latency", "ms", "15625", "10926", "4699"])
        let flops = try #require(text.split(separator: "\n").first { $0.hasPrefix("  flops ") })
        #expect(flops.split(separator: " ") == ["flops", "MFLOPs", "15625", "28", "0"])
        #expect(text.contains("fbnet: 5000 architectures, no accuracy"))
        #expect(text.split(separator: "\n").count == 1 + 3 * (2 + 36) + (2 + 27) + 1)
    }
}
