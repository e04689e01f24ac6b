// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// `noise.model: trained` through the binary: bad input exits 2 with file, line and key, and
/// writes nothing.
@Suite struct TrainedStudyCommandTests {
    static func scenario(_ noise: String) -> String {
        """
        name: trained-bad
        trials: 2
        data:
          benchmark: nb201
          pairs: [{dataset: cifar10, metric: edgegpu_latency}]
        subset_sizes: [100]
        noise:
        \(noise)

        """
    }

    @Test func badTrainedNoiseExitsTwoAndWritesNothing() throws {
        let out = Fixtures.temporaryDirectory() + "/out"
        let cases: [(String, String)] = [
            ("  model: trained\n  levels: [11]", "bad.yaml:8:3: noise: missing key 'predictor'"),
            (
                "  model: trained\n  predictor: linreg\n  levels: [11, 101]",
                "bad.yaml:10:16: noise.levels[1]: 101 training samples are more than the subset size 100"
            ),
            (
                "  model: trained\n  predictor: linreeg\n  levels: [11]",
                "bad.yaml:9:14: noise.predictor: unknown model 'linreeg' (did you mean 'linreg'?)"
            )
        ]
        for (noise, message) in cases {
            let file = Fixtures.file("bad.yaml", Self.scenario(noise))
            for command in [
                ["run", file, "--out", out, "--data", Fixtures.dataDirectory], ["validate", file, "--data", Fixtures.dataDirectory]
            ] {
                let r = try CLI.run(command)
                #expect(r.status == 2, "\(command): status \(r.status), stderr \(r.stderr)")
                #expect(r.stderr.contains(message), "\(command): \(r.stderr)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
