// SPDX-License-Identifier: GPL-3.0-or-later
//
// Seeded property tests: random inputs from fixed seeds (no clock), each checked against a
// law or a brute-force oracle written here. They extend the example tests in Measures/,
// Selection/, Noise/ and GroundTruth/ to heavy ties, points beyond the reference, larger n
// and CSV text with every awkward character.
import Foundation
import Testing
@testable import HWNASSim
import HWNASSimTestSupport

typealias PropertyRNG = SplitMix64

extension SplitMix64 {
    mutating func bool() -> Bool { next() & 1 == 1 }
    /// A value from a small grid (many ties) or continuous, by `tied`.
    mutating func value(tied: Bool, levels: Int = 6) -> Double {
        tied ? Double(int(levels)) / 2 : unit() * 3
    }
    mutating func shuffled<T>(_ a: [T]) -> [T] {
        var a = a
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, int(i + 1)) }
        return a
    }
}

@Suite struct HypervolumeProperties {
    static let allSenses: [(Sense, Sense)] = [
        (.maximize, .maximize), (.maximize, .minimize), (.minimize, .maximize), (.minimize, .minimize)
    ]

    /// Points on a tie-heavy grid, about a third of them on or beyond the reference.
    func points(_ rng: inout PropertyRNG, count: Int, tied: Bool) -> [(Double, Double)] {
        (0..<count).map { _ in (rng.value(tied: tied) - 1, rng.value(tied: tied) - 1) }
    }

    @Test func equalsTheGridUnionWithTiesAndPointsBeyondTheReference() {
        var rng = PropertyRNG(seed: 0x4856_0001)
        for round in 0..<250 {
            let pts = points(&rng, count: rng.int(30), tied: round % 3 != 0)
            let senses = Self.allSenses[rng.int(4)]
            let reference = (rng.value(tied: true) - 1, rng.value(tied: true) - 1)
            let fast = Hypervolume2D.volume(pts, reference: reference, senses: senses)
            #expect(abs(fast - gridHypervolume(pts, reference: reference, senses: senses)) <= 1e-9 * max(1, fast))
            #expect(fast >= 0 && fast.isFinite)
        }
    }

    @Test func pointsOnOrBeyondTheReferenceAddNothing() {
        var rng = PropertyRNG(seed: 0x4856_0002)
        for _ in 0..<200 {
            let senses = Self.allSenses[rng.int(4)]
            let reference = (rng.unit(), rng.unit())
            let inside = points(&rng, count: rng.int(20), tied: true).map { p -> (Double, Double) in
                // Move every point strictly inside (better than the reference in both senses).
                let a = senses.0 == .maximize ? reference.0 + 0.1 + abs(p.0) : reference.0 - 0.1 - abs(p.0)
                let b = senses.1 == .maximize ? reference.1 + 0.1 + abs(p.1) : reference.1 - 0.1 - abs(p.1)
                return (a, b)
            }
            let beyond = (0..<(1 + rng.int(20))).map { _ -> (Double, Double) in
                // One coordinate (or both) on or past the reference on the wrong side, the other anywhere.
                func bad(_ r: Double, _ sense: Sense) -> Double {
                    let d = rng.bool() ? 0 : rng.unit() * 5
                    return sense == .maximize ? r - d : r + d
                }
                let any0 = reference.0 + rng.unit() * 6 - 3, any1 = reference.1 + rng.unit() * 6 - 3
                switch rng.int(3) {
                case 0: return (bad(reference.0, senses.0), any1)
                case 1: return (any0, bad(reference.1, senses.1))
                default: return (bad(reference.0, senses.0), bad(reference.1, senses.1))
                }
            }
            let base = Hypervolume2D.volume(inside, reference: reference, senses: senses)
            #expect(Hypervolume2D.volume(rng.shuffled(inside + beyond), reference: reference, senses: senses) == base)
            #expect(Hypervolume2D.volume(beyond, reference: reference, senses: senses) == 0)
        }
    }

    @Test func invariantUnderPermutationDuplicatesAndDominatedPointsAtLargeN() {
        var rng = PropertyRNG(seed: 0x4856_0003)
        for n in [1, 2, 7, 64, 500, 2000] {
            for tied in [true, false] {
                let pts = points(&rng, count: n, tied: tied)
                let senses = Self.allSenses[rng.int(4)]
                let reference = (rng.value(tied: true) - 1, rng.value(tied: true) - 1)
                let base = Hypervolume2D.volume(pts, reference: reference, senses: senses)
                #expect(Hypervolume2D.volume(rng.shuffled(pts), reference: reference, senses: senses) == base)
                #expect(Hypervolume2D.volume(rng.shuffled(pts + pts), reference: reference, senses: senses) == base)
                // Dominated: weakly worse than an existing point in both objectives.
                let worse = pts.map { p -> (Double, Double) in
                    let d0 = rng.bool() ? 0 : rng.unit(), d1 = rng.bool() ? 0 : rng.unit()
                    return (senses.0 == .maximize ? p.0 - d0 : p.0 + d0, senses.1 == .maximize ? p.1 - d1 : p.1 + d1)
                }
                #expect(Hypervolume2D.volume(rng.shuffled(pts + worse), reference: reference, senses: senses) == base)
            }
        }
    }

    @Test func neverDecreasesWhenAPointIsAdded() {
        var rng = PropertyRNG(seed: 0x4856_0004)
        for round in 0..<60 {
            let n = round.isMultiple(of: 20) ? 2000 : 1 + rng.int(80)
            let pts = points(&rng, count: n, tied: round.isMultiple(of: 2))
            let senses = Self.allSenses[rng.int(4)]
            let reference = (rng.value(tied: true) - 1, rng.value(tied: true) - 1)
            var set: [(Double, Double)] = []
            var previous = 0.0
            // Check every step on small sets, a sample of steps on large ones.
            let step = max(1, n / 40)
            for (i, p) in pts.enumerated() {
                set.append(p)
                guard i % step == 0 || i == n - 1 else { continue }
                let v = Hypervolume2D.volume(set, reference: reference, senses: senses)
                #expect(v >= previous)
                previous = v
            }
        }
    }

    @Test func accuracyMetricIsTheMaximiseMinimiseCase() {
        var rng = PropertyRNG(seed: 0x4856_0005)
        for _ in 0..<100 {
            let n = rng.int(50)
            let acc = (0..<n).map { _ in rng.value(tied: true) / 3 }, met = (0..<n).map { _ in rng.value(tied: true) }
            let ref = (accuracy: rng.unit() / 2, metric: 1 + rng.unit() * 2)
            #expect(
                Hypervolume2D.accuracyMetric(accuracy: acc, metric: met, reference: ref)
                    == Hypervolume2D.volume(Array(zip(acc, met)), reference: (ref.accuracy, ref.metric), senses: (.maximize, .minimize)))
        }
    }
}

@Suite struct ParetoProperties {
    @Test func fastFrontEqualsBruteForceOnTiedDataUpTo2000() {
        var rng = PropertyRNG(seed: 0x5046_0001)
        for round in 0..<120 {
            let n = round < 4 ? [0, 1, 2, 2000][round] : 1 + rng.int(round.isMultiple(of: 10) ? 700 : 60)
            let levels = [1, 2, 3, 8, 50, 1 << 20][rng.int(6)]
            let acc = (0..<n).map { _ in Double(rng.int(levels)) }
            let met = (0..<n).map { _ in Double(rng.int(levels)) * (rng.bool() ? 1 : -1) }
            let fast = ParetoFront.indices(accuracy: acc, metric: met)
            #expect(fast == ParetoFront.bruteForceIndices(accuracy: acc, metric: met))
            // The mask with a random order inside accuracy ties gives the same front.
            let key = (0..<n).map { _ in rng.next() }
            let order = (0..<n).sorted { acc[$0] > acc[$1] || (acc[$0] == acc[$1] && key[$0] < key[$1]) }.map { Int32($0) }
            var mask = [Bool](repeating: round.isMultiple(of: 2), count: n)
            order.withUnsafeBufferPointer { o in
                acc.withUnsafeBufferPointer { a in
                    met.withUnsafeBufferPointer { m in
                        mask.withUnsafeMutableBufferPointer { ParetoFront.mask(order: o, accuracy: a, metric: m, into: $0) }
                    }
                }
            }
            #expect((0..<n).filter { mask[$0] } == fast)
            // Laws: a non-empty set has a non-empty front holding the best accuracy and the best metric.
            if n > 0 {
                #expect(!fast.isEmpty)
                let maxAcc = acc.max()!, minMet = met.min()!
                #expect(fast.contains { acc[$0] == maxAcc })
                #expect(fast.contains { met[$0] == minMet })
            }
        }
    }

    @Test func frontIsInvariantUnderPermutation() {
        var rng = PropertyRNG(seed: 0x5046_0002)
        for _ in 0..<100 {
            let n = 1 + rng.int(100)
            let acc = (0..<n).map { _ in Double(rng.int(5)) }, met = (0..<n).map { _ in Double(rng.int(5)) }
            let perm = rng.shuffled(Array(0..<n))
            let front = Set(ParetoFront.indices(accuracy: acc, metric: met))
            let permuted = ParetoFront.indices(accuracy: perm.map { acc[$0] }, metric: perm.map { met[$0] })
            #expect(Set(permuted.map { perm[$0] }) == front)
        }
    }
}

@Suite struct KendallProperties {
    @Test func tauBEqualsTheDefinitionWithTies() {
        var rng = PropertyRNG(seed: 0x4B54_0001)
        for round in 0..<300 {
            let n = round < 6 ? [0, 1, 2, 3, 25, 600][round] : 2 + rng.int(round.isMultiple(of: 25) ? 400 : 40)
            let lx = [1, 2, 3, 7, 1 << 30][rng.int(5)], ly = [1, 2, 4, 9, 1 << 30][rng.int(5)]
            let x = (0..<n).map { _ in Double(rng.int(lx)) }
            // y partly follows x so that concordant, discordant and both-tied pairs all occur.
            let y = (0..<n).map { i in rng.bool() ? Double(rng.int(ly)) : (rng.bool() ? x[i] : -x[i]) }
            let fast = KendallTau.tauB(x, y), slow = bruteForceKendallTauB(x, y)
            #expect((fast == nil) == (slow == nil), "n = \(n)")
            if let fast, let slow {
                #expect(abs(fast - slow) <= 1e-12)
                #expect(fast >= -1 - 1e-12 && fast <= 1 + 1e-12)
                // Symmetric in its arguments.
                #expect(abs(fast - KendallTau.tauB(y, x)!) <= 1e-12)
            }
        }
    }

    @Test func tauBIsInvariantUnderMonotoneMapsAndJointPermutation() {
        var rng = PropertyRNG(seed: 0x4B54_0002)
        for _ in 0..<80 {
            let n = 2 + rng.int(200)
            let x = (0..<n).map { _ in Double(rng.int(6)) }, y = (0..<n).map { _ in Double(rng.int(6)) }
            guard let base = KendallTau.tauB(x, y) else { continue }
            let perm = rng.shuffled(Array(0..<n))
            #expect(KendallTau.tauB(perm.map { x[$0] }, perm.map { y[$0] })! == base)
            // exp keeps order and ties; a reversed y negates tau.
            #expect(KendallTau.tauB(x.map { exp($0) }, y.map { 3 * $0 + 1 })! == base)
            #expect(abs(KendallTau.tauB(x, y.map { -$0 })! + base) <= 1e-12)
        }
    }
}

@Suite struct KendallTauNoiseProperties {
    /// Order relation of every pair: the ranks, ties included.
    func sameOrder(_ a: [Double], _ b: [Double]) -> Bool {
        for i in a.indices { for j in a.indices where (a[i] < a[j]) != (b[i] < b[j]) || (a[i] == a[j]) != (b[i] == b[j]) { return false } }
        return true
    }

    @Test func levelOneLeavesRanksAndTiesUnchanged() {
        var rng = PropertyRNG(seed: 0x4E53_0001)
        var workspace = NoiseWorkspace()
        let stream = RandomStream(key: 17)
        for round in 0..<150 {
            let n = 1 + rng.int(round.isMultiple(of: 30) ? 400 : 60)
            let levels = [1, 2, 3, 10, 1 << 30][rng.int(5)]
            let truth = (0..<n).map { _ in Double(rng.int(levels)) * 0.25 - 1 }
            #expect(KendallTauNoise.closedFormSigma(tau: 1) == 0)
            #expect(KendallTauNoise.calibratedSigma(tau: 1, truth: truth) == 0)
            var scores = [Double](repeating: .nan, count: n), predicted = [Double](repeating: .nan, count: n)
            truth.withUnsafeBufferPointer { t in
                scores.withUnsafeMutableBufferPointer { KendallTauNoise.normalScores(t, into: $0, workspace: &workspace) }
            }
            scores.withUnsafeBufferPointer { s in
                predicted.withUnsafeMutableBufferPointer { KendallTauNoise.draw(scores: s, sigma: 0, into: $0, rng: stream) }
            }
            #expect(predicted.allSatisfy { $0.isFinite })
            #expect(sameOrder(truth, predicted))
            if let tau = KendallTau.tauB(truth, predicted) { #expect(tau == 1) }
            // Scores mapped back to metric units give the truth again.
            let sorted = truth.sorted()
            sorted.withUnsafeBufferPointer { s in
                for i in 0..<n { #expect(abs(KendallTauNoise.toMetricUnits(score: predicted[i], sortedTruth: s) - truth[i]) <= 1e-9) }
            }
        }
    }
}

@Suite struct CSVRoundTripProperties {
    /// Pieces of field text: separators, quotes, every line end, spaces, non-ASCII.
    static let pieces = ["a", "B", "7", "-1.5e3", " ", ",", "\"", "\"\"", "\n", "\r", "\r\n", "é", "😀", "x y", "'", ";", "\t"]

    func field(_ rng: inout PropertyRNG) -> String {
        (0..<rng.int(5)).map { _ in Self.pieces[rng.int(Self.pieces.count)] }.joined()
    }

    /// A header name that survives the reader's trimming and is not empty.
    func name(_ rng: inout PropertyRNG, _ c: Int) -> String {
        let f = field(&rng).trimmingCharacters(in: .whitespaces)
        return "c\(c)" + (f.isEmpty ? "" : "_" + f)
    }

    /// Random tables: 2…6 columns, 1…8 rows (a single-column row holding "" is a blank line).
    func table(_ rng: inout PropertyRNG) -> (header: [String], rows: [[String]]) {
        let columns = 2 + rng.int(5)
        let header = (0..<columns).map { name(&rng, $0) }
        let rows = (0..<(1 + rng.int(8))).map { _ in (0..<columns).map { _ in field(&rng) } }
        return (header, rows)
    }

    /// `Format.csv` with another line end between records (quoted line ends are kept).
    func text(_ t: (header: [String], rows: [[String]]), lineEnd: String, finalNewline: Bool) -> String {
        let lines = ([t.header] + t.rows).map { $0.map(Format.csvField).joined(separator: ",") }
        return lines.joined(separator: lineEnd) + (finalNewline ? lineEnd : "")
    }

    @Test func formatCSVReadsBackEqual() throws {
        var rng = PropertyRNG(seed: 0x4353_0001)
        for _ in 0..<300 {
            let t = table(&rng)
            let written = Format.csv(header: t.header, rows: t.rows)
            let read = try CSVTable(data: Array(written.utf8), path: "r.csv")
            #expect(read.header == t.header)
            #expect(read.rows == t.rows, "\(written.debugDescription)")
        }
    }

    @Test func readsBackWithBOMCRLFCRAndNoFinalNewline() throws {
        var rng = PropertyRNG(seed: 0x4353_0002)
        for round in 0..<300 {
            let t = table(&rng)
            let lineEnd = ["\n", "\r\n", "\r"][round % 3]
            var bytes = Array(text(t, lineEnd: lineEnd, finalNewline: rng.bool()).utf8)
            if rng.bool() { bytes = [0xEF, 0xBB, 0xBF] + bytes }
            let read = try CSVTable(data: bytes, path: "r.csv")
            #expect(read.header == t.header)
            #expect(read.rows == t.rows)
            #expect(read.lineOfRow.count == t.rows.count && read.lineOfRow == read.lineOfRow.sorted())
        }
    }

    @Test func numbersReadBackBitForBit() throws {
        var rng = PropertyRNG(seed: 0x4353_0003)
        for _ in 0..<100 {
            let n = 1 + rng.int(30)
            let values: [Double] = (0..<n).map { _ in
                switch rng.int(5) {
                case 0: return Double(rng.int(100)) - 50
                case 1: return (rng.unit() - 0.5) * 1e300
                case 2: return rng.unit() * 1e-300
                case 3: return -0.0
                default: return rng.unit()
                }
            }
            let missing = (0..<n).map { _ in rng.int(6) == 0 }
            let rows = (0..<n).map { ["r\($0)", missing[$0] ? "" : Format.number(values[$0])] }
            let read = try CSVTable(data: Array(Format.csv(header: ["id", "v"], rows: rows).utf8), path: "n.csv")
            let back = try read.numbers(column: 1, allowMissing: true)
            for i in 0..<n {
                if missing[i] { #expect(back[i].isNaN) } else { #expect(back[i].bitPattern == values[i].bitPattern) }
            }
        }
    }
}
