// SPDX-License-Identifier: GPL-3.0-or-later

/// The trainer of a run: one predictor fit (then its queries) at a time, on its own clock
/// beside the devices.
///
/// Training on k samples costs `train_s + train_s_per_sample × k`, querying the N − k others
/// `query_s × (N − k)`; a refit on the m measured costs both at once.
extension EngineRun {
    /// Starts training `spec`'s predictor on `samples` measurements; its queries follow.
    mutating func train(_ spec: PredictorSpec, samples: Int) {
        pendingQuerySeconds = spec.querySeconds * Double(world.n - samples)
        queue.schedule(.trainingFinished, at: now + spec.trainSeconds + spec.trainSecondsPerSample * Double(samples))
    }

    /// The training has finished: the queries start.
    mutating func query() {
        queue.schedule(.queriesFinished, at: now + pendingQuerySeconds)
    }

    /// Starts refitting `spec`'s predictor on everything measured so far and predicting the rest.
    mutating func retrain(_ spec: PredictorSpec) {
        let measuredCount = Double(measuredOrder.count)
        queue.schedule(
            .retrainingFinished,
            at: now + spec.trainSeconds + spec.trainSecondsPerSample * measuredCount
                + spec.querySeconds * (Double(world.n) - measuredCount))
    }
}
