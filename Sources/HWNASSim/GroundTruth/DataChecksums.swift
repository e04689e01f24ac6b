// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The SHA-256 checksums a bundled data folder lists for its tables (`SHA256SUMS`, in the
/// format `sha256sum` writes and `sha256sum -c` reads).
///
/// A folder with a `SHA256SUMS` is a bundled one (the repository's `Data/`, or a copy of it):
/// each table it lists is refused when its bytes have changed. A folder without one holds
/// the user's own tables, checked for their columns and rows only.
public struct DataChecksums: Sendable {
    /// The name of the checksum file.
    public static let fileName = "SHA256SUMS"

    /// The checksum file read.
    public var path: String
    /// Lowercase hexadecimal SHA-256 by file name.
    public var expected: [String: String]

    /// The checksums of `directory`, or nil when it has no `SHA256SUMS`.
    /// - Throws: ``InputError`` naming the line of a malformed checksum file.
    public static func of(directory: String) throws -> DataChecksums? {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, "cannot read the checksum file")
        }
        var expected: [String: String] = [:]
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            // `<64 hex digits>  <name>` (text mode) or `<64 hex digits> *<name>` (binary mode).
            let hex = line.prefix(64)
            var name = line.dropFirst(64)
            guard hex.count == 64, hex.allSatisfy(\.isHexDigit), name.first == " ", name.count >= 3 else {
                throw InputError(file: path, line: i + 1, "expected '<64 hex digits>  <file name>', as sha256sum writes, found '\(line)'")
            }
            name = name.dropFirst()
            if name.first == " " || name.first == "*" { name = name.dropFirst() }
            expected[String(name)] = hex.lowercased()
        }
        return DataChecksums(path: path, expected: expected)
    }

    /// Refuses the table at `path` (`size` bytes, SHA-256 `sha256`) when the list names its file
    /// with another checksum.
    /// - Throws: ``InputError`` naming the file.
    public func check(path tablePath: String, sha256: String, size: Int) throws {
        let name = (tablePath as NSString).lastPathComponent
        guard let want = expected[name], want != sha256 else { return }
        throw InputError(
            file: tablePath,
            "the bundled table has been changed or truncated (\(size) bytes, SHA-256 \(sha256); \(path) lists \(want)): "
                + "restore it (git checkout -- \(tablePath)), "
                + "or put tables of your own in a folder without \(Self.fileName) and point --data or $HWNAS_SIM_DATA at it")
    }
}
