// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Few-shot transfer from other devices (`transfer`), HELP's idea without its meta-training:
/// the features of an architecture are its measured values on source devices (other columns
/// of the same table), and a ridge regression maps them to the target device from a handful
/// of target measurements (default ``defaultTrainingSamples``).
///
/// The features are standardised over the training samples, and α is chosen by exact
/// leave-one-out. Defaults measured in HELP's setting (nine meta-training devices, its six
/// NB201 test devices, 10 samples, 50 splits, mean Spearman): linear with leave-one-out 0.943,
/// linear with GCV 0.930, log–log with leave-one-out 0.933, log–log with GCV 0.917; HELP
/// reports 0.932.
public struct TransferPredictor: Predictor {
    /// The target-device measurements a fit uses by default (HELP's 10).
    public static let defaultTrainingSamples = 10

    /// Fits log(target) on log(sources), a power law between devices (every value must be > 0).
    public var logarithm: Bool
    var ridge = RidgeRegression(standardize: true)

    public init(logarithm: Bool = false) {
        self.logarithm = logarithm
        ridge.selection = .loo
    }

    public var name: String { "transfer" }
    public var minimumTrainingSize: Int { 2 }

    public mutating func fit(_ features: FeatureMatrix, _ targets: [Double], stream: RandomStream) throws {
        try checkTrainingSet(features, targets)
        if logarithm {
            guard features.values.allSatisfy({ $0 > 0 }), targets.allSatisfy({ $0 > 0 }) else {
                throw InputError(key: "predictor.logarithm", "transfer: log fit needs values > 0 on every device; set logarithm: false")
            }
            var f = features
            f.values = f.values.map { log($0) }
            try ridge.fit(f, targets.map { log($0) }, stream: stream)
        } else {
            try ridge.fit(features, targets, stream: stream)
        }
    }

    public func predict(_ features: FeatureMatrix) -> [Double] {
        guard logarithm else { return ridge.predict(features) }
        var f = features
        f.values = f.values.map { $0 > 0 ? log($0) : .nan }
        return ridge.predict(f).map { exp($0) }
    }
}

extension TransferPredictor {
    /// The source columns of a transfer to `target`: `requested`, checked, or by default every
    /// other `*_latency` column of `available` that has no missing value (NB201's Edge TPU
    /// column, missing for 4,699 cells, would leave those architectures out).
    /// - Parameter complete: whether a column has a value for every architecture.
    /// - Throws: ``InputError`` at `key` for an unknown column, the target itself, or an empty list.
    public static func sourceColumns(
        requested: [String]?, target: String, available: [String],
        complete: (String) -> Bool = { _ in true }, key: String = "predictor.source"
    ) throws -> [String] {
        guard let requested else {
            let columns = available.filter { $0 != target && $0.hasSuffix("_latency") && complete($0) }
            guard !columns.isEmpty else {
                throw InputError(
                    key: key, "transfer to '\(target)': the table has no other complete latency column; list the source columns")
            }
            return columns
        }
        guard !requested.isEmpty else { throw InputError(key: key, "transfer: source is empty, expected a list of other devices' columns") }
        for (i, c) in requested.enumerated() {
            if c == target {
                throw InputError(key: "\(key)[\(i)]", "transfer: source '\(c)' is the target itself; list other devices' columns")
            }
            guard available.contains(c) else {
                throw InputError(
                    key: "\(key)[\(i)]",
                    "transfer: no column '\(c)'\(Suggest.hint(for: c, in: available)); the table has: \(available.joined(separator: ", "))")
            }
        }
        return requested
    }
}
