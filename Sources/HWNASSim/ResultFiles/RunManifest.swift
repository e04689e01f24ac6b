// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// `run.json`: how a run's outputs came about (tool, scenario as read, seed, data checksums).
/// Its paths (`scenario_file`, `data[].path`) lead from the run folder, so they resolve from
/// wherever the folder is read.
struct RunManifest: Codable, Sendable {
    struct DataFile: Codable, Sendable {
        public var dataset: String
        public var path: String
        var sha256: String
        public var rows: Int
    }

    var tool = "hwnas-sim"
    public var version = HWNASSimVersion.string
    public var scenarioFile: String
    public var scenario: String
    public var seed: UInt64
    public var trials: Int
    public var jobs: Int
    public var cells: Int
    public var data: [DataFile]
    var wallSeconds: Double
    public var outputs: [String]
    /// The CPU seconds of the work units this run executed (cells already done are not run).
    var workUnits: WorkUnits?
    /// The speedup a longest-first list schedule of ``workUnits`` predicts on 16 and 64
    /// workers, by worker count (`"16"`, `"64"`).
    var predictedSpeedup: [String: Double]?

    /// How the run's work split: `count` units of `total` CPU seconds, the `longest` of them,
    /// and `serial` CPU seconds outside units (loading, assembling).
    struct WorkUnits: Codable, Sendable, Equatable {
        var count: Int
        var total: Double
        var longest: Double
        var serial: Double

        init(count: Int, total: Double, longest: Double, serial: Double) {
            (self.count, self.total, self.longest, self.serial) = (count, total, longest, serial)
        }

        /// The summary of `log`, seconds to the microsecond.
        init(_ log: WorkUnitLog) {
            let units = log.units
            func us(_ x: Double) -> Double { (x * 1e6).rounded() / 1e6 }
            self.init(count: units.count, total: us(log.total), longest: us(units.max() ?? 0), serial: us(log.serial))
        }
    }

    /// The worker counts of ``predictedSpeedup``.
    static let speedupWorkers = [16, 64]

    /// ``WorkUnitLog/predictedSpeedup(workers:)`` on 16 and 64 workers, to two decimals.
    static func speedups(_ log: WorkUnitLog) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: speedupWorkers.map { (String($0), (log.predictedSpeedup(workers: $0) * 100).rounded() / 100) })
    }

    enum CodingKeys: String, CodingKey {
        case tool, version, seed, trials, jobs, cells, data, outputs
        case scenarioFile = "scenario_file"
        case scenario
        case wallSeconds = "wall_seconds"
        case workUnits = "work_units"
        case predictedSpeedup = "predicted_speedup"
    }

    /// Pretty JSON with sorted keys.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
