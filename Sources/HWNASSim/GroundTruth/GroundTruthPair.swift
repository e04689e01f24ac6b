// SPDX-License-Identifier: GPL-3.0-or-later

/// How metric values are paired with architectures (docs/study.md §2).
public enum Pairing: String, Sendable, CaseIterable {
    /// Each architecture keeps its own metric value: the only physically meaningful pairing.
    case `true` = "true"
    /// The released study code's pairing: z-scored metric values sorted ascending and handed out
    /// in the lexicographic order of the architectures' NB201 op-index tuples.
    case paperSorted = "paper-sorted"
}

/// The floating-point precision of the paired (accuracy, metric) arrays.
public enum Precision: String, Sendable, CaseIterable {
    /// Double precision (default): keeps accuracies that differ by rounding noise apart.
    case float64
    /// The study code's float32 storage: true values are rounded to `Float` once, after
    /// pairing, and predicted values are rounded to `Float` after the noise is added (the code
    /// adds float64 noise into its float32 array, so predictions can tie where the sums differ
    /// by less than a float32 step).
    case float32

    /// `value` as this precision stores it.
    @inlinable public func stored(_ value: Double) -> Double {
        self == .float32 ? Double(Float(value)) : value
    }
}

/// One (dataset, metric) pair ready for trials: accuracy fraction, metric and z-score per
/// architecture, after pairing, with architectures missing the metric left out.
public struct GroundTruthPair: Sendable {
    public var dataset: String
    public var metric: String
    public var pairing: Pairing
    /// The precision values are stored and predicted in.
    public var precision: Precision
    /// Ids of the architectures kept.
    var ids: [String]
    /// Accuracy fraction.
    public var accuracy: [Double]
    /// The metric in its own units (after pairing).
    var metricValue: [Double]
    /// The metric z-scored over all kept architectures with the population sd.
    public var z: [Double]
    /// Architectures left out because their metric value is missing.
    var leftOut: Int
    /// The source table's SHA-256 ("generated" for synthetic tables), for input hashes.
    var tableChecksum: String

    public var count: Int { ids.count }

    /// Builds the pair from `table`.
    /// - Throws: ``InputError`` when the metric is unknown, has fewer than two values, is
    ///   constant, or `paper-sorted` is asked of a table without NB201 genotypes.
    /// - Complexity: O(n log n).
    public init(table: MetricTable, metric: String, pairing: Pairing, precision: Precision = .float64) throws {
        let raw = try table.values(of: metric)
        var keep: [Int] = []
        keep.reserveCapacity(raw.count)
        for i in raw.indices where !raw[i].isNaN { keep.append(i) }
        guard keep.count >= 2 else {
            throw InputError(file: table.path, key: metric, "metric '\(metric)' has \(keep.count) value(s); at least 2 are needed")
        }
        let values = keep.map { raw[$0] }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        guard sd > 0 else {
            throw InputError(
                file: table.path, key: metric, "metric '\(metric)' has the same value for every architecture; it cannot be z-scored")
        }
        var metricValue = values
        if pairing == .paperSorted {
            guard let strings = table.archStrings else {
                throw InputError(
                    key: "data.pairing", "'paper-sorted' needs NB201 genotype strings (benchmark nb201); table '\(table.dataset)' has none")
            }
            var keys: [[UInt8]] = []
            keys.reserveCapacity(keep.count)
            for i in keep {
                guard let k = NB201Genotype.opIndexTuple(strings[i]) else {
                    throw InputError(file: table.path, line: i + 2, key: "arch_str", "cannot read the NB201 genotype '\(strings[i])'")
                }
                keys.append(k)
            }
            let tupleOrder = keep.indices.sorted { a, b in
                keys[a].lexicographicallyPrecedes(keys[b]) || (keys[a] == keys[b] && a < b)
            }
            let sortedValues = values.sorted()
            for (rank, position) in tupleOrder.enumerated() { metricValue[position] = sortedValues[rank] }
        }
        dataset = table.dataset
        self.metric = metric
        self.pairing = pairing
        self.precision = precision
        ids = keep.map { table.ids[$0] }
        accuracy = keep.map { table.accuracy[$0] }
        self.metricValue = metricValue
        z = metricValue.map { ($0 - mean) / sd }
        leftOut = raw.count - keep.count
        tableChecksum = table.sha256 ?? "generated"
        if precision == .float32 {
            accuracy = accuracy.map(precision.stored)
            z = z.map(precision.stored)
        }
    }
}

/// NB201 genotype strings.
enum NB201Genotype {
    /// The operations in the order the study's code numbers them.
    public static let operations = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]

    static let operationBytes = operations.map { Array($0.utf8) }

    /// The six ops of `arch` in string order, each as its index in ``operations``; nil when the
    /// string is not a NB201 genotype. Reads the UTF-8 bytes directly (it runs for every
    /// architecture of a table).
    /// - Complexity: O(length of `arch`).
    static func opIndexTuple(_ arch: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(6)
        let parsed: Bool? = arch.utf8.withContiguousStorageIfAvailable { bytes in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: "|") { end += 1 }
                // A token is `op~input` or `+`; empty tokens come from leading/trailing bars.
                if end > start && !(end - start == 1 && bytes[start] == UInt8(ascii: "+")) {
                    var tilde = start
                    while tilde < end && bytes[tilde] != UInt8(ascii: "~") { tilde += 1 }
                    guard tilde < end else { return false }
                    let name = UnsafeBufferPointer(rebasing: bytes[start..<tilde])
                    guard let op = operationBytes.firstIndex(where: { $0.elementsEqual(name) }) else { return false }
                    out.append(UInt8(op))
                }
                start = end + 1
            }
            return true
        }
        if parsed == nil {  // a bridged, non-contiguous string: make it native and read again
            var copy = arch
            copy.makeContiguousUTF8()
            return opIndexTuple(copy)
        }
        return parsed == true && out.count == 6 ? out : nil
    }
}
