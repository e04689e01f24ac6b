// SPDX-License-Identifier: GPL-3.0-or-later

/// The FBNet space as 22 blocks × 9 choices = 198 one-hot features, from the `op_idx_list`
/// form `0-8-3-…` (choice indices 0 `k3_e1`, 1 `k3_e1_g2`, 2 `k3_e3`, 3 `k3_e6`, 4 `k5_e1`,
/// 5 `k5_e1_g2`, 6 `k5_e3`, 7 `k5_e6`, 8 `skip`).
public struct FBNetOneHotEncoding: OneHotEncoding {
    public init() {}

    /// The block choices by index.
    public static let blockChoices = ["k3_e1", "k3_e1_g2", "k3_e3", "k3_e6", "k5_e1", "k5_e1_g2", "k5_e3", "k5_e6", "skip"]

    public var name: String { "fbnet" }
    public var slots: Int { 22 }
    public var choiceNames: [String] { Self.blockChoices }

    /// The 22 choice indices of `arch` (`0-8-3-…`): exactly 22 integers 0…8 joined by `-`.
    /// - Complexity: O(length of `arch`).
    public func choices(of arch: String) throws -> [Int] {
        let parts = arch.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 22 else {
            throw InputError("expected 22 block choices joined by '-' (such as 0-8-3-…), found \(parts.count)")
        }
        return try parts.enumerated().map { b, p in
            guard let c = Int(p), (0..<9).contains(c), p.allSatisfy(\.isASCII) else {
                throw InputError("block \(b + 1) is '\(p)', expected a choice index 0…8")
            }
            return c
        }
    }

    public func archString(_ choices: [Int]) -> String {
        precondition(choices.count == 22 && choices.allSatisfy { (0..<9).contains($0) })
        return choices.map(String.init).joined(separator: "-")
    }
}
