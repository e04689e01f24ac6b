// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

/// `linreg` on one-hot rows through accumulated co-occurrence counts: the counts against the
/// dense Gram matrix, the closed-form minimum-norm solve against the SVD, and the nested
/// training sets of a split against fits of each size alone.
@Suite("Predictor: one-hot least squares") struct OneHotLeastSquaresTests {
    /// Random rows of `slots × choices` one-hot features; slot s draws only among its first
    /// `allowed[s]` choices (the others stay unseen: zero columns).
    static func rows(_ n: Int, slots: Int, choices: Int, allowed: [Int]? = nil, _ rng: inout SplitMix64) -> (FeatureMatrix, [Int32]) {
        var values = [Double](repeating: 0, count: n * slots * choices)
        var hot = [Int32](repeating: 0, count: n * slots)
        for i in 0..<n {
            for s in 0..<slots {
                let c = rng.int(allowed?[s] ?? choices)
                values[i * slots * choices + s * choices + c] = 1
                hot[i * slots + s] = Int32(s * choices + c)
            }
        }
        return (FeatureMatrix(rows: n, columns: slots * choices, values: values), hot)
    }

    static func accumulate(_ hot: [Int32], _ y: [Double], slots: Int, choices: Int) -> OneHotLeastSquares {
        var ls = OneHotLeastSquares(slots: slots, choices: choices)
        hot.withUnsafeBufferPointer { h in for i in y.indices { ls.add(hot: h.baseAddress! + i * slots, y[i]) } }
        return ls
    }

    @Test(arguments: [(6, 5, 1), (6, 5, 124), (6, 5, 3000), (22, 9, 40)])
    func countsEqualTheDenseGramMatrix(slots: Int, choices: Int, n: Int) {
        var rng = SplitMix64(seed: UInt64(n + slots))
        let (x, hot) = Self.rows(n, slots: slots, choices: choices, &rng)
        let y = (0..<n).map { _ in rng.unit() - 0.5 }
        let ls = Self.accumulate(hot, y, slots: slots, choices: choices)
        let p = 1 + slots * choices
        let dense = DenseLinearAlgebra.gram(Oracle.design(x), rows: n, columns: p, features: true)
        var upper = ls.gram
        for i in 0..<p { for j in 0..<i { upper[i * p + j] = 0 } }  // dsyrk fills the upper triangle
        #expect(upper == dense)
        // [1 X]ᵀ y, summed in row order.
        let design = Oracle.design(x)
        let xty = (0..<p).map { j in (0..<n).reduce(0.0) { $0 + design[$1 * p + j] * y[$1] } }
        #expect(ls.xty == xty)
        #expect(ls.rows == n)
    }

    /// The closed form against the SVD's minimum-norm solution (``LinearRegression``):
    /// coefficients and predictions on every row to 1e-10, with unseen features, and nil
    /// (the caller's SVD fallback) when there are fewer rows than reference-coded unknowns.
    @Test func solveEqualsTheSVDsMinimumNormSolution() throws {
        var rng = SplitMix64(seed: 17)
        var solved = 0, declined = 0
        let cases: [(n: Int, allowed: [Int]?)] = [
            (11, nil), (25, nil), (40, nil), (124, nil), (1366, nil),
            (60, [5, 3, 1, 5, 2, 4]), (300, [1, 1, 5, 5, 5, 2]), (8, [2, 1, 1, 1, 1, 2])
        ]
        for (n, allowed) in cases {
            for _ in 0..<4 {
                let (x, hot) = Self.rows(n, slots: 6, choices: 5, allowed: allowed, &rng)
                var y: [Double] = []
                for i in 0..<n {
                    var v = rng.unit()
                    for j in 0..<30 { v += x[i, j] * Double(j % 7) }
                    y.append(v)
                }
                let ls = Self.accumulate(hot, y, slots: 6, choices: 5)
                var svd = LinearRegression()
                try svd.fit(x, y, stream: RandomStream(key: 0))
                // The structural rank: 1 + Σ (seen choices of a slot − 1).
                var structural = 1
                for s in 0..<6 {
                    let seen: Set<Int32> = Set((0..<n).map { hot[$0 * 6 + s] })
                    structural += seen.count - 1
                }
                guard let c = ls.solve() else {
                    declined += 1
                    #expect(svd.rank < structural, "declined a full-rank case: n \(n)")
                    continue
                }
                solved += 1
                #expect(svd.rank == structural)
                let scale = max(1, svd.coefficients.map(abs).max()!)
                #expect(Oracle.maxDifference(c, svd.coefficients) < 1e-10 * scale, "n \(n) allowed \(allowed ?? [])")
                let (all, allHot) = Self.rows(200, slots: 6, choices: 5, &rng)
                let fast = c.withUnsafeBufferPointer { cp in
                    allHot.withUnsafeBufferPointer { h in
                        (0..<200).map { OneHotLeastSquares.predict(cp, hot: h.baseAddress! + $0 * 6, slots: 6) }
                    }
                }
                #expect(Oracle.maxDifference(fast, svd.predict(all)) < 1e-10 * scale)
            }
        }
        #expect(solved >= 20 && declined >= 4, "solved \(solved), declined \(declined)")
    }

    /// A training set of duplicated rows: singular reference-coded equations, nil.
    @Test func collinearRowsAreDeclined() {
        let hot: [Int32] = [0, 5, 10, 15, 20, 25, 1, 6, 11, 16, 21, 26]
        var rows: [Int32] = []
        for _ in 0..<20 { rows += hot }
        let ls = Self.accumulate(rows, (0..<40).map(Double.init), slots: 6, choices: 5)
        #expect(ls.solve() == nil)
    }

    static let task = LearningCurvePredictorTests.task

    /// The pinned learning curve's linreg rows (cifar10 / pixel3_latency, seed 4, 3 splits of
    /// 300 test architectures, 11 and 124 samples) through both paths: at 11 samples the
    /// equations are singular and both take the SVD (equal bits); at 124 the scores agree to
    /// rounding, the rank scores exactly.
    @Test func pinnedCurveThroughBothPaths() throws {
        let table = try MetricTable.loadNB201(dataset: "cifar10", directory: Fixtures.dataDirectory, metrics: ["pixel3_latency"])
        let task = try LearningCurve.Task(nb201: table, metric: "pixel3_latency")
        let spec = try ModelSpec.parse(model: "linreg")
        for trial in 0..<3 {
            let fast = try LearningCurve.split(task, spec: spec, sizes: [11, 124], testSamples: 300, trial: trial, seed: 4)
            let svd = try LearningCurve.split(
                task, spec: spec, sizes: [11, 124], testSamples: 300, trial: trial, seed: 4,
                oneHotNormalEquations: false)
            #expect(fast[0].scores == svd[0].scores)
            let a = fast[1].scores, b = svd[1].scores
            #expect(a.kendallTau == b.kendallTau && a.spearman == b.spearman)
            for (x, y) in zip(a.values, b.values) { #expect(abs(x - y) <= 1e-12 * abs(y), "\(x) vs \(y)") }
            print("pinned linreg trial \(trial) at 124: fast \(a.values) svd \(b.values)")
        }
    }

    /// A split at several sizes (unsorted, with measurement noise) equals each size's trial
    /// alone, bit for bit, and the fast path agrees with the SVD path to rounding.
    @Test func nestedSizesEqualEachSizeAlone() throws {
        let spec = try ModelSpec.parse(model: "linreg")
        let sizes = [11, 124, 55, 1366, 300]
        for noise in [0.0, 0.1] {
            let split = try LearningCurve.split(
                Self.task, spec: spec, sizes: sizes, testSamples: 300, trial: 3, seed: 9, measurementNoise: noise)
            for (i, k) in sizes.enumerated() {
                let alone = try LearningCurve.trial(
                    Self.task, spec: spec, trainSamples: k, testSamples: 300, trial: 3, seed: 9, measurementNoise: noise)
                #expect(split[i].scores == alone.scores, "size \(k) noise \(noise)")
            }
        }
    }

    /// The fast path's scores against the SVD path's on the same split: rank scores equal,
    /// the others to 1e-10.
    @Test func fastPathScoresEqualTheSVDs() throws {
        let spec = try ModelSpec.parse(model: "linreg")
        let task = Self.task
        for (trial, k) in [(0, 124), (1, 1366), (2, 3000)] {
            let fast = try LearningCurve.trial(task, spec: spec, trainSamples: k, testSamples: 400, trial: trial, seed: 5).scores
            let svd = try LearningCurve.split(
                task, spec: spec, sizes: [k], testSamples: 400, trial: trial, seed: 5,
                oneHotNormalEquations: false)[0].scores
            #expect(fast.kendallTau == svd.kendallTau && fast.spearman == svd.spearman, "size \(k)")
            for (a, b) in zip(fast.values, svd.values) { #expect(abs(a - b) <= 1e-10 * max(1, abs(b)), "size \(k): \(a) vs \(b)") }
        }
    }
}
