// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
@_spi(Benchmarks) import HWNASSim

/// One line of the benchmark table: the median, minimum and maximum of repeated measurements.
public struct BenchmarkRow: Sendable {
    public var benchmark: String
    /// Problem size (elements), or trials for whole-scenario runs.
    public var n: Int
    public var unit: String
    public var median: Double
    public var min: Double
    public var max: Double
    public var repeats: Int
    /// Nanoseconds per element per operation at the median (throughput rows only).
    public var nsPerElement: Double?
    public var note: String

    public init(benchmark: String, n: Int, unit: String, samples: [Double], nsPerElement: ((Double) -> Double)? = nil, note: String = "") {
        self.benchmark = benchmark
        self.n = n
        self.unit = unit
        let sorted = samples.sorted()
        let median = BenchmarkRow.median(sorted)
        self.median = median
        min = sorted.first ?? .nan
        max = sorted.last ?? .nan
        repeats = samples.count
        self.nsPerElement = nsPerElement.map { $0(median) }
        self.note = note
    }

    /// A row for a benchmark that could not run, with the reason in `note`.
    public static func skipped(_ benchmark: String, n: Int, unit: String, note: String) -> BenchmarkRow {
        BenchmarkRow(benchmark: benchmark, n: n, unit: unit, samples: [], note: note)
    }

    /// The median of ascending `sorted` (mean of the middle two for an even count; NaN when empty).
    static func median(_ sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let m = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
    }
}

/// The in-process micro-benchmarks of `hwnas-sim bench` (single thread, so rates are per core).
///
/// Timing uses `ContinuousClock`; each repeat runs the operation until at least `minSeconds`
/// have passed, on fresh random data every time (a branch predictor must not learn the data).
public enum Benchmarks {
    /// The study's noise levels (docs/study.md §4).
    public static let studyLevels: [Double] = (0...10).map { Double($0) / 10 }

    /// Noisy selections per second on one core: trials of a paper-mixture cell with the study's
    /// 11 levels, counting one selection per level (noise draw, predicted Pareto set,
    /// verification and measures; the trial's subset draw, ordering and true front are shared
    /// by its 11 levels). With `withTau`, every level also computes Kendall's tau-b against the
    /// true z (O(n log n)); without it, the measures are the study's others (O(n) per level).
    public static func selectionRate(
        pair: GroundTruthPair, subsetSize n: Int, withTau: Bool,
        repeats: Int, minSeconds: Double
    ) -> BenchmarkRow {
        let measures: [Measure] =
            (withTau ? [.kendallTau] : [])
            + [.hv, .hvRetained, .mraAll, .mraPareto, .hwGapAll, .hwGapPareto, .nSelected, .nVerified, .nTrueFront]
        let cell = StudyCell(
            pair: pair, subsetSize: n, noise: NoiseSpec(model: .paperMixture, levels: studyLevels),
            reference: .subsetMax, measures: measures, seed: 2022)
        let orders = PairOrders(pair: pair)
        let ws = TrialWorkspace(capacity: n, tableSize: pair.count)
        var out = [Double](repeating: .nan, count: cell.valuesPerTrial)
        var trial = 0
        let samples = (0..<repeats).map { _ in
            rate(minSeconds: minSeconds) {
                out.withUnsafeMutableBufferPointer { StudyTrial.run(cell: cell, orders: orders, trial: trial, workspace: ws, out: $0) }
                trial += 1
                return studyLevels.count
            }
        }
        let name = withTau ? "selection+tau" : "selection"
        let note = n == pair.count ? "\(pair.dataset)/\(pair.metric), subset = whole table" : "\(pair.dataset)/\(pair.metric)"
        return BenchmarkRow(
            benchmark: name, n: n, unit: "selections/s/core", samples: samples,
            nsPerElement: { 1e9 / $0 / Double(n) }, note: note)
    }

    /// Kendall's tau-b calls per second on one core at size `n`: x fixed (presorted once), y = x
    /// plus N(0, 0.5²) noise, a fresh y per call from a pool of 16.
    /// - Complexity: O(n log n) per call.
    public static func tauBRate(n: Int, repeats: Int, minSeconds: Double) -> BenchmarkRow {
        let rng = RandomStream(key: StreamKey.derive(7, UInt64(n)))
        let x = (0..<n).map { _ in rng.gaussian() }
        let ys = (0..<16).map { _ in x.map { $0 + rng.gaussian(0.5) } }
        let presorted = KendallTau.Presorted(x: x)
        var workspace = KendallTau.Workspace()
        var call = 0
        var sink = 0.0
        let samples = (0..<repeats).map { _ in
            rate(minSeconds: minSeconds) {
                sink += presorted.tauB(ys[call % ys.count], workspace: &workspace) ?? 0
                call += 1
                return 1
            }
        }
        return BenchmarkRow(
            benchmark: "tau-b", n: n, unit: "calls/s/core", samples: samples,
            nsPerElement: { 1e9 / $0 / Double(n) }, note: sink.isNaN ? "NaN" : "y = x + N(0, 0.5²)")
    }

    /// Runs `body` (which returns how many operations it did) until `minSeconds` have passed;
    /// returns operations per second.
    static func rate(minSeconds: Double, _ body: () -> Int) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        var operations = 0
        var elapsed = 0.0
        repeat {
            operations += body()
            elapsed = (clock.now - start).inSeconds
        } while elapsed < minSeconds
        return Double(operations) / elapsed
    }

    /// The rows as CSV: `benchmark,n,unit,median,min,max,repeats,ns_per_element,note`.
    public static func csv(_ rows: [BenchmarkRow]) -> String {
        Format.csv(
            header: ["benchmark", "n", "unit", "median", "min", "max", "repeats", "ns_per_element", "note"],
            rows: rows.map { r in
                [
                    r.benchmark, String(r.n), r.unit, Format.number(r.median), Format.number(r.min), Format.number(r.max),
                    String(r.repeats), r.nsPerElement.map { Format.fixed($0, 2) } ?? "", r.note
                ]
            })
    }

    /// The rows as an aligned text table (medians with three significant digits).
    public static func table(_ rows: [BenchmarkRow]) -> String {
        let header = ["benchmark", "n", "median", "min", "max", "unit", "ns/elem", "note"]
        let body = rows.map { r in
            [
                r.benchmark, String(r.n), significant(r.median), significant(r.min), significant(r.max), r.unit,
                r.nsPerElement.map { Format.fixed($0, 1) } ?? "", r.note
            ]
        }
        let all = [header] + body
        let widths = (0..<header.count).map { c in all.map { $0[c].count }.max() ?? 0 }
        let numeric: Set<Int> = [1, 2, 3, 4, 6]
        return all.map { row in
            row.enumerated().map { c, s in
                let pad = String(repeating: " ", count: widths[c] - s.count)
                return c == row.count - 1 ? s : (numeric.contains(c) ? pad + s : s + pad)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// `x` with three significant digits (no exponent below 1e9).
    static func significant(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        let magnitude = x == 0 ? 0 : Int(floor(log10(abs(x))))
        return Format.fixed(x, Swift.max(0, 2 - magnitude))
    }
}
