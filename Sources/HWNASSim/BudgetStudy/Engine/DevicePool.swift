// SPDX-License-Identifier: GPL-3.0-or-later

/// The measurement devices of a run and the positions waiting for one.
struct DevicePool {
    /// Free devices, ascending: the lowest free device starts next.
    var free: [Int32]
    /// Positions waiting for a device: `waiting[head...]`.
    var waiting: [Int32] = []
    var head = 0
    /// Measurements under way (repeats not counted).
    var inFlight = 0
    /// Re-measurements waiting for a device (`repeats[repeatHead...]`): they go before `waiting`.
    var repeats: [Int32] = []
    var repeatHead = 0

    init(devices: Int) { free = Array(0..<Int32(devices)) }

    /// Replaces the waiting positions (those not yet started are dropped).
    mutating func replaceWaiting(with positions: [Int32]) {
        waiting = positions
        head = 0
    }

    /// The next position and the device to measure it on, when a device is free and a
    /// position waits.
    mutating func nextStart() -> (position: Int32, device: Int32)? {
        guard !free.isEmpty && head < waiting.count else { return nil }
        let d = free.removeFirst()
        let a = waiting[head]
        head += 1
        inFlight += 1
        return (a, d)
    }

    /// The next re-measurement and the device for it, when a device is free and one waits;
    /// re-measurements go before first measurements.
    mutating func nextRepeat() -> (position: Int32, device: Int32)? {
        guard !free.isEmpty && repeatHead < repeats.count else { return nil }
        let a = repeats[repeatHead]
        repeatHead += 1
        return (a, free.removeFirst())
    }

    /// Device `d` has finished a re-measurement.
    mutating func releaseRepeat(_ d: Int32) {
        inFlight += 1
        release(d)
    }

    /// Device `d` has finished its measurement.
    mutating func release(_ d: Int32) {
        inFlight -= 1
        let slot = free.firstIndex { $0 > d } ?? free.count
        free.insert(d, at: slot)
    }
}
