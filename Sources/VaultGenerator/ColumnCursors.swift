// ColumnCursors.swift: write positions into column builders for a block of rows, held in registers.

/// Where the rows of one block go in a ``FixedColumnBuilder``: its room for the block, reserved
/// once (``FixedColumnBuilder/cursor(rows:)``), written by row index and counted once at the end
/// (``FixedColumnBuilder/commit(rows:)``).
///
/// Why: a builder's count lives in memory, and the optimiser cannot keep it in a register across
/// the stores into the column (any raw store might change it), so appending value by value costs a
/// load, a capacity check and a store of the count per value. A cursor is a plain value copied into
/// the writing function: its pointer stays in a register and a row costs one store.
struct FixedColumnCursor<T: FixedWidthInteger & BitwiseCopyable> {
    /// The slot of the block's first row (reserved for the whole block).
    let base: UnsafeMutableRawPointer

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
    /// Room a row may use: the longest business-key spelling, and 16 bytes for a spelled key's
    /// two 8-byte stores.
    static let maximumLength = 24
    /// The slot of the end offset of the block's first row.
    let offsets: UnsafeMutableRawPointer
    /// The column's first byte: the next value starts at `bytes + end`.
    let bytes: UnsafeMutableRawPointer
    /// Bytes in the column so far (the end offset of the last row written).
    private(set) var end: Int

    init(offsets: UnsafeMutableRawPointer, bytes: UnsafeMutableRawPointer, end: Int) {
        self.offsets = offsets
        self.bytes = bytes
        self.end = end
    }

    /// Writes `key` as row `i`: two 8-byte stores and its end offset.
    @inline(__always)
    mutating func set(_ i: Int, _ key: SpelledKey) {
        var cursor = ByteCursor(base: bytes + end, limit: Self.maximumLength)
        cursor.write(key)
        close(i, length: cursor.count)
    }

    /// Writes the value `body` writes (at most ``maximumLength`` bytes) as row `i`.
    @inline(__always)
    mutating func set(_ i: Int, _ body: (inout ByteCursor) -> Void) {
        var cursor = ByteCursor(base: bytes + end, limit: Self.maximumLength)
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
