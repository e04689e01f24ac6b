// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HWNASSim

/// Shared fixtures: the real tables (the repository's Data/ folder), and synthetic pairs.
public enum Fixtures {
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The bundled tables, tracked in git: the real-data tests never skip.
    public static let dataDirectory = packageRoot + "/Data"

    public static func syntheticPair(size: Int = 2000, rankCorrelation: Double = 0.4, seed: UInt64 = 1, metric: String = "latency")
        -> GroundTruthPair
    {
        let table = SyntheticSpec(size: size, rankCorrelation: rankCorrelation, seed: seed).makeTable()
        return try! GroundTruthPair(table: table, metric: metric, pairing: .true)
    }

    public static func realPair(_ dataset: String, _ metric: String, pairing: Pairing = .true, precision: Precision = .float64) throws
        -> GroundTruthPair
    {
        let table = try MetricTable.loadNB201(dataset: dataset, directory: dataDirectory)
        return try GroundTruthPair(table: table, metric: metric, pairing: pairing, precision: precision)
    }

    /// A fresh temporary folder.
    public static func temporaryDirectory(_ name: String = "hwnas") -> String {
        let path = NSTemporaryDirectory() + "\(name)-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The input error planning a run of scenario `text` raises (the checks that need the
    /// tables: proxy coverage, training sizes), nil when it plans.
    public static func planError(_ text: String) -> InputError? {
        let out = temporaryDirectory("plan")
        do {
            _ = try RunPlan.make(path: file("s.yaml", text), options: RunOptions(outDirectory: out, jobs: 1, dataDirectory: dataDirectory))
            return nil
        } catch let e as InputError {
            return e
        } catch {
            return InputError(key: nil, "\(error)")
        }
    }

    /// Writes `text` to a new file in a fresh folder and returns its path.
    /// The error `Scenario.parse` gives for `text` (read as `file`), or "no error".
    public static func parseMessage(_ text: String, file: String = "s.yaml") -> String {
        do {
            _ = try Scenario.parse(text, file: file)
            return "no error"
        } catch { return "\(error)" }
    }

    public static func file(_ name: String, _ text: String) -> String {
        let path = temporaryDirectory() + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }
}

/// SplitMix64: a tiny seeded generator, so that every test run sees the same inputs (no clock).
public struct SplitMix64 {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    public mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}

// MARK: - Brute-force oracles shared by the tests

/// O(n²) Kendall tau-b from its definition: concordant minus discordant pairs over
/// √((n0 − ties in x)(n0 − ties in y)); nil when undefined.
public func bruteForceKendallTauB(_ x: [Double], _ y: [Double]) -> Double? {
    let n = x.count
    guard n >= 2 else { return nil }
    var c = 0, d = 0, tx = 0, ty = 0
    for i in 0..<(n - 1) {
        for j in (i + 1)..<n {
            let sx = (x[i] > x[j] ? 1 : 0) - (x[i] < x[j] ? 1 : 0)
            let sy = (y[i] > y[j] ? 1 : 0) - (y[i] < y[j] ? 1 : 0)
            if sx == 0 { tx += 1 }
            if sy == 0 { ty += 1 }
            if sx * sy > 0 { c += 1 } else if sx * sy < 0 { d += 1 }
        }
    }
    let n0 = n * (n - 1) / 2
    guard tx < n0, ty < n0 else { return nil }
    return Double(c - d) / (Double(n0 - tx) * Double(n0 - ty)).squareRoot()
}

/// 2-D hypervolume by a different route than the sweep: the union of the boxes
/// [ref, p] on a grid of every distinct coordinate, each grid cell counted once.
public func gridHypervolume(_ points: [(Double, Double)], reference r: (Double, Double), senses: (Sense, Sense)) -> Double {
    let s0: Double = senses.0 == .maximize ? 1 : -1, s1: Double = senses.1 == .maximize ? 1 : -1
    let p = points.map { (s0 * $0.0, s1 * $0.1) }.filter { $0.0 > s0 * r.0 && $0.1 > s1 * r.1 }
    let xs = Array(Set([s0 * r.0] + p.map(\.0))).sorted(), ys = Array(Set([s1 * r.1] + p.map(\.1))).sorted()
    var area = 0.0
    for i in 1..<xs.count {
        for j in 1..<ys.count where p.contains(where: { $0.0 >= xs[i] && $0.1 >= ys[j] }) {
            area += (xs[i] - xs[i - 1]) * (ys[j] - ys[j - 1])
        }
    }
    return area
}
