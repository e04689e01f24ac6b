// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// A streaming SHA-256 hasher (FIPS 180-4), used for file checksums.
struct SHA256: Sendable {
    /// The eight working hash words.
    private var state: SIMD8<UInt32>
    /// Pending bytes of an incomplete 64-byte block (always 64 long; the first `pendingCount` are live).
    private var pending: [UInt8]
    private var pendingCount: Int
    /// Total number of bytes hashed so far.
    private var length: UInt64

    /// A hasher in the empty-input state.
    /// - Complexity: O(1).
    public init() {
        state = SHA256.initialState
        pending = [UInt8](repeating: 0, count: 64)
        pendingCount = 0
        length = 0
    }

    /// Feeds `bytes` into the hash.
    /// - Complexity: O(bytes.count).
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var remaining = bytes.count
        guard remaining > 0, var input = bytes.baseAddress else { return }
        length &+= UInt64(remaining)
        var h = state
        var count = pendingCount
        pending.withUnsafeMutableBytes { block in
            let blockBase = block.baseAddress!
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
                let w = schedule.baseAddress!
                if count > 0 {
                    let take = Swift.min(64 - count, remaining)
                    (blockBase + count).copyMemory(from: input, byteCount: take)
                    count += take
                    input += take
                    remaining -= take
                    if count == 64 {
                        SHA256.compress(&h, UnsafeRawPointer(blockBase), w)
                        count = 0
                    }
                }
                while remaining >= 64 {
                    SHA256.compress(&h, input, w)
                    input += 64
                    remaining -= 64
                }
                if remaining > 0 {
                    blockBase.copyMemory(from: input, byteCount: remaining)
                    count = remaining
                }
            }
        }
        state = h
        pendingCount = count
    }

    /// Feeds `bytes` into the hash.
    /// - Complexity: O(bytes.count).
    mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Pads the message and returns the 32-byte digest; the hasher is then reset to the empty-input state.
    /// - Complexity: O(1).
    mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        let padLength = pendingCount < 56 ? 56 - pendingCount : 120 - pendingCount
        var tail = [UInt8](repeating: 0, count: padLength + 8)
        tail[0] = 0x80
        for i in 0..<8 { tail[padLength + i] = UInt8(truncatingIfNeeded: bitLength >> (56 - 8 * UInt64(i))) }
        update(tail)
        precondition(pendingCount == 0)
        var digest = [UInt8](repeating: 0, count: 32)
        for i in 0..<8 {
            let word = state[i]
            digest[4 * i] = UInt8(truncatingIfNeeded: word >> 24)
            digest[4 * i + 1] = UInt8(truncatingIfNeeded: word >> 16)
            digest[4 * i + 2] = UInt8(truncatingIfNeeded: word >> 8)
            digest[4 * i + 3] = UInt8(truncatingIfNeeded: word)
        }
        self = SHA256()
        return digest
    }

    /// The lowercase hexadecimal SHA-256 digest of `bytes`.
    /// - Complexity: O(bytes.count).
    static func hex(of bytes: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hexString(hasher.finalize())
    }

    // MARK: - Internals

    private static let initialState = SIMD8<UInt32>(
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
        0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

    /// Processes one 64-byte block at `block`, using `w` (64 words) as the message schedule.
    /// - Complexity: O(1).
    private static func compress(_ h: inout SIMD8<UInt32>, _ block: UnsafeRawPointer, _ w: UnsafeMutablePointer<UInt32>) {
        for i in 0..<16 {
            w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
        }
        for i in 16..<64 {
            let a = w[i - 15], b = w[i - 2]
            let s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >> 3)
            let s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >> 10)
            w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
        }
        var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7]
        roundConstants.withUnsafeBufferPointer { k in
            for i in 0..<64 {
                let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                let ch = (e & f) ^ (~e & g)
                let t1 = hh &+ s1 &+ ch &+ k[i] &+ w[i]
                let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                let maj = (a & b) ^ (a & c) ^ (b & c)
                let t2 = s0 &+ maj
                hh = g; g = f; f = e; e = d &+ t1
                d = c; c = b; b = a; a = t1 &+ t2
            }
        }
        h &+= SIMD8(a, b, c, d, e, f, g, hh)
    }

    static func hexString(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
