// SPDX-License-Identifier: GPL-3.0-or-later

/// Orders of a pair's rows by accuracy and by z, computed once per pair and shared by its trials.
///
/// A trial orders its subset by looking rows up in these orders (``SubsetOrder``) instead of
/// comparing doubles through closures: a scan of the table for large subsets, a sort of small
/// integers for small ones. Immutable, so one instance is shared by all workers.
@_spi(Benchmarks) public final class PairOrders: Sendable {
    /// Rows by accuracy, descending (any order among equal accuracies).
    let byAccuracy: [Int32]
    /// Dense rank of every row's accuracy: 0 for the highest; equal accuracies share a rank.
    let accuracyRank: [Int32]
    /// Rows by z, ascending in ``KendallTau/orderKey(_:)`` order (`-0.0` equals `+0.0`).
    let byZ: [Int32]
    /// Dense rank of every row's z key; equal keys share a rank.
    let zRank: [Int32]

    /// Sorts the rows of `pair` by accuracy and by z.
    /// - Complexity: O(N log N) for N rows.
    @_spi(Benchmarks) public init(pair: GroundTruthPair) {
        let n = pair.count
        precondition(n < Int(Int32.max), "PairOrders: too many rows")
        let accuracy = pair.accuracy
        var byAccuracy = [Int32](0..<Int32(n))
        byAccuracy.sort { accuracy[Int($0)] > accuracy[Int($1)] }
        let zKeys = pair.z.map(KendallTau.orderKey)
        var byZ = [Int32](0..<Int32(n))
        byZ.sort { zKeys[Int($0)] < zKeys[Int($1)] }
        self.accuracyRank = Self.denseRanks(byAccuracy) { accuracy[Int($0)] == accuracy[Int($1)] }
        self.zRank = Self.denseRanks(byZ) { zKeys[Int($0)] == zKeys[Int($1)] }
        self.byAccuracy = byAccuracy
        self.byZ = byZ
    }

    /// Dense ranks (by row) from rows in sorted order, `equal` telling neighbours apart.
    /// - Complexity: O(N).
    private static func denseRanks(_ sorted: [Int32], equal: (Int32, Int32) -> Bool) -> [Int32] {
        var rank = [Int32](repeating: 0, count: sorted.count)
        var r: Int32 = 0
        for k in sorted.indices {
            if k > 0 && !equal(sorted[k - 1], sorted[k]) { r += 1 }
            rank[Int(sorted[k])] = r
        }
        return rank
    }

    /// One shared instance per distinct pair of `cells` (consecutive cells of a study share
    /// their pair; array equality is O(1) for copies of the same pair).
    static func perCell(_ cells: [StudyCell]) -> [PairOrders] {
        var out: [PairOrders] = []
        out.reserveCapacity(cells.count)
        for (c, cell) in cells.enumerated() {
            if c > 0, cells[c - 1].pair.accuracy == cell.pair.accuracy, cells[c - 1].pair.z == cell.pair.z {
                out.append(out[c - 1])
            } else {
                out.append(PairOrders(pair: cell.pair))
            }
        }
        return out
    }
}

/// Ordering a trial's subset with a pair's global orders.
enum SubsetOrder {
    /// Writes the subset positions 0..<n (position i holds row `rows[i]`) into `order`, sorted
    /// by `rank` of their row ascending and by position among equal ranks: the result of a
    /// stable sort of the positions by the ranked value.
    ///
    /// Large subsets scan `global` (the rows in rank order) and keep the rows of the subset,
    /// using `positionOfRow` (table-sized, all −1 on entry and on return); small subsets sort
    /// `rank << 32 | position` keys in `keys`. Runs of equal rank are then put in position order.
    /// - Complexity: O(min(N, n log n)) for a table of N rows.
    static func sort(
        rows: UnsafeBufferPointer<Int32>, global: [Int32], rank: [Int32],
        positionOfRow: UnsafeMutableBufferPointer<Int32>, keys: UnsafeMutableBufferPointer<UInt64>,
        into order: UnsafeMutableBufferPointer<Int32>
    ) {
        let n = rows.count
        let tableSize = global.count
        rank.withUnsafeBufferPointer { rank in
            if n * 16 >= tableSize {
                for i in 0..<n { positionOfRow[Int(rows[i])] = Int32(i) }
                var k = 0
                global.withUnsafeBufferPointer { global in
                    for r in global {
                        let p = positionOfRow[Int(r)]
                        if p >= 0 {
                            order[k] = p
                            k += 1
                        }
                    }
                }
                for i in 0..<n { positionOfRow[Int(rows[i])] = -1 }
                // Equal ranks came in table order: put each run in position order.
                var start = 0
                while start < n {
                    let r = rank[Int(rows[Int(order[start])])]
                    var end = start + 1
                    while end < n && rank[Int(rows[Int(order[end])])] == r { end += 1 }
                    if end - start > 16 {
                        var run = UnsafeMutableBufferPointer(rebasing: order[start..<end])
                        run.sort()
                    } else if end - start > 1 {
                        var i = start + 1
                        while i < end {
                            let v = order[i]
                            var j = i
                            while j > start && order[j - 1] > v {
                                order[j] = order[j - 1]
                                j -= 1
                            }
                            order[j] = v
                            i += 1
                        }
                    }
                    start = end
                }
            } else {
                var keys = UnsafeMutableBufferPointer(rebasing: keys[0..<n])
                for i in 0..<n { keys[i] = UInt64(UInt32(rank[Int(rows[i])])) << 32 | UInt64(i) }
                keys.sort()
                for i in 0..<n { order[i] = Int32(truncatingIfNeeded: keys[i]) }
            }
        }
    }
}
