// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// SHA-256 (FIPS 180-4) of file and text bytes, computed by OpenSSL's libcrypto.
///
/// libcrypto uses the CPU's SHA extensions where it has them (about 2 GB/s on one core, against
/// about 0.2 GB/s for the portable Swift this replaced, which was 14 % of loading a table): the
/// bundled tables are checked on every load for a few milliseconds.
struct SHA256: Sendable {
    /// An `EVP_MD_CTX`, owned; copied before a shared one is changed.
    private final class Context: @unchecked Sendable {
        let pointer: OpaquePointer
        init() {
            pointer = EVP_MD_CTX_new()
            EVP_DigestInit_ex(pointer, EVP_sha256(), nil)
        }
        init(copying other: Context) {
            pointer = EVP_MD_CTX_new()
            EVP_MD_CTX_copy_ex(pointer, other.pointer)
        }
        deinit { EVP_MD_CTX_free(pointer) }
    }

    private var context = Context()

    /// A hasher in the empty-input state.
    /// - Complexity: O(1).
    init() {}

    /// Feeds `bytes` into the hash.
    /// - Complexity: O(bytes.count).
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        if !isKnownUniquelyReferenced(&context) { context = Context(copying: context) }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_DigestUpdate(context.pointer, base, bytes.count)
    }

    /// Feeds `bytes` into the hash.
    /// - Complexity: O(bytes.count).
    mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Pads the message and returns the 32-byte digest; the hasher is then reset to the
    /// empty-input state.
    /// - Complexity: O(1).
    mutating func finalize() -> [UInt8] {
        if !isKnownUniquelyReferenced(&context) { context = Context(copying: context) }
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context.pointer, &digest, &length)
        EVP_DigestInit_ex(context.pointer, EVP_sha256(), nil)
        return digest
    }

    /// The lowercase hexadecimal SHA-256 of `bytes`.
    /// - Complexity: O(bytes.count).
    static func hex(of bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { hex(of: $0) }
    }

    /// The lowercase hexadecimal SHA-256 of `bytes`.
    /// - Complexity: O(bytes.count).
    static func hex(of bytes: UnsafeRawBufferPointer) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        _ = EVP_Digest(bytes.baseAddress, bytes.count, &digest, &length, EVP_sha256(), nil)
        return hexString(digest)
    }

    /// `bytes` as lowercase hexadecimal digits.
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
