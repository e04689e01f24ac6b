// SPDX-License-Identifier: GPL-3.0-or-later

/// The trainer of a run: one predictor fit (then its queries) at a time, on its own clock
/// beside the devices.
///
/// Training on k samples costs `train_s + train_s_per_sample × k`, querying the N − k others
/// `query_s × (N − k)`; a refit on the m measured costs both at once.
extension EngineRun {
    /// Starts training `spec`'s predictor on `samples` measurements; its queries follow: of
    /// every unmeasured architecture, or of `queries` candidates (a searching strategy).
    mutating func train(_ spec: PredictorSpec, samples: Int, queries: Int? = nil) {
        pendingQuerySeconds = spec.querySeconds * Double(queries ?? (world.n - samples))
        let end = now + spec.trainSeconds + spec.trainSecondsPerSample * Double(samples)
        busy.record(now, end, device: nil)
        queue.schedule(.trainingFinished, at: end)
    }

    /// The training has finished: the queries start.
    mutating func query() {
        busy.record(now, now + pendingQuerySeconds, device: nil)
        queue.schedule(.queriesFinished, at: now + pendingQuerySeconds)
    }

    /// Starts querying `count` candidates (`query_s` each); `queriesFinished` follows.
    mutating func score(_ spec: PredictorSpec, count: Int) {
        pendingQuerySeconds = spec.querySeconds * Double(count)
        query()
    }

    /// Starts refitting `spec`'s predictor on everything measured so far, without querying
    /// (a searching strategy queries its candidates only, see ``score(_:count:)``).
    mutating func refit(_ spec: PredictorSpec) {
        let end = now + spec.trainSeconds + spec.trainSecondsPerSample * Double(measuredOrder.count)
        busy.record(now, end, device: nil)
        queue.schedule(.retrainingFinished, at: end)
    }

    /// Starts refitting `spec`'s predictor on everything measured so far and predicting the rest.
    mutating func retrain(_ spec: PredictorSpec) {
        let measuredCount = Double(measuredOrder.count)
        let end =
            now + spec.trainSeconds + spec.trainSecondsPerSample * measuredCount + spec.querySeconds * (Double(world.n) - measuredCount)
        busy.record(now, end, device: nil)
        queue.schedule(.retrainingFinished, at: end)
    }
}
