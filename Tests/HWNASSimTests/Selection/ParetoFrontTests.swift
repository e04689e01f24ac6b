// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import HWNASSim
import HWNASSimTestSupport

@Test func paretoEmptyAndSingle() {
    #expect(ParetoFront.indices(accuracy: [], metric: []) == [])
    #expect(ParetoFront.bruteForceIndices(accuracy: [], metric: []) == [])
    #expect(ParetoFront.indices(accuracy: [0.5], metric: [3]) == [0])
    #expect(ParetoFront.bruteForceIndices(accuracy: [0.5], metric: [3]) == [0])
}

@Test func paretoKeepsIdenticalPoints() {
    let accuracy: [Double] = [0.9, 0.8, 0.9, 0.7, 0.8, 0.95]
    let metric: [Double] = [2, 1, 2, 0.5, 1.5, 4]
    // (0.9, 2) twice, (0.8, 1), (0.7, 0.5), (0.95, 4) on the front; (0.8, 1.5) dominated by (0.8, 1).
    #expect(ParetoFront.indices(accuracy: accuracy, metric: metric) == [0, 1, 2, 3, 5])
    #expect(ParetoFront.bruteForceIndices(accuracy: accuracy, metric: metric) == [0, 1, 2, 3, 5])
    #expect(ParetoFront.indices(accuracy: [1, 1, 1], metric: [2, 2, 2]) == [0, 1, 2])
    // Equal metric, higher accuracy dominates; equal accuracy, lower metric dominates.
    #expect(ParetoFront.indices(accuracy: [1, 2], metric: [3, 3]) == [1])
    #expect(ParetoFront.indices(accuracy: [2, 2], metric: [3, 4]) == [0])
}

@Test func paretoMatchesBruteForceOnTiedIntegers() {
    var rng = SplitMix64(seed: 11)
    for _ in 0..<400 {
        let n = rng.int(80)
        let accuracy = (0..<n).map { _ in Double(rng.int(6)) }
        let metric = (0..<n).map { _ in Double(rng.int(6)) }
        #expect(
            ParetoFront.indices(accuracy: accuracy, metric: metric)
                == ParetoFront.bruteForceIndices(accuracy: accuracy, metric: metric))
    }
}

@Test func paretoMatchesBruteForceOnContinuousData() {
    var rng = SplitMix64(seed: 12)
    for _ in 0..<200 {
        let n = rng.int(300)
        let accuracy = (0..<n).map { _ in rng.unit() }
        let metric = (0..<n).map { i in rng.unit() + accuracy[i] }
        #expect(
            ParetoFront.indices(accuracy: accuracy, metric: metric)
                == ParetoFront.bruteForceIndices(accuracy: accuracy, metric: metric))
    }
}

@Test func paretoMaskAcceptsAnyOrderWithinTies() {
    var rng = SplitMix64(seed: 13)
    for _ in 0..<200 {
        let n = 1 + rng.int(60)
        let accuracy = (0..<n).map { _ in Double(rng.int(4)) }
        let metric = (0..<n).map { _ in Double(rng.int(4)) }
        // Sort by accuracy descending, then shuffle-like tie order by a random secondary key.
        let secondary = (0..<n).map { _ in rng.next() }
        let order = (0..<n).sorted {
            accuracy[$0] > accuracy[$1] || (accuracy[$0] == accuracy[$1] && secondary[$0] < secondary[$1])
        }.map { Int32($0) }
        var mask = [Bool](repeating: true, count: n)
        order.withUnsafeBufferPointer { ord in
            accuracy.withUnsafeBufferPointer { acc in
                metric.withUnsafeBufferPointer { met in
                    mask.withUnsafeMutableBufferPointer { ParetoFront.mask(order: ord, accuracy: acc, metric: met, into: $0) }
                }
            }
        }
        let fromMask = (0..<n).filter { mask[$0] }
        #expect(fromMask == ParetoFront.bruteForceIndices(accuracy: accuracy, metric: metric))
    }
}

/// The closure walk over a subset is the brute-force front of that subset, in accuracy order
/// (ties of both objectives kept), on tied integers.
@Test func paretoWalkOverASubsetMatchesBruteForce() {
    let rng = RandomStream(key: 29)
    for _ in 0..<100 {
        let n = 1 + rng.uniformInt(40)
        let acc = (0..<n).map { _ in Double(rng.uniformInt(6)) }
        let met = (0..<n).map { _ in Double(rng.uniformInt(6)) }
        let include = (0..<n).map { _ in rng.uniform() < 0.6 }
        func before(_ a: Int32, _ b: Int32) -> Bool {
            let (x, y) = (acc[Int(a)], acc[Int(b)])
            return x > y || (x == y && a < b)
        }
        let order = (0..<Int32(n)).sorted(by: before)
        var walked: [Int32] = []
        order.withUnsafeBufferPointer { o in
            acc.withUnsafeBufferPointer { a in
                ParetoFront.walk(order: o, accuracy: a, include: { include[$0] }, metric: { met[$0] }, onFront: { walked.append($0) })
            }
        }
        let subset = (0..<n).filter { include[$0] }
        let front = Set(ParetoFront.bruteForceIndices(accuracy: subset.map { acc[$0] }, metric: subset.map { met[$0] }).map { subset[$0] })
        #expect(walked == order.filter { front.contains(Int($0)) })
    }
}
