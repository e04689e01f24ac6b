// SPDX-License-Identifier: GPL-3.0-or-later

/// Plain decimal numbers (`-12.5`, `0.0031`, `3e-4`) parsed straight from bytes, with the same
/// `Double` as `Double(String)` gives.
///
/// Two exact routes, both correctly rounded (to nearest, ties to even), as `Double(String)` is:
/// - Clinger's fast path: digits making an integer up to 2^53 and a power of ten up to 10^22
///   either way. Both factors are exact doubles, so one IEEE multiplication or division rounds
///   the true value correctly.
/// - Otherwise, up to 19 digits and a power of ten up to 10^19 either way: the product, or the
///   quotient with its remainder, computed exactly in 128-bit integers and rounded once
///   (``roundedBinary(_:sticky:exponent:)``).
///
/// Anything else (more digits, larger exponents, `inf`, `.5`, spaces, quotes) returns nil,
/// for the caller's text path to decide.
enum DecimalBytes {
    /// 10^0 … 10^22, every one an exact double.
    static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    ]

    /// The value of `text` when it is `[+-]digits[.digits][(e|E)[+-]digits]` within the exact
    /// case; nil otherwise.
    /// - Complexity: O(`text.count`).
    @inline(__always)
    static func parse(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = text.count
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        if text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+") {
            negative = text[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        while i < n, text[i] &- 48 < 10 {
            mantissa = mantissa &* 10 &+ UInt64(text[i] &- 48)
            i += 1
            digits += 1
        }
        guard digits > 0 else { return nil }
        var scale = 0
        if i < n, text[i] == UInt8(ascii: ".") {
            i += 1
            let first = i
            while i < n, text[i] &- 48 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(text[i] &- 48)
                i += 1
                digits += 1
            }
            guard i > first else { return nil }
            scale = first - i
        }
        guard digits <= 19 else { return nil }
        if i < n, text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E") {
            i += 1
            var negativeExponent = false
            if i < n, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") {
                negativeExponent = text[i] == UInt8(ascii: "-")
                i += 1
            }
            let first = i
            var exponent = 0
            while i < n, i - first < 4, text[i] &- 48 < 10 {
                exponent = exponent * 10 + Int(text[i] &- 48)
                i += 1
            }
            guard i > first else { return nil }
            scale += negativeExponent ? -exponent : exponent
        }
        guard i == n else { return nil }
        var value: Double
        if mantissa <= 1 << 53, scale >= -22, scale <= 22 {
            value = Double(mantissa)
            if scale >= 0 { value *= powersOfTen[scale] } else { value /= powersOfTen[-scale] }
        } else if mantissa > 0, scale >= -19, scale <= 19 {
            let power = integerPowersOfTen[abs(scale)]
            if scale >= 0 {
                let (high, low) = mantissa.multipliedFullWidth(by: power)
                value = roundedBinary(UInt128(high) << 64 | UInt128(low), sticky: false, exponent: 0)
            } else {
                // mantissa / 10^k = (mantissa · 2^(z + 64) / 10^k) · 2^-(z + 64), the quotient
                // taken by long division: at least 64 bits, the remainder as a sticky bit.
                let z = mantissa.leadingZeroBitCount
                let top = mantissa << z
                let (q1, r1) = top.quotientAndRemainder(dividingBy: power)
                let (q0, r0) = power.dividingFullWidth((r1, 0))
                value = roundedBinary(UInt128(q1) << 64 | UInt128(q0), sticky: r0 != 0, exponent: -(z + 64))
            }
        } else {
            return nil
        }
        return negative ? -value : value
    }

    /// 10^0 … 10^19, every one below 2^64.
    static let integerPowersOfTen: [UInt64] = (0...19).map { k in (0..<k).reduce(1) { p, _ in p * 10 } }

    /// The double nearest to (`n` + ε) · 2^`exponent`, where ε is 0 when not `sticky` and
    /// strictly between 0 and 1 when it is; ties go to the even significand.
    /// - Precondition: `n` ≥ 2^53 when `sticky`, and the result is a normal double.
    @inline(__always)
    static func roundedBinary(_ n: UInt128, sticky: Bool, exponent: Int) -> Double {
        let bits = 128 - n.leadingZeroBitCount
        guard bits > 53 else { return Double(sign: .plus, exponent: exponent, significand: Double(UInt64(n))) }
        let shift = bits - 53
        var significand = UInt64(truncatingIfNeeded: n >> shift)
        let rest = n & ((UInt128(1) << shift) - 1)
        let half = UInt128(1) << (shift - 1)
        if rest > half || (rest == half && (sticky || significand & 1 == 1)) { significand += 1 }
        return Double(sign: .plus, exponent: exponent + shift, significand: Double(significand))
    }
}
