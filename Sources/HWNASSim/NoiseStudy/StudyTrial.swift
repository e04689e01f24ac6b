// SPDX-License-Identifier: GPL-3.0-or-later

/// One trial of the study: draw a subset, find its true front, and for every noise level
/// select the predicted Pareto set, verify it, and score it with true values.
///
/// ``run(cell:orders:trial:workspace:out:record:)`` reads as the trial's steps; each step is a
/// function below that works in the worker's ``TrialWorkspace`` (nothing is allocated per
/// trial or level unless a record is asked for).
@_spi(Benchmarks) public enum StudyTrial {
    /// Runs trial `trial` of `cell`, writing `levels × measures` values into `out`
    /// (level-major, measures in the cell's order; NaN where a measure is undefined).
    /// `record`, when given, receives the selections of every level (for plots).
    /// `orders` are the global orders of `cell.pair` (``PairOrders``), shared by all trials.
    /// - Complexity: O(min(T, N log N)) per trial for a table of T rows, then O(N) per level
    ///   (+ O(N log N) for rank correlations).
    @_spi(Benchmarks) public static func run(
        cell: StudyCell, orders: PairOrders, trial: Int, workspace ws: TrialWorkspace,
        out: UnsafeMutableBufferPointer<Double>,
        record: ((Int, TrialSelection) -> Void)? = nil
    ) {
        let trialKey = cell.streamKey(trial: trial)
        ws.rng.reseed(trialKey)
        let subset = drawSubset(cell: cell, orders: orders, workspace: ws, rowsWanted: record != nil)
        let front = trueFront(subset, workspace: ws, positionsWanted: record != nil)
        let reference = cell.reference.point(subsetZ: subset.z, frontMaxZ: front.z[front.z.count - 1])
        let hvTrue = TrialScoring.staircaseVolume(accuracy: front.accuracy.reversed(), metric: front.z.reversed(), reference: reference)
        let tauX = cell.measures.contains(.kendallTau) ? rankTrueMetric(subset, orders: orders, workspace: ws) : TauX()
        let scores = normalScores(cell: cell, subset: subset, workspace: ws)
        for (li, level) in cell.noise.levels.enumerated() {
            // Each level has its own stream, keyed by its value: adding or removing a level
            // leaves the other levels' draws unchanged, so scenarios with different level
            // lists share their random numbers.
            ws.rng.reseed(StreamKey.derive(trialKey, level.bitPattern))
            let predicted = predictMetric(cell: cell, levelIndex: li, level: level, subset: subset, scores: scores, workspace: ws)
            let believed = believedAccuracy(cell: cell, subset: subset, trialKey: trialKey, workspace: ws)
            let selection = selectPredictedFront(subset, believed: believed, predicted: predicted, workspace: ws)
            let verified = verify(selection, workspace: ws)
            score(
                cell: cell, levelIndex: li, subset: subset, front: front, tauX: tauX, predicted: predicted,
                selection: selection, verified: verified, reference: reference, hvTrue: hvTrue, workspace: ws, out: out)
            if let record,
                let selected = recordedSelection(
                    subset, front: front, selection: selection, verified: verified,
                    predicted: predicted, believed: believed, reference: reference, workspace: ws)
            {
                record(li, selected)
            }
        }
    }

    /// The level's selections as a ``TrialSelection`` for plots; nil unless the subset's rows
    /// and the true front's positions were kept (a record was asked for).
    static func recordedSelection(
        _ subset: Subset, front: TrueFront, selection: Selection, verified: UnsafeMutableBufferPointer<Bool>,
        predicted: UnsafeMutableBufferPointer<Double>, believed: BelievedAccuracy,
        reference: (accuracy: Double, metric: Double), workspace ws: TrialWorkspace
    ) -> TrialSelection? {
        guard let subsetRows = subset.drawnRows, let trueFrontPositions = front.positions else { return nil }
        let selected = (0..<selection.count).map { Int(ws.selected[$0]) }
        return TrialSelection(
            subset: subsetRows, trueFront: trueFrontPositions, selected: selected.sorted(),
            verified: (0..<selection.count).filter { verified[$0] }.map { selected[$0] }.sorted(),
            accuracy: Array(subset.accuracy), z: Array(subset.z), predicted: Array(predicted),
            predictedAccuracy: Array(believed.accuracy), reference: reference)
    }

    // MARK: - The steps

    /// The trial's subset: true accuracy and z by position, its table rows, and the positions
    /// by true accuracy.
    struct Subset {
        var accuracy: UnsafeMutableBufferPointer<Double>
        var z: UnsafeMutableBufferPointer<Double>
        var rows: UnsafeBufferPointer<Int32>
        /// Positions by true accuracy, descending (ties by position).
        var order: UnsafeMutableBufferPointer<Int32>
        /// The table rows drawn, as an array, when a record was asked for.
        var drawnRows: [Int]?
        var count: Int { z.count }
    }

    /// Step 1: draws the subset and orders it by true accuracy (descending; ties by position),
    /// once per trial.
    @inline(__always)
    static func drawSubset(cell: StudyCell, orders: PairOrders, workspace ws: TrialWorkspace, rowsWanted: Bool) -> Subset {
        let n = cell.subsetSize
        let acc = UnsafeMutableBufferPointer(rebasing: ws.accuracy[0..<n])
        let z = UnsafeMutableBufferPointer(rebasing: ws.z[0..<n])
        let drawn = SubsetDraw.draw(pair: cell.pair, size: n, workspace: ws, accuracy: acc, z: z, rowsWanted: rowsWanted)
        let rows = UnsafeBufferPointer(rebasing: ws.rows[0..<n])
        let order = UnsafeMutableBufferPointer(rebasing: ws.order[0..<n])
        SubsetOrder.sort(
            rows: rows, global: orders.byAccuracy, rank: orders.accuracyRank,
            positionOfRow: ws.positionOfRow, keys: ws.sortKeys, into: order)
        return Subset(accuracy: acc, z: z, rows: rows, order: order, drawnRows: drawn)
    }

    /// The subset's true Pareto front, by z ascending (accuracy is then non-decreasing).
    struct TrueFront {
        var z: UnsafeBufferPointer<Double>
        var accuracy: UnsafeBufferPointer<Double>
        /// The front's positions, ascending, when a record was asked for.
        var positions: [Int]?
    }

    /// Step 2: the true front of the subset.
    @inline(__always)
    static func trueFront(_ s: Subset, workspace ws: TrialWorkspace, positionsWanted: Bool) -> TrueFront {
        let n = s.count
        let mask = UnsafeMutableBufferPointer(rebasing: ws.mask[0..<n])
        ParetoFront.mask(
            order: UnsafeBufferPointer(s.order), accuracy: UnsafeBufferPointer(s.accuracy),
            metric: UnsafeBufferPointer(s.z), into: mask)
        // Walking the accuracy order backwards gives ascending accuracy; on a front that is
        // ascending z too, except among identical points.
        var count = 0
        for k in stride(from: n - 1, through: 0, by: -1) {
            let i = Int(s.order[k])
            if mask[i] {
                ws.frontZ[count] = s.z[i]
                ws.frontAccuracy[count] = s.accuracy[i]
                count += 1
            }
        }
        return TrueFront(
            z: UnsafeBufferPointer(rebasing: ws.frontZ[0..<count]),
            accuracy: UnsafeBufferPointer(rebasing: ws.frontAccuracy[0..<count]),
            positions: positionsWanted ? (0..<n).filter { mask[$0] } : nil)
    }

    /// The x side of Kendall's tau, shared by the trial's levels: positions by true z (in
    /// `ws.zOrder`) and the runs of equal z (in `ws.zTieGroups`).
    struct TauX {
        var tieGroupBounds = 0
        var tiedPairs = 0
    }

    /// Step 3 (when tau is measured): ranks the subset by true z.
    @inline(__always)
    static func rankTrueMetric(_ s: Subset, orders: PairOrders, workspace ws: TrialWorkspace) -> TauX {
        let n = s.count
        var x = TauX()
        SubsetOrder.sort(
            rows: s.rows, global: orders.byZ, rank: orders.zRank,
            positionOfRow: ws.positionOfRow, keys: ws.sortKeys, into: ws.zOrder)
        orders.zRank.withUnsafeBufferPointer { zRank in
            var start = 0
            while start < n {
                let r = zRank[Int(s.rows[Int(ws.zOrder[start])])]
                var end = start + 1
                while end < n && zRank[Int(s.rows[Int(ws.zOrder[end])])] == r { end += 1 }
                let size = end - start
                if size > 1 {
                    ws.zTieGroups[x.tieGroupBounds] = Int32(start)
                    ws.zTieGroups[x.tieGroupBounds + 1] = Int32(end)
                    x.tieGroupBounds += 2
                    x.tiedPairs += size * (size - 1) / 2
                }
                start = end
            }
        }
        return x
    }

    /// Step 4 (for `kendall-tau` noise): the normal scores of the true z, shared by the levels.
    @inline(__always)
    static func normalScores(cell: StudyCell, subset s: Subset, workspace ws: TrialWorkspace) -> UnsafeBufferPointer<Double> {
        let scores = UnsafeMutableBufferPointer(rebasing: ws.scores[0..<s.count])
        if cell.noise.model == .kendallTau {
            KendallTauNoise.normalScores(UnsafeBufferPointer(s.z), into: scores, workspace: &ws.noise)
        }
        return UnsafeBufferPointer(scores)
    }

    /// Step 5: the predicted metric of every position at this level.
    @inline(__always)
    static func predictMetric(
        cell: StudyCell, levelIndex li: Int, level: Double, subset s: Subset,
        scores: UnsafeBufferPointer<Double>, workspace ws: TrialWorkspace
    ) -> UnsafeMutableBufferPointer<Double> {
        let n = s.count
        let predicted = UnsafeMutableBufferPointer(rebasing: ws.predicted[0..<n])
        switch cell.noise.model {
        case .paperMixture:
            PaperMixtureNoise.draw(std: level, into: predicted, rng: ws.rng, workspace: &ws.noise)
            for i in 0..<n { predicted[i] += s.z[i] }
        case .gaussian:
            GaussianNoise.draw(std: level, into: predicted, rng: ws.rng)
            for i in 0..<n { predicted[i] += s.z[i] }
        case .kendallTau, .trained:  // a trained cell never gets here: its trials run runTrained
            KendallTauNoise.draw(scores: scores, sigma: cell.sigmas[li], into: predicted, rng: ws.rng)
        }
        if cell.pair.precision == .float32 {
            // As the study's code: float64 noise added into a float32 array.
            for i in 0..<n { predicted[i] = Double(Float(predicted[i])) }
        }
        return predicted
    }

    /// The accuracy the selection believes and the positions in that order: the true ones,
    /// or noisy ones when the scenario noises accuracy too.
    struct BelievedAccuracy {
        var order: UnsafeMutableBufferPointer<Int32>
        var accuracy: UnsafeMutableBufferPointer<Double>
    }

    /// Step 6: the believed accuracy: true unless `noise.accuracy_sd` is set or the scenario's
    /// `accuracy:` source is not `known` (``believedEstimate(cell:subset:trialKey:workspace:)``).
    @inline(__always)
    static func believedAccuracy(cell: StudyCell, subset s: Subset, trialKey: UInt64, workspace ws: TrialWorkspace) -> BelievedAccuracy {
        if cell.accuracy.source != .known, let estimate = believedEstimate(cell: cell, subset: s, trialKey: trialKey, workspace: ws) {
            return estimate
        }
        guard cell.noise.accuracySD > 0 else { return BelievedAccuracy(order: s.order, accuracy: s.accuracy) }
        let n = s.count
        let sd = cell.noise.accuracySD / 100
        let predAcc = UnsafeMutableBufferPointer(rebasing: ws.predictedAccuracy[0..<n])
        var levelOrder = UnsafeMutableBufferPointer(rebasing: ws.levelOrder[0..<n])
        for i in 0..<n { predAcc[i] = cell.pair.precision.stored(s.accuracy[i] + ws.rng.gaussian(sd)) }
        for i in 0..<n { levelOrder[i] = Int32(i) }
        levelOrder.sort { predAcc[Int($0)] > predAcc[Int($1)] }
        return BelievedAccuracy(order: levelOrder, accuracy: predAcc)
    }

    /// The predicted Pareto set's members (positions in `ws.selected`, true-accuracy
    /// descending) with their true accuracy and z.
    struct Selection {
        var accuracy: UnsafeMutableBufferPointer<Double>
        var z: UnsafeMutableBufferPointer<Double>
        var count: Int { z.count }
    }

    /// Step 7: the Pareto set under the believed values, then its members in true-accuracy
    /// descending order.
    @inline(__always)
    static func selectPredictedFront(
        _ s: Subset, believed: BelievedAccuracy, predicted: UnsafeMutableBufferPointer<Double>,
        workspace ws: TrialWorkspace
    ) -> Selection {
        let n = s.count
        let mask = UnsafeMutableBufferPointer(rebasing: ws.mask[0..<n])
        ParetoFront.mask(
            order: UnsafeBufferPointer(believed.order), accuracy: UnsafeBufferPointer(believed.accuracy),
            metric: UnsafeBufferPointer(predicted), into: mask)
        var k = 0
        for r in 0..<n {
            let i = Int(s.order[r])
            if mask[i] {
                ws.selected[k] = Int32(i)
                k += 1
            }
        }
        let selection = Selection(
            accuracy: UnsafeMutableBufferPointer(rebasing: ws.selectedAccuracy[0..<k]),
            z: UnsafeMutableBufferPointer(rebasing: ws.selectedZ[0..<k]))
        for j in 0..<k {
            let i = Int(ws.selected[j])
            selection.accuracy[j] = s.accuracy[i]
            selection.z[j] = s.z[i]
        }
        return selection
    }

    /// Step 8: verification, the selected members no other selected member dominates (true
    /// values); a mask over the selection.
    @inline(__always)
    static func verify(_ selection: Selection, workspace ws: TrialWorkspace) -> UnsafeMutableBufferPointer<Bool> {
        let k = selection.count
        let selOrder = UnsafeMutableBufferPointer(rebasing: ws.selectedOrder[0..<k])
        for j in 0..<k { selOrder[j] = Int32(j) }
        let verified = UnsafeMutableBufferPointer(rebasing: ws.selectedMask[0..<k])
        ParetoFront.mask(
            order: UnsafeBufferPointer(selOrder), accuracy: UnsafeBufferPointer(selection.accuracy),
            metric: UnsafeBufferPointer(selection.z), into: verified)
        return verified
    }

    /// Step 9: the cell's measures of this level, into `out`.
    @inline(__always)
    static func score(
        cell: StudyCell, levelIndex li: Int, subset s: Subset, front: TrueFront, tauX: TauX,
        predicted: UnsafeMutableBufferPointer<Double>, selection: Selection,
        verified: UnsafeMutableBufferPointer<Bool>, reference: (accuracy: Double, metric: Double), hvTrue: Double,
        workspace ws: TrialWorkspace, out: UnsafeMutableBufferPointer<Double>
    ) {
        let n = s.count, k = selection.count
        var mraAll = 0.0, gapAll = 0.0, mraVerified = 0.0, gapVerified = 0.0, nVerified = 0
        for j in 0..<k {
            let loss = TrialScoring.frontAccuracyBelow(selection.z[j], frontZ: front.z, frontAcc: front.accuracy) - selection.accuracy[j]
            let gap = selection.z[j] - TrialScoring.frontMetricAbove(selection.accuracy[j], frontZ: front.z, frontAcc: front.accuracy)
            mraAll += loss
            gapAll += gap
            if verified[j] {
                mraVerified += loss
                gapVerified += gap
                nVerified += 1
            }
        }
        let hv = TrialScoring.staircaseVolume(
            accuracy: UnsafeBufferPointer(selection.accuracy),
            metric: UnsafeBufferPointer(selection.z), reference: reference)
        let measures = cell.measures
        let base = li * measures.count
        for (mi, measure) in measures.enumerated() {
            let value: Double
            switch measure {
            case .kendallTau:
                value =
                    KendallTau.tauB(
                        xOrder: UnsafeBufferPointer(rebasing: ws.zOrder[0..<n]),
                        xTieGroups: UnsafeBufferPointer(rebasing: ws.zTieGroups[0..<tauX.tieGroupBounds]),
                        xTiedPairs: tauX.tiedPairs, y: UnsafeBufferPointer(predicted),
                        scratch: ws.tauScratch.baseAddress!) ?? .nan
            case .spearman:
                value =
                    GSL.spearman(
                        UnsafeBufferPointer(s.z), UnsafeBufferPointer(predicted),
                        work: UnsafeMutableBufferPointer(rebasing: ws.spearmanWork[0..<(2 * n)])) ?? .nan
            case .pearson:
                value = GSL.pearson(UnsafeBufferPointer(s.z), UnsafeBufferPointer(predicted)) ?? .nan
            case .hv: value = hv
            case .hvRetained: value = hvTrue > 0 ? hv / hvTrue : .nan
            case .mraAll: value = 100 * mraAll / Double(k)
            case .mraPareto: value = 100 * mraVerified / Double(nVerified)
            case .hwGapAll: value = gapAll / Double(k)
            case .hwGapPareto: value = gapVerified / Double(nVerified)
            case .nSelected: value = Double(k)
            case .nVerified: value = Double(nVerified)
            case .nTrueFront: value = Double(front.z.count)
            }
            out[base + mi] = value
        }
    }
}

// MARK: - The trained path

extension StudyTrial {
    /// Runs the trained rows of trial `trial` of a `model: trained` cell, writing
    /// `sizes × measures` values at the start of `out`: the same subset, true front and
    /// reference point as an injected-noise trial of the same (seed, pair, size, trial), then
    /// per training size: measure the training set, fit the model, believe measured values
    /// where measured and predictions elsewhere, and select, verify and score as
    /// ``run(cell:orders:trial:workspace:out:record:)`` does. Kendall tau, Spearman and
    /// Pearson are taken over the predicted (unmeasured) architectures of the subset.
    /// - Complexity: per size, the model's fit on `size` rows and its prediction of the
    ///   subset, plus O(N log N).
    static func runTrained(
        cell: StudyCell, orders: PairOrders, trial: Int, workspace ws: TrialWorkspace,
        out: UnsafeMutableBufferPointer<Double>, record: ((Int, TrialSelection) -> Void)? = nil
    ) {
        guard let model = cell.trained else { return }
        let trialKey = cell.streamKey(trial: trial)
        ws.rng.reseed(trialKey)
        let subset = drawSubset(cell: cell, orders: orders, workspace: ws, rowsWanted: record != nil)
        let front = trueFront(subset, workspace: ws, positionsWanted: record != nil)
        let reference = cell.reference.point(subsetZ: subset.z, frontMaxZ: front.z[front.z.count - 1])
        let hvTrue = TrialScoring.staircaseVolume(accuracy: front.accuracy.reversed(), metric: front.z.reversed(), reference: reference)
        let tauX = cell.measures.contains(.kendallTau) ? rankTrueMetric(subset, orders: orders, workspace: ws) : TauX()
        let measurement = TrainedMeasurement(model: model, cell: cell, subset: subset, trialKey: trialKey)
        for (li, row) in cell.rows.enumerated() {
            guard case .trained(_, let size) = row else { continue }  // matched rows run in phase 2
            ws.rng.reseed(StreamKey.derive(trialKey, StreamKey.hash("trained \(model.name)"), UInt64(size)))
            let training = measurement.trainingSet(size: size)
            let predicted = predictTrained(cell: cell, model: model, training: training, subset: subset, trialKey: trialKey, workspace: ws)
            let believed = believedAccuracy(cell: cell, subset: subset, trialKey: trialKey, workspace: ws)
            let selection = selectPredictedFront(subset, believed: believed, predicted: predicted, workspace: ws)
            let verified = verify(selection, workspace: ws)
            score(
                cell: cell, levelIndex: li, subset: subset, front: front, tauX: tauX, predicted: predicted,
                selection: selection, verified: verified, reference: reference, hvTrue: hvTrue, workspace: ws, out: out)
            scoreOverPredicted(
                cell: cell, levelIndex: li, subset: subset, predicted: predicted, measured: training.inSubset, workspace: ws, out: out)
            if let record,
                let selected = recordedSelection(
                    subset, front: front, selection: selection, verified: verified,
                    predicted: predicted, believed: believed, reference: reference, workspace: ws)
            {
                record(li, selected)
            }
        }
    }

    /// The measured values of a trained trial: every architecture the largest training set
    /// measures, with its measurement noise drawn once per trial (so a smaller training set
    /// is a prefix of a larger one, values included).
    struct TrainedMeasurement {
        /// Training architectures in measurement order: pair rows, their subset position (−1
        /// outside the subset) and measured z.
        var rows: [Int32]
        var positions: [Int32]
        var measuredZ: [Double]
        var subsetCount: Int

        /// The lookup table's cells, or the first `max(sizes)` positions of the subset,
        /// measured: true z plus `z-scale × metric × sd × N(0, 1)` from the trial's
        /// measurement stream.
        init(model: TrainedStudyModel, cell: StudyCell, subset: Subset, trialKey: UInt64) {
            subsetCount = subset.count
            if let cells = model.lookupTableRows {
                rows = cells
                var positionOf: [Int32: Int32] = [:]
                for i in 0..<subset.count { positionOf[subset.rows[i]] = Int32(i) }
                positions = cells.map { positionOf[$0] ?? -1 }
            } else {
                let k = model.sizes.max() ?? 0
                rows = Array(subset.rows.prefix(k))
                positions = (0..<Int32(k)).map { $0 }
            }
            let z = cell.pair.z
            measuredZ = rows.map { z[Int($0)] }
            if model.measurementRelativeSD > 0 {
                let rng = RandomStream(key: StreamKey.derive(trialKey, StreamKey.hash("measurement")))
                for j in rows.indices {
                    measuredZ[j] += model.noiseScale[Int(rows[j])] * rng.gaussian(model.measurementRelativeSD)
                }
            }
            measuredZ = measuredZ.map(cell.pair.precision.stored)
        }

        /// The first `size` measurements (the lookup table: all of its cells), and which
        /// subset positions they cover.
        struct TrainingSet {
            var rows: ArraySlice<Int32>
            var positions: ArraySlice<Int32>
            var measuredZ: ArraySlice<Double>
            /// By subset position: measured (true) or predicted (false).
            var inSubset: [Bool]
        }

        func trainingSet(size: Int) -> TrainingSet {
            let k = min(size, rows.count)
            var inSubset = [Bool](repeating: false, count: subsetCount)
            for p in positions.prefix(k) where p >= 0 { inSubset[Int(p)] = true }
            return TrainingSet(rows: rows.prefix(k), positions: positions.prefix(k), measuredZ: measuredZ.prefix(k), inSubset: inSubset)
        }
    }

    /// The believed z of every subset position: the measured value where measured, the
    /// model's prediction elsewhere (fitted with ``TrainedFit``: targets z-scored with the
    /// training set's own mean and sd, its own stream keyed by trial, model and size).
    static func predictTrained(
        cell: StudyCell, model: TrainedStudyModel, training: TrainedMeasurement.TrainingSet, subset s: Subset,
        trialKey: UInt64, workspace ws: TrialWorkspace
    ) -> UnsafeMutableBufferPointer<Double> {
        let n = s.count
        let predicted = UnsafeMutableBufferPointer(rebasing: ws.predicted[0..<n])
        let query = (0..<n).filter { !training.inSubset[$0] }
        if !query.isEmpty {
            let k = training.rows.count
            let featureRows = training.rows.map(Int.init) + query.map { Int(s.rows[$0]) }
            let fit = TrainedFit(
                name: model.name,
                spec: PredictorSpec(trainSamples: k, trainSeconds: 0, querySeconds: 0, kendallTau: []),
                model: model.model, features: model.features.selecting(rows: featureRows),
                measured: Array(training.measuredZ) + [Double](repeating: 0, count: query.count), trialKey: trialKey,
                context: model.context)
            let values = fit.predictions(trainedOn: (0..<Int32(k)).map { $0 })
            for (j, p) in query.enumerated() { predicted[p] = cell.pair.precision.stored(values[k + j]) }
        }
        for (j, p) in training.positions.enumerated() where p >= 0 {
            predicted[Int(p)] = training.measuredZ[training.measuredZ.startIndex + j]
        }
        return predicted
    }

    /// Rewrites the rank and linear correlations of this level with their values over the
    /// predicted positions only (true z against predicted z); NaN with fewer than two.
    static func scoreOverPredicted(
        cell: StudyCell, levelIndex li: Int, subset s: Subset, predicted: UnsafeMutableBufferPointer<Double>,
        measured: [Bool], workspace ws: TrialWorkspace, out: UnsafeMutableBufferPointer<Double>
    ) {
        let wanted: [Measure] = [.kendallTau, .spearman, .pearson]
        guard cell.measures.contains(where: wanted.contains) else { return }
        var x: [Double] = [], y: [Double] = []
        for i in 0..<s.count where !measured[i] {
            x.append(s.z[i])
            y.append(predicted[i])
        }
        let base = li * cell.measures.count
        for (mi, measure) in cell.measures.enumerated() {
            switch measure {
            case .kendallTau:
                out[base + mi] = x.count >= 2 ? KendallTau.tauB(x, y) ?? .nan : .nan
            case .spearman:
                out[base + mi] = x.withUnsafeBufferPointer { xb in
                    y.withUnsafeBufferPointer { yb in
                        GSL.spearman(xb, yb, work: UnsafeMutableBufferPointer(rebasing: ws.spearmanWork[0..<(2 * x.count)])) ?? .nan
                    }
                }
            case .pearson:
                out[base + mi] = x.withUnsafeBufferPointer { xb in y.withUnsafeBufferPointer { yb in GSL.pearson(xb, yb) ?? .nan } }
            default:
                break
            }
        }
    }
}
