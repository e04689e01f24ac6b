// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@_spi(Benchmarks) @testable import HWNASSim

/// `SubsetOrder.sort` must give exactly the stable sort of the positions, by either path.
@Test func subsetOrderMatchesStableSortOnBothPaths() throws {
    let pair = try GroundTruthPair(table: SyntheticSpec(size: 3000, seed: 5).makeTable(), metric: "latency", pairing: .true)
    let orders = PairOrders(pair: pair)
    let positionOfRow = UnsafeMutableBufferPointer<Int32>.allocate(capacity: pair.count)
    positionOfRow.initialize(repeating: -1)
    let keys = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: pair.count)
    defer {
        positionOfRow.deallocate()
        keys.deallocate()
    }
    let rng = RandomStream(key: 17)
    // 3000 / 16 = 187.5: sizes below take the key sort, sizes above the table scan.
    for n in [1, 2, 50, 187, 188, 1000, 3000] {
        var all = (0..<Int32(pair.count)).map { $0 }
        for i in 0..<n { all.swapAt(i, i + rng.uniformInt(pair.count - i)) }
        let rows = Array(all[0..<n])
        let acc = rows.map { pair.accuracy[Int($0)] }
        let z = rows.map { KendallTau.orderKey(pair.z[Int($0)]) }
        var byAccuracy = [Int32](repeating: 0, count: n), byZ = [Int32](repeating: 0, count: n)
        rows.withUnsafeBufferPointer { r in
            byAccuracy.withUnsafeMutableBufferPointer {
                SubsetOrder.sort(
                    rows: r, global: orders.byAccuracy, rank: orders.accuracyRank, positionOfRow: positionOfRow, keys: keys, into: $0)
            }
            byZ.withUnsafeMutableBufferPointer {
                SubsetOrder.sort(rows: r, global: orders.byZ, rank: orders.zRank, positionOfRow: positionOfRow, keys: keys, into: $0)
            }
        }
        let positions: [Int32] = Array(0..<Int32(n))
        let expectedAccuracy = positions.sorted { (a: Int32, b: Int32) -> Bool in
            let x = acc[Int(a)], y = acc[Int(b)]
            return x > y || (x == y && a < b)
        }
        let expectedZ = positions.sorted { (a: Int32, b: Int32) -> Bool in
            let x = z[Int(a)], y = z[Int(b)]
            return x < y || (x == y && a < b)
        }
        #expect(byAccuracy == expectedAccuracy)
        #expect(byZ == expectedZ)
        #expect(positionOfRow.allSatisfy { $0 == -1 })
    }
}
