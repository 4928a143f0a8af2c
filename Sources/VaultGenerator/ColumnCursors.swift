// ColumnCursors.swift: write positions into column builders for a block of rows, held in registers.

/// Where the rows of one block go in a ``FixedColumnBuilder``: its room for the block, reserved
/// once (``FixedColumnBuilder/cursor(rows:)``), written by row index and counted once
/// (``FixedColumnBuilder/commit(rows:)`` at the end, or ``FixedColumnBuilder/claim(rows:)`` at once
/// when the block writes exactly its rows).
///
/// Why: a builder's count lives in memory, and the optimiser cannot keep it in a register across
/// the stores into the column (any raw store might change it), so appending value by value costs a
/// load, a capacity check and a store of the count per value. A cursor is a plain value copied into
/// the writing function: its pointer stays in a register and a row costs one store.
struct FixedColumnCursor<T: FixedWidthInteger & BitwiseCopyable> {
    /// The slot of the block's first row (reserved for the whole block).
    let base: UnsafeMutableRawPointer
    /// The block's first row in the whole column.
    let firstRow: Int

    /// Stores `value` as row `i` of the block (`i` below the rows reserved; unchecked).
    @inline(__always)
    func set(_ i: Int, _ value: T) {
        base.storeBytes(of: value, toByteOffset: i &* MemoryLayout<T>.size, as: T.self)
    }
}

/// Where the rows of one block go in a ``StringColumnBuilder``: the slots of the rows' end offsets
/// and the string bytes, reserved once for the whole block (at most ``maximumLength`` bytes a
/// row), with the byte count carried in the value (see ``FixedColumnCursor`` for why).
struct StringColumnCursor {
    /// The room of a row of a key column: the longest business-key spelling, and 16 bytes for a
    /// spelled key's two 8-byte stores.
    static let keyLength = 24
    /// The slot of the end offset of the block's first row.
    let offsets: UnsafeMutableRawPointer
    /// The column's first byte: the next value starts at `bytes + end`.
    let bytes: UnsafeMutableRawPointer
    /// The room reserved for each row of the block.
    let maximumLength: Int
    /// Bytes in the column so far (the end offset of the last row written).
    private(set) var end: Int

    init(offsets: UnsafeMutableRawPointer, bytes: UnsafeMutableRawPointer, maximumLength: Int, end: Int) {
        self.offsets = offsets
        self.bytes = bytes
        self.maximumLength = maximumLength
        self.end = end
    }

    /// Writes `key` as row `i`: two 8-byte stores and its end offset.
    @inline(__always)
    mutating func set(_ i: Int, _ key: SpelledKey) {
        var cursor = ByteCursor(base: bytes + end, limit: maximumLength)
        cursor.write(key)
        close(i, length: cursor.count)
    }

    /// Writes the value `body` writes (at most ``maximumLength`` bytes) as row `i`.
    @inline(__always)
    mutating func set(_ i: Int, _ body: (inout ByteCursor) -> Void) {
        var cursor = ByteCursor(base: bytes + end, limit: maximumLength)
        body(&cursor)
        close(i, length: cursor.count)
    }

    /// Ends row `i` after `length` bytes written at `bytes + end` (0 for an empty value or NULL).
    @inline(__always)
    mutating func close(_ i: Int, length: Int) {
        end &+= length
        offsets.storeBytes(of: Int64(end), toByteOffset: i &* 8, as: Int64.self)
    }
}

extension FixedColumnCursor {
    /// Stores `value` as row `i`, or zero and a NULL recorded in `builder` when `null`.
    @inline(__always)
    func set(_ i: Int, _ value: T, null: Bool, in builder: inout FixedColumnBuilder<T>) {
        if null {
            set(i, 0)
            builder.markNull(row: firstRow + i)
        } else {
            set(i, value)
        }
    }
}

extension StringColumnCursor {
    /// Writes the value `body` writes as row `i`, or NULL (recorded in `builder`) when `null`.
    @inline(__always)
    mutating func set(_ i: Int, null: Bool, in builder: inout StringColumnBuilder, _ body: (inout ByteCursor) -> Void) {
        if null {
            close(i, length: 0)
            builder.markNull(blockRow: i)
        } else {
            set(i, body)
        }
    }
}
