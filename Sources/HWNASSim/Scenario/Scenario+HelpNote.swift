// SPDX-License-Identifier: GPL-3.0-or-later

extension Scenario {
    /// A note for each NB201 pair of a HELP latency (`nb201_help_latency.csv`) with the accuracy
    /// of `cifar100` or `ImageNet16-120`: HELP measured one network head (CIFAR-10 or CIFAR-100,
    /// not stated), and the same latencies are joined to every dataset; its Raspberry Pi, Pixel 3,
    /// Eyeriss and FPGA copies equal HW-NAS-Bench's CIFAR-10 columns. Placed at the pair's metric.
    /// - Complexity: O(pairs).
    static func helpHeadNotes(_ file: ScenarioSections, pairs: [PairSpec], source: DataSource) throws -> [InputError] {
        guard case .nb201 = source, let data = file["data"], let pairsValue = try data.mapping(allowed: dataKeys)["pairs"] else {
            return []
        }
        let items = try pairsValue.list()
        return try pairs.enumerated().compactMap { i, pair in
            guard pair.dataset != "cifar10", NB201Metrics.help.contains(pair.metric), i < items.count else { return nil }
            let at = try items[i].mapping(allowed: ["dataset", "metric", "latency_column"])["metric"] ?? items[i]
            return at.error(
                "'\(pair.metric)' is a HELP latency, measured on one network head (CIFAR-10 or CIFAR-100, HELP does not say) "
                    + "and offered unchanged with every dataset's accuracy, so paired with \(pair.dataset) it is not that dataset's "
                    + "network's latency (HELP's raspi4/pixel3 copies equal the cifar10 columns of HW-NAS-Bench)")
        }
    }
}
