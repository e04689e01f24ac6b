// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim

/// Pool-adjacent-violators (``IsotonicRegression``): exact on hand-made tables, monotone on
/// random input, and the least-squares optimum against a quadratic reference.
@Suite struct IsotonicRegressionTests {
    static func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
    }

    @Test func poolsTheOneViolator() {
        let f = IsotonicRegression(x: [1, 2, 3, 4], y: [1, 3, 2, 4])
        #expect(f.knots == [1, 2, 3, 4])
        #expect(f.values == [1, 2.5, 2.5, 4])
    }

    @Test func alreadyMonotoneInputIsUnchanged() {
        let y = [0.5, 0.5, 1, 7, 7.25]
        let f = IsotonicRegression(x: [10, 20, 30, 40, 50], y: y)
        #expect(f.values == y)
    }

    @Test func decreasingInputBecomesItsWeightedMean() {
        let f = IsotonicRegression(x: [1, 2, 3], y: [9, 6, 3], weights: [1, 1, 4])
        // (9 + 6 + 4·3) / 6 = 4.5 everywhere.
        #expect(f.values == [4.5, 4.5, 4.5])
        #expect(IsotonicRegression(x: [1, 2, 3], y: [9, 6, 3]).values == [6, 6, 6])
    }

    @Test func weightsMoveThePooledValue() {
        // y = [1, 3, 2, 4], weight 3 on the 2: the pool of (3, 2) is (3 + 3·2) / 4 = 2.25.
        let f = IsotonicRegression(x: [1, 2, 3, 4], y: [1, 3, 2, 4], weights: [1, 1, 3, 1])
        #expect(f.values == [1, 2.25, 2.25, 4])
    }

    @Test func tiesInXArePooledFirst() {
        // x = 2 twice (y 5 and 1: mean 3 at weight 2), in any input order; then 3 > 2 at x = 3
        // pools again: (2·3 + 1·2) / 3 = 8/3.
        let f = IsotonicRegression(x: [3, 2, 1, 2], y: [2, 5, 0, 1])
        #expect(f.knots == [1, 2, 3])
        #expect(Self.close(f.values, [0, 8.0 / 3, 8.0 / 3]))
        // Weighted ties: (1·5 + 3·1) / 4 = 2 at x = 2, below x = 3's 2: no further pooling.
        let g = IsotonicRegression(x: [3, 2, 1, 2], y: [2.5, 5, 0, 1], weights: [1, 1, 1, 3])
        #expect(g.values == [0, 2, 2.5])
    }

    @Test func predictsTheStepAtOrBelowAndClamps() {
        let f = IsotonicRegression(x: [1, 2, 3, 4], y: [1, 3, 2, 4])
        #expect(f(0) == 1)  // below the range: the first value
        #expect(f(1) == 1)
        #expect(f(1.99) == 1)  // a step, not an interpolation
        #expect(f(2) == 2.5)
        #expect(f(3.5) == 2.5)
        #expect(f(4) == 4)
        #expect(f(100) == 4)  // above: the last
        #expect(IsotonicRegression(x: [5], y: [0.7])(-3) == 0.7)
    }

    /// The O(n²) textbook definition: f(xᵢ) = max over j ≤ i of min over k ≥ i of the weighted
    /// mean of points j...k (points sorted by x, ties pooled).
    static func reference(x: [Double], y: [Double], w: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var xs: [Double] = [], sy: [Double] = [], sw: [Double] = []
        for i in order {
            if xs.last == x[i] {
                sy[sy.count - 1] += w[i] * y[i]
                sw[sw.count - 1] += w[i]
            } else {
                xs.append(x[i])
                sy.append(w[i] * y[i])
                sw.append(w[i])
            }
        }
        let m = xs.count
        return (0..<m).map { i in
            var best = -Double.infinity
            for j in 0...i {
                var low = Double.infinity
                for k in i..<m {
                    let num = (j...k).reduce(0) { $0 + sy[$1] }, den = (j...k).reduce(0) { $0 + sw[$1] }
                    low = min(low, num / den)
                }
                best = max(best, low)
            }
            return best
        }
    }

    @Test func fitIsMonotoneAndTheLeastSquaresOptimumOnRandomInput() {
        for t in 0..<300 {
            let rng = RandomStream(key: StreamKey.derive(24, UInt64(t)))
            let n = 1 + rng.uniformInt(12)
            let x = (0..<n).map { _ in Double(rng.uniformInt(8)) }  // ties are common
            let y = (0..<n).map { _ in rng.gaussian(2) + Double(rng.uniformInt(3)) }
            let w = (0..<n).map { _ in rng.uniform(0.1, 3) }
            let f = IsotonicRegression(x: x, y: y, weights: t % 2 == 0 ? w : nil)
            #expect(zip(f.values, f.values.dropFirst()).allSatisfy { $0 <= $1 }, "trial \(t)")
            #expect(zip(f.knots, f.knots.dropFirst()).allSatisfy { $0 < $1 }, "trial \(t)")
            let want = Self.reference(x: x, y: y, w: t % 2 == 0 ? w : Array(repeating: 1, count: n))
            #expect(Self.close(f.values, want, 1e-9), "trial \(t): \(f.values) vs \(want)")
            // No monotone perturbation of the fit lowers the weighted squared error.
            let weights = t % 2 == 0 ? w : Array(repeating: 1, count: n)
            func loss(_ g: (Double) -> Double) -> Double {
                (0..<n).reduce(0) { $0 + weights[$1] * (y[$1] - g(x[$1])) * (y[$1] - g(x[$1])) }
            }
            let best = loss { f($0) }
            for cut in f.knots {  // raise every step from a knot on, or lower every one below it: still monotone
                #expect(best <= loss { $0 >= cut ? f($0) + 0.01 : f($0) } + 1e-9, "trial \(t)")
                #expect(best <= loss { $0 < cut ? f($0) - 0.01 : f($0) } + 1e-9, "trial \(t)")
            }
            // Predictions are non-decreasing in x over and beyond the range.
            let grid = stride(from: -1.0, through: 9, by: 0.25).map { f($0) }
            #expect(zip(grid, grid.dropFirst()).allSatisfy { $0 <= $1 }, "trial \(t)")
        }
    }
}
