// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import HWNASSim

/// The loading rows of `hwnas-sim bench` and the work-unit rows of its scenario runs.
public enum LoadBenchmarks {
    /// `query --dataset cifar10 --arch 0` as a child process (start-up, reading and checking
    /// nb201_cifar10, HELP and cost against SHA256SUMS, joining, answering): wall time over
    /// `repeats` runs; Tests/sidebyside/load-sidebyside.sh sets it beside pandas.
    public static func queryRow(executable: String, directory: String, repeats: Int) throws -> BenchmarkRow {
        var samples: [Double] = []
        for _ in 0..<repeats {
            let o = try ChildRun.run(
                executable: executable, arguments: ["query", "--dataset", "cifar10", "--arch", "0", "--data", directory])
            guard o.status == 0 else { return .skipped("query cifar10 wall", n: 15625, unit: "s", note: "query exited with \(o.status)") }
            samples.append(o.seconds)
        }
        return BenchmarkRow(
            benchmark: "query cifar10 wall", n: 15625, unit: "s", samples: samples,
            note: "whole process: 3 tables (cifar10, HELP, cost) read, checked, joined")
    }

    /// The same three tables loaded in this process (no start-up): seconds per load.
    public static func loadRow(directory: String, repeats: Int) throws -> BenchmarkRow {
        let clock = ContinuousClock()
        var samples: [Double] = []
        var rows = 0
        for _ in 0..<repeats {
            let start = clock.now
            let table = try MetricTable.loadNB201(dataset: "cifar10", directory: directory, metrics: nil)
            samples.append((clock.now - start).inSeconds)
            rows = table.count
        }
        return BenchmarkRow(
            benchmark: "load nb201 cifar10+HELP+cost", n: rows, unit: "s", samples: samples,
            note: "in process: bytes, SHA-256, parse, numbers, join")
    }

    /// Rows of the work units a run recorded in `runFolder/run.json`: their count and CPU
    /// seconds (longest and serial in the note), and the speedup their longest-first schedule
    /// predicts on 16 and 64 workers. Empty when the file has none.
    public static func workUnitRows(runFolder: String, name: String) -> [BenchmarkRow] {
        guard let data = FileManager.default.contents(atPath: runFolder + "/run.json"),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let units = json["work_units"] as? [String: Any], let speedup = json["predicted_speedup"] as? [String: Any],
            let count = (units["count"] as? NSNumber)?.intValue, let total = (units["total"] as? NSNumber)?.doubleValue
        else { return [] }
        let longest = (units["longest"] as? NSNumber)?.doubleValue ?? .nan
        let serial = (units["serial"] as? NSNumber)?.doubleValue ?? .nan
        var rows = [
            BenchmarkRow(
                benchmark: "\(name) work units", n: count, unit: "s CPU", samples: [total],
                note: String(format: "longest %.4f s, serial %.3f s", longest, serial))
        ]
        for workers in ["16", "64"] {
            if let s = (speedup[workers] as? NSNumber)?.doubleValue {
                rows.append(
                    BenchmarkRow(
                        benchmark: "\(name) predicted speedup \(workers)", n: count, unit: "x", samples: [s],
                        note: "longest-first schedule of the units on \(workers) workers"))
            }
        }
        return rows
    }
}
