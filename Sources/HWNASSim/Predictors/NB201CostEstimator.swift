// SPDX-License-Identifier: GPL-3.0-or-later

/// FLOPs or parameters of an NB201 cell as a zero-measurement estimator (`flops`, `params`).
///
/// Both depend only on the numbers n1 and n3 of `nor_conv_1x1` and `nor_conv_3x3` edges (the
/// closed form of the NAS-Bench-201 network definition, `get_cost_info`'s convention: Conv2d and
/// Linear multiply-accumulates, every trainable parameter; ``value(_:dataset:n1:n3:)``), so
/// they take 28 distinct values over the space and rank it with many ties. Without training
/// samples the estimate is the FLOPs (MFLOPs) or parameters (millions) themselves; with measured
/// samples it is mapped to the metric's units by a least-squares line.
public struct NB201CostEstimator: Predictor {
    /// What is counted.
    public enum Quantity: String, Sendable, CaseIterable {
        case flops, params
    }

    public var quantity: Quantity
    /// `cifar10`, `cifar100` or `ImageNet16-120` (the input size and the classifier differ).
    public var dataset: String
    /// prediction = offset + slope · cost.
    public private(set) var offset = 0.0
    public private(set) var slope = 1.0
    let encoding = NB201OneHotEncoding()

    /// - Throws: ``InputError`` at `key` for a dataset other than the three NB201 ones.
    public init(_ quantity: Quantity, dataset: String, key: String = "predictor") throws {
        guard MetricTable.nb201Datasets.contains(dataset) else {
            throw InputError(
                key: key,
                "\(quantity.rawValue) knows NB201's datasets only (\(MetricTable.nb201Datasets.joined(separator: ", "))), not '\(dataset)'")
        }
        self.quantity = quantity
        self.dataset = dataset
    }

    public var name: String { quantity.rawValue }
    public var minimumTrainingSize: Int { 0 }

    /// The NB201 cost of a cell with `n1` 1×1 and `n3` 3×3 convolution edges: MFLOPs
    /// (multiply-accumulates / 10⁶) or millions of parameters.
    public static func value(_ quantity: Quantity, dataset: String, n1: Int, n3: Int) -> Double {
        let n1 = Double(n1), n3 = Double(n3)
        switch (quantity, dataset) {
        case (.flops, "cifar10"): return 7.78305 + 3.93216 * n1 + 35.38944 * n3
        case (.flops, "cifar100"): return 7.78890 + 3.93216 * n1 + 35.38944 * n3
        case (.flops, _): return 1.95340 + 0.98304 * n1 + 8.84736 * n3
        case (.params, "cifar10"): return 0.073306 + 0.028 * n1 + 0.24304 * n3
        case (.params, "cifar100"): return 0.079156 + 0.028 * n1 + 0.24304 * n3
        case (.params, _): return 0.080456 + 0.028 * n1 + 0.24304 * n3
        }
    }

    /// The raw cost of each row (NB201 one-hot rows; NaN for a row that is not one).
    /// - Complexity: O(rows × 30).
    public func cost(_ features: FeatureMatrix) -> [Double] {
        (0..<features.rows).map { r in
            guard let a = encoding.decode(oneHot: features.values[(r * features.columns)..<((r + 1) * features.columns)]) else {
                return .nan
            }
            return Self.value(quantity, dataset: dataset, n1: a.count { $0 == 2 }, n3: a.count { $0 == 3 })
        }
    }

    /// No rows: the raw cost. One row, or rows of one cost: the cost scaled through the mean.
    /// More: the least-squares line from cost to target.
    public mutating func fit(_ features: FeatureMatrix, _ targets: [Double], stream: RandomStream) throws {
        try checkTrainingSet(features, targets, columns: encoding.featureCount)
        let c = cost(features)
        if c.contains(where: \.isNaN) {
            throw InputError(key: "predictor", "\(name): a training row is not a one-hot nb201 vector")
        }
        guard !c.isEmpty else {
            offset = 0
            slope = 1
            return
        }
        let n = Double(c.count)
        let mc = c.reduce(0, +) / n, my = targets.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0
        for i in c.indices {
            sxy += (c[i] - mc) * (targets[i] - my)
            sxx += (c[i] - mc) * (c[i] - mc)
        }
        if sxx > 0 {
            slope = sxy / sxx
            offset = my - slope * mc
        } else {
            slope = my / mc
            offset = 0
        }
    }

    public func predict(_ features: FeatureMatrix) -> [Double] {
        cost(features).map { offset + slope * $0 }
    }
}
