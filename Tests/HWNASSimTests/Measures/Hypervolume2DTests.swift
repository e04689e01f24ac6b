// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import HWNASSim
import HWNASSimTestSupport

fileprivate func randomPoints(_ rng: inout SplitMix64, count: Int, integer: Bool) -> [(Double, Double)] {
    (0..<count).map { _ in
        integer ? (Double(rng.int(12)) - 2, Double(rng.int(12)) - 2) : (rng.unit() * 10 - 1, rng.unit() * 10 - 1)
    }
}

@Test func hypervolumeOracles() {
    let points: [(Double, Double)] = [(8.5, 3), (8.5, 3.5), (5, 5), (9, 1), (4, 5)]
    #expect(abs(Hypervolume2D.volume(points, reference: (0, 0), senses: (.maximize, .maximize)) - 37.75) < 1e-12)
    #expect(abs(Hypervolume2D.volume(points, reference: (1, 0.5), senses: (.maximize, .maximize)) - 28.75) < 1e-12)
    let minimised: [(Double, Double)] = [(6, 6.5), (5, 7), (4, 6.5), (3, 7.5), (2, 7.5)]
    #expect(abs(Hypervolume2D.volume(minimised, reference: (7, 8.5), senses: (.minimize, .minimize)) - 8.0) < 1e-12)
}

@Test func hypervolumeEdgeCases() {
    #expect(Hypervolume2D.volume([], reference: (0, 0), senses: (.maximize, .maximize)) == 0)
    // Points on or beyond the reference add nothing.
    #expect(Hypervolume2D.volume([(0, 5), (5, 0), (-1, 3)], reference: (0, 0), senses: (.maximize, .maximize)) == 0)
    #expect(Hypervolume2D.volume([(2, 3)], reference: (0, 0), senses: (.maximize, .maximize)) == 6)
    // Accuracy maximised, metric minimised.
    let hv = Hypervolume2D.accuracyMetric(accuracy: [0.9, 0.8, 0.5], metric: [4, 2, 3], reference: (accuracy: 0.5, metric: 5))
    // (0.9, 4): 0.4 * 1; (0.8, 2): 0.3 * 2 more; (0.5, 3): on the reference accuracy, nothing.
    #expect(abs(hv - (0.4 * 1 + 0.3 * 2)) < 1e-12)
    #expect(hv == Hypervolume2D.volume([(0.9, 4), (0.8, 2), (0.5, 3)], reference: (0.5, 5), senses: (.maximize, .minimize)))
}

@Test func hypervolumeMatchesBruteForceOnIntegers() {
    var rng = SplitMix64(seed: 5)
    for _ in 0..<300 {
        let points = randomPoints(&rng, count: rng.int(25), integer: true)
        let fast = Hypervolume2D.volume(points, reference: (0, 0), senses: (.maximize, .maximize))
        #expect(fast == gridHypervolume(points, reference: (0, 0), senses: (.maximize, .maximize)))
        // The same set mirrored into minimisation space has the same volume.
        let mirrored = points.map { (-$0.0, -$0.1) }
        #expect(Hypervolume2D.volume(mirrored, reference: (0, 0), senses: (.minimize, .minimize)) == fast)
        let mixed = points.map { ($0.0, -$0.1) }
        #expect(Hypervolume2D.volume(mixed, reference: (0, 0), senses: (.maximize, .minimize)) == fast)
    }
}

@Test func hypervolumeInvariances() {
    var rng = SplitMix64(seed: 6)
    for round in 0..<200 {
        let points = randomPoints(&rng, count: 1 + rng.int(40), integer: round.isMultiple(of: 2))
        let reference = (rng.unit() - 1, rng.unit() - 1)
        let senses: (Sense, Sense) = (.maximize, .maximize)
        let base = Hypervolume2D.volume(points, reference: reference, senses: senses)
        // Permutation.
        var shuffled = points
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) { shuffled.swapAt(i, rng.int(i + 1)) }
        #expect(Hypervolume2D.volume(shuffled, reference: reference, senses: senses) == base)
        // Duplicates.
        let duplicated = points + points.prefix(1 + rng.int(points.count))
        #expect(Hypervolume2D.volume(duplicated, reference: reference, senses: senses) == base)
        // Dominated points (weakly worse in both coordinates than an existing point).
        let dominated = points.map { ($0.0 - rng.unit(), $0.1 - Double(rng.int(2))) }
        #expect(Hypervolume2D.volume(points + dominated, reference: reference, senses: senses) == base)
        // Monotone under insertion.
        var growing: [(Double, Double)] = []
        var previous = 0.0
        for p in points {
            growing.append(p)
            let current = Hypervolume2D.volume(growing, reference: reference, senses: senses)
            #expect(current >= previous - 1e-12)
            previous = current
        }
        #expect(abs(previous - base) < 1e-9)
    }
}
