// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

@Suite("Predictor: lookup table and cost estimators") struct LookupTablePredictorTests {
    let encoding = NB201OneHotEncoding()
    let stream = RandomStream(key: 2)

    /// Every NB201 cell as a one-hot row, in ``NB201OneHotEncoding/allChoices`` order.
    static let space = FeatureMatrix(NB201OneHotEncoding.allChoices.map { NB201OneHotEncoding().oneHot($0) })

    static func row(of ops: [Int]) -> Int { ops.reduce(0) { $0 * 5 + $1 } }

    /// A hand-made table: base (all none) 2; the cell with edge e (1…6) set to op c (1…4)
    /// alone is 2 + e·c/2; every other cell carries an interaction the table cannot see.
    static func handValue(_ ops: [Int]) -> Double {
        let changed = ops.indices.filter { ops[$0] != 0 }
        let additive = 2 + ops.enumerated().reduce(0.0) { $0 + Double(($1.offset + 1) * $1.element) / 2 }
        return changed.count <= 1 ? additive : additive + 100
    }

    @Test func predictsBasePlusEdgeDeltas() throws {
        var lut = LookupTable(encoding: encoding)
        #expect(lut.measurementCount == 25)
        let rows = try lut.trainingRows(Self.space, candidates: Array(0..<15_625))
        #expect(rows.count == 25 && Set(rows).count == 25 && rows[0] == 0)
        let x = Self.space.selecting(rows: rows)
        try lut.fit(x, rows.map { Self.handValue(NB201OneHotEncoding.allChoices[$0]) }, stream: stream)
        // |nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|avg_pool_3x3~1|nor_conv_1x1~2|:
        // 2 + (1·3 + 3·1 + 5·4 + 6·2)/2 = 21.
        let ops = [3, 0, 1, 0, 4, 2]
        let p = lut.predict(Self.space.selecting(rows: [Self.row(of: ops), 0, Self.row(of: [0, 0, 0, 0, 0, 4])]))
        let expected: [Double] = [21, 2, 14]  // the last: 2 + 6 · 4 / 2
        #expect(p == expected)
    }

    @Test func otherBaseAndFBNet() throws {
        var lut = LookupTable(encoding: encoding, base: [3, 3, 3, 3, 3, 3])
        let rows = try lut.trainingRows(Self.space, candidates: Array(0..<15_625))
        #expect(rows[0] == Self.row(of: [3, 3, 3, 3, 3, 3]))
        // An exactly additive table is reproduced everywhere.
        let additive = { (ops: [Int]) in ops.enumerated().reduce(0.0) { $0 + Double($1.offset * 7 + $1.element * $1.element) } }
        try lut.fit(Self.space.selecting(rows: rows), rows.map { additive(NB201OneHotEncoding.allChoices[$0]) }, stream: stream)
        let sample = [0, 77, 5000, 15_624]
        #expect(lut.predict(Self.space.selecting(rows: sample)) == sample.map { additive(NB201OneHotEncoding.allChoices[$0]) })
        let fb = LookupTable(encoding: FBNetOneHotEncoding())
        #expect(fb.measurementCount == 1 + 22 * 8 && fb.neededChoices.count == 177)
    }

    @Test func missingArchitecturesAreNamed() throws {
        var lut = LookupTable(encoding: encoding)
        do {
            _ = try lut.trainingRows(Self.space, candidates: Array(1..<15_625))
            Issue.record("no error")
        } catch let e as InputError {
            #expect(e.message.contains("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"))
        }
        let rows = Array(0..<30)
        #expect(throws: InputError.self) { try lut.fit(Self.space.selecting(rows: rows), rows.map(Double.init), stream: stream) }
    }

    /// The closed form of FLOPs and parameters, checked cell by cell against the computed
    /// cost table when it is in the data folder.
    @Test func costClosedForm() throws {
        #expect(NB201CostEstimator.value(.flops, dataset: "cifar10", n1: 0, n3: 6) == 7.78305 + 6 * 35.38944)
        #expect(abs(NB201CostEstimator.value(.flops, dataset: "ImageNet16-120", n1: 6, n3: 0) - (1.9534 + 6 * 0.98304)) < 1e-12)
        #expect(abs(NB201CostEstimator.value(.params, dataset: "cifar100", n1: 0, n3: 6) - 1.537396) < 1e-12)
        #expect(throws: InputError.self) { try NB201CostEstimator(.flops, dataset: "svhn") }
        var flops = try NB201CostEstimator(.flops, dataset: "cifar10")
        try flops.fit(FeatureMatrix(rows: 0, columns: 30, values: []), [], stream: stream)
        let cells = [0, 1234, Self.row(of: [3, 3, 3, 3, 3, 3])]
        let raw = flops.predict(Self.space.selecting(rows: cells))
        #expect(raw[0] == 7.78305 && abs(raw[2] - 220.11969) < 1e-9)
        // With samples: a least-squares line from cost to the metric.
        let rows = Array(stride(from: 0, to: 15_625, by: 997))
        let c = flops.predict(Self.space.selecting(rows: rows))
        try flops.fit(Self.space.selecting(rows: rows), c.map { 3 + 0.5 * $0 }, stream: stream)
        #expect(abs(flops.slope - 0.5) < 1e-12 && abs(flops.offset - 3) < 1e-9)

        let path = Fixtures.dataDirectory + "/nb201_cost.csv"
        guard FileManager.default.fileExists(atPath: path) else { return }
        let csv = try CSVTable(contentsOf: path)
        let strings = csv.rows.map { $0[try! csv.column("arch_str", role: "arch")] }
        let x = try encoding.matrix(strings)
        for dataset in MetricTable.nb201Datasets {
            for q in NB201CostEstimator.Quantity.allCases {
                let expected = try csv.numbers(column: csv.column("\(dataset)_\(q.rawValue)_M", role: "cost"), allowMissing: false)
                var e = try NB201CostEstimator(q, dataset: dataset)
                try e.fit(FeatureMatrix(rows: 0, columns: 30, values: []), [], stream: stream)
                #expect(Oracle.maxDifference(e.predict(x), expected) < 1e-9, "\(dataset) \(q)")
            }
        }
    }

    @Test func transferFindsAPowerLaw() throws {
        var rng = SplitMix64(seed: 4)
        let source = FeatureMatrix(rows: 200, columns: 3, values: (0..<600).map { _ in 1 + rng.unit() * 20 })
        let target = (0..<200).map { i in 0.3 * pow(source[i, 0], 1.2) * pow(source[i, 2], 0.5) }
        var t = TransferPredictor(logarithm: true)
        try t.fit(source.selecting(rows: Array(0..<10)), Array(target.prefix(10)), stream: stream)
        let p = t.predict(source)
        #expect(zip(p, target).allSatisfy { abs($0 / $1 - 1) < 1e-3 })
        var bad = TransferPredictor(logarithm: true)
        #expect(throws: InputError.self) { try bad.fit(FeatureMatrix([[0.0], [1]]), [1, 2], stream: stream) }
    }
}
