// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: bytes → `CSVTable(data:path:)`, then every column through
// `numbers(column:allowMissing:)`. A thrown `InputError` is a correct answer; any other
// error, a trap or a sanitizer report is a finding.
import HWNASSim

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size <= 65_536 else { return -1 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let table = try CSVTable(data: bytes, path: "/fuzz/table.csv")
        precondition(!table.header.isEmpty && !table.rows.isEmpty)
        precondition(table.rows.count == table.lineOfRow.count)
        precondition(table.rows.allSatisfy { $0.count == table.header.count })
        for c in table.header.indices {
            for allowMissing in [false, true] {
                do {
                    let v = try table.numbers(column: c, allowMissing: allowMissing,
                                              missingSentinel: c == 0 ? -1 : nil)
                    precondition(v.count == table.rows.count)
                    precondition(v.allSatisfy { $0.isFinite || $0.isNaN })
                } catch is InputError {}
            }
            _ = try? table.column(table.header[c], role: "fuzz")
        }
        _ = try? table.column("no such column", role: "fuzz")
    } catch is InputError {
        // Rejected with a located message: fine.
    } catch {
        fatalError("CSVTable threw a non-InputError: \(error)")
    }
    return 0
}
