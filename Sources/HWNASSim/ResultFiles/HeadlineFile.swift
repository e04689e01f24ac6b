// SPDX-License-Identifier: GPL-3.0-or-later

/// `headline.csv`: per sweep cell (``HeadlineBlocks``) and level, each measure's mean over
/// the block's cells; the swept keys as leading columns.
public enum HeadlineFile {
    /// The assembled file's name.
    public static let name = "headline.csv"

    /// The measures of `headline`'s blocks, each once, in first-seen order.
    static func measures(_ headline: HeadlineBlocks) -> [String] {
        var measures: [String] = []
        for b in headline.blocks { for m in b.table.measures where !measures.contains(m) { measures.append(m) } }
        return measures
    }

    /// The CSV text of `headline`: a row per block and level; a measure a block lacks is empty.
    static func text(_ headline: HeadlineBlocks) -> String {
        let measures = measures(headline)
        let layout = CSVColumns(["level"] + measures, sweep: headline.sweepKeys)
        let rows = headline.blocks.flatMap { b in b.table.levels.indices.map { (b, $0) } }
        return layout.csv(rows) { item, row in
            let (b, l) = item
            row.sweep(Array(zip(headline.sweepKeys, b.values)).map { (key: $0, value: $1) })
            row["level"] = Format.number(b.table.levels[l])
            for m in measures {
                row[m] = b.table.measures.firstIndex(of: m).map { Format.number(b.table.mean[l][$0]) } ?? ""
            }
        }
    }

    /// Reads a `headline.csv` back: the columns before `level` are the swept keys, those after
    /// it the measures; consecutive rows of the same swept values form a block.
    /// - Throws: ``InputError`` at the file, line and column of a missing `level` or a bad number.
    public static func read(path: String) throws -> HeadlineBlocks {
        let table = try CSVTable(contentsOf: path)
        guard let levelColumn = table.header.firstIndex(of: "level") else {
            throw InputError(file: path, line: 1, "no column 'level'; expected the swept keys, 'level' and the measures")
        }
        let keys = Array(table.header[..<levelColumn]), measures = Array(table.header[(levelColumn + 1)...])
        let layout = CSVColumns(["level"] + measures, sweep: keys)
        var blocks: [(values: [String], table: HeadlineTable)] = []
        for r in table.rows.indices {
            let f = layout.fields(table, row: r)
            let values = Array(table.rows[r][..<levelColumn])
            if blocks.last?.values != values {
                blocks.append((values, HeadlineTable(levels: [], measures: measures, mean: [])))
            }
            blocks[blocks.count - 1].table.levels.append(try f.number("level", allowEmpty: false))
            blocks[blocks.count - 1].table.mean.append(try measures.map { try f.number($0) })
        }
        return HeadlineBlocks(sweepKeys: keys, blocks: blocks)
    }
}
