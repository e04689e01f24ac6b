// SPDX-License-Identifier: GPL-3.0-or-later

/// Ordinary least squares with an intercept on one-hot rows (`linreg` on a one-hot encoding),
/// accumulated row by row: the Gram matrix [1 X]ᵀ[1 X] is a table of co-occurrence counts,
/// kept as integers, and [1 X]ᵀ y a sum per feature, so that the training sets of a
/// learning-curve split, which are nested, extend one another instead of being refitted.
///
/// ``solve()`` returns the minimum-norm solution, the one ``LinearRegression`` gets from the
/// SVD of the design, when the design has its structural rank: an unseen feature (a zero
/// column) gets 0, and each slot's seen features sum to the intercept (the design's null space
/// is spanned by the unseen features' unit vectors and, per slot, −1 on the intercept and +1 on
/// the slot's seen features). It solves the reference-coded normal equations (one seen feature
/// per slot dropped: full rank) by Cholesky, then projects the solution off that null space in
/// closed form. When the reference-coded system is singular or badly conditioned (fewer
/// samples than its unknowns, chance collinearity) it returns nil and the caller falls back
/// on the SVD.
///
/// Predictions agree with the SVD's to rounding (about 1e-13 relative on the NB201 tables),
/// not bit for bit.
struct OneHotLeastSquares {
    let slots: Int
    let choices: Int
    /// Unknowns: the intercept, then `slots × choices` features.
    var p: Int { 1 + slots * choices }
    /// Upper triangle (row-major, p × p) of the co-occurrence counts; index 0 is the intercept.
    private(set) var counts: [Int32]
    /// [1 X]ᵀ y, summed in row order.
    private(set) var xty: [Double]
    /// Rows accumulated.
    private(set) var rows = 0

    init(slots: Int, choices: Int) {
        self.slots = slots
        self.choices = choices
        let p = 1 + slots * choices
        counts = [Int32](repeating: 0, count: p * p)
        xty = [Double](repeating: 0, count: p)
    }

    /// Adds a row whose hot feature of slot s is `hot[s]` (a column of the one-hot features,
    /// `s × choices + choice`), with target `y`.
    /// - Complexity: O(slots²).
    mutating func add(hot: UnsafePointer<Int32>, _ y: Double) {
        withUnsafePointer(to: y) { add(rows: CollectionOfOne(0), hot: hot, y: $0) }
    }

    /// Adds rows `rows` of `hot` (`slots` columns per row, see ``add(hot:_:)``), in order, the
    /// k-th with target `y[k]`.
    /// - Complexity: O(rows.count × slots²).
    mutating func add<C: Collection<Int>>(rows indices: C, hot: UnsafePointer<Int32>, y: UnsafePointer<Double>) {
        let p = self.p, s = slots
        counts.withUnsafeMutableBufferPointer { cb in
            xty.withUnsafeMutableBufferPointer { vb in
                let c = cb.baseAddress!, v = vb.baseAddress!
                var k = 0
                for r in indices {
                    let h = hot + r * s, target = y[k]
                    c[0] &+= 1
                    v[0] += target
                    for a in 0..<s {
                        let i = Int(h[a]) + 1
                        c[i] &+= 1  // (intercept, feature)
                        v[i] += target
                        let row = c + i * p + 1
                        for b in a..<s { row[Int(h[b])] &+= 1 }
                    }
                    k += 1
                }
            }
        }
        rows += indices.count
    }

    /// The dense Gram matrix [1 X]ᵀ[1 X] (p × p, both triangles), for checks.
    /// - Complexity: O(p²).
    var gram: [Double] {
        var g = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in i..<p {
                g[i * p + j] = Double(counts[i * p + j])
                g[j * p + i] = g[i * p + j]
            }
        }
        return g
    }

    /// A pivot of the reference-coded Cholesky factor below this fraction of its diagonal
    /// entry counts as singular (the caller then takes the SVD).
    static let pivotTolerance = 1e-6

    /// The minimum-norm least-squares coefficients (intercept first), or nil when the
    /// reference-coded normal equations are singular or badly conditioned.
    /// - Complexity: O(r³) for r = 1 + Σ (seen features of a slot − 1) unknowns.
    func solve() -> [Double]? {
        guard rows > 0 else { return nil }
        let p = self.p
        // Seen features per slot; the first seen one of each slot is its reference.
        var unknowns: [Int] = [0]
        var seen = [Int](repeating: 0, count: slots)
        for s in 0..<slots {
            var reference = true
            for c in 0..<choices {
                let j = 1 + s * choices + c
                guard counts[j * p + j] > 0 else { continue }
                seen[s] += 1
                if reference { reference = false } else { unknowns.append(j) }
            }
        }
        let r = unknowns.count
        guard rows >= r else { return nil }
        // The reference-coded normal equations R z = b, R's lower triangle factored in place.
        var m = [Double](repeating: 0, count: r * r)
        var z = [Double](repeating: 0, count: r)
        for a in 0..<r {
            for b in 0...a {
                let i = unknowns[b], j = unknowns[a]
                m[a * r + b] = Double(counts[i * p + j])
            }
            z[a] = xty[unknowns[a]]
        }
        let ok = m.withUnsafeMutableBufferPointer { l -> Bool in
            for a in 0..<r {
                let diagonal = l[a * r + a]
                var d = diagonal
                for k in 0..<a { d -= l[a * r + k] * l[a * r + k] }
                guard d > Self.pivotTolerance * diagonal else { return false }
                let root = d.squareRoot()
                l[a * r + a] = root
                for b in (a + 1)..<r {
                    var v = l[b * r + a]
                    for k in 0..<a { v -= l[b * r + k] * l[a * r + k] }
                    l[b * r + a] = v / root
                }
            }
            return true
        }
        guard ok else { return nil }
        // L w = b, then Lᵀ z = w.
        for a in 0..<r {
            var v = z[a]
            for k in 0..<a { v -= m[a * r + k] * z[k] }
            z[a] = v / m[a * r + a]
        }
        for a in stride(from: r - 1, through: 0, by: -1) {
            var v = z[a]
            for k in (a + 1)..<r { v -= m[k * r + a] * z[k] }
            z[a] = v / m[a * r + a]
        }
        var c = [Double](repeating: 0, count: p)
        for a in 0..<r { c[unknowns[a]] = z[a] }
        // Project off the null space spanned by v_s (−1 intercept, +1 on slot s's seen
        // features): c −= N w with (NᵀN) w = Nᵀc, NᵀN = diag(seen) + 11ᵀ (Sherman–Morrison).
        var t = [Double](repeating: 0, count: slots)
        var dt = 0.0, d1 = 0.0
        for s in 0..<slots {
            var sum = -c[0]
            for ch in 0..<choices { sum += c[1 + s * choices + ch] }
            t[s] = sum
            dt += sum / Double(seen[s])
            d1 += 1 / Double(seen[s])
        }
        let shift = dt / (1 + d1)
        var interceptShift = 0.0
        for s in 0..<slots {
            let w = (t[s] - shift) / Double(seen[s])
            interceptShift += w
            for ch in 0..<choices {
                let j = 1 + s * choices + ch
                if counts[j * p + j] > 0 { c[j] -= w }
            }
        }
        c[0] += interceptShift
        return c
    }

    /// intercept + Σ_s c[hot[s]] for one row of `hot` columns.
    /// - Complexity: O(slots).
    @inline(__always)
    static func predict(_ c: UnsafeBufferPointer<Double>, hot: UnsafePointer<Int32>, slots: Int) -> Double {
        var v = c[0]
        for s in 0..<slots { v += c[Int(hot[s]) + 1] }
        return v
    }
}

extension OneHotEncoding {
    /// The hot column (`slot × choices + choice`) of every slot of every row of `features`,
    /// row after row, or nil when a row is not a one-hot vector of this encoding.
    /// - Complexity: O(rows × features).
    func hotColumns(_ features: FeatureMatrix) -> [Int32]? {
        let s = slots, k = choiceCount, p = features.columns
        guard p == s * k else { return nil }
        var out = [Int32](repeating: 0, count: features.rows * s)
        let ok = features.values.withUnsafeBufferPointer { x -> Bool in
            for i in 0..<features.rows {
                let row = x.baseAddress! + i * p
                for slot in 0..<s {
                    var hot = -1, ones = 0, others = 0
                    for c in 0..<k {
                        let v = row[slot * k + c]
                        if v == 1 {
                            hot = c
                            ones += 1
                        } else if v != 0 {
                            others += 1
                        }
                    }
                    guard ones == 1, others == 0 else { return false }
                    out[i * s + slot] = Int32(slot * k + hot)
                }
            }
            return true
        }
        return ok ? out : nil
    }
}
