// SPDX-License-Identifier: GPL-3.0-or-later

/// The Pareto front of points that maximise accuracy and minimise a hardware metric.
///
/// Point a dominates point b when `acc_a >= acc_b` and `m_a <= m_b` with at least one inequality strict.
/// Identical points do not dominate each other, so all copies of a non-dominated point stay on the front.
/// Precondition for meaningful results: no NaN in the inputs (NaN does not crash; the answer is then unspecified).
enum ParetoFront {
    /// Indices (ascending) of the non-dominated points.
    /// - Complexity: O(n log n).
    public static func indices(accuracy: [Double], metric: [Double]) -> [Int] {
        let n = accuracy.count
        precondition(metric.count == n, "ParetoFront.indices: accuracy and metric must have the same length")
        precondition(n <= Int(Int32.max), "ParetoFront.indices: too many points")
        var order = [Int32](0..<Int32(n))
        accuracy.withUnsafeBufferPointer { acc in
            order.sort { acc[Int($0)] > acc[Int($1)] }
        }
        var onFront = [Bool](repeating: false, count: n)
        order.withUnsafeBufferPointer { ord in
            accuracy.withUnsafeBufferPointer { acc in
                metric.withUnsafeBufferPointer { met in
                    onFront.withUnsafeMutableBufferPointer { mask in
                        Self.mask(order: ord, accuracy: acc, metric: met, into: mask)
                    }
                }
            }
        }
        var result: [Int] = []
        for i in 0..<n where onFront[i] { result.append(i) }
        return result
    }

    /// Writes into every entry of `mask` whether that point is non-dominated, given `order`: the indices
    /// sorted by accuracy descending (any order within equal accuracy).
    ///
    /// Walks the groups of equal accuracy in descending order, keeping `best`, the minimum metric over all
    /// points of strictly higher accuracy (initially +inf). In a group whose minimum metric is `g`, a point is
    /// on the front iff its metric equals `g` and `g < best`; then `best = min(best, g)`.
    /// - Complexity: O(n); no allocation.
    static func mask(
        order: UnsafeBufferPointer<Int32>,
        accuracy: UnsafeBufferPointer<Double>,
        metric: UnsafeBufferPointer<Double>,
        into mask: UnsafeMutableBufferPointer<Bool>
    ) {
        let n = order.count
        precondition(
            accuracy.count == n && metric.count == n && mask.count == n,
            "ParetoFront.mask: all buffers must have the same length")
        var best = Double.infinity
        var start = 0
        while start < n {
            let first = Int(order[start])
            let groupAccuracy = accuracy[first]
            var groupMin = metric[first]
            var end = start + 1
            while end < n {
                let index = Int(order[end])
                if accuracy[index] != groupAccuracy { break }
                let m = metric[index]
                if m < groupMin { groupMin = m }
                end += 1
            }
            let groupOnFront = groupMin < best
            for k in start..<end {
                let index = Int(order[k])
                mask[index] = groupOnFront && metric[index] == groupMin
            }
            if groupOnFront { best = groupMin }
            start = end
        }
    }

    /// The walk of ``mask(order:accuracy:metric:into:)`` over the points of `order` for which
    /// `include` holds, their metric given by `metric`: calls `onFront` with each
    /// non-dominated one, accuracy descending (ties as `mask` keeps them). For fronts of a
    /// subset or of values not stored in an array (a budget strategy's measured positions, its
    /// optimistic values), without building either.
    /// - Complexity: O(n) calls of `include`, up to two of `metric` per included point; no
    ///   allocation.
    @inline(__always)
    static func walk(
        order: UnsafeBufferPointer<Int32>,
        accuracy: UnsafeBufferPointer<Double>,
        include: (Int) -> Bool,
        metric: (Int) -> Double,
        onFront: (Int32) -> Void
    ) {
        let n = order.count
        var best = Double.infinity
        var start = 0
        while start < n {
            let groupAccuracy = accuracy[Int(order[start])]
            var end = start
            var groupMin = Double.infinity
            while end < n, accuracy[Int(order[end])] == groupAccuracy {
                let index = Int(order[end])
                if include(index) {
                    let m = metric(index)
                    if m < groupMin { groupMin = m }
                }
                end += 1
            }
            if groupMin < best {
                for k in start..<end where include(Int(order[k])) && metric(Int(order[k])) == groupMin { onFront(order[k]) }
                best = groupMin
            }
            start = end
        }
    }

    /// Indices (ascending) of the non-dominated points by pairwise comparison: a reference for tests and small inputs.
    /// - Complexity: O(n^2).
    static func bruteForceIndices(accuracy: [Double], metric: [Double]) -> [Int] {
        let n = accuracy.count
        precondition(metric.count == n, "ParetoFront.bruteForceIndices: accuracy and metric must have the same length")
        var result: [Int] = []
        for i in 0..<n {
            var dominated = false
            for j in 0..<n where j != i {
                if accuracy[j] >= accuracy[i] && metric[j] <= metric[i]
                    && (accuracy[j] > accuracy[i] || metric[j] < metric[i])
                {
                    dominated = true
                    break
                }
            }
            if !dominated { result.append(i) }
        }
        return result
    }
}
