// SPDX-License-Identifier: GPL-3.0-or-later
//
// "Nice" axis ticks: linear steps of 1, 2, 2.5 or 5 × 10^k, and log10 ticks at
// powers of ten (with 2 and 5 in between when the range spans few decades).
// Tick values are computed from integers (i × m ÷ 10^k), so they equal the
// decimal literals (0.3, not 0.30000000000000004) and labels are exact.

import Foundation

/// How an axis maps data values to positions.
public enum AxisScale: String, Sendable, Equatable {
    /// Positions proportional to the value.
    case linear
    /// Positions proportional to log10 of the value (values must be > 0).
    case log10
}

/// A set of axis ticks with their labels and the axis range they suggest.
public struct NiceTicks: Sendable, Equatable {
    /// Tick positions in data units, ascending.
    public var values: [Double]
    /// One label per tick, formatted to the step's precision (locale-free, U+2212 for minus).
    public var labels: [String]
    /// `true` for ticks that keep their label when labels must be thinned (decades on log axes).
    var isMajor: [Bool]
    /// Suggested lower end of the axis (data units).
    public var lower: Double
    /// Suggested upper end of the axis (data units).
    public var upper: Double
    /// The linear step between ticks (0 for log-scale ticks).
    var step: Double
    /// Decimals used by the labels.
    public var decimals: Int

    /// Creates a tick set from explicit parts.
    public init(
        values: [Double], labels: [String], isMajor: [Bool]? = nil, lower: Double, upper: Double,
        step: Double = 0, decimals: Int = 0
    ) {
        self.values = values
        self.labels = labels
        self.isMajor = isMajor ?? Array(repeating: true, count: values.count)
        self.lower = lower
        self.upper = upper
        self.step = step
        self.decimals = decimals
    }

    /// Ticks for `scale` over `min…max`, aiming at `targetCount` ticks (5–7 is typical).
    public static func make(scale: AxisScale, min: Double, max: Double, targetCount: Int = 6) -> NiceTicks {
        switch scale {
        case .linear: return linear(min: min, max: max, targetCount: targetCount)
        case .log10: return log10(min: min, max: max, targetCount: targetCount)
        }
    }

    /// A step `mantissa × 10^exponent` with an integer mantissa (1, 2, 25 or 5).
    struct Step {
        var mantissa: Int
        var exponent: Int

        var value: Double { NiceTicks.scaled(Double(mantissa), exponent) }
        /// The tick `index × step`, computed exactly from integers.
        func tick(_ index: Int) -> Double { NiceTicks.scaled(Double(index * mantissa), exponent) }
        var decimals: Int { Swift.max(0, -exponent) }
    }

    /// `value × 10^exponent`, dividing by an exact power of ten for negative exponents.
    static func scaled(_ value: Double, _ exponent: Int) -> Double {
        var power = 1.0
        for _ in 0..<abs(exponent) { power *= 10 }
        return exponent < 0 ? value / power : value * power
    }

    /// Formats tick values with `decimals` decimals, trimmed; commas from 10,000 on.
    static func formatLabels(_ values: [Double], decimals: Int) -> [String] {
        let grouping = values.contains { abs($0) >= 10_000 }
        return values.map { SVGFormat.number($0, maxDecimals: decimals, grouping: grouping, unicodeMinus: true) }
    }

    /// Linear ticks with steps of 1, 2, 2.5 or 5 × 10^k.
    ///
    /// With `expand` (the default) the suggested range grows to the enclosing ticks,
    /// so `0.013…0.987` gives `0, 0.2, …, 1` on the range `0…1`; without it only ticks
    /// inside `min…max` are returned and the range stays as given. A zero-width range
    /// `v…v` is widened to `v ± 10 %` (or `−1…1` for zero); non-finite input gives `0…1`.
    static func linear(min rawMin: Double, max rawMax: Double, targetCount: Int = 6, expand: Bool = true) -> NiceTicks {
        var lo = rawMin.isFinite ? rawMin : (rawMax.isFinite ? rawMax : 0)
        var hi = rawMax.isFinite ? rawMax : lo
        if !rawMin.isFinite && !rawMax.isFinite {
            lo = 0
            hi = 1
        }
        if lo > hi { swap(&lo, &hi) }
        if hi - lo <= Swift.max(abs(lo), abs(hi)) * 1e-12 {
            let centre = (lo + hi) / 2
            let delta = centre == 0 ? 1 : abs(centre) * 0.1
            lo = centre - delta
            hi = centre + delta
        }
        let target = Swift.max(targetCount, 2)
        let raw = (hi - lo) / Double(target - 1)
        let baseExponent = Int(tickFloor(tickLog10(raw)))
        var best: (step: Step, first: Int, last: Int, score: Double)? = nil
        for exponent in (baseExponent - 1)...(baseExponent + 1) {
            for (mantissa, shift, penalty) in [(1, 0, 0.0), (2, 0, 0.0), (25, -1, 0.3), (5, 0, 0.0)] {
                let step = Step(mantissa: mantissa, exponent: exponent + shift)
                let size = step.value
                let first: Int
                let last: Int
                if expand {
                    first = Int(tickFloor(lo / size + 1e-9))
                    last = Int(tickCeil(hi / size - 1e-9))
                } else {
                    first = Int(tickCeil(lo / size - 1e-9))
                    last = Int(tickFloor(hi / size + 1e-9))
                }
                let count = last - first + 1
                if count < 2 { continue }
                // Distance from the target count, plus a penalty for axis range not covered by data.
                let axisSpan = Double(last - first) * size
                let waste = axisSpan > 0 ? 1 - (hi - lo) / axisSpan : 0
                let score = abs(Double(count - target)) + penalty + 2 * Swift.max(waste, 0)
                // Ties go to the larger step (candidates are visited in increasing size).
                if best == nil || score <= best!.score { best = (step, first, last, score) }
            }
        }
        guard let chosen = best else {
            // Degenerate (e.g. a huge or subnormal range): two ticks at the ends.
            return NiceTicks(
                values: [lo, hi], labels: formatLabels([lo, hi], decimals: 3), lower: lo, upper: hi,
                step: hi - lo, decimals: 3)
        }
        let values = (chosen.first...chosen.last).map { chosen.step.tick($0) }
        return NiceTicks(
            values: values, labels: formatLabels(values, decimals: chosen.step.decimals),
            lower: expand ? values.first! : lo, upper: expand ? values.last! : hi,
            step: chosen.step.value, decimals: chosen.step.decimals)
    }

    /// Linear ticks for a chart axis: the enclosing nice range when it adds little, else padded data.
    ///
    /// Like `linear(expand: true)`, except that an end of the nice range lying more than
    /// `maxOvershoot` × span beyond the data is replaced by the data end plus `padding` × span,
    /// and the ticks are then chosen inside the resulting range. So `0.013…0.987` still gives
    /// `0…1`, but `−0.15…2.55` gives `−0.231…2.631` with ticks `0, 0.5, …, 2.5` instead of `−1…3`.
    public static func fitted(
        min rawMin: Double, max rawMax: Double, targetCount: Int = 6, maxOvershoot: Double = 0.12, padding: Double = 0.03
    ) -> NiceTicks {
        let nice = linear(min: rawMin, max: rawMax, targetCount: targetCount)
        guard rawMin.isFinite, rawMax.isFinite else { return nice }
        let lo = Swift.min(rawMin, rawMax)
        let hi = Swift.max(rawMin, rawMax)
        let span = hi - lo
        guard span > Swift.max(abs(lo), abs(hi)) * 1e-12 else { return nice }
        let lowFits = (lo - nice.lower) <= maxOvershoot * span
        let highFits = (nice.upper - hi) <= maxOvershoot * span
        if lowFits && highFits { return nice }
        let newLower = lowFits ? nice.lower : lo - padding * span
        let newUpper = highFits ? nice.upper : hi + padding * span
        var ticks = linear(min: newLower, max: newUpper, targetCount: targetCount, expand: false)
        ticks.lower = newLower
        ticks.upper = newUpper
        return ticks
    }

    /// Log10 ticks inside `min…max` (the suggested range is `min…max` itself).
    ///
    /// Rules: if the 1-2-5 sequence (1, 2, 5, 10, 20, …) has at most `targetCount + 4`
    /// ticks in the range it is used, with the powers of ten marked major; otherwise only
    /// powers of ten, every n-th one if there are more than `targetCount + 3`. Ranges
    /// shorter than that use 1…9 × 10^k, then linear ticks. So `100…15625` gives
    /// `100, 200, 500, 1000, 2000, 5000, 10000` and `1…1e6` gives the seven decades.
    /// Non-positive bounds are replaced (`max ≤ 0` → `1…10`, `min ≤ 0` → `max/1000`);
    /// a zero-width range `v…v` becomes `v/2…2v`.
    public static func log10(min rawMin: Double, max rawMax: Double, targetCount: Int = 6) -> NiceTicks {
        var lo = rawMin
        var hi = rawMax
        if lo > hi { swap(&lo, &hi) }
        if !(hi.isFinite && hi > 0) {
            hi = 10
            if !(lo.isFinite && lo > 0 && lo < hi) { lo = 1 }
        }
        if !(lo.isFinite && lo > 0) { lo = hi / 1000 }
        if hi / lo < 1 + 1e-12 {
            lo /= 2
            hi *= 2
        }
        let target = Swift.max(targetCount, 2)
        let firstDecade = Int(tickFloor(tickLog10(lo))) - 1
        let lastDecade = Int(tickCeil(tickLog10(hi))) + 1
        let tolerance = 1e-9

        func inRange(_ value: Double) -> Bool { value >= lo * (1 - tolerance) && value <= hi * (1 + tolerance) }
        func sequence(_ mantissas: [Int]) -> [(value: Double, exponent: Int, mantissa: Int)] {
            var result: [(value: Double, exponent: Int, mantissa: Int)] = []
            for exponent in firstDecade...lastDecade {
                for mantissa in mantissas {
                    let value = scaled(Double(mantissa), exponent)
                    if inRange(value) { result.append((value, exponent, mantissa)) }
                }
            }
            return result
        }
        func build(_ ticks: [(value: Double, exponent: Int, mantissa: Int)]) -> NiceTicks {
            let values = ticks.map(\.value)
            let grouping = values.contains { $0 >= 10_000 }
            let labels = ticks.map { tick in
                SVGFormat.number(tick.value, maxDecimals: Swift.max(0, -tick.exponent), grouping: grouping)
            }
            let decimals = ticks.map { Swift.max(0, -$0.exponent) }.max() ?? 0
            return NiceTicks(
                values: values, labels: labels, isMajor: ticks.map { $0.mantissa == 1 }, lower: lo, upper: hi,
                step: 0, decimals: decimals)
        }

        let oneTwoFive = sequence([1, 2, 5])
        if oneTwoFive.count >= 3 && oneTwoFive.count <= target + 4 { return build(oneTwoFive) }
        let decades = sequence([1])
        if decades.count > target + 3 {
            let stride = Int(tickCeil(Double(decades.count) / Double(target)))
            return build(decades.filter { $0.exponent % stride == 0 })
        }
        if decades.count >= 3 { return build(decades) }
        let allDigits = sequence(Array(1...9))
        if allDigits.count >= 3 && allDigits.count <= target + 4 { return build(allDigits) }
        var linearTicks = linear(min: lo, max: hi, targetCount: Swift.min(target, 5), expand: false)
        linearTicks.lower = lo
        linearTicks.upper = hi
        linearTicks.step = 0
        return linearTicks
    }
}

// File-level helpers: inside `NiceTicks` the name `log10` means the static method.
private func tickFloor(_ x: Double) -> Double { x.rounded(.down) }
private func tickCeil(_ x: Double) -> Double { x.rounded(.up) }
private func tickLog10(_ x: Double) -> Double { Foundation.log10(x) }
