// RawColumns.swift: chunk-local column builders that write rows straight into their final buffers.

import VaultColumnar

/// A plain string column being built: Int64 offsets and UTF-8 bytes in two
/// ``AlignedBufferBuilder``s that become the column's buffers without a copy.
///
/// Each value reserves its maximum length once, then the writer stores bytes unchecked (asserted
/// in debug builds by ``ByteCursor`` and the builder); a row costs two compares for the capacity
/// checks and no zero-fill, copy-on-write or validity work (NULLs are rare and collected aside).
/// Non-copyable: the memory has one owner and is freed or handed over exactly once. Fresh pages are
/// taken all at once (`populate`: the capacities are estimates close to what is written).
struct StringColumnBuilder: ~Copyable {
    private var offsets: AlignedBufferBuilder
    private var bytes: AlignedBufferBuilder
    private(set) var rows = 0
    private var nullRows: [Int] = []

    /// Room for `rows` rows of about `bytesPerRow` bytes before the buffers grow, and 4 KiB more:
    /// a block of rows reserves the longest values of its column (``cursor(rows:maximumLength:)``),
    /// which the last block of an estimate that is nearly exact would otherwise grow the buffer for.
    init(rows: Int, bytesPerRow: Int) {
        offsets = AlignedBufferBuilder(capacity: (rows + 1) * 8, populate: true)
        bytes = AlignedBufferBuilder(capacity: rows * bytesPerRow + 4096, populate: true)
        offsets.append(Int64(0))
    }

    /// Appends the value `body` writes, at most `maximumLength` bytes; or NULL when `null`.
    @inline(__always)
    mutating func append(_ maximumLength: Int, null: Bool = false, _ body: (inout ByteCursor) -> Void) {
        if null { appendNull(); return }
        bytes.reserve(maximumLength)
        var cursor = ByteCursor(base: bytes.end, limit: maximumLength)
        body(&cursor)
        bytes.advance(by: cursor.count)
        offsets.append(Int64(bytes.count))
        rows += 1
    }

    /// Appends NULL (an empty range of bytes).
    @inline(__always)
    mutating func appendNull() {
        offsets.append(Int64(bytes.count))
        nullRows.append(rows)
        rows += 1
    }

    /// The finished column.
    consuming func column() -> Column {
        let validity = ValidityBitmap(count: rows, nullRows: nullRows)
        return Column(builtType: .string, validity: validity, values: offsets.finish(), bytes: bytes.finish())
    }
}

/// A fixed-width column being built (Int32, Int64, dates, times, decimal units or dictionary
/// codes) in an ``AlignedBufferBuilder``; a NULL stores zero, as `Column.appendNull()` does.
struct FixedColumnBuilder<T: FixedWidthInteger & BitwiseCopyable>: ~Copyable {
    private var values: AlignedBufferBuilder
    private(set) var rows = 0
    private var nullRows: [Int] = []

    /// Room for `rows` rows before the buffer grows.
    init(rows: Int) {
        values = AlignedBufferBuilder(capacity: rows * MemoryLayout<T>.size, populate: true)
    }

    /// Appends `value`, or NULL when `null`.
    @inline(__always)
    mutating func append(_ value: T, null: Bool = false) {
        if null { nullRows.append(rows) }
        values.append(null ? 0 : value)
        rows += 1
    }

    /// The finished column, of `template`'s type (whose width must be `T`'s) and dictionary.
    consuming func column(like template: Column) -> Column {
        let validity = ValidityBitmap(count: rows, nullRows: nullRows)
        return Column(builtType: template.type, validity: validity, values: values.finish(), dictionary: template.dictionary)
    }
}

extension FixedColumnBuilder where T == Int32 {
    /// Appends a vocabulary word's code or a date (days since 1970), or NULL when `null`.
    @inline(__always)
    mutating func append(_ value: Int, null: Bool = false) { append(Int32(truncatingIfNeeded: value), null: null) }
}

// Block writing (see ColumnCursors.swift).

extension FixedColumnBuilder {
    /// Room for `n` more rows, written through the cursor returned and then counted by
    /// ``commit(rows:)``.
    @inline(__always)
    mutating func cursor(rows n: Int) -> FixedColumnCursor<T> {
        values.reserve(n * MemoryLayout<T>.size)
        return FixedColumnCursor(base: values.end, firstRow: rows)
    }

    /// Counts the `n` rows written through the last cursor.
    @inline(__always)
    mutating func commit(rows n: Int) {
        values.advance(by: n * MemoryLayout<T>.size)
        rows += n
    }

    /// `n` more rows, counted at once: the caller must write every one through the cursor returned.
    @inline(__always)
    mutating func claim(rows n: Int) -> FixedColumnCursor<T> {
        let cursor = self.cursor(rows: n)
        commit(rows: n)
        return cursor
    }

    /// Records row `row` (of the whole column) as NULL (its value must be written as zero).
    @inline(never)
    mutating func markNull(row: Int) { nullRows.append(row) }
}

extension StringColumnBuilder {
    /// Room for `n` more rows of at most `maximumLength` bytes (a key's by default), written
    /// through the cursor returned and then counted by ``commit(_:rows:)``.
    @inline(__always)
    mutating func cursor(rows n: Int, maximumLength: Int = StringColumnCursor.keyLength) -> StringColumnCursor {
        offsets.reserve(n * 8)
        bytes.reserve(n * maximumLength)
        return StringColumnCursor(offsets: offsets.end, bytes: bytes.end - bytes.count, maximumLength: maximumLength,
                                  end: bytes.count)
    }

    /// Counts the `n` rows written through `cursor`.
    @inline(__always)
    mutating func commit(_ cursor: StringColumnCursor, rows n: Int) {
        offsets.advance(by: n * 8)
        bytes.advance(by: cursor.end - bytes.count)
        rows += n
    }

    /// Records row `i` of the current block as NULL (closed with no bytes).
    @inline(never)
    mutating func markNull(blockRow i: Int) { nullRows.append(rows + i) }
}
