// ParquetChunkValues.swift: the non-NULL values of one column chunk, in their PLAIN value form.

import VaultColumnar

/// The values of the non-NULL rows of a row range, packed back to back in the form the PLAIN
/// encoding stores them (narrowed decimals already as Int32, booleans one byte each), so that
/// dictionary building, statistics and page encoding all read one contiguous buffer.
///
/// ```
///  fixed(width):  data = value 0 | value 1 | ...            (width bytes each)
///  variable:      data = bytes 0 | bytes 1 | ...   offsets = [0, end 0, end 1, ...]
///  boolean:       data = 0 or 1 per value
/// ```
struct ParquetChunkValues {
    let storage: ParquetColumnLayout.Storage
    var data: [UInt8] = []
    /// `count + 1` offsets into `data` (variable storage only).
    var offsets: [Int] = [0]
    private(set) var count = 0

    init(storage: ParquetColumnLayout.Storage) { self.storage = storage }

    /// The values at positions `picks`, in that order (a dictionary's entries).
    func subset(_ picks: [Int]) -> ParquetChunkValues {
        var result = ParquetChunkValues(storage: storage)
        for k in picks { withValue(k) { result.append($0) } }
        return result
    }

    /// Appends one value's bytes (for readers decoding pages).
    mutating func append(_ value: UnsafeRawBufferPointer) {
        data.append(contentsOf: value)
        if storage == .variable { offsets.append(data.count) }
        count += 1
    }

    /// The bytes of value `k`.
    @inline(__always)
    func withValue<R>(_ k: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try data.withUnsafeBytes { raw in
            switch storage {
            case .fixed(let width): return try body(UnsafeRawBufferPointer(rebasing: raw[k * width..<(k + 1) * width]))
            case .variable: return try body(UnsafeRawBufferPointer(rebasing: raw[offsets[k]..<offsets[k + 1]]))
            case .boolean: return try body(UnsafeRawBufferPointer(rebasing: raw[k..<k + 1]))
            }
        }
    }

    /// Gathers the non-NULL values of `rows` of `column`; throws if a value does not fit the
    /// layout (a narrowed decimal out of Int32 range, a NULL in a REQUIRED column).
    ///
    /// - Complexity: O(rows + bytes); one copy, no allocation per row.
    static func gather(_ column: Column, rows: Range<Int>, layout: ParquetColumnLayout,
                       table: String) throws(ParquetError) -> ParquetChunkValues {
        var values = ParquetChunkValues(storage: layout.storage)
        let validity = column.validity
        let allValid = validity.allValid
        if !layout.isOptional && !allValid {
            if let row = rows.first(where: { !validity.isValidUnchecked($0) }) {
                throw .unrepresentable(table: table, column: layout.field.name, row: row, reason: "NULL in a column declared NOT NULL")
            }
        }
        let valid = allValid ? rows.count : rows.reduce(0) { $0 + (validity.isValidUnchecked($1) ? 1 : 0) }
        values.count = valid
        switch layout.storage {
        case .fixed(let width) where layout.narrowsToInt32:
            values.data.reserveCapacity(valid * width)
            let badRow = column.withUnsafeValues(as: Int64.self) { source -> Int? in
                for row in rows where allValid || validity.isValidUnchecked(row) {
                    guard let narrow = Int32(exactly: source[row]) else { return row }
                    withUnsafeBytes(of: narrow.littleEndian) { values.data.append(contentsOf: $0) }
                }
                return nil
            }
            if let badRow {
                throw .unrepresentable(table: table, column: layout.field.name, row: badRow,
                                       reason: "decimal units \(column.value(at: badRow, as: Int64.self)) exceed the declared precision")
            }
        case .fixed, .boolean:
            let width = layout.storage.valueBytes
            column.values.withUnsafeBytes { raw in
                if allValid {
                    values.data.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[rows.lowerBound * width..<rows.upperBound * width]))
                    return
                }
                values.data.reserveCapacity(valid * width)
                for row in rows where validity.isValidUnchecked(row) {
                    values.data.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[row * width..<(row + 1) * width]))
                }
            }
        case .variable:
            values.offsets.reserveCapacity(valid + 1)
            for row in rows where allValid || validity.isValidUnchecked(row) {
                column.withBytes(at: row) { values.data.append(contentsOf: $0) }
                values.offsets.append(values.data.count)
            }
        }
        return values
    }

    /// Appends the PLAIN encoding of values `range` to `out`.
    func appendPlain(_ range: Range<Int>, to out: inout [UInt8]) {
        switch storage {
        case .fixed(let width):
            data.withUnsafeBytes { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[range.lowerBound * width..<range.upperBound * width])) }
        case .variable:
            data.withUnsafeBytes { raw in
                for k in range {
                    withUnsafeBytes(of: UInt32(offsets[k + 1] - offsets[k]).littleEndian) { out.append(contentsOf: $0) }
                    out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[offsets[k]..<offsets[k + 1]]))
                }
            }
        case .boolean:
            var byte: UInt8 = 0
            var bit = 0
            for k in range {
                byte |= (data[k] & 1) << UInt8(bit)
                bit += 1
                if bit == 8 {
                    out.append(byte)
                    (byte, bit) = (0, 0)
                }
            }
            if bit > 0 { out.append(byte) }
        }
    }

    /// The PLAIN size of all values in bytes.
    var plainSize: Int {
        switch storage {
        case .fixed: return data.count
        case .variable: return data.count + 4 * count
        case .boolean: return (count + 7) / 8
        }
    }
}
