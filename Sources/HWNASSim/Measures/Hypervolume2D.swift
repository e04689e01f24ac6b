// SPDX-License-Identifier: GPL-3.0-or-later

/// Whether an objective is minimised or maximised.
public enum Sense: Sendable {
    case minimize
    case maximize
}

/// The two-dimensional hypervolume indicator: the area dominated by a point set and bounded by a reference point.
public enum Hypervolume2D {
    /// Area dominated by `points` and bounded by `reference`, each coordinate with its sense.
    ///
    /// Points not strictly better than the reference in both coordinates add nothing; duplicates and
    /// dominated points add nothing. The result does not depend on the order of `points`.
    /// - Complexity: O(n log n).
    static func volume(_ points: [(Double, Double)], reference: (Double, Double), senses: (Sense, Sense)) -> Double {
        // Work with both objectives maximised.
        let s0: Double = senses.0 == .maximize ? 1 : -1
        let s1: Double = senses.1 == .maximize ? 1 : -1
        let r0 = s0 * reference.0, r1 = s1 * reference.1
        var kept: [(Double, Double)] = []
        kept.reserveCapacity(points.count)
        for p in points {
            let a = s0 * p.0, b = s1 * p.1
            if a > r0 && b > r1 { kept.append((a, b)) }
        }
        // Descending first coordinate, ties by descending second coordinate.
        kept.sort { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 > $1.1) }
        var area = 0.0
        var height = r1
        for (a, b) in kept where b > height {
            area += (a - r0) * (b - height)
            height = b
        }
        return area
    }

    /// The project's case: hypervolume with accuracy maximised and metric minimised.
    /// - Complexity: O(n log n).
    public static func accuracyMetric(accuracy: [Double], metric: [Double], reference: (accuracy: Double, metric: Double)) -> Double {
        precondition(accuracy.count == metric.count, "Hypervolume2D.accuracyMetric: accuracy and metric must have the same length")
        var points: [(Double, Double)] = []
        points.reserveCapacity(accuracy.count)
        for i in accuracy.indices { points.append((accuracy[i], metric[i])) }
        return volume(points, reference: (reference.accuracy, reference.metric), senses: (.maximize, .minimize))
    }
}
