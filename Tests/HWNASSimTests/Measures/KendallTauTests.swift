// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import HWNASSim
import HWNASSimTestSupport

@Test func kendallOracleWithTies() throws {
    let x: [Double] = [1, 2, 2, 4, 4, 6, 6, 8, 9, 9]
    let y: [Double] = [1, 2, 4, 4, 4, 4, 8, 8, 8, 10]
    let tau = try #require(KendallTau.tauB(x, y))
    #expect(abs(tau - 0.85895569) < 1e-8)
}

@Test func kendallOracleScipy() throws {
    let tau = try #require(KendallTau.tauB([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]))
    #expect(abs(tau - -0.47140452079103173) < 1e-12)
}

@Test func kendallUndefinedCases() {
    #expect(KendallTau.tauB([], []) == nil)
    #expect(KendallTau.tauB([1], [2]) == nil)
    #expect(KendallTau.tauB([3, 3, 3], [1, 2, 3]) == nil)
    #expect(KendallTau.tauB([1, 2, 3], [5, 5, 5]) == nil)
    var workspace = KendallTau.Workspace()
    #expect(KendallTau.Presorted(x: [4, 4]).tauB([1, 2], workspace: &workspace) == nil)
    #expect(KendallTau.Presorted(x: [1, 2]).tauB([0.0, -0.0], workspace: &workspace) == nil)
}

@Test func kendallSelfAndNegation() {
    var rng = SplitMix64(seed: 7)
    for n in [2, 3, 10, 100, 1000] {
        let x = (0..<n).map { _ in Double(rng.int(max(2, n / 3))) }
        guard Set(x).count > 1 else { continue }
        #expect(KendallTau.tauB(x, x) == 1)
        #expect(KendallTau.tauB(x, x.map { -$0 }) == -1)
    }
    let distinct = (0..<500).map { _ in rng.unit() }
    #expect(KendallTau.tauB(distinct, distinct) == 1)
    #expect(KendallTau.tauB(distinct, distinct.map { -$0 }) == -1)
}

@Test func kendallMatchesBruteForceWithHeavyTies() {
    var rng = SplitMix64(seed: 2024)
    for _ in 0..<300 {
        let n = 2 + rng.int(59)
        let x = (0..<n).map { _ in Double(rng.int(5)) }
        let y = (0..<n).map { _ in Double(rng.int(5)) }
        let fast = KendallTau.tauB(x, y)
        let slow = bruteForceKendallTauB(x, y)
        #expect((fast == nil) == (slow == nil))
        if let fast, let slow { #expect(abs(fast - slow) < 1e-12) }
    }
}

@Test func kendallMatchesBruteForceContinuousAndLarge() {
    var rng = SplitMix64(seed: 99)
    for _ in 0..<100 {
        let n = 2 + rng.int(300)
        let x = (0..<n).map { _ in rng.unit() }
        let y = (0..<n).map { i in rng.unit() + 0.5 * x[i] }
        let fast = KendallTau.tauB(x, y)
        let slow = bruteForceKendallTauB(x, y)
        #expect((fast == nil) == (slow == nil))
        if let fast, let slow { #expect(abs(fast - slow) < 1e-12) }
    }
    // Large tie groups exercise the merge-sort path inside x-tie groups.
    for levels in [2, 3, 40] {
        let n = 1500
        let x = (0..<n).map { _ in Double(rng.int(levels)) }
        let y = (0..<n).map { i in Double(rng.int(50)) - x[i] }
        let fast = KendallTau.tauB(x, y)
        let slow = bruteForceKendallTauB(x, y)
        #expect((fast == nil) == (slow == nil))
        if let fast, let slow { #expect(abs(fast - slow) < 1e-12) }
    }
}

@Test func kendallPresortedIsBitIdenticalWithSharedWorkspace() {
    var rng = SplitMix64(seed: 31337)
    var workspace = KendallTau.Workspace()
    for round in 0..<60 {
        let n = 2 + rng.int(round.isMultiple(of: 10) ? 3000 : 120)
        let levels = [3, 10, 1 << 30][rng.int(3)]
        let x = (0..<n).map { _ in Double(rng.int(levels)) }
        let presorted = KendallTau.Presorted(x: x)
        #expect(presorted.count == n)
        for _ in 0..<4 {
            let y = (0..<n).map { _ in rng.int(2) == 0 ? Double(rng.int(levels)) : rng.unit() }
            let direct = KendallTau.tauB(x, y)
            let viaArray = presorted.tauB(y, workspace: &workspace)
            let viaPointer = y.withUnsafeBufferPointer { presorted.tauB($0, workspace: &workspace) }
            #expect(direct?.bitPattern == viaArray?.bitPattern)
            #expect(direct?.bitPattern == viaPointer?.bitPattern)
        }
    }
}

@Test func kendallHandlesNaNWithoutCrashing() {
    var workspace = KendallTau.Workspace()
    let presorted = KendallTau.Presorted(x: [1, .nan, 3, 2, .nan])
    let a = presorted.tauB([.nan, 1, 2, .nan, 0], workspace: &workspace)
    let b = KendallTau.tauB([.nan, .nan], [1, 2])
    for r in [a, b] { #expect(r == nil || (-1...1).contains(r!)) }
}
