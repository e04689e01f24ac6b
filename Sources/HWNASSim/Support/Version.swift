// SPDX-License-Identifier: GPL-3.0-or-later

/// The tool's version, written into every `run.json` and every cell hash.
public enum HWNASSimVersion {
    public static let string = "0.1.0"
    /// Bumped whenever a change alters any number or column of the outputs; part of every
    /// cell's input hash, so a resume or merge never mixes cells of two algorithms.
    static let resultsFormat = 6
}
