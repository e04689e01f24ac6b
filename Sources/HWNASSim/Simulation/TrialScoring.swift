// SPDX-License-Identifier: GPL-3.0-or-later

/// Drawing a trial's subset (docs/study.md §3 step 1).
enum SubsetDraw {
    /// Draws `size` rows of `pair` uniformly without replacement, in random order (partial
    /// Fisher–Yates on the workspace's identity permutation, undone afterwards so the
    /// permutation is the identity again), and gathers their accuracy and z; the rows drawn
    /// are left in `ws.rows[0..<size]`.
    /// Returns the rows drawn when `rowsWanted`.
    /// - Complexity: O(size).
    static func draw(
        pair: GroundTruthPair, size n: Int, workspace ws: TrialWorkspace,
        accuracy acc: UnsafeMutableBufferPointer<Double>, z: UnsafeMutableBufferPointer<Double>,
        rowsWanted: Bool
    ) -> [Int]? {
        let rng = ws.rng
        let total = pair.count
        let perm = ws.permutation
        for i in 0..<n {
            let j = i + rng.uniformInt(total - i)
            ws.swaps[i] = Int32(j)
            perm.swapAt(i, j)
        }
        pair.accuracy.withUnsafeBufferPointer { a in
            pair.z.withUnsafeBufferPointer { zz in
                for i in 0..<n {
                    let r = Int(perm[i])
                    ws.rows[i] = perm[i]
                    acc[i] = a[r]
                    z[i] = zz[r]
                }
            }
        }
        let rows: [Int]? = rowsWanted ? (0..<n).map { Int(perm[$0]) } : nil
        for i in stride(from: n - 1, through: 0, by: -1) { perm.swapAt(i, Int(ws.swaps[i])) }
        return rows
    }
}

/// Scoring a selection against a true front with true values.
enum TrialScoring {
    /// The highest true-front accuracy among front points with z ≤ `metric`.
    /// `frontZ` ascending, `frontAcc` non-decreasing alongside. O(log F).
    @inline(__always)
    static func frontAccuracyBelow(_ metric: Double, frontZ: UnsafeBufferPointer<Double>, frontAcc: UnsafeBufferPointer<Double>) -> Double {
        var lo = 0, hi = frontZ.count  // first index with frontZ > metric
        while lo < hi {
            let mid = (lo + hi) >> 1
            if frontZ[mid] <= metric { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 ? frontAcc[lo - 1] : -Double.infinity
    }

    /// The lowest true-front z among front points with accuracy ≥ `accuracy`. O(log F).
    @inline(__always)
    static func frontMetricAbove(_ accuracy: Double, frontZ: UnsafeBufferPointer<Double>, frontAcc: UnsafeBufferPointer<Double>) -> Double {
        var lo = 0, hi = frontAcc.count  // first index with frontAcc >= accuracy
        while lo < hi {
            let mid = (lo + hi) >> 1
            if frontAcc[mid] < accuracy { lo = mid + 1 } else { hi = mid }
        }
        return lo < frontZ.count ? frontZ[lo] : Double.infinity
    }

    /// Hypervolume of points given in accuracy-descending order (accuracy maximised, z
    /// minimised); dominated points and points beyond the reference add nothing. O(k).
    @inline(__always)
    static func staircaseVolume<A: Collection, M: Collection>(accuracy: A, metric: M, reference: (accuracy: Double, metric: Double))
        -> Double
    where A.Element == Double, M.Element == Double {
        var best = reference.metric
        var volume = 0.0
        for (a, m) in zip(accuracy, metric) where a > reference.accuracy && m < best {
            volume += (a - reference.accuracy) * (best - m)
            best = m
        }
        return volume
    }
}

extension ReferencePoint {
    /// The hypervolume reference point (accuracy, z) of a trial whose subset has true z values
    /// `subsetZ` and whose true front's largest z is `frontMaxZ` (docs/study.md §3 step 2).
    /// - Complexity: O(N) for ``subsetMax``, O(1) otherwise.
    func point<Z: Sequence>(subsetZ: Z, frontMaxZ: Double) -> (accuracy: Double, metric: Double) where Z.Element == Double {
        switch self {
        case .subsetMax:
            var m = -Double.infinity
            for v in subsetZ where v > m { m = v }
            return (0, 1.1 * m)
        case .frontMax:
            return (0, 1.1 * frontMaxZ)
        case .explicit(let a, let m):
            return (a, m)
        }
    }
}
