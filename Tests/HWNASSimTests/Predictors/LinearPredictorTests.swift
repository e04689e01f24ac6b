// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

@Suite("Predictor: linear models") struct LinearPredictorTests {
    let stream = RandomStream(key: 1)

    @Test func linregEqualsNormalEquationsWhenFullRank() throws {
        var rng = SplitMix64(seed: 3)
        let x = Oracle.randomMatrix(40, 4, &rng)
        let y = (0..<40).map { i in 1.5 - 2 * x[i, 0] + 0.5 * x[i, 3] + 0.1 * (rng.unit() - 0.5) }
        var model = LinearRegression()
        try model.fit(x, y, stream: stream)
        let (ata, aty) = Oracle.normalEquations(Oracle.design(x), rows: 40, columns: 5, y)
        let c = Oracle.solve(ata, aty)
        #expect(Oracle.maxDifference(model.coefficients, c) < 1e-12)
        #expect(model.rank == 5)
        let test = Oracle.randomMatrix(7, 4, &rng)
        let expected = (0..<7).map { i in c[0] + (0..<4).reduce(0) { $0 + c[$1 + 1] * test[i, $1] } }
        #expect(Oracle.maxDifference(model.predict(test), expected) < 1e-12)
    }

    /// Fewer samples than coefficients: the minimum-norm solution Aᵀ (A Aᵀ)⁻¹ y (A has full
    /// row rank), for continuous features and for the NB201 one-hot at the study's 11 samples.
    @Test(arguments: [false, true]) func linregIsMinimumNormWhenUnderdetermined(oneHot: Bool) throws {
        var rng = SplitMix64(seed: oneHot ? 11 : 12)
        let x = oneHot ? Oracle.randomOneHot(11, &rng).0 : Oracle.randomMatrix(6, 9, &rng)
        let m = x.rows, n = x.columns + 1
        let y = (0..<m).map { _ in rng.unit() * 10 }
        var model = LinearRegression()
        try model.fit(x, y, stream: stream)
        let a = Oracle.design(x)
        var aat = [Double](repeating: 0, count: m * m)
        for i in 0..<m { for j in 0..<m { for k in 0..<n { aat[i * m + j] += a[i * n + k] * a[j * n + k] } } }
        let z = Oracle.solve(aat, y)
        let c = (0..<n).map { k in (0..<m).reduce(0) { $0 + a[$1 * n + k] * z[$1] } }
        #expect(Oracle.maxDifference(model.coefficients, c) < 1e-9)
        #expect(model.rank == m)
        #expect(Oracle.maxDifference(model.predict(x), y) < 1e-9)  // interpolates
    }

    /// Many samples of the one-hot: the design [1 X] has rank 25 of 31 (each edge's five
    /// columns sum to the intercept). The minimum-norm least-squares solution is the one that
    /// solves the normal equations and is orthogonal to the six null vectors
    /// (−1 at the intercept, +1 on an edge's five columns).
    @Test func linregIsMinimumNormOnRankDeficientOneHot() throws {
        var rng = SplitMix64(seed: 5)
        let (x, _) = Oracle.randomOneHot(300, &rng)
        let y = (0..<300).map { i in (0..<30).reduce(0) { $0 + x[i, $1] * Double($1 % 7) } + rng.unit() }
        var model = LinearRegression()
        try model.fit(x, y, stream: stream)
        #expect(model.rank == 25)
        let c = model.coefficients
        let (ata, aty) = Oracle.normalEquations(Oracle.design(x), rows: 300, columns: 31, y)
        for j in 0..<31 {
            let lhs = (0..<31).reduce(0) { $0 + ata[j * 31 + $1] * c[$1] }
            #expect(abs(lhs - aty[j]) < 1e-8 * max(1, abs(aty[j])))
        }
        for e in 0..<6 {
            let dot = -c[0] + (0..<5).reduce(0) { $0 + c[1 + e * 5 + $1] }
            #expect(abs(dot) < 1e-10)
        }
    }

    @Test func ridgeTendsToLinreg() throws {
        var rng = SplitMix64(seed: 8)
        let x = Oracle.randomMatrix(30, 5, &rng)
        let y = (0..<30).map { i in x[i, 1] * 3 - x[i, 2] + rng.unit() }
        var ols = LinearRegression()
        try ols.fit(x, y, stream: stream)
        let test = Oracle.randomMatrix(10, 5, &rng)
        for alpha in [0, 1e-12] {
            for standardize in [false, true] {
                var ridge = RidgeRegression(alpha: alpha, standardize: standardize)
                try ridge.fit(x, y, stream: stream)
                #expect(Oracle.maxDifference(ridge.predict(test), ols.predict(test)) < 1e-9)
            }
        }
    }

    /// A fixed α: w = (XcᵀXc + αI)⁻¹ Xcᵀ yc on centred data, b = ȳ − x̄·w.
    @Test func ridgeEqualsItsClosedForm() throws {
        var rng = SplitMix64(seed: 9)
        let x = Oracle.randomMatrix(12, 3, &rng)
        let y = (0..<12).map { _ in rng.unit() }
        var ridge = RidgeRegression(alpha: 0.7)
        try ridge.fit(x, y, stream: stream)
        let mean = (0..<3).map { j in x.column(j).reduce(0, +) / 12 }
        let ym = y.reduce(0, +) / 12
        var xc = x
        for i in 0..<12 { for j in 0..<3 { xc[i, j] -= mean[j] } }
        var (ata, aty) = Oracle.normalEquations(xc.values, rows: 12, columns: 3, y.map { $0 - ym })
        for j in 0..<3 { ata[j * 3 + j] += 0.7 }
        let w = Oracle.solve(ata, aty)
        let b = ym - (0..<3).reduce(0) { $0 + w[$1] * mean[$1] }
        #expect(Oracle.maxDifference(ridge.weights, w) < 1e-12)
        #expect(abs(ridge.intercept - b) < 1e-12)
    }

    @Test func ridgeGCVPicksLittlePenaltyForCleanDataAndMoreForNoise() throws {
        var rng = SplitMix64(seed: 10)
        let x = Oracle.randomMatrix(60, 8, &rng)
        let clean = (0..<60).map { i in (0..<8).reduce(0) { $0 + x[i, $1] * Double($1) } }
        let noise = (0..<60).map { _ in rng.unit() * 5 }
        var a = RidgeRegression(), b = RidgeRegression()
        try a.fit(x, clean, stream: stream)
        try b.fit(x, noise, stream: stream)
        #expect(a.chosenAlpha < b.chosenAlpha)
        #expect(Oracle.maxDifference(a.predict(x), clean) < 1e-3)
    }

    @Test func badTrainingSetsAreInputErrors() {
        var m = LinearRegression()
        #expect(throws: InputError.self) { try m.fit(FeatureMatrix([[1.0]]), [1, 2], stream: stream) }
        #expect(throws: InputError.self) { try m.fit(FeatureMatrix([[Double.nan]]), [1], stream: stream) }
        var r = RidgeRegression(alpha: -1)
        #expect(throws: InputError.self) { try r.fit(FeatureMatrix([[1.0], [2]]), [1, 2], stream: stream) }
        var g = GaussianProcess()
        let big = FeatureMatrix(rows: 2001, columns: 1, values: (0..<2001).map(Double.init))
        #expect(throws: InputError.self) { try g.fit(big, [Double](repeating: 0, count: 2001), stream: stream) }
    }
}

@Suite("Predictor: ridge leave-one-out") struct RidgeLeaveOneOutPredictorTests {
    /// The hat-matrix shortcut picks the grid α whose brute-force leave-one-out error (refit
    /// without each sample) is smallest.
    @Test func looChoiceEqualsBruteForce() throws {
        var rng = SplitMix64(seed: 13)
        let n = 15
        let x = Oracle.randomMatrix(n, 4, &rng)
        let y = (0..<n).map { i in x[i, 0] - 2 * x[i, 3] + 3 * rng.unit() }
        var ridge = RidgeRegression()
        ridge.selection = .loo
        try ridge.fit(x, y, stream: RandomStream(key: 1))
        var xc = x
        for j in 0..<4 {
            let m = x.column(j).reduce(0, +) / Double(n)
            for i in 0..<n { xc[i, j] -= m }
        }
        let sMax = try #require(DenseLinearAlgebra.svd(xc.values, rows: n, columns: 4)).s[0]
        let lo = Foundation.log(sMax * sMax * 1e-8), hi = Foundation.log(sMax * sMax * 1e3)
        var best = (alpha: 0.0, error: Double.infinity)
        for g in 0..<ridge.gridSize {
            let a = Foundation.exp(lo + (hi - lo) * Double(g) / Double(ridge.gridSize - 1))
            var total = 0.0
            for i in 0..<n {
                let keep = (0..<n).filter { $0 != i }
                var m = RidgeRegression(alpha: a)
                try m.fit(x.selecting(rows: keep), keep.map { y[$0] }, stream: RandomStream(key: 1))
                let e = m.predict(x.selecting(rows: [i]))[0] - y[i]
                total += e * e
            }
            if total < best.error { best = (a, total) }
        }
        #expect(abs(ridge.chosenAlpha / best.alpha - 1) < 1e-9)
        #expect(best.alpha > sMax * sMax * 1e-8)  // an interior choice, not the grid's end
    }
}
