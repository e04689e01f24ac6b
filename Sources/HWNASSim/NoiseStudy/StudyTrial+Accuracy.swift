// SPDX-License-Identifier: GPL-3.0-or-later

extension StudyTrial {
    /// Step 6 for an `accuracy:` source other than `known`: the accuracy the selection believes
    /// and the positions in that order (believed descending, ties by position); nil where it
    /// is the true accuracy (`noise` at tau 1, `train` with sd 0), so that those levels take the
    /// known path and its exact order. Draws come from the level's stream after the metric's,
    /// so every accuracy source sees the same metric noise.
    /// - `train`: true accuracy plus the mean of `repeats` draws of N(0, sd²) (percentage points);
    /// - `noise`: normal scores of the subset's true accuracy plus N(0, σ²), σ calibrated to the tau;
    /// - `proxy`: the proxy's score (−∞ where it has none), or with `map: monotone` its map to
    ///   accuracy (``mapProxy(cell:subset:believed:trialKey:)``);
    /// - `predictor`: a model's predictions off the trained architectures
    ///   (``predictAccuracy(cell:subset:believed:trialKey:)``).
    /// - Complexity: O(N log N).
    static func believedEstimate(
        cell: StudyCell, subset s: Subset, trialKey: UInt64, workspace ws: TrialWorkspace
    ) -> BelievedAccuracy? {
        let n = s.count
        let believed = UnsafeMutableBufferPointer(rebasing: ws.predictedAccuracy[0..<n])
        let spec = cell.accuracy
        switch spec.source {
        case .known:
            return nil
        case .train:
            guard spec.noiseSD > 0 else { return nil }
            let sd = spec.noiseSD / 100
            for i in 0..<n {
                var sum = 0.0
                for _ in 0..<spec.repeats { sum += ws.rng.gaussian(sd) }
                believed[i] = cell.pair.precision.stored(s.accuracy[i] + sum / Double(spec.repeats))
            }
        case .noise:
            guard spec.kendallTau < 1 else { return nil }
            // The Spearman scratch is free until the scoring step.
            let scores = UnsafeMutableBufferPointer(rebasing: ws.spearmanWork[0..<n])
            KendallTauNoise.normalScores(UnsafeBufferPointer(s.accuracy), into: scores, workspace: &ws.noise)
            KendallTauNoise.draw(scores: UnsafeBufferPointer(scores), sigma: cell.accuracySigma, into: believed, rng: ws.rng)
        case .proxy:
            cell.believedProxy.withUnsafeBufferPointer { proxy in
                for i in 0..<n { believed[i] = proxy[Int(s.rows[i])] }
            }
            if spec.map == .monotone { mapProxy(cell: cell, subset: s, believed: believed, trialKey: trialKey) }
        case .predictor:
            predictAccuracy(cell: cell, subset: s, believed: believed, trialKey: trialKey)
        }
        let order = UnsafeMutableBufferPointer(rebasing: ws.levelOrder[0..<n])
        for i in 0..<n { order[i] = Int32(i) }
        var sortable = order
        sortable.sort { a, b in
            let x = believed[Int(a)], y = believed[Int(b)]
            return x != y ? x > y : a < b
        }
        return BelievedAccuracy(order: order, accuracy: believed)
    }

    /// `proxy` with `map: monotone`: `trainSamples` positions of the subset are trained
    /// (``trainedArchitectures(cell:subset:trialKey:)``); an ``IsotonicRegression``
    /// of observed accuracy on proxy score, fitted on the trained architectures with a score,
    /// maps every other score to accuracy (−∞ stays −∞: no score is believed worst); the
    /// trained architectures keep their observed accuracy.
    /// - Parameter believed: the proxy's scores by subset position, replaced by the estimate.
    /// Unlike the other steps it allocates (the draw's N positions and the fit), once per level.
    /// - Complexity: O(N + K log K) for K trained architectures and N log K for the map.
    static func mapProxy(cell: StudyCell, subset s: Subset, believed: UnsafeMutableBufferPointer<Double>, trialKey: UInt64) {
        let n = s.count
        let (trained, observed) = trainedArchitectures(cell: cell, subset: s, trialKey: trialKey)
        var scores: [Double] = []
        var scoredAccuracy: [Double] = []
        for (j, p) in trained.enumerated() where believed[p] > -.infinity {
            scores.append(believed[p])
            scoredAccuracy.append(observed[j])
        }
        if scores.isEmpty {  // no trained architecture has a score: every score maps to their mean
            scores = [0]
            scoredAccuracy = [observed.reduce(0, +) / Double(observed.count)]
        }
        let fit = IsotonicRegression(x: scores, y: scoredAccuracy)
        for i in 0..<n where believed[i] > -.infinity { believed[i] = fit(believed[i]) }
        for (j, p) in trained.enumerated() { believed[p] = observed[j] }
    }

    /// The architectures trained for an estimate fitted per trial (`proxy` with `map:
    /// monotone`, `predictor`): `trainSamples` positions of the subset (at most all of them),
    /// drawn from the trial's own stream (keyed by the trial and "accuracy map", so every metric
    /// level, and both sources at the same `trainSamples`, see the same ones), and their
    /// accuracy observed: true plus N(0, sd²) seed noise (percentage points, drawn after the
    /// positions, in their order), stored at the pair's precision.
    /// - Complexity: O(N) (it allocates the draw's N positions).
    static func trainedArchitectures(cell: StudyCell, subset s: Subset, trialKey: UInt64) -> (
        positions: ArraySlice<Int>, observed: [Double]
    ) {
        let spec = cell.accuracy
        let n = s.count
        let k = min(spec.trainSamples, n)
        let rng = RandomStream(key: StreamKey.derive(trialKey, StreamKey.hash("accuracy map")))
        var positions = Array(0..<n)
        for i in 0..<k { positions.swapAt(i, i + rng.uniformInt(n - i)) }
        let trained = positions.prefix(k)
        let observed = trained.map { p in
            cell.pair.precision.stored(s.accuracy[p] + (spec.noiseSD > 0 ? rng.gaussian(spec.noiseSD / 100) : 0))
        }
        return (trained, observed)
    }
}
