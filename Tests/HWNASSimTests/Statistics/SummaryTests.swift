// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import HWNASSim

@Suite struct SummaryTests {
    @Test func knownValues() {
        let s = Summary([2, 4, 4, 4, 5, 5, 7, 9])
        #expect(s.n == 8)
        #expect(s.mean == 5)
        #expect(abs(s.sd - (32.0 / 7).squareRoot()) < 1e-12)
        #expect(abs(s.se - s.sd / 8.0.squareRoot()) < 1e-15)
        // t(0.975, 7) = 2.364624251592785
        #expect(abs(s.ci95High - (5 + 2.364624251592785 * s.se)) < 1e-9)
        #expect(abs(s.ci95Low - (5 - 2.364624251592785 * s.se)) < 1e-9)
        #expect(s.median == 4.5)
        #expect(s.q25 == 4)  // GSL: position 0.25·7 = 1.75 → 4 + 0.75·(4 − 4)
        #expect(s.q75 == 5.5)  // position 5.25 → 5 + 0.25·(7 − 5)
    }

    @Test func nonFiniteValuesAreLeftOut() {
        let s = Summary([1, .nan, 3])
        #expect(s.n == 2 && s.mean == 2)
        let empty = Summary([Double.nan])
        #expect(empty.n == 0 && empty.mean.isNaN)
        let one = Summary([4.0])
        #expect(one.n == 1 && one.mean == 4 && one.sd.isNaN)
    }

    @Test func tQuantile() {
        #expect(abs(GSL.tQuantile(0.975, dof: 4) - 2.7764451051977987) < 1e-12)
    }
}
