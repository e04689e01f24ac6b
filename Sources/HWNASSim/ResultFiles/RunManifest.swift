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

    enum CodingKeys: String, CodingKey {
        case tool, version, seed, trials, jobs, cells, data, outputs
        case scenarioFile = "scenario_file"
        case scenario
        case wallSeconds = "wall_seconds"
    }

    /// Pretty JSON with sorted keys.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
