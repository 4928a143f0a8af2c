// ColumnTarget.swift: the final buffers of a column being restored, filled by chunk jobs in place.

import Foundation
import VaultColumnar

/// The buffers a restored column ends up with, allocated once at their final size (without a
/// zero-fill) before any chunk is decoded. Each row chunk is then decompressed and decoded
/// straight into its own rows' bytes, on any worker, so a restore neither copies decoded chunks
/// into place nor holds them all in memory at once.
///
/// ```
///  values    rowCount x width bytes (fixed-width values, or Int32 codes of a dictionary-encoded
///            string column); none for plain string columns, whose chunks are assembled later
///  validity  ceil(rowCount / 64) words, only when some row chunk has a NULL; chunk i (rows
///            i*R ..< (i+1)*R, R a multiple of 64) owns words i*R/64 ..< its end
/// ```
///
/// Chunks own disjoint byte ranges, so workers write without locks. The buffers may be read
/// (``finishValidity()``) only after every row chunk was written exactly once; debug builds count the
/// bytes written and check that.
final class ColumnTarget: @unchecked Sendable {
    /// Bytes per value in ``values`` (0 for plain string columns).
    let width: Int
    let rowCount: Int
    private(set) var values: AlignedBuffer?
    private(set) var validity: AlignedBuffer?
    private var valuesBase: UnsafeMutableRawPointer?
    private var validityBase: UnsafeMutableRawPointer?
    #if DEBUG
    private let written = ManagedCounter()
    #endif

    /// Buffers for the column of `footer`, as `expected` describes it.
    init(_ footer: ColumnFooter, expected: ColumnExpectation) {
        rowCount = footer.rowCount
        if expected.type == .string && !expected.isDictionaryEncoded {
            width = 0
        } else {
            width = expected.isDictionaryEncoded ? 4 : expected.type.fixedWidth!
            var base: UnsafeMutableRawPointer?
            // Filled by the chunk jobs before anything reads it (see `finishValidity`).
            values = AlignedBuffer(unsafeUninitializedCount: rowCount * width) { base = $0.baseAddress }
            valuesBase = base
        }
        if footer.entries.contains(where: { $0.kind == .rows && $0.hasValidity }) {
            var base: UnsafeMutableRawPointer?
            validity = AlignedBuffer(unsafeUninitializedCount: ColumnExpectation.validityBytes(rowCount)) { base = $0.baseAddress }
            validityBase = base
        }
    }

    /// Whether the column keeps validity words (some chunk has a NULL).
    var hasValidity: Bool { validity != nil }

    /// The value bytes of rows `first ..< first + count`, to be written by that chunk's job.
    func valueBytes(first: Int, count: Int) -> UnsafeMutableRawBufferPointer {
        precondition(width > 0 && first >= 0 && count >= 0 && first + count <= rowCount, "rows outside the column")
        #if DEBUG
        written.add(count * width)
        #endif
        return UnsafeMutableRawBufferPointer(start: valuesBase! + first * width, count: count * width)
    }

    /// Writes the validity words of rows `first ..< first + count` (`first` a multiple of 64):
    /// a copy of `words` when the chunk has them, all valid otherwise. Nothing when the column
    /// keeps no validity.
    func setValidity(first: Int, count: Int, words: UnsafeRawBufferPointer?) {
        guard let base = validityBase else { return }
        let bytes = ColumnExpectation.validityBytes(count)
        precondition(first % 64 == 0 && first + count <= rowCount && (words == nil || words!.count == bytes),
                     "validity words outside the column")
        #if DEBUG
        written.add(bytes)
        #endif
        let out = base + first / 8
        if let words {
            out.copyMemory(from: words.baseAddress!, byteCount: bytes)
            return
        }
        for i in 0..<count / 64 { out.storeBytes(of: UInt64.max, toByteOffset: i * 8, as: UInt64.self) }
        if count % 64 != 0 {
            out.storeBytes(of: (UInt64(1) << UInt64(count % 64)) - 1, toByteOffset: count / 64 * 8, as: UInt64.self)
        }
    }

    /// The validity of the column, once every row chunk was written.
    func finishValidity() -> ValidityBitmap {
        checkComplete()
        guard let validity else { return ValidityBitmap(allValid: rowCount) }
        return ValidityBitmap(words: validity, count: rowCount)
    }

    private func checkComplete() {
        #if DEBUG
        let expected = (values?.count ?? 0) + (validity?.count ?? 0)
        precondition(written.value == expected, "chunks wrote \(written.value) of \(expected) bytes of the column")
        #endif
    }
}

#if DEBUG
/// A byte count that chunk jobs on several workers add to (debug builds only).
private struct ManagedCounter {
    private final class Storage: @unchecked Sendable {
        let lock = NSLock()
        var value = 0
    }
    private let storage = Storage()

    var value: Int {
        storage.lock.lock()
        defer { storage.lock.unlock() }
        return storage.value
    }

    func add(_ n: Int) {
        storage.lock.lock()
        defer { storage.lock.unlock() }
        storage.value += n
    }
}
#endif
