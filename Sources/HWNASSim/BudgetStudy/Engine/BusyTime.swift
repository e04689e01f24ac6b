// SPDX-License-Identifier: GPL-3.0-or-later

/// When each device measured and when the trainer worked, in one run: the basis of
/// `budget_used`. Intervals are kept in start order; one that starts where the last ended
/// extends it.
struct BusyTime: Sendable {
    /// Per device, its measurement intervals (start, end); an end may lie past the horizon.
    var devices: [[(start: Double, end: Double)]]
    /// The trainer's intervals (training, queries, refits, scoring).
    var trainer: [(start: Double, end: Double)] = []
    /// Per trainer GPU (`budget.trainers`), when it trained networks or scored proxies.
    var gpus: [[(start: Double, end: Double)]] = []

    init(devices: Int, gpus: Int = 0) {
        self.devices = Array(repeating: [], count: devices)
        self.gpus = Array(repeating: [], count: gpus)
    }

    /// Records `[start, end)` on trainer GPU `g`.
    mutating func recordGPU(_ start: Double, _ end: Double, gpu g: Int) {
        guard end > start else { return }
        Self.append(&gpus[g], start, end)
    }

    /// Records `[start, end)` on device `d` (nil: the trainer).
    mutating func record(_ start: Double, _ end: Double, device d: Int?) {
        guard end > start else { return }
        if let d { Self.append(&devices[d], start, end) } else { Self.append(&trainer, start, end) }
    }

    static func append(_ list: inout [(start: Double, end: Double)], _ start: Double, _ end: Double) {
        if let last = list.last, last.end >= start {
            list[list.count - 1].end = max(last.end, end)
        } else {
            list.append((start, end))
        }
    }

    /// `budget_used` at `t`: the share of device-time in [0, t] during which each device was
    /// measuring or the trainer was working (a device waiting for the trainer is spending the
    /// budget on training, not idling): 1 − idle device-seconds / (devices × t). With trainer
    /// GPUs, they count as devices too: the share of (devices + GPUs) × t spent measuring,
    /// training networks or scoring proxies (or waiting for the predictor's fit).
    /// - Complexity: O((devices + GPUs) × (intervals + trainer intervals)).
    func used(by t: Double) -> Double {
        guard t > 0, !devices.isEmpty else { return .nan }
        var busy = 0.0
        for d in devices { busy += Self.unionLength(d, trainer, upTo: t) }
        for g in gpus { busy += Self.unionLength(g, trainer, upTo: t) }
        return busy / (Double(devices.count + gpus.count) * t)
    }

    /// The length of the union of two start-ordered interval lists within [0, t].
    static func unionLength(_ a: [(start: Double, end: Double)], _ b: [(start: Double, end: Double)], upTo t: Double) -> Double {
        var i = 0, j = 0
        var total = 0.0
        var current: (start: Double, end: Double)?
        while i < a.count || j < b.count {
            let next: (start: Double, end: Double)
            if j >= b.count || (i < a.count && a[i].start <= b[j].start) {
                next = a[i]
                i += 1
            } else {
                next = b[j]
                j += 1
            }
            if next.start >= t { break }
            if let c = current, next.start <= c.end {
                current = (c.start, max(c.end, next.end))
            } else {
                if let c = current { total += min(c.end, t) - c.start }
                current = next
            }
        }
        if let c = current { total += min(c.end, t) - c.start }
        return total
    }
}
