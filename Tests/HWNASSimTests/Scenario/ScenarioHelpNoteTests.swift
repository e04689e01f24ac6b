// SPDX-License-Identifier: GPL-3.0-or-later

import Testing

@testable import HWNASSim

/// A HELP latency paired with another dataset's accuracy carries a note; CIFAR-10 and the
/// HW-NAS-Bench columns do not.
@Suite struct ScenarioHelpNoteTests {
    static func scenario(_ pairs: String) -> String {
        """
        name: help
        data:
          benchmark: nb201
          pairs:
        \(pairs)
        subset_sizes: [100]
        noise: {model: kendall-tau, levels: [0.5]}

        """
    }

    @Test func aHelpLatencyWithCifar100OrImageNetIsNotedAtItsMetric() throws {
        let text = Self.scenario(
            """
                - {dataset: cifar10, metric: gold_6226_latency}
                - {dataset: cifar100, metric: gold_6226_latency}
                - {dataset: ImageNet16-120, metric: pixel2_latency}
                - {dataset: cifar100, metric: raspi4_latency}
            """)
        let warnings = try Scenario.parse(text, file: "s.yaml")[0].warnings
        #expect(warnings.count == 2, "\(warnings)")
        #expect(warnings.allSatisfy { $0.key?.hasSuffix("metric") == true }, "\(warnings.map(\.key))")
        // Lines 6 and 7: the cifar100 and ImageNet16-120 pairs (line 5, cifar10, has none).
        #expect(warnings.map(\.line) == [6, 7], "\(warnings.map(\.line))")
        #expect(warnings[0].description.contains("gold_6226_latency") && warnings[0].description.contains("cifar100"))
        #expect(warnings[1].description.contains("ImageNet16-120") && warnings[1].description.contains("one network head"))
    }

    @Test func cifar10AndHWNASBenchColumnsCarryNoNote() throws {
        let text = Self.scenario(
            """
                - {dataset: cifar10, metric: 1080ti_1_latency}
                - {dataset: cifar100, metric: edgegpu_latency}
            """)
        #expect(try Scenario.parse(text, file: "s.yaml")[0].warnings.isEmpty)
    }
}
