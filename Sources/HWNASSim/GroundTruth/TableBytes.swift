// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The bytes of a table file, owned: mapped read-only from the file, read into memory, or
/// copied from an array.
///
/// Mapping a bundled table (``CSVTable/init(contentsOf:checksums:)`` with checksums) shares the
/// kernel's page cache: no copy and no fresh pages to fault in, which was a third of loading a
/// table. A user's file is read instead, since a mapped file truncated while in use would end
/// the process.
final class TableBytes: @unchecked Sendable {
    /// The bytes; valid as long as this object lives.
    let buffer: UnsafeBufferPointer<UInt8>
    private let mappedLength: Int?

    /// A copy of `bytes`.
    init(copying bytes: [UInt8]) {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        bytes.withUnsafeBufferPointer { b in if let base = b.baseAddress { p.update(from: base, count: b.count) } }
        buffer = UnsafeBufferPointer(start: p, count: bytes.count)
        mappedLength = nil
    }

    /// The file at `path` mapped read-only (an empty file read as no bytes); nil when it cannot
    /// be opened or mapped.
    convenience init?(mapping path: String) {
        let mapped = Self.withOpenFile(path) { fd, size -> (UnsafeMutableRawPointer, Int)? in
            guard size > 0 else { return (UnsafeMutableRawPointer(bitPattern: 1)!, 0) }
            let m = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0)
            guard let m, m != MAP_FAILED else { return nil }
            return (m, size)
        }
        guard let (m, size) = mapped else { return nil }
        if size == 0 { self.init(copying: []) } else { self.init(mapped: m, length: size) }
    }

    /// The file at `path` read into memory; nil when it cannot be read.
    convenience init?(reading path: String) {
        let read = Self.withOpenFile(path) { fd, size -> (UnsafeMutablePointer<UInt8>, Int)? in
            let p = UnsafeMutablePointer<UInt8>.allocate(capacity: max(size, 1))
            var count = 0
            while count < size {
                let n = Glibc.read(fd, p + count, size - count)
                if n < 0 && errno == EINTR { continue }
                if n < 0 {
                    p.deallocate()
                    return nil
                }
                if n == 0 { break }
                count += n
            }
            return (p, count)
        }
        guard let (p, count) = read else { return nil }
        self.init(owning: p, count: count)
    }

    /// `body(descriptor, size)` on the file at `path`, opened read-only and closed after; nil
    /// when it cannot be opened or its size read.
    private static func withOpenFile<T>(_ path: String, _ body: (Int32, Int) -> T?) -> T? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        return body(fd, Int(info.st_size))
    }

    private init(mapped: UnsafeMutableRawPointer, length: Int) {
        buffer = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: length)
        mappedLength = length
    }

    private init(owning p: UnsafeMutablePointer<UInt8>, count: Int) {
        buffer = UnsafeBufferPointer(start: p, count: count)
        mappedLength = nil
    }

    deinit {
        guard let base = buffer.baseAddress else { return }
        if let mappedLength {
            munmap(UnsafeMutableRawPointer(mutating: base), mappedLength)
        } else {
            UnsafeMutablePointer(mutating: base).deallocate()
        }
    }
}
