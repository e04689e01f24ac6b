// SPDX-License-Identifier: GPL-3.0-or-later

/// The study's lookup table (`lookup-table`): measure a base architecture and every
/// architecture that differs from it in one slot; predict base + the sum over slots of
/// (the value with that slot's choice − base).
///
/// For NB201 (base all `none`) that is 1 + 6 × 4 = 25 measurements; for FBNet 1 + 22 × 8.
/// It assumes each slot adds its own cost, independently of the others.
public struct LookupTable: ChoosesTrainingSet {
    /// The one-hot encoding of the features.
    public var encoding: any OneHotEncoding
    /// The base architecture's choices (default: choice 0 in every slot, NB201's all `none`).
    public var base: [Int]

    var baseValue = Double.nan
    /// deltas[slot * choices + choice]: value with that choice in that slot − base value.
    var deltas: [Double] = []

    public init(encoding: any OneHotEncoding, base: [Int]? = nil) {
        self.encoding = encoding
        self.base = base ?? [Int](repeating: 0, count: encoding.slots)
        precondition(self.base.count == encoding.slots)
    }

    public var name: String { "lookup-table" }

    /// 1 + slots × (choices − 1).
    public var measurementCount: Int { 1 + encoding.slots * (encoding.choiceCount - 1) }
    public var minimumTrainingSize: Int { measurementCount }

    /// The architectures the table is built from: the base, then each slot's substitutions.
    public var neededChoices: [[Int]] {
        var out = [base]
        for s in 0..<encoding.slots {
            for c in 0..<encoding.choiceCount where c != base[s] {
                var a = base
                a[s] = c
                out.append(a)
            }
        }
        return out
    }

    /// - Complexity: O(candidates × features).
    public func trainingRows(_ features: FeatureMatrix, candidates: [Int]) throws -> [Int] {
        var rowOf: [[Int]: Int] = [:]
        for r in candidates {
            if let a = encoding.decode(oneHot: features.values[(r * features.columns)..<((r + 1) * features.columns)]) {
                rowOf[a] = rowOf[a] ?? r
            }
        }
        let needed = neededChoices
        let missing = needed.filter { rowOf[$0] == nil }
        guard let first = missing.first else { return needed.map { rowOf[$0]! } }
        let what = first == base ? "the base \(encoding.archString(first))" : encoding.archString(first)
        throw InputError(
            key: "predictor",
            "lookup-table needs \(needed.count) measured architectures (the base \(encoding.archString(base)) and its \(needed.count - 1) single-slot substitutions); the table has \(needed.count - missing.count) of them, not \(what): give a table that has them (or another base with the base option), or a predictor that learns from a random sample"
        )
    }

    /// Builds the table from training rows that contain the base and every single-slot
    /// substitution (other rows are ignored; a repeated architecture keeps its first value).
    /// - Complexity: O(rows × features).
    public mutating func fit(_ features: FeatureMatrix, _ targets: [Double], stream: RandomStream) throws {
        try checkTrainingSet(features, targets, columns: encoding.featureCount)
        var value: [[Int]: Double] = [:]
        for r in 0..<features.rows {
            guard let a = encoding.decode(oneHot: features.values[(r * features.columns)..<((r + 1) * features.columns)]) else {
                throw InputError(key: "predictor", "lookup-table: training row \(r + 1) is not a one-hot \(encoding.name) vector")
            }
            if value[a] == nil { value[a] = targets[r] }
        }
        guard let b = value[base] else {
            throw InputError(key: "predictor", "lookup-table: the training set lacks the base architecture \(encoding.archString(base))")
        }
        let k = encoding.choiceCount
        var d = [Double](repeating: 0, count: encoding.slots * k)
        for s in 0..<encoding.slots {
            for c in 0..<k where c != base[s] {
                var a = base
                a[s] = c
                guard let v = value[a] else {
                    throw InputError(
                        key: "predictor",
                        "lookup-table: the training set lacks \(encoding.archString(a)), slot \(s + 1) changed to \(encoding.choiceNames[c])"
                    )
                }
                d[s * k + c] = v - b
            }
        }
        baseValue = b
        deltas = d
    }

    /// base + Σ slots' deltas; rows must be one-hot vectors of the encoding (an invalid row
    /// gets NaN).
    /// - Complexity: O(rows × features).
    public func predict(_ features: FeatureMatrix) -> [Double] {
        precondition(!deltas.isEmpty, "lookup-table: predict before fit")
        let k = encoding.choiceCount
        return (0..<features.rows).map { r in
            guard let a = encoding.decode(oneHot: features.values[(r * features.columns)..<((r + 1) * features.columns)]) else {
                return .nan
            }
            var v = baseValue
            for (s, c) in a.enumerated() { v += deltas[s * k + c] }
            return v
        }
    }
}
