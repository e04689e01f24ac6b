// SPDX-License-Identifier: GPL-3.0-or-later

/// One run of the ``MeasurementEngine``: the clock, the event queue, the device pool and what
/// has been measured. A ``Strategy`` reads it and drives it through ``measure(_:verifying:)``,
/// ``dispatch()`` and the trainer (``train(_:samples:)``, ``retrain(_:)``).
struct EngineRun {
    let world: BudgetWorld
    /// The simulated time of the event being handled.
    var now = 0.0
    var queue = EventQueue()
    var pool: DevicePool
    /// Finish time per position; +∞ while not measured.
    var finish: [Double]
    /// Whether each position has been measured.
    var known: [Bool]
    /// Whether each position has been given to a device.
    var started: [Bool]
    /// Measured positions in the order their measurements finished.
    var measuredOrder: [Int32] = []
    /// Whether measurements started from now on verify a selection (their finish events are
    /// `verificationFinished`).
    var verifying = false
    /// When predictions became available (+∞: never, or no predictor).
    var readyTime = Double.infinity
    /// The predicted Pareto set at `readyTime`, when the strategy records it.
    var selectionAtReady: [Int32] = []
    /// Every event handled, in order (only when logging was asked for).
    var log: [SimulationEvent] = []
    /// Seconds the trainer's queries take after the training under way.
    var pendingQuerySeconds = 0.0
    /// When the devices measured and the trainer worked.
    var busy: BusyTime
    /// The value believed per measured position: its first measurement, or the mean of its
    /// measurements once re-measured.
    var values: [Double]
    /// `remeasure: k` (0: off) and its state (``queueRepeats()``).
    var remeasure = 0
    var remeasurement = RemeasureState()
    /// The trainer GPUs (`budget.trainers`; none without) and the networks waiting for one.
    var gpus: DevicePool
    /// When each position's network finished training (+∞: not yet); empty without trainers.
    var trained: [Double] = []
    /// Whether each position's network has been given to a GPU; empty without trainers.
    var trainingStarted: [Bool] = []

    init(world: BudgetWorld, devices: Int, trainers: Int = 0) {
        self.world = world
        pool = DevicePool(devices: devices)
        gpus = DevicePool(devices: trainers)
        busy = BusyTime(devices: devices, gpus: trainers)
        finish = [Double](repeating: .infinity, count: world.n)
        known = [Bool](repeating: false, count: world.n)
        started = known
        values = world.measured
        if trainers > 0 {
            trained = finish
            trainingStarted = known
        }
    }

    var timeline: StrategyTimeline {
        StrategyTimeline(
            finish: finish, readyTime: readyTime, selectionAtReady: selectionAtReady, log: log, busy: busy,
            repeats: remeasurement.finished, trained: trained)
    }

    /// Replaces the positions waiting for a device with `positions` and starts what the free
    /// devices can take.
    mutating func measure(_ positions: [Int32], verifying: Bool) {
        pool.replaceWaiting(with: positions)
        self.verifying = verifying
        dispatch()
    }

    /// Gives waiting positions to free devices, the lowest free device first.
    mutating func dispatch() {
        while let (a, d) = pool.nextRepeat() { startRepeat(a, device: d) }
        while let (a, d) = pool.nextStart() {
            started[Int(a)] = true
            queue.schedule(.measurementStarted(position: a, device: d), at: now)
        }
    }

    /// A device starts measuring `a`: its finish is scheduled after the measurement's cost.
    mutating func startMeasurement(_ a: Int32, device d: Int32) {
        let end = now + world.cost[Int(a)]
        busy.record(now, end, device: Int(d))
        queue.schedule(verifying ? .verificationFinished(position: a, device: d) : .measurementFinished(position: a, device: d), at: end)
    }

    /// Records the measurement of `a` and frees its device.
    mutating func completeMeasurement(_ a: Int32, device d: Int32) {
        finish[Int(a)] = now
        known[Int(a)] = true
        measuredOrder.append(a)
        pool.release(d)
        if remeasure > 0 { remeasurement.insert(a, world: world) }
    }

    /// Measured values where measured, `predicted` elsewhere (NaN without predictions).
    func believedValues(predicted: [Double]?) -> [Double] {
        (0..<world.n).map { known[$0] ? values[$0] : (predicted?[$0] ?? .nan) }
    }

    /// The Pareto set under `values` of the positions neither measured nor started, accuracy
    /// descending: what a verifying strategy measures next.
    func unverifiedParetoSet(_ values: [Double]) -> [Int32] {
        world.paretoSet(values).filter { !known[Int($0)] && !started[Int($0)] }
    }
}
