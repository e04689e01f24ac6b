// SPDX-License-Identifier: GPL-3.0-or-later

extension Duration {
    /// The duration in seconds, as a `Double` (progress lines, benchmark timings).
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
