// SPDX-License-Identifier: GPL-3.0-or-later

/// Scratch buffers for one worker's trials, allocated once at the largest size and reused.
///
/// Not `Sendable`: one per worker.
final class TrialWorkspace {
    let capacity: Int
    let tableSize: Int
    /// Permutation of the table's rows used for drawing subsets; identity between trials.
    let permutation: UnsafeMutableBufferPointer<Int32>
    let swaps: UnsafeMutableBufferPointer<Int32>
    let accuracy: UnsafeMutableBufferPointer<Double>
    let z: UnsafeMutableBufferPointer<Double>
    let predicted: UnsafeMutableBufferPointer<Double>
    let predictedAccuracy: UnsafeMutableBufferPointer<Double>
    let scores: UnsafeMutableBufferPointer<Double>
    let order: UnsafeMutableBufferPointer<Int32>
    let levelOrder: UnsafeMutableBufferPointer<Int32>
    let mask: UnsafeMutableBufferPointer<Bool>
    let frontZ: UnsafeMutableBufferPointer<Double>
    let frontAccuracy: UnsafeMutableBufferPointer<Double>
    let selected: UnsafeMutableBufferPointer<Int32>
    let selectedAccuracy: UnsafeMutableBufferPointer<Double>
    let selectedZ: UnsafeMutableBufferPointer<Double>
    let selectedOrder: UnsafeMutableBufferPointer<Int32>
    let selectedMask: UnsafeMutableBufferPointer<Bool>
    let spearmanWork: UnsafeMutableBufferPointer<Double>
    var noise = NoiseWorkspace()
    var tau = KendallTau.Workspace()
    let rng: RandomStream

    init(capacity: Int, tableSize: Int) {
        self.capacity = capacity
        self.tableSize = tableSize
        func doubles(_ n: Int) -> UnsafeMutableBufferPointer<Double> {
            let p = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(n, 1)); p.initialize(repeating: 0); return p
        }
        func ints(_ n: Int) -> UnsafeMutableBufferPointer<Int32> {
            let p = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(n, 1)); p.initialize(repeating: 0); return p
        }
        func bools(_ n: Int) -> UnsafeMutableBufferPointer<Bool> {
            let p = UnsafeMutableBufferPointer<Bool>.allocate(capacity: max(n, 1)); p.initialize(repeating: false); return p
        }
        permutation = ints(tableSize)
        for i in 0..<tableSize { permutation[i] = Int32(i) }
        swaps = ints(capacity)
        accuracy = doubles(capacity); z = doubles(capacity); predicted = doubles(capacity)
        predictedAccuracy = doubles(capacity); scores = doubles(capacity)
        order = ints(capacity); levelOrder = ints(capacity); mask = bools(capacity)
        frontZ = doubles(capacity); frontAccuracy = doubles(capacity)
        selected = ints(capacity); selectedAccuracy = doubles(capacity); selectedZ = doubles(capacity)
        selectedOrder = ints(capacity); selectedMask = bools(capacity)
        spearmanWork = doubles(2 * capacity)
        rng = RandomStream(key: 0)
    }

    deinit {
        for p in [permutation, swaps, order, levelOrder, selected, selectedOrder] { p.deallocate() }
        for p in [accuracy, z, predicted, predictedAccuracy, scores, frontZ, frontAccuracy, selectedAccuracy, selectedZ, spearmanWork] { p.deallocate() }
        for p in [mask, selectedMask] { p.deallocate() }
    }
}
