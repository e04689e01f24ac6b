// SPDX-License-Identifier: GPL-3.0-or-later

/// A fully connected ReLU network with one linear output: its parameters as one flat vector,
/// and the forward and backward passes with the matrix products through `gsl_blas_dgemm`.
///
/// Layer l maps `sizes[l]` inputs to `sizes[l + 1]` outputs with a row-major weight matrix
/// W_l (inputs × outputs) then a bias b_l, stored W_0, b_0, W_1, b_1, … ReLU follows every
/// layer but the last. The loss of a batch is ½ · mean((output − y)²) + ½ · decay · Σ ‖W_l‖²
/// (biases are not decayed).
struct MLPNetwork {
    /// Layer widths, input first, output (1) last.
    let sizes: [Int]
    let weightOffsets: [Int]
    let biasOffsets: [Int]
    let parameterCount: Int

    init(sizes: [Int]) {
        precondition(sizes.count >= 2 && sizes.allSatisfy { $0 >= 1 } && sizes.last == 1)
        self.sizes = sizes
        var w: [Int] = [], b: [Int] = [], o = 0
        for l in 0..<(sizes.count - 1) {
            w.append(o)
            o += sizes[l] * sizes[l + 1]
            b.append(o)
            o += sizes[l + 1]
        }
        weightOffsets = w
        biasOffsets = b
        parameterCount = o
    }

    var layers: Int { sizes.count - 1 }

    /// Buffers for the activations and deltas of batches of up to `capacity` rows.
    final class Workspace {
        let capacity: Int
        /// activations[l]: capacity × sizes[l + 1] (after ReLU, the last one linear).
        let activations: [UnsafeMutablePointer<Double>]
        let deltaA: UnsafeMutablePointer<Double>
        let deltaB: UnsafeMutablePointer<Double>
        let widest: Int

        init(_ network: MLPNetwork, capacity: Int) {
            self.capacity = capacity
            activations = network.sizes.dropFirst().map { w in
                let p = UnsafeMutablePointer<Double>.allocate(capacity: capacity * w)
                p.initialize(repeating: 0, count: capacity * w)
                return p
            }
            widest = network.sizes.max()!
            deltaA = .allocate(capacity: capacity * widest)
            deltaA.initialize(repeating: 0, count: capacity * widest)
            deltaB = .allocate(capacity: capacity * widest)
            deltaB.initialize(repeating: 0, count: capacity * widest)
        }

        deinit {
            for p in activations { p.deallocate() }
            deltaA.deallocate()
            deltaB.deallocate()
        }
    }

    /// The network's outputs for `batch` rows of `x` (batch × sizes[0]); they are left in the
    /// workspace's last activation buffer, which is returned.
    ///
    /// Per layer: the product input · W_l (BLAS), then one pass adding the bias and, on
    /// hidden layers, clamping at 0 (branch-free, so it vectorises whatever the signs).
    /// - Complexity: O(batch × Σ sizes[l] · sizes[l+1]).
    @discardableResult
    func forward(_ parameters: UnsafeMutablePointer<Double>, _ x: UnsafeMutablePointer<Double>, batch: Int, _ ws: Workspace)
        -> UnsafeMutablePointer<Double>
    {
        precondition(batch <= ws.capacity)
        var input = x
        for l in 0..<layers {
            let nIn = sizes[l], nOut = sizes[l + 1]
            let out = ws.activations[l]
            DenseLinearAlgebra.gemm(false, false, 1, input, batch, nIn, parameters + weightOffsets[l], nIn, nOut, 0, out, batch, nOut)
            Self.addBias(out, batch: batch, width: nOut, bias: parameters + biasOffsets[l], relu: l < layers - 1)
            input = out
        }
        return ws.activations[layers - 1]
    }

    /// δ[k] = 0 where activation[k] ≤ 0 (the ReLU's derivative), four at a time without branches.
    @inline(__always)
    static func reluMask(_ delta: UnsafeMutablePointer<Double>, by activation: UnsafeMutablePointer<Double>, count: Int) {
        let wide = count / 4 * 4
        let d = UnsafeMutableRawPointer(delta), a = UnsafeRawPointer(activation)
        var k = 0
        while k < wide {
            let off = k * MemoryLayout<Double>.stride
            var v = d.loadUnaligned(fromByteOffset: off, as: SIMD4<Double>.self)
            v.replace(with: 0, where: a.loadUnaligned(fromByteOffset: off, as: SIMD4<Double>.self) .<= 0)
            d.storeBytes(of: v, toByteOffset: off, as: SIMD4<Double>.self)
            k += 4
        }
        for k in wide..<count where activation[k] <= 0 { delta[k] = 0 }
    }

    /// out[i, j] += bias[j] for a `batch × width` block, then max(·, 0) when `relu`.
    @inline(__always)
    static func addBias(_ out: UnsafeMutablePointer<Double>, batch: Int, width: Int, bias: UnsafePointer<Double>, relu: Bool) {
        for i in 0..<batch {
            let row = out + i * width
            if relu {
                for j in 0..<width {
                    let v = row[j] + bias[j]
                    row[j] = v > 0 ? v : 0
                }
            } else {
                for j in 0..<width { row[j] += bias[j] }
            }
        }
    }

    /// The loss of the batch, with its gradient written to `gradient` (parameterCount values).
    ///
    /// Backward, per layer from the last: gW = inputᵀ δ (BLAS) + decay · W, gb = Σ rows of δ,
    /// then δ ← (δ Wᵀ) ⊙ [activation > 0] (BLAS, then a branch-free mask).
    /// - Parameter withLoss: false skips the penalty's Σ ‖W‖² (training needs only the
    ///   gradient); the returned loss then lacks it.
    /// - Complexity: about three times ``forward(_:_:batch:_:)``.
    func lossAndGradient(
        _ parameters: UnsafeMutablePointer<Double>, _ x: UnsafeMutablePointer<Double>, _ y: UnsafePointer<Double>,
        batch: Int, decay: Double, gradient: UnsafeMutablePointer<Double>, _ ws: Workspace,
        withLoss: Bool = true
    ) -> Double {
        let out = forward(parameters, x, batch: batch, ws)
        var loss = 0.0
        var delta = ws.deltaA, spare = ws.deltaB
        let scale = 1 / Double(batch)
        for i in 0..<batch {
            let e = out[i] - y[i]
            loss += e * e
            delta[i] = e * scale
        }
        loss *= 0.5 * scale
        for l in stride(from: layers - 1, through: 0, by: -1) {
            let nIn = sizes[l], nOut = sizes[l + 1]
            let input = l == 0 ? x : ws.activations[l - 1]
            let w = parameters + weightOffsets[l]
            let gw = gradient + weightOffsets[l]
            // gW = inputᵀ δ + decay W
            DenseLinearAlgebra.gemm(true, false, 1, input, batch, nIn, delta, batch, nOut, 0, gw, nIn, nOut)
            if decay > 0 {
                for k in 0..<(nIn * nOut) { gw[k] += decay * w[k] }
                if withLoss {
                    var s = 0.0
                    for k in 0..<(nIn * nOut) { s += w[k] * w[k] }
                    loss += 0.5 * decay * s
                }
            }
            let gb = gradient + biasOffsets[l]
            gb.update(repeating: 0, count: nOut)
            for i in 0..<batch {
                let row = delta + i * nOut
                for j in 0..<nOut { gb[j] += row[j] }
            }
            if l > 0 {
                // δ_prev = (δ Wᵀ) ⊙ [activation > 0]
                DenseLinearAlgebra.gemm(false, true, 1, delta, batch, nOut, w, nIn, nOut, 0, spare, batch, nIn)
                let a = ws.activations[l - 1]
                Self.reluMask(spare, by: a, count: batch * nIn)
                swap(&delta, &spare)
            }
        }
        return loss
    }
}
