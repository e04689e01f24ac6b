// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

@Suite struct GroundTruthTests {
    static let genotypes = [
        "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|",  // 3,3,4,1,3,1
        "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|",  // 4,2,1,2,1,1
        "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|",  // 0,0,0,0,0,0
        "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|none~2|"  // 3,3,4,1,3,0
    ]

    @Test func opIndexTuple() {
        #expect(NB201Genotype.opIndexTuple(Self.genotypes[0]) == [3, 3, 4, 1, 3, 1])
        #expect(NB201Genotype.opIndexTuple(Self.genotypes[1]) == [4, 2, 1, 2, 1, 1])
        #expect(NB201Genotype.opIndexTuple("|conv~0|") == nil)
    }

    func table(metric: [Double]) -> MetricTable {
        MetricTable(
            dataset: "t", path: nil, sha256: nil, ids: ["a", "b", "c", "d"], archStrings: Self.genotypes,
            accuracy: [0.9, 0.8, 0.1, 0.7], metricNames: ["lat"], metrics: ["lat": metric])
    }

    @Test func truePairingZScoresWithPopulationSD() throws {
        let pair = try GroundTruthPair(table: table(metric: [4, 1, 2, 5]), metric: "lat", pairing: .true)
        // mean 3, population sd sqrt(10/4)
        let sd = (10.0 / 4).squareRoot()
        #expect(pair.z == [1 / sd, -2 / sd, -1 / sd, 2 / sd])
        #expect(pair.accuracy == [0.9, 0.8, 0.1, 0.7])
        #expect(pair.leftOut == 0)
    }

    @Test func paperSortedHandsOutSortedValuesInTupleOrder() throws {
        // Tuple order: c (0,0,…) < d (3,3,4,1,3,0) < a (3,3,4,1,3,1) < b (4,…).
        let pair = try GroundTruthPair(table: table(metric: [4, 1, 2, 5]), metric: "lat", pairing: .paperSorted)
        #expect(pair.metricValue == [4, 5, 1, 2])
        #expect(pair.accuracy == [0.9, 0.8, 0.1, 0.7])  // accuracy stays with its architecture
    }

    @Test func missingValuesAreLeftOutAndCounted() throws {
        let pair = try GroundTruthPair(table: table(metric: [4, .nan, 2, .nan]), metric: "lat", pairing: .true)
        #expect(pair.ids == ["a", "c"] && pair.leftOut == 2)
        #expect(pair.z == [1, -1])
    }

    @Test func float32PrecisionRoundsOnce() throws {
        let pair = try GroundTruthPair(table: table(metric: [4, 1, 2, 5]), metric: "lat", pairing: .true, precision: .float32)
        #expect(pair.accuracy[0] == Double(Float(0.9)))
        #expect(pair.z.allSatisfy { Double(Float($0)) == $0 })
    }

    @Test func constantMetricIsAnError() {
        #expect(throws: InputError.self) { try GroundTruthPair(table: table(metric: [2, 2, 2, 2]), metric: "lat", pairing: .true) }
        #expect(throws: InputError.self) { try GroundTruthPair(table: table(metric: [1, 2, 3, 4]), metric: "energy", pairing: .true) }
    }

    @Test func syntheticTableIsSeededAndCorrelated() {
        let a = SyntheticSpec(size: 3000, rankCorrelation: 0.5, seed: 4).makeTable()
        let b = SyntheticSpec(size: 3000, rankCorrelation: 0.5, seed: 4).makeTable()
        #expect(a.accuracy == b.accuracy && a.metrics["latency"]! == b.metrics["latency"]!)
        let tau = KendallTau.tauB(a.accuracy, a.metrics["latency"]!)!
        #expect(abs(tau - 0.5) < 0.05)
        #expect(Set(a.metrics["latency"]!).count < 3000)  // ties
    }

    @Test
    func realTablesLoadWithTheEdgeTPUSentinelMissing() throws {
        let t = try MetricTable.loadNB201(dataset: "cifar10", directory: Fixtures.dataDirectory)
        #expect(t.count == 15625)
        #expect(t.missingCount("edgetpu_latency") == 4699)
        #expect(t.metrics["raspi4_latency"]![0] == 10.481976820010459)
        #expect(abs(t.accuracy.max()! - 0.9437333) < 1e-6)
        let pair = try GroundTruthPair(table: t, metric: "edgetpu_latency", pairing: .true)
        #expect(pair.count == 15625 - 4699 && pair.leftOut == 4699)
    }

    /// docs/study.md §2: with paper-sorted pairing the full-space true front of
    /// ImageNet16-120 / raspi4_latency has hypervolume 2.928.
    @Test(arguments: [Precision.float64, .float32])
    func paperSortedFullSpaceHypervolume(precision: Precision) throws {
        let pair = try Fixtures.realPair("ImageNet16-120", "raspi4_latency", pairing: .paperSorted, precision: precision)
        let front = ParetoFront.indices(accuracy: pair.accuracy, metric: pair.z)
        let hv = Hypervolume2D.accuracyMetric(
            accuracy: front.map { pair.accuracy[$0] }, metric: front.map { pair.z[$0] },
            reference: (0, 1.1 * pair.z.max()!))
        #expect(abs(hv - 2.928) < 0.001, "hv \(hv)")
        #expect(front.count == (precision == .float64 ? 36 : 32))
        // The true pairing's tau is 0.31–0.46; paper-sorted destroys it (about 0.06).
        let tau = KendallTau.tauB(pair.accuracy, pair.z)!
        #expect(abs(tau) < 0.1)
        let truePair = try Fixtures.realPair("ImageNet16-120", "raspi4_latency")
        let trueTau = KendallTau.tauB(truePair.accuracy, truePair.z)!
        #expect(trueTau > 0.3 && trueTau < 0.47)
    }
}

@Suite struct CSVTableTests {
    @Test func byteOrderMarkAndCRLFSimplyWork() throws {
        let text = "\u{FEFF}id,accuracy,lat\r\na,90,1.5\r\nb,80,\r\n\"c,1\",70,2\r\n"
        let t = try CSVTable(data: Array(text.utf8), path: "x.csv")
        #expect(t.header == ["id", "accuracy", "lat"])
        #expect(t.rows.count == 3 && t.rows[2][0] == "c,1")
        let lat = try t.numbers(column: 2, allowMissing: true)
        #expect(lat[0] == 1.5 && lat[1].isNaN && lat[2] == 2)
        #expect(t.lineOfRow == [2, 3, 4])
    }

    @Test func brokenTablesGiveExactMessages() {
        func message(_ text: String) -> String {
            do {
                _ = try CSVTable(data: Array(text.utf8), path: "t.csv")
                return "no error"
            } catch { return "\(error)" }
        }
        #expect(message("") == "t.csv: the table is empty: expected a header row and at least one data row")
        #expect(message("id,acc\n") == "t.csv:1: the table has a header but no data rows")
        #expect(message("id,acc\na,1\nb,2,3\n") == "t.csv:3: row has 3 fields, expected 2 as in the header")
        #expect(message("id,id\na,1\n") == "t.csv:1:2: column name 'id' appears twice (columns 1 and 2)")
    }

    @Test func userTableChecks() throws {
        func message(_ text: String, metrics: [String] = ["lat"], percent: Bool = true, drop: Bool = false) -> String {
            let path = Fixtures.file("user.csv", text)
            do {
                _ = try MetricTable.loadCSV(
                    path: path, dataset: "u", idColumn: "id", accuracyColumn: "acc",
                    accuracyInPercent: percent, metricColumns: metrics, dropMissing: drop)
                return "no error"
            } catch { return "\(error)".replacingOccurrences(of: path, with: "user.csv") }
        }
        #expect(message("id,acc,lat\na,90,1\nb,80,2\n") == "no error")
        #expect(message("id,acc,lat\na,90,1\na,80,2\n") == "user.csv:3:1: id: duplicate architecture id 'a' (first on line 2)")
        #expect(message("id,acc,lat\na,90,x\n") == "user.csv:2:3: lat: 'x' is not a number")
        // One rule for missing metric values: empty, NA and NaN are errors naming the cell,
        // unless data.missing: drop.
        let missing = "give every architecture a value, or set data.missing: drop to leave such architectures out of that metric"
        #expect(message("id,acc,lat\na,90,1\nb,80,\n") == "user.csv:3:3: lat: missing value (an empty cell) of metric 'lat': " + missing)
        #expect(message("id,acc,lat\na,90,NA\n") == "user.csv:2:3: lat: missing value ('NA') of metric 'lat': " + missing)
        #expect(message("id,acc,lat\na,90,nan\n") == "user.csv:2:3: lat: missing value ('nan') of metric 'lat': " + missing)
        #expect(message("id,acc,lat\na,90,1\nb,80,NaN\nc,70,\n", drop: true) == "no error")
        // Fractions under the default percent are refused; percentages under fraction too.
        #expect(
            message("id,acc,lat\na,0.9,1\nb,0.8,2\n")
                == "user.csv: acc: every accuracy is at most 1, which looks like fractions read as percent (MRA would come out 100 times too small): set data.accuracy_unit: fraction"
        )
        #expect(message("id,acc,lat\na,0.9,1\nb,0.8,2\n", percent: false) == "no error")
        #expect(
            message("id,acc,lat\na,90,1\n", percent: false)
                == "user.csv:2:2: acc: accuracy 90.0 is outside [0, 1] (fraction); percentages? set data.accuracy_unit: percent")
        #expect(message("id,acc,lat\na,90,inf\n") == "user.csv:2:3: lat: 'inf' is not a finite number")
        #expect(message("id,acc,lat\na,90,-1\n") == "user.csv:2:3: lat: negative value -1.0, expected a metric ≥ 0")
        #expect(message("id,acc,lat\na,90,\nb,80,\n", drop: true) == "user.csv: lat: every value of metric 'lat' is missing")
        #expect(
            message("id,acc,lat\na,90,1\n", metrics: ["latency"]) == "user.csv:1: metric: no column 'latency'; the table has: id, acc, lat")
        #expect(message("id,acc,lat\na,190,1\n") == "user.csv:2:2: acc: accuracy 190.0 is outside [0, 100] (percent)")
        #expect(
            message("id,acc,lat\na,90,1\n", metrics: ["lta"])
                == "user.csv:1: metric: no column 'lta' (did you mean 'lat'?); the table has: id, acc, lat")
    }

    @Test func missingFile() {
        #expect(throws: InputError(file: "/nonexistent/t.csv", "file not found")) {
            _ = try CSVTable(contentsOf: "/nonexistent/t.csv")
        }
    }
}

@Suite struct GroundTruthLoaderTests {
    /// With data.missing: drop, the architectures without a value are left out and counted in a note.
    @Test func droppedMissingValuesAreNoted() throws {
        let dir = Fixtures.temporaryDirectory()
        try "id,accuracy,lat\na,90,1\nb,80,\nc,70,3\nd,60,NA\n".write(toFile: dir + "/t.csv", atomically: true, encoding: .utf8)
        let scenario = """
            name: d
            trials: 2
            data: {benchmark: csv, file: t.csv, missing: drop, pairs: [{metric: lat}]}
            subset_sizes: [2]
            noise: {model: gaussian, levels: [0.5]}

            """
        try scenario.write(toFile: dir + "/d.yaml", atomically: true, encoding: .utf8)
        let report = try ScenarioRunner.run(path: dir + "/d.yaml", options: RunOptions(outDirectory: dir + "/out", dataDirectory: "/x"))
        #expect(
            report.notes.first == "data.missing: drop left 2 of 4 architectures of t.csv without a value of 'lat' out of that pair",
            "\(report.notes)")
        try scenario.replacingOccurrences(of: "missing: drop, ", with: "").write(toFile: dir + "/e.yaml", atomically: true, encoding: .utf8)
        let e = #expect(throws: InputError.self) {
            _ = try ScenarioRunner.run(path: dir + "/e.yaml", options: RunOptions(outDirectory: dir + "/out2", dataDirectory: "/x"))
        }
        #expect(e?.line == 3 && e?.column == 3 && e?.key == "lat", "\(String(describing: e))")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out2"))
    }

    @Test func pairsOfOneUserTableKeepTheirOwnLabels() throws {
        let dir = Fixtures.temporaryDirectory()
        try "id,accuracy,lat,energy\na,90,1,5\nb,80,2,4\nc,70,3,3\n".write(toFile: dir + "/t.csv", atomically: true, encoding: .utf8)
        let text = """
            name: labels
            data:
              benchmark: csv
              file: t.csv
              pairs: [{dataset: phone, metric: lat}, {dataset: board, metric: energy}]
            subset_sizes: [3]
            noise: {model: gaussian, levels: [0]}

            """
        try text.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        let scenario = try Scenario.load(path: dir + "/s.yaml")[0]
        var loader = GroundTruthLoader(directory: "/x")
        let pairs = try loader.pairs(for: scenario)
        #expect(pairs.map(\.dataset) == ["phone", "board"])
        let bytes = try #require(FileManager.default.contents(atPath: dir + "/t.csv"))
        #expect(pairs.map(\.tableChecksum) == [String](repeating: SHA256.hex(of: [UInt8](bytes)), count: 2))
        #expect(loader.loadedTables.count == 1)  // read once
    }

    /// A broken row of a user table is reported at its line in the table, not at the scenario
    /// key that names the table.
    @Test func aBrokenTableRowKeepsItsLine() throws {
        let dir = Fixtures.temporaryDirectory()
        try "id,accuracy,lat\na,90,1\nb,80\nc,70,3\n".write(toFile: dir + "/t.csv", atomically: true, encoding: .utf8)
        let text = """
            name: ragged
            data: {benchmark: csv, file: t.csv, pairs: [{metric: lat}]}
            subset_sizes: [3]
            noise: {model: gaussian, levels: [0]}

            """
        try text.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        let error = #expect(throws: InputError.self) {
            try ScenarioRunner.run(path: dir + "/s.yaml", options: RunOptions(outDirectory: dir + "/out", jobs: 1, dataDirectory: "/x"))
        }
        #expect(error.map { "\($0)" } == dir + "/t.csv:3: row has 2 fields, expected 3 as in the header")
        // A missing file has no line: it is placed at the scenario's data.file key.
        try FileManager.default.removeItem(atPath: dir + "/t.csv")
        let missing = #expect(throws: InputError.self) {
            try ScenarioRunner.run(path: dir + "/s.yaml", options: RunOptions(outDirectory: dir + "/out", jobs: 1, dataDirectory: "/x"))
        }
        #expect(missing.map { "\($0)" }?.hasPrefix(dir + "/s.yaml:2:") == true)
        #expect(missing.map { "\($0)" }?.contains("data.file: ") == true)
    }

    /// A budget scenario reads the latency columns behind its pairs from the same single load.
    @Test func budgetLatencyColumnsComeFromTheSameLoad() throws {
        let dir = Fixtures.temporaryDirectory()
        try "id,accuracy,lat,energy,power\na,90,1,5,7\nb,80,2,4,6\nc,70,3,3,5\nd,60,4,2,4\n"
            .write(toFile: dir + "/t.csv", atomically: true, encoding: .utf8)
        let text = """
            name: once
            data:
              benchmark: csv
              file: t.csv
              pairs: [{dataset: e, metric: energy, latency_column: lat}, {dataset: p, metric: power, latency_column: lat}]
            subset_sizes: [4]
            budget:
              seconds: [10]
              strategies: [{name: m, measure: random}]

            """
        try text.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        let scenario = try Scenario.load(path: dir + "/s.yaml")[0]
        var loader = GroundTruthLoader(directory: "/x")
        let pairs = try loader.pairs(for: scenario)
        let cells = try BudgetStudy.cells(for: scenario, pairs: pairs, loader: &loader)
        #expect(cells.map(\.latencyMs) == [[1, 2, 3, 4], [1, 2, 3, 4]])
        #expect(loader.loadedTables.count == 1)
    }
}
