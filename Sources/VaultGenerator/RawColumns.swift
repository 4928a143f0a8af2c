// RawColumns.swift: chunk-local column builders over memory they own, for the sales hot loop.

import VaultColumnar

/// A plain string column being built: `capacity + 1` Int64 offsets and a byte area sized for
/// `capacity` values of at most `maximumLength` bytes, in memory this builder owns. Appends are
/// unchecked pointer writes (asserted in debug); ``column(rows:)`` copies the result into a
/// `Column` and ``release()`` frees the memory.
struct RawStringColumn {
    let offsets: UnsafeMutablePointer<Int64>
    let bytes: UnsafeMutableRawPointer
    let byteCapacity: Int
    var used = 0
    var nullRows: [Int] = []

    init(capacity: Int, maximumLength: Int) {
        offsets = .allocate(capacity: capacity + 1)
        offsets[0] = 0
        byteCapacity = max(capacity * maximumLength, 1)
        bytes = .allocate(byteCount: byteCapacity, alignment: 64)
    }

    func release() {
        offsets.deallocate()
        bytes.deallocate()
    }

    /// Appends row `row` written by `body` (at most the maximum length).
    @inline(__always)
    mutating func append(row: Int, _ body: (inout ByteCursor) -> Void) {
        var cursor = ByteCursor(base: bytes + used, limit: byteCapacity - used)
        body(&cursor)
        used += cursor.count
        offsets[row + 1] = Int64(used)
    }

    /// Appends NULL (an empty range) as row `row`.
    @inline(__always)
    mutating func appendNull(row: Int) {
        offsets[row + 1] = Int64(used)
        nullRows.append(row)
    }

    func column(rows: Int) -> Column {
        let values = AlignedBuffer(copying: UnsafeRawBufferPointer(start: offsets, count: (rows + 1) * 8))
        let data = AlignedBuffer(copying: UnsafeRawBufferPointer(start: bytes, count: used))
        // Force-try: offsets ascend from 0 to `used` by construction.
        return try! Column(type: .string, validity: validity(rows: rows, nulls: nullRows), values: values, bytes: data)
    }
}

/// A fixed-width column being built (Int32, Int64 or dictionary codes), in memory it owns.
struct RawFixedColumn<T: FixedWidthInteger> {
    let values: UnsafeMutablePointer<T>
    var nullRows: [Int] = []

    init(capacity: Int) { values = .allocate(capacity: max(capacity, 1)) }

    func release() { values.deallocate() }

    @inline(__always)
    func set(_ row: Int, _ value: T) { values[row] = value }

    @inline(__always)
    mutating func setNull(_ row: Int) {
        values[row] = 0
        nullRows.append(row)
    }

    /// The column of type `type` (its width must be `T`'s); `dictionary` for code columns.
    func column(rows: Int, type: ColumnType, dictionary: StringDictionary? = nil) -> Column {
        let buffer = AlignedBuffer(copying: UnsafeRawBufferPointer(start: values, count: rows * MemoryLayout<T>.size))
        return try! Column(type: type, validity: validity(rows: rows, nulls: nullRows), values: buffer, dictionary: dictionary)
    }
}

/// All rows valid except `nulls`.
private func validity(rows: Int, nulls: [Int]) -> ValidityBitmap {
    var bitmap = ValidityBitmap(allValid: rows)
    for row in nulls { bitmap.set(row, valid: false) }
    return bitmap
}
