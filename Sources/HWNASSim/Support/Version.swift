// SPDX-License-Identifier: GPL-3.0-or-later

/// The tool's version, written into every `run.json` and every cell hash.
public enum HWNASSimVersion {
    public static let string = "0.1.0"
}
