// SPDX-License-Identifier: GPL-3.0-or-later

/// One trial of the study: draw a subset, find its true front, and for every
/// noise level select the predicted Pareto set, verify it, and score it with true values.
enum StudyTrial {
    /// Runs trial `trial` of `cell`, writing `levels × measures` values into `out`
    /// (level-major, measures in the cell's order; NaN where a measure is undefined).
    /// `record`, when given, receives the selections of every level (for plots).
    /// `orders` are the global orders of `cell.pair` (``PairOrders``), shared by all trials.
    /// - Complexity: O(min(T, N log N)) per trial for a table of T rows, then O(N) per level
    ///   (+ O(N log N) for rank correlations).
    static func run(cell: StudyCell, orders: PairOrders, trial: Int, workspace ws: TrialWorkspace,
                    out: UnsafeMutableBufferPointer<Double>,
                    record: ((Int, TrialSelection) -> Void)? = nil) {
        let n = cell.subsetSize
        let pair = cell.pair
        let rng = ws.rng
        let trialKey = cell.streamKey(trial: trial)
        rng.reseed(trialKey)

        // 1. Subset draw.
        let acc = UnsafeMutableBufferPointer(rebasing: ws.accuracy[0..<n])
        let z = UnsafeMutableBufferPointer(rebasing: ws.z[0..<n])
        let subsetRows: [Int]? = SubsetDraw.draw(pair: pair, size: n, workspace: ws, accuracy: acc, z: z,
                                                  rowsWanted: record != nil)

        // 2. Order by true accuracy (descending; ties by position), once per trial.
        let rows = UnsafeBufferPointer(rebasing: ws.rows[0..<n])
        let order = UnsafeMutableBufferPointer(rebasing: ws.order[0..<n])
        SubsetOrder.sort(rows: rows, global: orders.byAccuracy, rank: orders.accuracyRank,
                         positionOfRow: ws.positionOfRow, keys: ws.sortKeys, into: order)

        // 3. True front, sorted by z ascending (accuracy is then non-decreasing).
        let mask = UnsafeMutableBufferPointer(rebasing: ws.mask[0..<n])
        ParetoFront.mask(order: UnsafeBufferPointer(order), accuracy: UnsafeBufferPointer(acc),
                         metric: UnsafeBufferPointer(z), into: mask)
        var frontCount = 0
        for k in stride(from: n - 1, through: 0, by: -1) {
            let i = Int(order[k])
            if mask[i] {
                ws.frontZ[frontCount] = z[i]
                ws.frontAccuracy[frontCount] = acc[i]
                frontCount += 1
            }
        }
        // Walking the accuracy order backwards gives ascending accuracy; on a front that is
        // ascending z too, except among identical points.
        let frontZ = UnsafeBufferPointer(rebasing: ws.frontZ[0..<frontCount])
        let frontAcc = UnsafeBufferPointer(rebasing: ws.frontAccuracy[0..<frontCount])
        let trueFrontPositions: [Int]? = record == nil ? nil : (0..<n).filter { mask[$0] }

        // 4. Reference point.
        let reference = cell.reference.point(subsetZ: z, frontMaxZ: frontZ[frontCount - 1])
        let hvTrue = TrialScoring.staircaseVolume(accuracy: frontAcc.reversed(), metric: frontZ.reversed(), reference: reference)

        // 5. Per-trial preparation of the noise model and rank measures.
        let measures = cell.measures
        let wantsTau = measures.contains(.kendallTau)
        var zTieGroupCount = 0, zTiedPairs = 0
        if wantsTau {
            // The x side of Kendall's tau: positions by true z, and the runs of equal z.
            SubsetOrder.sort(rows: rows, global: orders.byZ, rank: orders.zRank,
                             positionOfRow: ws.positionOfRow, keys: ws.sortKeys, into: ws.zOrder)
            orders.zRank.withUnsafeBufferPointer { zRank in
                var start = 0
                while start < n {
                    let r = zRank[Int(rows[Int(ws.zOrder[start])])]
                    var end = start + 1
                    while end < n && zRank[Int(rows[Int(ws.zOrder[end])])] == r { end += 1 }
                    let size = end - start
                    if size > 1 {
                        ws.zTieGroups[zTieGroupCount] = Int32(start)
                        ws.zTieGroups[zTieGroupCount + 1] = Int32(end)
                        zTieGroupCount += 2
                        zTiedPairs += size * (size - 1) / 2
                    }
                    start = end
                }
            }
        }
        let scores = UnsafeMutableBufferPointer(rebasing: ws.scores[0..<n])
        if cell.noise.model == .kendallTau {
            KendallTauNoise.normalScores(UnsafeBufferPointer(z), into: scores, workspace: &ws.noise)
        }
        let predicted = UnsafeMutableBufferPointer(rebasing: ws.predicted[0..<n])
        let noisyAccuracy = cell.noise.accuracySD > 0
        let predAcc = UnsafeMutableBufferPointer(rebasing: ws.predictedAccuracy[0..<n])
        var levelOrder = UnsafeMutableBufferPointer(rebasing: ws.levelOrder[0..<n])
        let float32 = pair.precision == .float32

        for (li, level) in cell.noise.levels.enumerated() {
            // 6. Predicted metric (and accuracy). Each level has its own stream, keyed by its
            // value: adding or removing a level leaves the other levels' draws unchanged, so
            // scenarios with different level lists share their random numbers.
            rng.reseed(StreamKey.derive(trialKey, level.bitPattern))
            switch cell.noise.model {
            case .paperMixture:
                PaperMixtureNoise.draw(std: level, into: predicted, rng: rng, workspace: &ws.noise)
                for i in 0..<n { predicted[i] += z[i] }
            case .gaussian:
                GaussianNoise.draw(std: level, into: predicted, rng: rng)
                for i in 0..<n { predicted[i] += z[i] }
            case .kendallTau:
                KendallTauNoise.draw(scores: UnsafeBufferPointer(scores), sigma: cell.sigmas[li], into: predicted, rng: rng)
            }
            if float32 {
                // As the study's code: float64 noise added into a float32 array.
                for i in 0..<n { predicted[i] = Double(Float(predicted[i])) }
            }
            var selectionOrder = order
            var selectionAccuracy = acc
            if noisyAccuracy {
                let sd = cell.noise.accuracySD / 100
                for i in 0..<n { predAcc[i] = pair.precision.stored(acc[i] + rng.gaussian(sd)) }
                for i in 0..<n { levelOrder[i] = Int32(i) }
                levelOrder.sort { predAcc[Int($0)] > predAcc[Int($1)] }
                selectionOrder = levelOrder
                selectionAccuracy = predAcc
            }

            // 7. Predicted Pareto set, then members in true-accuracy-descending order.
            ParetoFront.mask(order: UnsafeBufferPointer(selectionOrder), accuracy: UnsafeBufferPointer(selectionAccuracy),
                             metric: UnsafeBufferPointer(predicted), into: mask)
            var k = 0
            for r in 0..<n {
                let i = Int(order[r])
                if mask[i] { ws.selected[k] = Int32(i); k += 1 }
            }
            let selAcc = UnsafeMutableBufferPointer(rebasing: ws.selectedAccuracy[0..<k])
            let selZ = UnsafeMutableBufferPointer(rebasing: ws.selectedZ[0..<k])
            for j in 0..<k {
                let i = Int(ws.selected[j])
                selAcc[j] = acc[i]
                selZ[j] = z[i]
            }

            // 8. Verification: the selected members no other selected member dominates (true values).
            let selOrder = UnsafeMutableBufferPointer(rebasing: ws.selectedOrder[0..<k])
            for j in 0..<k { selOrder[j] = Int32(j) }
            let verifiedMask = UnsafeMutableBufferPointer(rebasing: ws.selectedMask[0..<k])
            ParetoFront.mask(order: UnsafeBufferPointer(selOrder), accuracy: UnsafeBufferPointer(selAcc),
                             metric: UnsafeBufferPointer(selZ), into: verifiedMask)

            // 9. Measures.
            var mraAll = 0.0, gapAll = 0.0, mraVerified = 0.0, gapVerified = 0.0, nVerified = 0
            for j in 0..<k {
                let loss = TrialScoring.frontAccuracyBelow(selZ[j], frontZ: frontZ, frontAcc: frontAcc) - selAcc[j]
                let gap = selZ[j] - TrialScoring.frontMetricAbove(selAcc[j], frontZ: frontZ, frontAcc: frontAcc)
                mraAll += loss
                gapAll += gap
                if verifiedMask[j] {
                    mraVerified += loss
                    gapVerified += gap
                    nVerified += 1
                }
            }
            let hv = TrialScoring.staircaseVolume(accuracy: UnsafeBufferPointer(selAcc), metric: UnsafeBufferPointer(selZ), reference: reference)
            let base = li * measures.count
            for (mi, measure) in measures.enumerated() {
                let value: Double
                switch measure {
                case .kendallTau:
                    value = KendallTau.tauB(xOrder: UnsafeBufferPointer(rebasing: ws.zOrder[0..<n]),
                                            xTieGroups: UnsafeBufferPointer(rebasing: ws.zTieGroups[0..<zTieGroupCount]),
                                            xTiedPairs: zTiedPairs, y: UnsafeBufferPointer(predicted),
                                            scratch: ws.tauScratch.baseAddress!) ?? .nan
                case .spearman:
                    value = GSL.spearman(UnsafeBufferPointer(z), UnsafeBufferPointer(predicted),
                                         work: UnsafeMutableBufferPointer(rebasing: ws.spearmanWork[0..<(2 * n)])) ?? .nan
                case .pearson:
                    value = GSL.pearson(UnsafeBufferPointer(z), UnsafeBufferPointer(predicted)) ?? .nan
                case .hv: value = hv
                case .hvRetained: value = hvTrue > 0 ? hv / hvTrue : .nan
                case .mraAll: value = 100 * mraAll / Double(k)
                case .mraPareto: value = 100 * mraVerified / Double(nVerified)
                case .hwGapAll: value = gapAll / Double(k)
                case .hwGapPareto: value = gapVerified / Double(nVerified)
                case .nSelected: value = Double(k)
                case .nVerified: value = Double(nVerified)
                case .nTrueFront: value = Double(frontCount)
                }
                out[base + mi] = value
            }
            if let record, let subsetRows, let trueFrontPositions {
                let selected = (0..<k).map { Int(ws.selected[$0]) }
                record(li, TrialSelection(subset: subsetRows, trueFront: trueFrontPositions, selected: selected.sorted(),
                                          verified: (0..<k).filter { verifiedMask[$0] }.map { selected[$0] }.sorted(),
                                          accuracy: Array(acc), z: Array(z), predicted: Array(predicted),
                                          predictedAccuracy: Array(selectionAccuracy), reference: reference))
            }
        }
    }
}
