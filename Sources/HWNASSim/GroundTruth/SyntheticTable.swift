// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A seeded synthetic search space, for tests and for machines without the real tables.
///
/// A Gaussian copula with Kendall rank correlation `rankCorrelation` between accuracy and the
/// metric (bigger networks are more accurate and slower): accuracy `0.5 + 0.2·tanh(u)` rounded to
/// 1e-4, latency `exp(0.8·v)` ms rounded to three significant digits (skewed, with ties).
public struct SyntheticSpec: Equatable, Sendable {
    public var size: Int
    public var rankCorrelation: Double
    public var seed: UInt64

    public init(size: Int = 15625, rankCorrelation: Double = 0.4, seed: UInt64 = 1) {
        self.size = size
        self.rankCorrelation = rankCorrelation
        self.seed = seed
    }

    /// The metric columns of a synthetic table.
    static let metricNames = ["latency", "energy"]

    /// Generates the table (deterministic for equal specs).
    /// - Complexity: O(size).
    public func makeTable() -> MetricTable {
        let rng = RandomStream(key: StreamKey.derive(seed, StreamKey.hash("synthetic")))
        let rho = sin(Double.pi * rankCorrelation / 2)
        let c = (1 - rho * rho).squareRoot()
        var acc = [Double](), lat = [Double](), energy = [Double](), ids = [String]()
        acc.reserveCapacity(size)
        lat.reserveCapacity(size)
        energy.reserveCapacity(size)
        for i in 0..<size {
            let u = rng.gaussian()
            let v = rho * u + c * rng.gaussian()
            let w = 0.9 * v + 0.43 * rng.gaussian()
            acc.append((10_000 * (0.5 + 0.2 * tanh(u))).rounded() / 10_000)
            lat.append(Self.threeSignificant(exp(0.8 * v)))
            energy.append(Self.threeSignificant(3 * exp(0.6 * w)))
            ids.append(String(i))
        }
        return MetricTable(
            dataset: "synthetic", path: nil, sha256: nil, ids: ids, archStrings: nil,
            accuracy: acc, metricNames: Self.metricNames,
            metrics: ["latency": lat, "energy": energy])
    }

    static func threeSignificant(_ x: Double) -> Double {
        let e = floor(log10(x)) - 2
        let s = pow(10, e)
        return (x / s).rounded() * s
    }
}
