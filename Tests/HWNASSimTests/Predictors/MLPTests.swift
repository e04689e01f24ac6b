// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

@Suite("Predictor: MLP") struct MLPPredictorTests {
    /// The backward pass against central differences of the loss, every parameter.
    @Test(arguments: [0.0, 0.05]) func gradientMatchesFiniteDifferences(decay: Double) {
        var rng = SplitMix64(seed: decay == 0 ? 31 : 32)
        let net = MLPNetwork(sizes: [4, 6, 5, 1])
        let batch = 7
        var p = (0..<net.parameterCount).map { _ in rng.unit() - 0.5 }
        var x = (0..<(batch * 4)).map { _ in rng.unit() * 2 - 1 }
        let y = (0..<batch).map { _ in rng.unit() }
        let ws = MLPNetwork.Workspace(net, capacity: batch)
        var g = [Double](repeating: 0, count: net.parameterCount), scratch = g
        func loss(_ q: inout [Double]) -> Double {
            q.withUnsafeMutableBufferPointer { qp in
                x.withUnsafeMutableBufferPointer { xp in
                    y.withUnsafeBufferPointer { yp in
                        scratch.withUnsafeMutableBufferPointer { sp in
                            net.lossAndGradient(
                                qp.baseAddress!, xp.baseAddress!, yp.baseAddress!, batch: batch, decay: decay, gradient: sp.baseAddress!, ws
                            )
                        }
                    }
                }
            }
        }
        _ = loss(&p)
        g = scratch
        let h = 1e-6
        var worst = 0.0
        for k in 0..<net.parameterCount {
            let saved = p[k]
            p[k] = saved + h
            let up = loss(&p)
            p[k] = saved - h
            let down = loss(&p)
            p[k] = saved
            let fd = (up - down) / (2 * h)
            let rel = abs(fd - g[k]) / max(abs(fd) + abs(g[k]), 1e-6)
            worst = max(worst, rel)
        }
        #expect(worst <= 1e-5, "worst relative error \(worst)")
    }

    @Test func fitsAnAdditiveTableAndIsDeterministic() throws {
        var rng = SplitMix64(seed: 33)
        let (x, ops) = Oracle.randomOneHot(400, &rng)
        let f = { (o: [Int]) in o.enumerated().reduce(0.0) { $0 + Double(($1.offset + 1) * $1.element) } }
        let y = ops.map(f)
        var m1 = MLP(hidden: [32, 32], epochs: 40, batchSize: 32, learningRate: 3e-3)
        var m2 = m1
        try m1.fit(x, y, stream: RandomStream(key: 5))
        try m2.fit(x, y, stream: RandomStream(key: 5))
        let (tx, tops) = Oracle.randomOneHot(100, &rng)
        let p = m1.predict(tx)
        #expect(p == m2.predict(tx))
        let tau = try #require(KendallTau.tauB(p, tops.map(f)))
        #expect(tau > 0.75)  // 0.82 for this seed; linreg is exact here, the MLP only has to learn
        var m3 = m1
        try m3.fit(x, y, stream: RandomStream(key: 6))
        #expect(m3.predict(tx) != p)
    }

    @Test func earlyStoppingStopsAndOptionsAreChecked() throws {
        var rng = SplitMix64(seed: 34)
        let x = Oracle.randomMatrix(100, 3, &rng)
        let y = (0..<100).map { _ in rng.unit() }  // pure noise: the held-out loss stops improving
        var m = MLP(hidden: [16], epochs: 500, batchSize: 16, earlyStopping: true)
        m.patience = 5
        try m.fit(x, y, stream: RandomStream(key: 1))
        #expect(m.epochsRun < 500)
        for bad in [MLP(hidden: []), MLP(epochs: 0), MLP(batchSize: 0), MLP(learningRate: 0), MLP(weightDecay: -1)] {
            var b = bad
            #expect(throws: InputError.self) { try b.fit(x, y, stream: RandomStream(key: 1)) }
        }
    }
}
