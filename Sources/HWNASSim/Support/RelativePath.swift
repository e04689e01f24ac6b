// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Paths written into a run folder's files are relative to that folder, so that they resolve
/// from wherever the folder is read.
enum RelativePath {
    /// `path` as an absolute, standardised path (relative paths are taken from the current folder).
    static func absolute(_ path: String) -> String {
        let base = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: base).standardizedFileURL.path
    }

    /// The path that leads from folder `directory` to `path`, e.g. `../../Scenarios/x.yaml`.
    static func from(_ directory: String, to path: String) -> String {
        let from = absolute(directory).split(separator: "/"), to = absolute(path).split(separator: "/")
        var common = 0
        while common < from.count && common < to.count && from[common] == to[common] { common += 1 }
        let up = Array(repeating: "..", count: from.count - common)
        let parts = up + to[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// `path` read from a file in `directory`: relative paths are taken from `directory`.
    static func resolve(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
    }
}
