// SPDX-License-Identifier: GPL-3.0-or-later

/// How a predictor-guided search scores its candidates (higher is better). One case per
/// acquisition: the expected hypervolume improvement (`ehvi`, with the predictors' σ) is one
/// more case here.
enum Acquisition: Sendable {
    /// The exact hypervolume improvement of the candidate's predicted point (accuracy known,
    /// predicted value) over the measured front; a candidate the front dominates scores minus
    /// its gap to the front's staircase in metric units (so the nearest comes first).
    case hypervolumeImprovement

    /// The score of each candidate, `front` accuracy-descending with measured values.
    /// - Complexity: O(candidates × front).
    func scores(_ candidates: [Int32], predicted: [Double], front: [Int32], world: BudgetWorld) -> [Double] {
        switch self {
        case .hypervolumeImprovement:
            let points = front.map { (world.accuracy[Int($0)], world.measured[Int($0)]) }
            let values = points.map(\.1) + candidates.map { predicted[Int($0)] }
            let top = values.filter(\.isFinite).max() ?? 1
            let bottom = values.filter(\.isFinite).min() ?? 0
            let reference = (accuracy: 0.0, metric: top + 0.1 * max(top - bottom, abs(top), 1e-12))
            return candidates.map { c in
                Self.improvement(of: (world.accuracy[Int(c)], predicted[Int(c)]), over: points, reference: reference)
            }
        }
    }

    /// The exact 2-D hypervolume improvement of `point` (accuracy up, value down) over `front`
    /// (accuracy-descending, mutually non-dominated), or minus its gap when dominated.
    static func improvement(
        of point: (Double, Double), over front: [(Double, Double)], reference: (accuracy: Double, metric: Double)
    ) -> Double {
        guard point.1.isFinite else { return -.infinity }
        // The staircase's best value among members at least as accurate as the point.
        let bestAbove = front.lazy.filter { $0.0 >= point.0 }.map(\.1).min() ?? .infinity
        guard point.1 < bestAbove else { return -(point.1 - bestAbove) }
        let before = TrialScoring.staircaseVolume(accuracy: front.map(\.0), metric: front.map(\.1), reference: reference)
        var merged = front
        merged.insert(point, at: merged.firstIndex { $0.0 < point.0 } ?? merged.count)
        let after = TrialScoring.staircaseVolume(accuracy: merged.map(\.0), metric: merged.map(\.1), reference: reference)
        return after - before
    }
}
