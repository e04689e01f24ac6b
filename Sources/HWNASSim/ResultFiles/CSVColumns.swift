// SPDX-License-Identifier: GPL-3.0-or-later

/// The columns of a result file, defined once: its writer fills each row by column name (a
/// field is never placed by position), its reader finds each column by the same names.
///
/// A file of a swept scenario leads with one column per swept key (`noise.model`, `seed`):
/// those are ``sweep`` columns, filled from a row's swept values by key; the named columns follow.
struct CSVColumns: Sendable {
    /// Every column, in file order: the swept keys, then the named columns.
    let names: [String]
    /// The swept keys (leading columns).
    let sweep: [String]
    /// Position of each named column (not the swept keys, which may be any scenario key).
    let index: [String: Int]

    init(_ names: [String], sweep: [String] = []) {
        self.names = sweep + names
        self.sweep = sweep
        index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, sweep.count + $0) })
    }

    /// The swept keys of rows whose swept values are `values`, each once, in first-seen order.
    static func sweepKeys(_ values: [[(key: String, value: String)]]) -> [String] {
        var keys: [String] = []
        for v in values { for (k, _) in v where !keys.contains(k) { keys.append(k) } }
        return keys
    }

    /// A row being filled; every field starts empty.
    struct Row {
        fileprivate(set) var fields: [String]
        fileprivate let index: [String: Int]
        fileprivate let sweep: [String]

        /// Sets the swept keys' fields from `values` ("" for a key the row has none of).
        mutating func sweep(_ values: [(key: String, value: String)]) {
            for (k, key) in sweep.enumerated() { fields[k] = values.first { $0.key == key }?.value ?? "" }
        }

        /// The field of column `name`. Naming a column the file does not have is a
        /// programming error (a typo), caught the first time the writer runs.
        subscript(name: String) -> String {
            get { fields[position(name)] }
            set { fields[position(name)] = newValue }
        }

        private func position(_ name: String) -> Int {
            guard let i = index[name] else { preconditionFailure("no column '\(name)' in this file") }
            return i
        }
    }

    /// A row filled by `fill`, in column order.
    func row(_ fill: (inout Row) -> Void) -> [String] {
        var row = Row(fields: Array(repeating: "", count: names.count), index: index, sweep: sweep)
        fill(&row)
        return row.fields
    }

    /// The CSV text of `rows`, each filled by name.
    func csv<T>(_ items: some Sequence<T>, fill: (T, inout Row) -> Void) -> String {
        Format.csv(header: names, rows: items.map { item in row { fill(item, &$0) } })
    }

    /// Reads `path` and checks that its header is exactly these columns.
    /// - Throws: ``InputError`` at line 1 when it is not.
    func table(path: String) throws -> CSVTable {
        let table = try CSVTable(contentsOf: path)
        guard table.header == names else {
            throw InputError(
                file: path, line: 1, "expected the columns \(names.joined(separator: ", ")), found \(table.header.joined(separator: ", "))")
        }
        return table
    }

    /// The fields of row `r` of `table`, by these column names.
    func fields(_ table: CSVTable, row r: Int) -> SummaryReader.Fields {
        SummaryReader.Fields(table: table, index: index, row: r)
    }
}
