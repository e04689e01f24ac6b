// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

@Suite struct ArchitectureQueryTests {
    static let cifar10 = Result { try ArchitectureQuery.nb201(dataset: "cifar10", directory: Fixtures.dataDirectory) }

    /// The nine values HW-NAS-Bench's README prints for architecture 0 on CIFAR-10, exactly.
    @Test func architectureZeroHasHWNASBenchsReadmeValues() throws {
        let q = try Self.cifar10.get()
        let r = try q.row(of: "0")
        let value = Dictionary(uniqueKeysWithValues: q.columns.map { ($0.name, $0.values[r]) })
        let readme: [(String, Double)] = [
            ("edgegpu_latency", 5.807418537139893), ("edgegpu_energy", 24.226614330768584),
            ("raspi4_latency", 10.481976820010459), ("edgetpu_latency", 0.9571811309997429),
            ("pixel3_latency", 3.6058499999999998), ("eyeriss_latency", 3.645620000000001),
            ("eyeriss_energy", 0.6872827644999999), ("fpga_latency", 2.57296), ("fpga_energy", 18.01072)
        ]
        for (name, v) in readme { #expect(value[name] == v, "\(name)") }
        let text = q.text(row: r)
        for (name, v) in readme { #expect(text.contains(" \(v)  \(NB201Metrics.unit(of: name))\n"), "\(name) in\n\(text)") }
        // FLOPs and parameters of arch 0 as NATS-Bench quotes them; HELP's first GPU.
        #expect(value["flops"] == 15.64737 && value["params"] == 0.129306 && value["1080ti_1_latency"] == 10.75437)
    }

    /// `--json`: one object, keyed by the names scenarios use, plus arch_index and arch_str.
    @Test func jsonHasEveryMetricByItsScenarioName() throws {
        let q = try Self.cifar10.get()
        let data = Data(q.json(row: 0).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == Set(["arch_index", "arch_str", "test_acc"] + NB201Metrics.all))
        #expect(object["arch_index"] as? Int == 0)
        #expect(
            object["arch_str"] as? String
                == "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|")
        #expect(object["edgegpu_latency"] as? Double == 5.807418537139893)
        #expect(object["test_acc"] as? Double == 85.86333333333334)
        // A missing Edge TPU value is null.
        let t = try MetricTable.loadNB201(dataset: "cifar10", directory: Fixtures.dataDirectory)
        let missing = try #require(t.metrics["edgetpu_latency"]!.firstIndex { $0.isNaN })
        let m = try #require(try JSONSerialization.jsonObject(with: Data(q.json(row: missing).utf8)) as? [String: Any])
        #expect(m["edgetpu_latency"] is NSNull)
    }

    @Test func lookUpByStringEqualsLookUpByIndexForEveryArchitecture() throws {
        let q = try Self.cifar10.get()
        #expect(q.count == 15625)
        var mismatches = 0
        for r in 0..<q.count where try q.row(of: q.archStrings[r]) != r || q.row(of: String(r)) != r || q.ids[r] != String(r) {
            mismatches += 1
        }
        #expect(mismatches == 0)
        #expect(Set(q.archStrings).count == 15625)
    }

    /// The front of whole spaces on HELP devices (one with float latencies, one with whole
    /// milliseconds and so many ties) equals the pairwise definition.
    @Test(arguments: [("cifar10", "1080ti_1_latency"), ("ImageNet16-120", "pixel2_latency"), ("cifar100", "gold_6226_latency")])
    func helpDeviceFrontEqualsBruteForce(dataset: String, metric: String) throws {
        let q = try ArchitectureQuery.nb201(dataset: dataset, directory: Fixtures.dataDirectory)
        let f = try q.front(metric: metric)
        let acc = q.columns[0].values, m = q.columns.first { $0.name == metric }!.values
        #expect(f.considered == 15625 && f.missing == 0)
        #expect(f.rows.sorted() == ParetoFront.bruteForceIndices(accuracy: acc, metric: m))
        #expect(!f.rows.isEmpty && zip(f.rows, f.rows.dropFirst()).allSatisfy { m[$0] <= m[$1] && acc[$0] < acc[$1] || m[$0] == m[$1] })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(q.json(front: f).utf8)) as? [String: Any])
        #expect((json["front"] as? [[String: Any]])?.count == f.rows.count)
        #expect(q.text(front: f).split(separator: "\n").count == f.rows.count + 2)
    }

    /// The Edge TPU's missing values are left out of its front.
    @Test func frontLeavesMissingValuesOut() throws {
        let q = try Self.cifar10.get()
        let f = try q.front(metric: "edgetpu_latency")
        #expect(f.considered == 15625 - 4699 && f.missing == 4699)
        #expect(f.rows.allSatisfy { !q.columns.first { $0.name == "edgetpu_latency" }!.values[$0].isNaN })
    }

    @Test func fbnetLooksUpByIndexAndByOpList() throws {
        let q = try ArchitectureQuery.fbnet(directory: Fixtures.dataDirectory)
        #expect(q.count == 5000 && q.columns.count == 27)
        let r = try q.row(of: "17")
        #expect(try q.row(of: q.opIndexLists![r]) == r)
        #expect(try q.row(of: q.archStrings[r]) == r)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(q.json(row: r).utf8)) as? [String: Any])
        #expect(object.count == 3 + 27 && object["arch_index"] as? Int == 17)
        #expect(object["1080ti_64_latency"] is Double && object["test_acc"] == nil)
    }

    @Test func badQueriesSayWhatWasExpected() throws {
        func message(_ body: () throws -> Void) -> String {
            do {
                try body()
                return "no error"
            } catch { return "\(error)" }
        }
        let q = try Self.cifar10.get()
        let fbnet = try ArchitectureQuery.fbnet(directory: Fixtures.dataDirectory)
        #expect(
            message { _ = try ArchitectureQuery.nb201(dataset: "cifar11", directory: Fixtures.dataDirectory) }
                == "--dataset: unknown NB201 dataset 'cifar11' (did you mean 'cifar10'?); expected one of: cifar10, cifar100, ImageNet16-120"
        )
        #expect(
            message { _ = try q.row(of: "15625") }.hasPrefix(
                "--arch: architecture index 15625 is out of range: expected an index 0…15624 or an NB201 genotype"))
        #expect(
            message { _ = try q.row(of: "99999999999999999999999") }.hasPrefix(
                "--arch: architecture index 99999999999999999999999 is out of range"))
        #expect(
            message { _ = try q.row(of: "|conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|") }
                .hasPrefix(
                    "--arch: '|conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|' is not an NB201 architecture: expected an index 0…15624")
        )
        #expect(
            message { _ = try q.row(of: "|none~1|+|none~0|none~1|+|none~0|none~1|none~2|") }
                .hasPrefix("--arch: '|none~1|+|none~0|none~1|+|none~0|none~1|none~2|' is not in the NB201 table"))
        #expect(
            message { _ = try q.front(metric: "1080ti_1_latncy") }.hasPrefix(
                "--front: cifar10 has no metric '1080ti_1_latncy' (did you mean '1080ti_1_latency'?); expected one of: edgegpu_latency,"))
        #expect(message { _ = try fbnet.front(metric: "raspi4_latency") }.hasPrefix("--front: the FBNet table has no accuracy"))
        #expect(
            message { _ = try fbnet.row(of: "5000") }.hasPrefix(
                "--arch: architecture index 5000 is out of range: expected an index 0…4999 or 22 block choices"))
        #expect(message { _ = try fbnet.row(of: "0-1-2") }.hasPrefix("--arch: '0-1-2' is not an FBNet architecture"))
        #expect(
            message { _ = try fbnet.row(of: Array(repeating: "8", count: 22).joined(separator: "-")) }.hasSuffix(
                "is not among the 5000 sampled FBNet architectures of the table"))
    }
}
