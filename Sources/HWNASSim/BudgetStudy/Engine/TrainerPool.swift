// SPDX-License-Identifier: GPL-3.0-or-later

/// The trainer GPUs of a run (`budget.trainers`): networks trained to observe their accuracy,
/// and zero-cost proxies scored, on their own clock beside the measurement devices.
///
/// Training position `a` takes `world.trainingCost[a]` seconds on one GPU; scoring a proxy on
/// all N architectures takes every GPU for `N × seconds / K` (the evaluations spread evenly).
extension EngineRun {
    /// Gives `a` to the lowest free GPU; false when none is free.
    /// - Complexity: O(K) for K GPUs.
    mutating func startTraining(_ a: Int32) -> Bool {
        guard !gpus.free.isEmpty else { return false }
        let g = gpus.free.removeFirst()
        trainingStarted[Int(a)] = true
        let end = now + world.trainingCost[Int(a)]
        busy.recordGPU(now, end, gpu: Int(g))
        queue.schedule(.networkTrained(position: a, trainer: g), at: end)
        return true
    }

    /// Records the training of `a` and frees its GPU.
    mutating func completeTraining(_ a: Int32, trainer g: Int32) {
        trained[Int(a)] = now
        let slot = gpus.free.firstIndex { $0 > g } ?? gpus.free.count
        gpus.free.insert(g, at: slot)
    }

    /// Occupies every GPU scoring a proxy of `seconds` per architecture on all N; the strategy
    /// hears `predictionsReady` when they are done.
    mutating func scoreProxies(seconds: Double) {
        let k = gpus.free.count
        let end = now + seconds * Double(world.n) / Double(max(k, 1))
        for g in gpus.free { busy.recordGPU(now, end, gpu: Int(g)) }
        gpus.free = []
        queue.schedule(.proxiesScored, at: end)
    }

    /// The number of trainer GPUs.
    var trainers: Int { busy.gpus.count }

    /// The proxy's scores are in: every GPU is free again.
    mutating func proxiesScored() {
        gpus.free = Array(0..<Int32(trainers))
    }

    /// Starts fitting accuracy predictor `spec` on `observed` trained networks and predicting
    /// the other N − `observed` (on the trainer, the CPU that fits predictors: `train_s +
    /// train_s_per_sample × observed + query_s × (N − observed)`); `retrainingFinished` follows.
    mutating func fitAccuracy(_ spec: PredictorSpec, observed: Int) {
        let end =
            now + spec.trainSeconds + spec.trainSecondsPerSample * Double(observed) + spec.querySeconds * Double(world.n - observed)
        busy.record(now, end, device: nil)
        queue.schedule(.retrainingFinished, at: end)
    }

    /// Whether a GPU is free.
    var trainerFree: Bool { !gpus.free.isEmpty }
}
