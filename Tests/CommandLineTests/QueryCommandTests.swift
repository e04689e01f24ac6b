// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import HWNASSim
import HWNASSimTestSupport

/// `hwnas-sim query` and FBNet scenarios, through the built binary.
@Suite struct QueryCommandTests {
    /// `hwnas-sim query` prints the README values and exits 2, saying what was expected, on
    /// bad input.
    @Test func queryCommand() throws {
        let data = ["--data", Fixtures.dataDirectory]
        let ok = try CLI.run(["query", "--dataset", "cifar10", "--arch", "0"] + data)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("edgegpu_latency") && ok.stdout.contains(" 5.807418537139893  ms\n"))
        let json = try CLI.run(
            [
                "query", "--dataset", "cifar10", "--arch",
                "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|", "--json"
            ] + data)
        #expect(json.status == 0 && json.stdout.hasPrefix("{\"arch_index\": 0, "))
        let front = try CLI.run(["query", "--dataset", "cifar10", "--front", "pixel2_latency", "--json"] + data)
        #expect(front.status == 0 && front.stdout.contains("\"metric\": \"pixel2_latency\""))
        let cases: [([String], String)] = [
            (["query", "--dataset", "cifar11", "--arch", "0"], "error: --dataset: unknown NB201 dataset 'cifar11'"),
            (["query", "--dataset", "cifar10", "--arch", "12x"], "error: --arch: '12x' is not an NB201 architecture"),
            (["query", "--dataset", "cifar10", "--front", "speed"], "error: --front: cifar10 has no metric 'speed'"),
            (["query", "--dataset", "cifar10"], "error: --arch: give exactly one of --arch"),
            (["query", "--benchmark", "fbnet", "--front", "pixel2_latency"], "error: --front: the FBNet table has no accuracy"),
            (["query", "--benchmark", "nasbench101", "--arch", "1"], "error: --benchmark: unknown benchmark 'nasbench101'")
        ]
        for (arguments, message) in cases {
            let r = try CLI.run(arguments + data)
            #expect(r.status == 2, "\(arguments): status \(r.status), stderr \(r.stderr)")
            #expect(r.stderr.hasPrefix(message), "\(arguments): \(r.stderr)")
        }
    }

    /// A scenario on FBNet is refused at validation, exit 2.
    @Test func fbnetScenarioIsRefused() throws {
        let path = Fixtures.file(
            "fbnet.yaml",
            """
            name: fbnet
            data: {benchmark: fbnet, pairs: [{dataset: fbnet, metric: pixel3_latency}]}
            subset_sizes: [100]
            noise: {model: gaussian, levels: [0.5]}

            """)
        let r = try CLI.run(["validate", path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("fbnet.yaml:2:19: data.benchmark: the FBNet table has no accuracy"), "\(r.stderr)")
    }
}
