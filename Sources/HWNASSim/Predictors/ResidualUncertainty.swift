// SPDX-License-Identifier: GPL-3.0-or-later

/// A predictor's predictive uncertainty from its residuals: σ(a) = s × |prediction(a)|, s the
/// root mean square of relative residuals (measured / predicted − 1).
///
/// Latency errors grow with latency, so the spread is relative. The residuals are the
/// out-of-sample ones of verification measurements (each against the predictions in use
/// when it finished: made without it), the latest ``window`` of them, once there are at
/// least ``minimumOutOfSample``; before that, the training sample's in-sample residuals
/// (an underestimate for a flexible model; every trained model and synthetic predictor uses
/// this rule, see docs/budget.md).
struct ResidualUncertainty {
    /// In-sample relative residuals of the training sample.
    var training: [Double] = []
    /// Out-of-sample relative residuals, in order.
    var outOfSample: [Double] = []

    /// The number of latest out-of-sample residuals used.
    static let window = 100
    /// Out-of-sample residuals needed before they replace the training residuals.
    static let minimumOutOfSample = 5

    /// The relative residual of a measurement `measured` predicted as `predicted` (0 when
    /// the prediction is not a positive finite number).
    static func relative(measured: Double, predicted: Double) -> Double {
        predicted > 0 && predicted.isFinite && measured.isFinite ? measured / predicted - 1 : 0
    }

    /// Records the training sample's residuals (replacing earlier ones).
    mutating func setTraining(_ positions: [Int32], measured: [Double], predicted: [Double]) {
        training = positions.map { Self.relative(measured: measured[Int($0)], predicted: predicted[Int($0)]) }
    }

    /// Records one verification measurement's residual.
    mutating func add(measured: Double, predicted: Double) {
        outOfSample.append(Self.relative(measured: measured, predicted: predicted))
    }

    /// The relative spread s.
    /// - Complexity: O(``window``).
    var relativeSD: Double {
        let r = outOfSample.count >= Self.minimumOutOfSample ? Array(outOfSample.suffix(Self.window)) : training
        guard !r.isEmpty else { return 0 }
        return (r.reduce(0) { $0 + $1 * $1 } / Double(r.count)).squareRoot()
    }

    /// σ per position for `predicted`.
    func sd(_ predicted: [Double]) -> [Double] {
        let s = relativeSD
        return predicted.map { s * abs($0) }
    }
}
