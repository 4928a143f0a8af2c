// Column+Access.swift: reading single values (for display, tests and cold paths).

extension Column {
    /// The fixed-width value of row `i` as `T` (zero for NULL rows).
    @inlinable
    public func value<T: BitwiseCopyable>(at i: Int, as: T.Type) -> T {
        precondition(i >= 0 && i < count, "row \(i) out of range 0..<\(count)")
        assert(type.fixedWidth == MemoryLayout<T>.size || (dictionary != nil && T.self == Int32.self))
        return values.loadUnchecked(fromByteOffset: i * MemoryLayout<T>.size, as: T.self)
    }

    /// Calls `body` with the bytes of row `i` of a string or fixed-binary column
    /// (empty for a NULL row).
    @inlinable
    public func withBytes<R>(at i: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        precondition(i >= 0 && i < count, "row \(i) out of range 0..<\(count)")
        switch type {
        case .string:
            if let dictionary {
                return try dictionary.withValue(values.loadUnchecked(fromByteOffset: i * 4, as: Int32.self), body)
            }
            let start = Int(values.loadUnchecked(fromByteOffset: i * 8, as: Int64.self))
            let end = Int(values.loadUnchecked(fromByteOffset: i * 8 + 8, as: Int64.self))
            return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
        case .fixedBinary(let width):
            return try values.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[i * width..<(i + 1) * width])) }
        default:
            preconditionFailure("withBytes(at:) on a \(type) column")
        }
    }

    /// Row `i` of a string column as a `String`, or `nil` when NULL.
    public func string(at i: Int) -> String? {
        guard isValid(i) else { return nil }
        return withBytes(at: i) { String(decoding: $0, as: UTF8.self) }
    }

    /// Row `i` of an int32 or date column, or `nil` when NULL.
    public func int32(at i: Int) -> Int32? { isValid(i) ? value(at: i, as: Int32.self) : nil }
    /// Row `i` of an int64, time, timestamp or decimal column (decimal: scaled units), or `nil`.
    public func int64(at i: Int) -> Int64? { isValid(i) ? value(at: i, as: Int64.self) : nil }
    /// Row `i` of a double column, or `nil`.
    public func double(at i: Int) -> Double? { isValid(i) ? value(at: i, as: Double.self) : nil }
    /// Row `i` of a bool column, or `nil`.
    public func bool(at i: Int) -> Bool? { isValid(i) ? value(at: i, as: UInt8.self) != 0 : nil }
    /// Row `i` of a fixed-binary column as bytes, or `nil`.
    public func binary(at i: Int) -> [UInt8]? { isValid(i) ? withBytes(at: i) { Array($0) } : nil }

    /// Row `i` as display text: the same text forms as CSV export (see ``ValueText``); `nil` for NULL.
    public func text(at i: Int) -> String? {
        guard isValid(i) else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(32)
        ValueText.append(self, row: i, to: &out, hexUppercase: true)
        return String(decoding: out, as: UTF8.self)
    }
}
