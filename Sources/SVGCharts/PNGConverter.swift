// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A failed SVG-to-PNG conversion: the file and what went wrong.
public struct PNGConversionError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var message: String

    public var description: String { "\(file): \(message)" }
}

/// Converts SVG files to PNG with `rsvg-convert` (Debian `librsvg2-bin`), on a white background.
public struct PNGConverter: Sendable {
    /// The rsvg-convert executable.
    public let executable: String

    /// rsvg-convert on `PATH`, if any.
    public static func find() -> PNGConverter? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = String(dir) + "/rsvg-convert"
            if FileManager.default.isExecutableFile(atPath: candidate) { return PNGConverter(executable: candidate) }
        }
        return nil
    }

    /// Converts the SVG file at `svgPath` into a PNG beside it (same name, `.png`), written
    /// atomically; returns its path.
    @discardableResult
    public func writeBeside(svgPath: String) throws -> String {
        let png = (svgPath.hasSuffix(".svg") ? String(svgPath.dropLast(4)) : svgPath) + ".png"
        let data = try convert(path: svgPath)
        do { try data.write(to: URL(fileURLWithPath: png), options: .atomic) } catch {
            throw PNGConversionError(file: png, message: "cannot write the PNG: \(error.localizedDescription)")
        }
        return png
    }

    /// The PNG bytes of the SVG file at `path` (read from rsvg-convert's standard output).
    public func convert(path: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--format", "png", "--background-color", "white", path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            throw PNGConversionError(file: path, message: "cannot run rsvg-convert: \(error.localizedDescription)")
        }
        let png = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, !png.isEmpty else {
            throw PNGConversionError(file: path, message: "rsvg-convert could not convert this SVG (status \(process.terminationStatus))")
        }
        return png
    }
}
