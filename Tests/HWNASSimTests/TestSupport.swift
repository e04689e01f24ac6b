// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
@testable import HWNASSim

/// Shared fixtures: the real tables when present (`make test` copies them into Data/), and
/// synthetic pairs that are always available.
enum Fixtures {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var dataDirectory: String {
        if let env = ProcessInfo.processInfo.environment["HWNAS_SIM_DATA"], !env.isEmpty { return env }
        return packageRoot + "/Data"
    }

    static var realDataAvailable: Bool {
        FileManager.default.fileExists(atPath: dataDirectory + "/nb201_ImageNet16-120.csv")
            && FileManager.default.fileExists(atPath: dataDirectory + "/nb201_cifar100.csv")
    }

    static func syntheticPair(size: Int = 2000, rankCorrelation: Double = 0.4, seed: UInt64 = 1, metric: String = "latency") -> GroundTruthPair {
        let table = SyntheticSpec(size: size, rankCorrelation: rankCorrelation, seed: seed).makeTable()
        return try! GroundTruthPair(table: table, metric: metric, pairing: .true)
    }

    static func realPair(_ dataset: String, _ metric: String, pairing: Pairing = .true, precision: Precision = .float64) throws -> GroundTruthPair {
        let table = try MetricTable.loadNB201(dataset: dataset, directory: dataDirectory)
        return try GroundTruthPair(table: table, metric: metric, pairing: pairing, precision: precision)
    }

    /// A fresh temporary folder.
    static func temporaryDirectory(_ name: String = "hwnas") -> String {
        let path = NSTemporaryDirectory() + "\(name)-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `text` to a new file in a fresh folder and returns its path.
    static func file(_ name: String, _ text: String) -> String {
        let path = temporaryDirectory() + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }
}

/// SplitMix64: a tiny seeded generator, so that every test run sees the same inputs (no clock).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
