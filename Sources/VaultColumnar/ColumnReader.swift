// ColumnReader.swift: borrowed, pointer-based read access to a column for hot loops.

/// Read-only access to a column's buffers through raw pointers, valid only inside the closure
/// that hands it out (`Column.withReader`, `withReaders`). Copying a reader copies pointers, not
/// references, so a per-row loop over readers does no reference counting.
///
/// Checked accessors trap on a bad row in debug builds only: the closure that creates the reader
/// fixes `count`, and loops are expected to stay inside `0..<count`.
public struct ColumnReader {
    public let type: ColumnType
    public let count: Int
    @usableFromInline let validity: UnsafePointer<UInt64>?
    @usableFromInline let allValid: Bool
    @usableFromInline let values: UnsafeRawPointer?
    @usableFromInline let bytes: UnsafeRawPointer?
    @usableFromInline let dictionaryOffsets: UnsafePointer<Int64>?
    @usableFromInline let dictionaryBytes: UnsafeRawPointer?

    /// Whether row `i` holds a value.
    @inlinable @inline(__always)
    public func isValid(_ i: Int) -> Bool {
        assert(i >= 0 && i < count)
        return allValid || (validity![i >> 6] >> UInt64(i & 63)) & 1 == 1
    }

    /// The fixed-width value of row `i`.
    @inlinable @inline(__always)
    public func value<T: BitwiseCopyable>(_ i: Int, as: T.Type) -> T {
        assert(i >= 0 && i < count)
        return values!.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self)
    }

    /// The bytes of row `i` of a string or fixed-binary column (empty for NULL strings).
    @inlinable @inline(__always)
    public func bytes(_ i: Int) -> UnsafeRawBufferPointer {
        assert(i >= 0 && i < count)
        switch type {
        case .string:
            if let dictionaryOffsets {
                let code = Int(values!.loadUnaligned(fromByteOffset: i * 4, as: Int32.self))
                let start = Int(dictionaryOffsets[code])
                return UnsafeRawBufferPointer(start: dictionaryBytes.map { $0 + start }, count: Int(dictionaryOffsets[code + 1]) - start)
            }
            let offsets = values!.assumingMemoryBound(to: Int64.self)
            let start = Int(offsets[i])
            return UnsafeRawBufferPointer(start: bytes.map { $0 + start }, count: Int(offsets[i + 1]) - start)
        case .fixedBinary(let width):
            return UnsafeRawBufferPointer(start: values! + i * width, count: width)
        default:
            preconditionFailure("bytes(_:) on a \(type) column")
        }
    }
}

extension Column {
    /// Calls `body` with a ``ColumnReader`` over this column.
    public func withReader<R>(_ body: (ColumnReader) throws -> R) rethrows -> R {
        try validity.words.withUnsafeBytes { v in
            try values.withUnsafeBytes { values in
                try bytes.withUnsafeBytes { bytes in
                    func make(_ dictOffsets: UnsafePointer<Int64>?, _ dictBytes: UnsafeRawPointer?) throws -> R {
                        try body(ColumnReader(type: type, count: count, validity: v.baseAddress?.assumingMemoryBound(to: UInt64.self),
                                              allValid: validity.allValid, values: values.baseAddress, bytes: bytes.baseAddress,
                                              dictionaryOffsets: dictOffsets, dictionaryBytes: dictBytes))
                    }
                    guard let dictionary else { return try make(nil, nil) }
                    return try dictionary.offsets.withUnsafeBytes { o in
                        try dictionary.bytes.withUnsafeBytes { b in
                            try make(o.baseAddress!.assumingMemoryBound(to: Int64.self), b.baseAddress)
                        }
                    }
                }
            }
        }
    }
}

/// Calls `body` with readers over every column of `columns`, in order.
///
/// - Complexity: O(columns), with a constant stack depth however many columns there are.
public func withReaders<R>(_ columns: [Column], _ body: ([ColumnReader]) throws -> R) rethrows -> R {
    // UNSAFE, fenced here: a reader holds pointers into its column's AlignedBuffers (values,
    // bytes, validity words, dictionary). Each buffer's memory belongs to a class instance that
    // never moves it while alive and unmutated; `columns` keeps every instance alive, unchanged,
    // until `body` returns, so readers taken out of `withReader`'s scope stay valid for `body`.
    // (Nesting one `withReader` per column instead would take a stack frame per column.)
    try withExtendedLifetime(columns) {
        try body(columns.map { column in column.withReader { $0 } })
    }
}
