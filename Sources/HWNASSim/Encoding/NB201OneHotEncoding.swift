// SPDX-License-Identifier: GPL-3.0-or-later

/// The NAS-Bench-201 cell as 6 edges × 5 operations = 30 one-hot features.
///
/// Edges are in arch-string order (0→1, 0→2, 1→2, 0→3, 1→3, 2→3 as written in
/// `|op~0|+|op~0|op~1|+|op~0|op~1|op~2|`); operations are indexed `none` 0, `skip_connect` 1,
/// `nor_conv_1x1` 2, `nor_conv_3x3` 3, `avg_pool_3x3` 4 (the order of the study's code).
public struct NB201OneHotEncoding: OneHotEncoding {
    public init() {}

    public var name: String { "nb201" }
    public var slots: Int { 6 }
    public var choiceNames: [String] { NB201Genotype.operations }

    /// The six operation indices of `arch`, read strictly: three nodes separated by `+`, node k
    /// (1…3) with exactly k edges `|op~j|` for j = 0…k−1 in order, known operation names.
    /// - Complexity: O(length of `arch`).
    public func choices(of arch: String) throws -> [Int] {
        if let read = Self.canonicalChoices(arch) { return read }
        return try strictChoices(of: arch)
    }

    /// ``choices(of:)`` by splitting into nodes and edges, with an error naming what is wrong.
    func strictChoices(of arch: String) throws -> [Int] {
        let nodes = arch.split(separator: "+", omittingEmptySubsequences: false)
        guard nodes.count == 3 else {
            throw InputError("expected 3 nodes separated by '+' (|op~0|+|op~0|op~1|+|op~0|op~1|op~2|), found \(nodes.count)")
        }
        var out: [Int] = []
        out.reserveCapacity(6)
        for (k, node) in nodes.enumerated() {
            guard node.count >= 2, node.first == "|", node.last == "|" else {
                throw InputError("node \(k + 1) '\(node)' should start and end with '|'")
            }
            let edges = node.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false)
            guard edges.count == k + 1 else {
                throw InputError("node \(k + 1) should have \(k + 1) edge\(k == 0 ? "" : "s"), found \(edges.count) in '\(node)'")
            }
            for (j, edge) in edges.enumerated() {
                let parts = edge.split(separator: "~", omittingEmptySubsequences: false)
                guard parts.count == 2 else {
                    throw InputError("edge '\(edge)' of node \(k + 1) should read op~input")
                }
                guard let op = choiceNames.firstIndex(where: { $0 == parts[0] }) else {
                    let hint = Suggest.hint(for: String(parts[0]), in: choiceNames)
                    throw InputError("unknown operation '\(parts[0])'\(hint); expected one of \(choiceNames.joined(separator: ", "))")
                }
                guard parts[1] == "\(j)" else {
                    throw InputError("edge \(j + 1) of node \(k + 1) should read from node \(j) ('\(parts[0])~\(j)'), found '~\(parts[1])'")
                }
                out.append(op)
            }
        }
        return out
    }

    /// The arch string of six operation indices.
    /// The operation names as bytes, in index order.
    private static let operationBytes: [[UInt8]] = NB201Genotype.operations.map { Array($0.utf8) }

    /// The six operation indices of `arch` read from its bytes when it is exactly
    /// `|op~0|+|op~0|op~1|+|op~0|op~1|op~2|` with known names (what the strict reader accepts);
    /// nil for anything else, for the strict reader to explain. It was most of a learning
    /// curve's start-up (15,625 strings per task, split into substrings).
    /// - Complexity: O(length of `arch`).
    static func canonicalChoices(_ arch: String) -> [Int]? {
        var arch = arch
        return arch.withUTF8 { b -> [Int]? in
            let n = b.count
            var i = 0
            var out: [Int] = []
            out.reserveCapacity(6)
            for k in 0..<3 {
                if k > 0 {
                    guard i < n, b[i] == UInt8(ascii: "+") else { return nil }
                    i += 1
                }
                guard i < n, b[i] == UInt8(ascii: "|") else { return nil }
                i += 1
                for j in 0...k {
                    let start = i
                    while i < n, b[i] != UInt8(ascii: "~"), b[i] != UInt8(ascii: "|"), b[i] != UInt8(ascii: "+") { i += 1 }
                    guard i + 2 < n, b[i] == UInt8(ascii: "~"), b[i + 1] == UInt8(ascii: "0") + UInt8(j), b[i + 2] == UInt8(ascii: "|")
                    else { return nil }
                    let name = UnsafeBufferPointer(rebasing: b[start..<i])
                    guard let op = operationBytes.firstIndex(where: { $0.elementsEqual(name) }) else { return nil }
                    out.append(op)
                    i += 3
                }
            }
            return i == n ? out : nil
        }
    }

    public func archString(_ choices: [Int]) -> String {
        precondition(choices.count == 6 && choices.allSatisfy { (0..<5).contains($0) })
        let op = { (e: Int, input: Int) in "\(NB201Genotype.operations[choices[e]])~\(input)" }
        return "|\(op(0, 0))|+|\(op(1, 0))|\(op(2, 1))|+|\(op(3, 0))|\(op(4, 1))|\(op(5, 2))|"
    }

    /// Every NB201 cell's operation indices (5⁶ = 15,625), in lexicographic order.
    public static var allChoices: [[Int]] {
        (0..<15_625).map { i in (0..<6).map { e in (i / Int(pow5[5 - e])) % 5 } }
    }

    static let pow5: [Int] = [1, 5, 25, 125, 625, 3125]
}
