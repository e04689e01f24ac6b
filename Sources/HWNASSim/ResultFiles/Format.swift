// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Locale-independent number formatting for every output file.
public enum Format {
    /// The shortest text that reads back as the same Double; empty for NaN or infinity.
    public static func number(_ x: Double) -> String {
        x.isFinite ? "\(x)" : ""
    }

    /// `x` with exactly `decimals` decimals (C locale).
    public static func fixed(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        let s = String(format: "%.\(decimals)f", x)
        return s == "-" + String(format: "%.\(decimals)f", 0.0) ? String(format: "%.\(decimals)f", 0.0) : s
    }

    /// A CSV field, quoted when it holds a comma, quote or line end.
    ///
    /// Looks at Unicode scalars, not Characters: `"\r\n"` is one Character, equal to neither
    /// `"\r"` nor `"\n"`, and a field holding it must be quoted too.
    static func csvField(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A CSV text of `header` and `rows`, `\n` line ends.
    public static func csv(header: [String], rows: [[String]]) -> String {
        var out = header.map(csvField).joined(separator: ",") + "\n"
        for r in rows { out += r.map(csvField).joined(separator: ",") + "\n" }
        return out
    }
}

/// A failure while writing results (disk full, I/O error): not the user's input, exit status 1.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }

    public init(path: String, message: String) {
        (self.path, self.message) = (path, message)
    }
}

/// Writes output files whole or not at all: a temporary file beside the target, then a
/// rename. A reader never sees a half-written file; a killed writer leaves only a temporary
/// (named with ``temporaryMarker``) that the next run removes.
public enum AtomicFile {
    static let temporaryMarker = ".tmp-hwnas-"

    /// This host's name, part of a temporary's name: `<file>.tmp-hwnas-<host>-<pid>`.
    static let host: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        let name =
            gethostname(&buffer, buffer.count) == 0
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "host"
        return String(name.map { $0.isLetter || $0.isNumber || $0 == "." ? $0 : "_" })
    }()

    /// fsync of a file or folder (best effort: a file system without it still gets the rename).
    static func sync(_ path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Writes `text` to `path`, creating folders.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(url.lastPathComponent + temporaryMarker + host + "-" + String(getpid()))
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: temporary)
            sync(temporary.path)  // the bytes are on disk before the name points at them
            if rename(temporary.path, url.path) != 0 {
                throw OutputError(path: path, message: "cannot rename into place: \(String(cString: strerror(errno)))")
            }
            sync(url.deletingLastPathComponent().path)  // and the rename itself
        } catch let error as OutputError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw OutputError(path: path, message: "cannot write: \(error.localizedDescription)")
        }
    }
}
