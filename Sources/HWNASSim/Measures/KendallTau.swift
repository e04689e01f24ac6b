// SPDX-License-Identifier: GPL-3.0-or-later

/// Kendall's rank correlation coefficient tau-b, computed in O(n log n) with Knight's merge-sort method.
///
/// Ties are handled as tau-b does:
/// `tau_b = (n0 - n1 - n2 + n3 - 2*S) / sqrt((n0 - n1) * (n0 - n2))`, where `n0 = n(n-1)/2`,
/// `n1` = pairs tied in x, `n2` = pairs tied in y, `n3` = pairs tied in both, and `S` = the
/// discordant swaps counted by a merge sort of y after sorting the pairs by (x, y).
///
/// Precondition for meaningful results: no NaN in the inputs. NaN does not crash; the answer is then unspecified.
/// `-0.0` and `+0.0` are treated as tied.
public enum KendallTau {
    /// Kendall's tau-b of `x` and `y` (same length); `nil` when undefined (n < 2, all x tied, or all y tied).
    ///
    /// Counts are 64-bit, so n can be in the millions. The result is bit-identical to
    /// `Presorted(x: x).tauB(y, workspace: &ws)`.
    /// - Complexity: O(n log n) time, O(n) extra memory.
    public static func tauB(_ x: [Double], _ y: [Double]) -> Double? {
        precondition(x.count == y.count, "KendallTau.tauB: x and y must have the same length")
        let presorted = Presorted(x: x)
        var workspace = Workspace()
        return presorted.tauB(y, workspace: &workspace)
    }

    /// A fixed x vector, sorted once, against which many y vectors can be correlated without allocation.
    public struct Presorted: Sendable {
        /// Indices of x sorted by (x, index).
        let order: [Int32]
        /// Flattened `(start, end)` position ranges in `order` of x-tie groups with at least two members.
        let tieGroups: [Int32]
        /// n1: the number of pairs tied in x.
        let xTiedPairs: Int

        /// Sorts the indices of `x` once (stable: ties by index) and records the x tie groups and n1.
        /// - Complexity: O(n log n).
        public init(x: [Double]) {
            let n = x.count
            precondition(n <= Int(Int32.max), "KendallTau.Presorted: too many elements")
            let keys = x.map(KendallTau.orderKey)
            var order = [Int32](0..<Int32(n))
            keys.withUnsafeBufferPointer { k in
                order.sort { a, b in
                    let ka = k[Int(a)], kb = k[Int(b)]
                    return ka < kb || (ka == kb && a < b)
                }
            }
            var groups: [Int32] = []
            var tied = 0
            var start = 0
            while start < n {
                let key = keys[Int(order[start])]
                var end = start + 1
                while end < n && keys[Int(order[end])] == key { end += 1 }
                let size = end - start
                if size > 1 {
                    groups.append(Int32(start))
                    groups.append(Int32(end))
                    tied += size * (size - 1) / 2
                }
                start = end
            }
            self.order = order
            self.tieGroups = groups
            self.xTiedPairs = tied
        }

        /// The number of elements of the fixed x vector.
        /// - Complexity: O(1).
        public var count: Int { order.count }

        /// Kendall's tau-b of the fixed x against `y` (indexed like the original x); `nil` when undefined.
        ///
        /// Uses the buffers of `workspace` (grown on first use, reused afterwards): no allocation once warm.
        /// - Complexity: O(n log n) time.
        public func tauB(_ y: UnsafeBufferPointer<Double>, workspace: inout Workspace) -> Double? {
            let n = order.count
            precondition(y.count == n, "KendallTau.Presorted.tauB: y must have the same length as x")
            guard n >= 2 else { return nil }
            workspace.reserve(2 * n)
            return order.withUnsafeBufferPointer { ord in
                tieGroups.withUnsafeBufferPointer { groups in
                    workspace.storage.withUnsafeMutableBufferPointer { storage in
                        KendallTau.tauB(
                            xOrder: ord, xTieGroups: groups, xTiedPairs: xTiedPairs, y: y,
                            scratch: storage.baseAddress!)
                    }
                }
            }
        }

        /// Kendall's tau-b of the fixed x against `y` (indexed like the original x); `nil` when undefined.
        /// - Complexity: O(n log n) time; no allocation once `workspace` is warm.
        public func tauB(_ y: [Double], workspace: inout Workspace) -> Double? {
            y.withUnsafeBufferPointer { tauB($0, workspace: &workspace) }
        }
    }

    /// Reusable scratch memory for `Presorted.tauB`.
    public struct Workspace: Sendable {
        var storage: [UInt64] = []

        /// An empty workspace; its buffers are sized on first use.
        /// - Complexity: O(1).
        public init() {}

        /// Grows the storage to at least `capacity` elements.
        /// - Complexity: O(capacity) when growing, O(1) otherwise.
        mutating func reserve(_ capacity: Int) {
            if storage.count < capacity { storage = [UInt64](repeating: 0, count: capacity) }
        }
    }

    /// Kendall's tau-b of an x vector given by its sort order against `y`; `nil` when undefined.
    ///
    /// The allocation-free core of ``Presorted/tauB(_:workspace:)``, for callers that keep the
    /// order of x in their own buffers (a study trial derives it from a per-table order).
    /// - Parameters:
    ///   - xOrder: the indices 0..<n sorted by x (any order among equal x).
    ///   - xTieGroups: flattened `(start, end)` position ranges in `xOrder` of the runs of equal x
    ///     with at least two members.
    ///   - xTiedPairs: n1, the number of pairs tied in x.
    ///   - y: the second vector, indexed like x.
    ///   - scratch: at least `2 * n` elements, overwritten.
    /// - Complexity: O(n log n) time; no allocation.
    static func tauB(
        xOrder: UnsafeBufferPointer<Int32>, xTieGroups: UnsafeBufferPointer<Int32>, xTiedPairs: Int,
        y: UnsafeBufferPointer<Double>, scratch storage: UnsafeMutablePointer<UInt64>
    ) -> Double? {
        let n = xOrder.count
        guard n >= 2 else { return nil }
        let n0 = n * (n - 1) / 2
        let n1 = xTiedPairs
        guard n1 < n0 else { return nil }
        let a = storage
        let scratch = storage + n
        // Gather y in x order as totally ordered integer keys.
        for i in 0..<n { a[i] = orderKey(y[Int(xOrder[i])]) }
        // Sort each x-tie group by y and count pairs tied in both (n3).
        var n3 = 0
        var j = 0
        while j < xTieGroups.count {
            let s = Int(xTieGroups[j]), size = Int(xTieGroups[j + 1]) - s
            sortSegment(a + s, size, scratch: scratch + s)
            n3 += tiedPairs(a + s, size)
            j += 2
        }
        // Count discordant swaps (S) while sorting everything by y, then pairs tied in y (n2).
        let (swaps, sorted) = inversionSort(a, n, scratch: scratch)
        let n2 = tiedPairs(sorted, n)
        guard n2 < n0 else { return nil }
        let numerator = n0 - n1 - n2 + n3 - 2 * swaps
        return Double(numerator) / (Double(n0 - n1) * Double(n0 - n2)).squareRoot()
    }

    // MARK: - Internals

    /// Tie groups of x no longer than this are sorted by insertion sort.
    static let insertionThreshold = 24

    /// Maps a Double to a UInt64 whose unsigned order is the numeric order (`-0.0` folded onto `+0.0`).
    /// - Complexity: O(1).
    @inline(__always)
    static func orderKey(_ value: Double) -> UInt64 {
        let bits = (value + 0.0).bitPattern
        let flip = UInt64(bitPattern: Int64(bitPattern: bits) >> 63) | 0x8000_0000_0000_0000
        return bits ^ flip
    }

    /// The number of pairs of equal elements in the sorted run `p[0..<count]`.
    /// - Complexity: O(count).
    @inline(__always)
    static func tiedPairs(_ p: UnsafeMutablePointer<UInt64>, _ count: Int) -> Int {
        var total = 0
        var start = 0
        while start < count {
            let value = p[start]
            var end = start + 1
            while end < count && p[end] == value { end += 1 }
            let size = end - start
            total += size * (size - 1) / 2
            start = end
        }
        return total
    }

    /// Insertion sort of `p[0..<count]`; returns the number of inversions (strictly greater earlier elements).
    /// - Complexity: O(count + inversions).
    @inline(__always)
    static func insertionSort(_ p: UnsafeMutablePointer<UInt64>, _ count: Int) -> Int {
        var inversions = 0
        var i = 1
        while i < count {
            let value = p[i]
            var j = i
            while j > 0 && p[j - 1] > value {
                p[j] = p[j - 1]
                j -= 1
            }
            p[j] = value
            inversions += i - j
            i += 1
        }
        return inversions
    }

    /// Stable bottom-up merge sort of `p[0..<count]` using `scratch[0..<count]`, counting inversions.
    /// Returns the inversion count and the buffer (`p` or `scratch`) that holds the sorted result.
    ///
    /// Blocks of 8 are sorted by ``sortBlockOf8(_:)`` (a short tail by insertion sort), then merged
    /// pairwise with ``mergeCountingInversions(_:_:_:_:_:)``; a merge whose runs are already in
    /// order is a copy.
    /// - Complexity: O(count log count).
    static func inversionSort(
        _ p: UnsafeMutablePointer<UInt64>, _ count: Int, scratch: UnsafeMutablePointer<UInt64>
    ) -> (inversions: Int, sorted: UnsafeMutablePointer<UInt64>) {
        var inversions = 0
        let block = 8
        var s = 0
        while s + block <= count {
            inversions += sortBlockOf8(p + s)
            s += block
        }
        if s < count { inversions += insertionSort(p + s, count - s) }
        var src = p, dst = scratch
        var width = block
        while width < count {
            var lo = 0
            while lo < count {
                let mid = Swift.min(lo + width, count), hi = Swift.min(lo + 2 * width, count)
                if mid >= hi || src[mid - 1] <= src[mid] {
                    (dst + lo).update(from: src + lo, count: hi - lo)
                } else {
                    inversions += mergeCountingInversions(src, dst, lo, mid, hi)
                }
                lo = hi
            }
            swap(&src, &dst)
            width *= 2
        }
        return (inversions, src)
    }

    /// Sorts `p[0..<8]` and returns its inversions, without data-dependent branches: the 28
    /// pairs are compared directly, then an optimal 19-comparator sorting network sorts
    /// (insertion sort mispredicts about once per element on noisy data).
    /// - Complexity: O(1).
    @inline(__always)
    static func sortBlockOf8(_ p: UnsafeMutablePointer<UInt64>) -> Int {
        var inversions = 0
        for a in 0..<7 {
            let value = p[a]
            for b in (a + 1)..<8 { inversions &+= value > p[b] ? 1 : 0 }
        }
        @inline(__always) func exchange(_ a: Int, _ b: Int) {
            let x = p[a], y = p[b]
            p[a] = x < y ? x : y
            p[b] = x < y ? y : x
        }
        exchange(0, 2)
        exchange(1, 3)
        exchange(4, 6)
        exchange(5, 7)
        exchange(0, 4)
        exchange(1, 5)
        exchange(2, 6)
        exchange(3, 7)
        exchange(0, 1)
        exchange(2, 3)
        exchange(4, 5)
        exchange(6, 7)
        exchange(2, 4)
        exchange(3, 5)
        exchange(1, 4)
        exchange(3, 6)
        exchange(1, 2)
        exchange(3, 4)
        exchange(5, 6)
        return inversions
    }

    /// Stable merge of the sorted runs `src[lo..<mid]` and `src[mid..<hi]` into `dst[lo..<hi]`;
    /// returns the number of inversions between the runs.
    ///
    /// A right-run element that moves from position `j` to `k` passes exactly the `j - k` left-run
    /// elements greater than it, so the inversions are the sum of `j - k` over the right run's
    /// elements, wherever they are placed from. The loops are branch-free (conditional moves),
    /// since on noisy data the comparison is unpredictable. The runs are first merged from both
    /// ends at once, `min(L, R)` steps each: the front takes the smaller element (the left on
    /// ties), the back the larger (the right on ties), so neither can run out of a run or meet
    /// the other, and the two dependency chains overlap, which roughly halves the time per
    /// element. What is left in the middle (only when the runs differ in length) is merged
    /// from the front.
    /// - Complexity: O(hi - lo).
    @inline(__always)
    static func mergeCountingInversions(
        _ src: UnsafeMutablePointer<UInt64>, _ dst: UnsafeMutablePointer<UInt64>, _ lo: Int, _ mid: Int, _ hi: Int
    ) -> Int {
        var inversions = 0
        var i = lo, j = mid, k = lo
        var ib = mid - 1, jb = hi - 1, kb = hi - 1
        for _ in 0..<Swift.min(mid - lo, hi - mid) {
            let u = src[i], v = src[j]
            let right = v < u
            dst[k] = right ? v : u
            inversions &+= right ? j &- k : 0
            i &+= right ? 0 : 1
            j &+= right ? 1 : 0
            k &+= 1
            let ub = src[ib], vb = src[jb]
            let left = ub > vb
            dst[kb] = left ? ub : vb
            inversions &+= left ? 0 : jb &- kb
            ib &-= left ? 1 : 0
            jb &-= left ? 0 : 1
            kb &-= 1
        }
        while i <= ib && j <= jb {
            let u = src[i], v = src[j]
            let right = v < u
            dst[k] = right ? v : u
            inversions &+= right ? j &- k : 0
            i &+= right ? 0 : 1
            j &+= right ? 1 : 0
            k &+= 1
        }
        // One side of the middle is left: a left rest passes nothing; each element of a right
        // rest passes the left elements the back has already placed.
        if i <= ib { (dst + k).update(from: src + i, count: ib + 1 - i) }
        if j <= jb {
            inversions += (j - k) * (jb + 1 - j)
            (dst + k).update(from: src + j, count: jb + 1 - j)
        }
        return inversions
    }

    /// Sorts `p[0..<count]` in place (insertion sort when short, else merge sort through `scratch`).
    /// - Complexity: O(count log count).
    @inline(__always)
    static func sortSegment(_ p: UnsafeMutablePointer<UInt64>, _ count: Int, scratch: UnsafeMutablePointer<UInt64>) {
        if count <= insertionThreshold {
            _ = insertionSort(p, count)
        } else {
            let (_, sorted) = inversionSort(p, count, scratch: scratch)
            if sorted != p { p.update(from: sorted, count: count) }
        }
    }
}
