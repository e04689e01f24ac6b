// SPDX-License-Identifier: GPL-3.0-or-later

/// Scratch buffers for one worker's trials, allocated once at the largest size and reused.
///
/// Not `Sendable`: one per worker.
@_spi(Benchmarks) public final class TrialWorkspace {
    let capacity: Int
    let tableSize: Int
    /// Permutation of the table's rows used for drawing subsets; identity between trials.
    let permutation: UnsafeMutableBufferPointer<Int32>
    let swaps: UnsafeMutableBufferPointer<Int32>
    /// The rows of the current subset, by position.
    let rows: UnsafeMutableBufferPointer<Int32>
    /// Subset position of every table row, −1 outside the subset; all −1 between uses.
    let positionOfRow: UnsafeMutableBufferPointer<Int32>
    /// Sort keys for ordering small subsets.
    let sortKeys: UnsafeMutableBufferPointer<UInt64>
    /// Subset positions by true z (the x order of Kendall's tau) and its tie groups.
    let zOrder: UnsafeMutableBufferPointer<Int32>
    let zTieGroups: UnsafeMutableBufferPointer<Int32>
    /// Scratch for Kendall's tau (2 × capacity).
    let tauScratch: UnsafeMutableBufferPointer<UInt64>
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
    let rng: RandomStream

    @_spi(Benchmarks) public init(capacity: Int, tableSize: Int) {
        self.capacity = capacity
        self.tableSize = tableSize
        func doubles(_ n: Int) -> UnsafeMutableBufferPointer<Double> {
            let p = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(n, 1))
            p.initialize(repeating: 0)
            return p
        }
        func ints(_ n: Int) -> UnsafeMutableBufferPointer<Int32> {
            let p = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(n, 1))
            p.initialize(repeating: 0)
            return p
        }
        func words(_ n: Int) -> UnsafeMutableBufferPointer<UInt64> {
            let p = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(n, 1))
            p.initialize(repeating: 0)
            return p
        }
        func bools(_ n: Int) -> UnsafeMutableBufferPointer<Bool> {
            let p = UnsafeMutableBufferPointer<Bool>.allocate(capacity: max(n, 1))
            p.initialize(repeating: false)
            return p
        }
        permutation = ints(tableSize)
        for i in 0..<tableSize { permutation[i] = Int32(i) }
        swaps = ints(capacity)
        rows = ints(capacity)
        positionOfRow = ints(tableSize)
        positionOfRow.initialize(repeating: -1)
        sortKeys = words(capacity)
        zOrder = ints(capacity)
        zTieGroups = ints(capacity + 1)
        tauScratch = words(2 * capacity)
        accuracy = doubles(capacity)
        z = doubles(capacity)
        predicted = doubles(capacity)
        predictedAccuracy = doubles(capacity)
        scores = doubles(capacity)
        order = ints(capacity)
        levelOrder = ints(capacity)
        mask = bools(capacity)
        frontZ = doubles(capacity)
        frontAccuracy = doubles(capacity)
        selected = ints(capacity)
        selectedAccuracy = doubles(capacity)
        selectedZ = doubles(capacity)
        selectedOrder = ints(capacity)
        selectedMask = bools(capacity)
        spearmanWork = doubles(2 * capacity)
        rng = RandomStream(key: 0)
    }

    deinit {
        for p in [sortKeys, tauScratch] { p.deallocate() }
        for p in [permutation, swaps, rows, positionOfRow, zOrder, zTieGroups, order, levelOrder, selected, selectedOrder] {
            p.deallocate()
        }
        for p in [accuracy, z, predicted, predictedAccuracy, scores, frontZ, frontAccuracy, selectedAccuracy, selectedZ, spearmanWork] {
            p.deallocate()
        }
        for p in [mask, selectedMask] { p.deallocate() }
    }
}
