// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing
@testable import HWNASSim

@Test func sha256FIPSVectors() {
    #expect(SHA256.hex(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
        SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(
        SHA256.hex(of: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
}

@Test func sha256FinalizeReturnsDigestAndResets() {
    var hasher = SHA256()
    hasher.update(Array("abc".utf8))
    let digest = hasher.finalize()
    #expect(digest.count == 32)
    #expect(digest.prefix(4) == [0xba, 0x78, 0x16, 0xbf])
    var empty = SHA256()
    #expect(hasher.finalize() == empty.finalize())
}

@Test func sha256IncrementalEqualsOneShot() {
    var state: UInt64 = 0x1234_5678
    let bytes: [UInt8] = (0..<5000).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 56)
    }
    // Lengths around the 55/56/64-byte padding boundaries.
    for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 5000] {
        let message = Array(bytes.prefix(length))
        let oneShot = SHA256.hex(of: message)
        for chunk in [1, 3, 7, 13, 63, 64, 65, 127, 1000] {
            var hasher = SHA256()
            var start = 0
            while start < message.count {
                let end = min(start + chunk, message.count)
                message[start..<end].withUnsafeBytes { hasher.update($0) }
                start = end
            }
            let digest = hasher.finalize()
            var oneShotHasher = SHA256()
            oneShotHasher.update(message)
            #expect(digest == oneShotHasher.finalize())
            #expect(SHA256.hexString(digest) == oneShot)
        }
    }
}

/// A copied hasher goes on independently of the one it was copied from.
@Test func sha256CopiesAreIndependent() {
    var a = SHA256()
    a.update(Array("ab".utf8))
    var b = a
    a.update(Array("c".utf8))
    b.update(Array("x".utf8))
    #expect(SHA256.hexString(a.finalize()) == SHA256.hex(of: Array("abc".utf8)))
    #expect(SHA256.hexString(b.finalize()) == SHA256.hex(of: Array("abx".utf8)))
}
