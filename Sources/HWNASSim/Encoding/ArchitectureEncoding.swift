// SPDX-License-Identifier: GPL-3.0-or-later

/// Turns an architecture's text form into a fixed-length numeric feature vector.
public protocol ArchitectureEncoding: Sendable {
    /// The scenario name of the encoding (`nb201`, `fbnet`).
    var name: String { get }
    /// The length of every feature vector.
    var featureCount: Int { get }
    /// The features of `arch`.
    /// - Throws: ``InputError`` (without file or line) saying what was expected.
    func encode(_ arch: String) throws -> [Double]
}

/// A one-hot encoding of a fixed number of slots (edges, blocks), each holding one of the same
/// set of choices (operations): `slots × choices` features, slot after slot.
public protocol OneHotEncoding: ArchitectureEncoding {
    /// Number of slots (NB201: 6 edges).
    var slots: Int { get }
    /// The choices a slot can hold, by index (NB201: 5 operations).
    var choiceNames: [String] { get }
    /// The choice index of every slot of `arch`.
    /// - Throws: ``InputError`` (without file or line) saying what was expected.
    func choices(of arch: String) throws -> [Int]
    /// The text form of the architecture with these choices (inverse of ``choices(of:)``).
    func archString(_ choices: [Int]) -> String
}

extension OneHotEncoding {
    /// Number of choices per slot.
    public var choiceCount: Int { choiceNames.count }

    public var featureCount: Int { slots * choiceCount }

    public func encode(_ arch: String) throws -> [Double] { oneHot(try choices(of: arch)) }

    /// The one-hot vector of `choices` (one per slot).
    /// - Complexity: O(slots × choices).
    public func oneHot(_ choices: [Int]) -> [Double] {
        precondition(choices.count == slots)
        var v = [Double](repeating: 0, count: featureCount)
        for (s, c) in choices.enumerated() { v[s * choiceCount + c] = 1 }
        return v
    }

    /// The choices of a one-hot row (the inverse of ``oneHot(_:)``); nil when `row` is not a
    /// one-hot vector of this encoding.
    /// - Complexity: O(slots × choices).
    public func decode<C: Collection>(oneHot row: C) -> [Int]? where C.Element == Double {
        guard row.count == featureCount else { return nil }
        let v = Array(row)
        var out: [Int] = []
        out.reserveCapacity(slots)
        for s in 0..<slots {
            var hot = -1
            for c in 0..<choiceCount {
                let x = v[s * choiceCount + c]
                if x == 1 {
                    if hot >= 0 { return nil }
                    hot = c
                } else if x != 0 {
                    return nil
                }
            }
            if hot < 0 { return nil }
            out.append(hot)
        }
        return out
    }
}

extension ArchitectureEncoding {
    /// The feature matrix of `archs`, one row each. An architecture that does not parse is
    /// reported at its table line (`lines[i]`, when given), in `file`, under `key`.
    /// - Complexity: O(total length of the strings + rows × features).
    public func matrix(_ archs: [String], file: String? = nil, lines: [Int]? = nil, key: String? = nil) throws -> FeatureMatrix {
        var values = [Double]()
        values.reserveCapacity(archs.count * featureCount)
        for (i, a) in archs.enumerated() {
            do { values.append(contentsOf: try encode(a)) } catch var e as InputError {
                e.file = file ?? e.file
                e.line = lines?[i] ?? e.line
                e.key = key ?? e.key
                e.message = "cannot read '\(a)' as a \(name) architecture: " + e.message
                throw e
            }
        }
        return FeatureMatrix(rows: archs.count, columns: featureCount, values: values)
    }
}

/// The encodings a scenario can name.
public enum Encodings {
    /// The encoding called `name` (`nb201`, `fbnet`).
    /// - Throws: ``InputError`` at `key` for an unknown name.
    public static func named(_ name: String, key: String = "data.encoding") throws -> any OneHotEncoding {
        switch name {
        case "nb201": return NB201OneHotEncoding()
        case "fbnet": return FBNetOneHotEncoding()
        default:
            let hint = Suggest.hint(for: name, in: ["nb201", "fbnet"])
            throw InputError(key: key, "unknown encoding '\(name)'\(hint); expected nb201 or fbnet")
        }
    }
}
