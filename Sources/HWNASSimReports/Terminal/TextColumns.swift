// SPDX-License-Identifier: GPL-3.0-or-later

extension String {
    /// The string right-aligned in `width` columns (one space before it when it is wider).
    func leftPadded(_ width: Int) -> String {
        count >= width ? " " + self : String(repeating: " ", count: width - count) + self
    }

    /// The string left-aligned in `width` columns (cut to `width` when it is wider).
    func rightPadded(_ width: Int) -> String {
        padding(toLength: width, withPad: " ", startingAt: 0)
    }
}
