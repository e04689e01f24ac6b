// SPDX-License-Identifier: GPL-3.0-or-later

/// The columns of a result file, defined once: its writer fills each row by column name (a
/// field is never placed by position), its reader finds each column by the same names.
struct CSVColumns: Sendable {
    let names: [String]
    let index: [String: Int]

    init(_ names: [String]) {
        self.names = names
        index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    }

    /// A row being filled; every field starts empty.
    struct Row {
        fileprivate(set) var fields: [String]
        fileprivate let index: [String: Int]

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
        var row = Row(fields: Array(repeating: "", count: names.count), index: index)
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
            throw InputError(file: path, line: 1, "expected the columns \(names.joined(separator: ", ")), found \(table.header.joined(separator: ", "))")
        }
        return table
    }

    /// The fields of row `r` of `table`, by these column names.
    func fields(_ table: CSVTable, row r: Int) -> SummaryReader.Fields {
        SummaryReader.Fields(table: table, index: index, row: r)
    }
}
