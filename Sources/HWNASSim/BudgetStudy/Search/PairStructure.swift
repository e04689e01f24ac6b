// SPDX-License-Identifier: GPL-3.0-or-later

/// The one-edit structure of a pair's architectures, for the searching strategies: each one's
/// choice per slot (NB201: the operation on each of its 6 edges, 5 operations), as one code
/// `Σ choice[e] × choices^(slots − 1 − e)`.
///
/// Two architectures are one-edit neighbours when their choices differ in exactly one slot
/// (NB201: 6 × 4 = 24 neighbours in the whole space). Only NB201 arch strings are read: the
/// FBNet table has no accuracy (budget studies do not run on it) and csv or synthetic tables
/// have no structure, so a searching strategy on them is an input error.
struct PairStructure: Sendable {
    let slots: Int
    let choices: Int
    /// The code of each pair row.
    let code: [Int32]

    /// The space's size, choices^slots: the codes are 0..<spaceSize.
    var spaceSize: Int { (0..<slots).reduce(1) { p, _ in p * choices } }

    init(slots: Int, choices: Int, code: [Int32]) {
        (self.slots, self.choices, self.code) = (slots, choices, code)
    }

    /// The structure of `pair`'s architectures from `table`'s NB201 arch strings.
    /// - Throws: ``InputError`` at `key` when the table has no arch strings or one does not parse.
    init(table: MetricTable, pair: GroundTruthPair, key: String) throws {
        guard let strings = table.archStrings else {
            throw InputError(
                key: key,
                "a searching strategy moves by one-edit mutations of NB201 arch strings: table '\(table.dataset)' has none (benchmark nb201 has them; csv and synthetic tables have no structure)"
            )
        }
        let rowOfId = table.rowsByID()
        let e = NB201OneHotEncoding()
        var codes: [Int32] = []
        codes.reserveCapacity(pair.count)
        for id in pair.ids {
            let arch = strings[rowOfId[id]!]
            let c: [Int]
            do { c = try e.choices(of: arch) } catch var error as InputError {
                error.key = key
                error.message = "architecture \(id): " + error.message
                throw error
            }
            codes.append(Int32(c.reduce(0) { $0 * 5 + $1 }))
        }
        self.init(slots: 6, choices: 5, code: codes)
    }
}

/// The one-edit neighbours within one trial's subset (``BudgetWorld/neighbourhood``).
struct Neighbourhood: Sendable {
    let slots: Int
    let choices: Int
    /// The code of each position.
    let code: [Int32]
    /// The position of each code in the subset; -1 where the architecture is not in it.
    let positionOfCode: [Int32]

    /// The neighbourhood of the subset whose positions are `rows` of the pair.
    /// - Complexity: O(N + spaceSize).
    init(structure: PairStructure, rows: [Int]) {
        slots = structure.slots
        choices = structure.choices
        code = rows.map { structure.code[$0] }
        var where_ = [Int32](repeating: -1, count: structure.spaceSize)
        for (p, c) in code.enumerated() { where_[Int(c)] = Int32(p) }
        positionOfCode = where_
    }

    /// A neighbourhood from codes per position (tests, hand-made spaces).
    init(slots: Int, choices: Int, code: [Int32]) {
        self.init(structure: PairStructure(slots: slots, choices: choices, code: code), rows: Array(code.indices))
    }

    /// The positions of the subset one edit away from `a`, by slot then choice. The world is a
    /// subset drawn per trial: neighbours outside it are not there to measure.
    /// - Complexity: O(slots × choices).
    func neighbours(of a: Int32) -> [Int32] {
        let c = Int(code[Int(a)])
        var out: [Int32] = []
        var weight = 1
        for _ in 0..<slots {
            let digit = (c / weight) % choices
            for other in 0..<choices where other != digit {
                let p = positionOfCode[c + (other - digit) * weight]
                if p >= 0 { out.append(p) }
            }
            weight *= choices
        }
        return out
    }
}
