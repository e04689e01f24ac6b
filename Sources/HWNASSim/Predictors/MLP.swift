// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A small fully connected network (`mlp`): ReLU hidden layers, trained with Adam on the
/// mean-squared error of z-scored targets in shuffled mini-batches.
///
/// Features are standardised on the training set (constant columns are only centred).
/// Initial weights (He normal: sd √(2 / fan-in), zero biases) and the batch order of every
/// epoch come from the trial's stream. `epochs` is a minimum: small training sets run until
/// ``minimumSteps`` optimiser steps. With `earlyStopping` a tenth of the training set
/// (at least 2 samples; only when there are 20 or more) is held out, and training stops
/// after `patience` epochs without a better held-out loss, keeping the best weights.
public struct MLP: Predictor {
    /// Widths of the hidden layers.
    public var hidden: [Int]
    /// Epochs to train (at least; see ``minimumSteps``).
    public var epochs: Int
    public var batchSize: Int
    public var learningRate: Double
    /// L2 penalty on the weights, ½ · decay · Σ‖W‖² added to the batch loss; nil for
    /// ``automaticDecay`` / n (n training samples: a fixed prior against a data term that grows
    /// with n).
    public var weightDecay: Double?
    /// The automatic weight decay's numerator: 15 / n gives 1e-3 at 15,000 samples, 0.011 at
    /// 1,366 and 0.12 at 124, each near the best of a decade grid on ImageNet16-120 /
    /// raspi4_latency.
    public static let automaticDecay = 15.0
    public var earlyStopping: Bool
    public var patience = 20
    /// Small training sets train for more epochs, until at least this many optimiser steps
    /// (124 samples in batches of 64 would otherwise get 120 steps in 60 epochs).
    public var minimumSteps = 1000
    /// Anneals the learning rate along a half cosine to 0 over the epochs (else constant).
    public var cosineSchedule = true

    /// The number of epochs the last fit ran.
    public private(set) var epochsRun = 0
    var network = MLPNetwork(sizes: [1, 1])
    var parameters: [Double] = []
    var xMean: [Double] = [], xScale: [Double] = []
    var yMean = 0.0, yScale = 1.0

    /// The defaults beat the study's XGBoost at 15,000 samples on its five pairs: 2 × 128 units,
    /// 60 epochs of batches of 64, Adam at 1e-3 on a cosine schedule, weight decay 15 / n.
    /// (200 epochs without decay overfit: tau 0.715 instead of 0.80 on ImageNet16-120 /
    /// raspi4_latency; a fixed decay of 1e-4 gives 0.759 there and 0.48 at 124 samples, where
    /// these defaults give 0.67.)
    public init(
        hidden: [Int] = [128, 128], epochs: Int = 60, batchSize: Int = 64, learningRate: Double = 1e-3,
        weightDecay: Double? = nil, earlyStopping: Bool = false
    ) {
        self.hidden = hidden
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.earlyStopping = earlyStopping
    }

    public var name: String { "mlp" }

    /// - Complexity: O(epochs × n × Σ layer products).
    public mutating func fit(_ features: FeatureMatrix, _ targets: [Double], stream: RandomStream) throws {
        try checkTrainingSet(features, targets)
        guard !hidden.isEmpty, hidden.allSatisfy({ $0 >= 1 }) else {
            throw InputError(key: "predictor.hidden", "mlp: hidden must list layer widths ≥ 1, got \(hidden)")
        }
        guard epochs >= 1 else { throw InputError(key: "predictor.epochs", "mlp: epochs must be ≥ 1, got \(epochs)") }
        guard batchSize >= 1 else { throw InputError(key: "predictor.batch_size", "mlp: batch_size must be ≥ 1, got \(batchSize)") }
        guard learningRate > 0, learningRate.isFinite else {
            throw InputError(key: "predictor.learning_rate", "mlp: learning_rate must be > 0, got \(learningRate)")
        }
        let n = features.rows, d = features.columns
        let decay = weightDecay ?? Self.automaticDecay / Double(n)
        guard decay >= 0, decay.isFinite else {
            throw InputError(key: "predictor.weight_decay", "mlp: weight_decay must be ≥ 0, got \(decay)")
        }
        // Standardise.
        xMean = (0..<d).map { j in (0..<n).reduce(0) { $0 + features[$1, j] } / Double(n) }
        xScale = (0..<d).map { j in
            let v = (0..<n).reduce(0) { $0 + (features[$1, j] - xMean[j]) * (features[$1, j] - xMean[j]) } / Double(n)
            return v > 0 ? v.squareRoot() : 1
        }
        yMean = targets.reduce(0, +) / Double(n)
        let ySD = (targets.reduce(0) { $0 + ($1 - yMean) * ($1 - yMean) } / Double(n)).squareRoot()
        yScale = ySD > 0 ? ySD : 1
        let x = standardized(features)
        let y = targets.map { ($0 - yMean) / yScale }

        network = MLPNetwork(sizes: [d] + hidden + [1])
        var p = [Double](repeating: 0, count: network.parameterCount)
        for l in 0..<network.layers {
            let sd = (2 / Double(network.sizes[l])).squareRoot()
            for k in 0..<(network.sizes[l] * network.sizes[l + 1]) { p[network.weightOffsets[l] + k] = stream.gaussian(sd) }
        }
        // Hold out a tenth for early stopping.
        var order = Array(0..<n)
        var validation: [Int] = []
        if earlyStopping && n >= 20 {
            for i in 0..<n { order.swapAt(i, i + stream.uniformInt(n - i)) }
            let v = max(2, n / 10)
            validation = Array(order.suffix(v))
            order = Array(order.prefix(n - v))
        }
        let trainRows = order
        let batch = min(batchSize, trainRows.count)
        let net = network
        let capacity = max(batch, validation.count)
        let ws = MLPNetwork.Workspace(net, capacity: capacity)
        // The training state, allocated once: parameters, gradient, Adam's two moments, one batch.
        let buffers = TrainingBuffers(parameters: p, batchCapacity: capacity, features: d)
        defer { buffers.deallocate() }
        var adam = Adam()
        var best = (loss: Double.infinity, parameters: p, epoch: 0)
        var rows = trainRows
        epochsRun = 0
        let stepsPerEpoch = (rows.count + batch - 1) / batch
        let epochCount = max(epochs, (minimumSteps + stepsPerEpoch - 1) / stepsPerEpoch)
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in
                for epoch in 1...epochCount {
                    let epochRate =
                        cosineSchedule ? learningRate * 0.5 * (1 + cos(Double.pi * Double(epoch - 1) / Double(epochCount))) : learningRate
                    for i in 0..<rows.count { rows.swapAt(i, i + stream.uniformInt(rows.count - i)) }
                    var start = 0
                    while start < rows.count {
                        let count = min(batch, rows.count - start)
                        // 1. Gather the batch's rows; 2. forward and backward; 3. one Adam step.
                        rows.withUnsafeBufferPointer { buffers.gather($0[start..<(start + count)], x: xp, y: yp, columns: d) }
                        _ = net.lossAndGradient(
                            buffers.parameters, buffers.xBatch, buffers.yBatch, batch: count, decay: decay,
                            gradient: buffers.gradient, ws, withLoss: false)
                        adam.step(buffers, count: net.parameterCount, rate: epochRate)
                        start += count
                    }
                    epochsRun = epoch
                    guard !validation.isEmpty else { continue }
                    // Held-out loss; keep the best weights, stop after `patience` epochs without one.
                    buffers.gather(validation[...], x: xp, y: yp, columns: d)
                    let out = net.forward(buffers.parameters, buffers.xBatch, batch: validation.count, ws)
                    var loss = 0.0
                    for k in 0..<validation.count { loss += (out[k] - buffers.yBatch[k]) * (out[k] - buffers.yBatch[k]) }
                    if loss < best.loss {
                        best = (loss, Array(UnsafeBufferPointer(start: buffers.parameters, count: net.parameterCount)), epoch)
                    } else if epoch - best.epoch >= patience {
                        break
                    }
                }
            }
        }
        p = Array(UnsafeBufferPointer(start: buffers.parameters, count: net.parameterCount))
        if !validation.isEmpty { p = best.parameters }
        parameters = p
    }

    /// The buffers of one fit: parameters, gradient, Adam's first and second moments (each
    /// parameterCount values) and one batch of standardised rows and targets.
    struct TrainingBuffers {
        let parameters, gradient, m1, m2: UnsafeMutablePointer<Double>
        let xBatch, yBatch: UnsafeMutablePointer<Double>

        init(parameters p: [Double], batchCapacity: Int, features d: Int) {
            func zeros(_ n: Int) -> UnsafeMutablePointer<Double> {
                let b = UnsafeMutablePointer<Double>.allocate(capacity: max(n, 1))
                b.initialize(repeating: 0, count: max(n, 1))
                return b
            }
            let start = zeros(p.count)
            p.withUnsafeBufferPointer { start.update(from: $0.baseAddress!, count: p.count) }
            parameters = start
            gradient = zeros(p.count)
            m1 = zeros(p.count)
            m2 = zeros(p.count)
            xBatch = zeros(batchCapacity * d)
            yBatch = zeros(batchCapacity)
        }

        /// Copies the rows `rows` of `x` (n × `columns`) and their targets into the batch buffers.
        /// - Complexity: O(rows.count × columns).
        @inline(__always)
        func gather<C: Collection<Int>>(_ rows: C, x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>, columns d: Int) {
            var k = 0
            for r in rows {
                (xBatch + k * d).update(from: x.baseAddress! + r * d, count: d)
                yBatch[k] = y[r]
                k += 1
            }
        }

        func deallocate() {
            for b in [parameters, gradient, m1, m2, xBatch, yBatch] { b.deallocate() }
        }
    }

    /// Adam (Kingma & Ba) with bias correction folded into the step size and ε:
    /// p ← p − rate · √(1 − β₂ᵗ) / (1 − β₁ᵗ) · m₁ / (√m₂ + ε √(1 − β₂ᵗ)).
    struct Adam {
        let b1 = 0.9, b2 = 0.999, eps = 1e-8
        var step = 0

        /// One update of the `count` parameters in `buffers` from their gradient.
        /// - Complexity: O(count), one branch-free pass.
        @inline(__always)
        mutating func step(_ buffers: TrainingBuffers, count: Int, rate epochRate: Double) {
            step += 1
            let c1 = 1 - pow(b1, Double(step)), c2 = 1 - pow(b2, Double(step))
            let rate = epochRate * c2.squareRoot() / c1
            let epsHat = eps * c2.squareRoot()
            let p = buffers.parameters, g = buffers.gradient, m1 = buffers.m1, m2 = buffers.m2
            // Four at a time in SIMD registers (square roots and divisions dominate), then the rest.
            let wide = count / 4 * 4
            var k = 0
            while k < wide {
                let gk = Self.load(g + k)
                let a = b1 * Self.load(m1 + k) + (1 - b1) * gk
                let v = b2 * Self.load(m2 + k) + (1 - b2) * gk * gk
                Self.store(a, m1 + k)
                Self.store(v, m2 + k)
                Self.store(Self.load(p + k) - rate * a / (v.squareRoot() + epsHat), p + k)
                k += 4
            }
            for k in wide..<count {
                let gk = g[k]
                let a = b1 * m1[k] + (1 - b1) * gk
                let v = b2 * m2[k] + (1 - b2) * gk * gk
                m1[k] = a
                m2[k] = v
                p[k] -= rate * a / (v.squareRoot() + epsHat)
            }
        }

        @inline(__always) static func load(_ p: UnsafeMutablePointer<Double>) -> SIMD4<Double> {
            UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
        }

        @inline(__always) static func store(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>) {
            UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self)
        }
    }

    func standardized(_ features: FeatureMatrix) -> [Double] {
        let d = features.columns
        var x = features.values
        for i in 0..<features.rows { for j in 0..<d { x[i * d + j] = (x[i * d + j] - xMean[j]) / xScale[j] } }
        return x
    }

    /// - Complexity: O(rows × Σ layer products).
    public func predict(_ features: FeatureMatrix) -> [Double] {
        precondition(!parameters.isEmpty && features.columns == network.sizes[0], "mlp: predict before fit, or wrong number of features")
        var x = standardized(features)
        var p = parameters
        let d = features.columns
        let chunk = 1024
        let ws = MLPNetwork.Workspace(network, capacity: min(chunk, max(1, features.rows)))
        var out = [Double](repeating: 0, count: features.rows)
        var start = 0
        while start < features.rows {
            let count = min(chunk, features.rows - start)
            p.withUnsafeMutableBufferPointer { pp in
                x.withUnsafeMutableBufferPointer { xp in
                    let o = network.forward(pp.baseAddress!, xp.baseAddress! + start * d, batch: count, ws)
                    for k in 0..<count { out[start + k] = yMean + yScale * o[k] }
                }
            }
            start += count
        }
        return out
    }
}
