// StoredBytes.swift: the bytes of an encoded chunk, owned or borrowed from the column saved.

import VaultColumnar

/// The bytes a chunk takes on disk: an array it owns (zstd frames, encoded payloads, chunks
/// copied from a previous snapshot) or, for fixed-width chunks stored raw as they are in memory
/// (random hash keys), the column's own buffer, written to the file without a copy.
///
/// A borrowed chunk keeps the column's buffer alive, so its pointer stays valid as long as the
/// chunk does (`AlignedBuffer`'s storage never moves while it is shared).
struct StoredBytes: @unchecked Sendable {
    private let owned: [UInt8]
    private let buffer: AlignedBuffer?
    private let range: Range<Int>

    /// Bytes held in an array.
    init(_ bytes: [UInt8]) {
        owned = bytes
        buffer = nil
        range = 0..<bytes.count
    }

    /// Bytes `range` of `buffer`, not copied.
    init(borrowing buffer: AlignedBuffer, range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= buffer.count, "borrowed range outside the buffer")
        owned = []
        self.buffer = buffer
        self.range = range
    }

    var count: Int { range.count }

    /// Calls `body` with the bytes.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if let buffer {
            return try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
        }
        return try owned.withUnsafeBytes(body)
    }

    /// A copy as an array.
    var array: [UInt8] { withUnsafeBytes { Array($0) } }
}
