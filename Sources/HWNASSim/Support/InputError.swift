// SPDX-License-Identifier: GPL-3.0-or-later

/// A problem with the user's input: a file, a table, a scenario or a command-line value.
///
/// Its description names where (file, line, column or key) and what was expected; the
/// command line prints it and exits with status 2, having written nothing.
public struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file the problem is in, if any.
    public var file: String?
    /// 1-based line (or table row counting the header as line 1), if known.
    public var line: Int?
    /// 1-based column, if known.
    public var column: Int?
    /// The key path in a scenario (`budget.measurement.repeats`) or the table column name.
    public var key: String?
    /// What is wrong and what was expected.
    public var message: String

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, key: String? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    public var description: String {
        var location = file ?? ""
        if let line {
            location += (location.isEmpty ? "line " : ":") + "\(line)"
            if let column { location += ":\(column)" }
        }
        var text = location.isEmpty ? "" : location + ": "
        if let key { text += "\(key): " }
        return text + message
    }
}
