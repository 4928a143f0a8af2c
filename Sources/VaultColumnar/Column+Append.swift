// Column+Append.swift: building a column row by row or buffer by buffer.

extension Column {
    /// Appends a fixed-width value whose Swift type matches the column's width
    /// (`Int32` for int32/date, `Int64` for int64/time/timestamp/decimal units, `Double`, `UInt8` for bool).
    public mutating func append<T: BitwiseCopyable>(_ value: T) {
        assert(type.fixedWidth == MemoryLayout<T>.size && !(type == .string), "value width does not match \(type)")
        values.append(value: value)
        validity.append(true)
    }

    /// Appends a Bool.
    public mutating func append(bool value: Bool) {
        precondition(type == .bool)
        values.append(value: UInt8(value ? 1 : 0))
        validity.append(true)
    }

    /// Appends a fixed-size binary value; `value.count` must equal the width.
    public mutating func append(binary value: UnsafeRawBufferPointer) {
        guard case .fixedBinary(let width) = type else { preconditionFailure("append(binary:) on \(type)") }
        precondition(value.count == width, "binary value of \(value.count) bytes in a fixed_binary(\(width)) column")
        values.append(value)
        validity.append(true)
    }

    /// Appends a UTF-8 string given as bytes (plain: copied; dictionary: interned).
    public mutating func append(utf8 value: UnsafeRawBufferPointer) {
        precondition(type == .string, "append(utf8:) on \(type)")
        if dictionary != nil {
            values.append(value: dictionary!.intern(value))
        } else {
            bytes.append(value)
            values.append(value: Int64(bytes.count))
        }
        validity.append(true)
    }

    /// Appends a string (convenience; hot loops pass bytes).
    public mutating func append(string value: String) {
        var copy = value
        copy.withUTF8 { append(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// Appends a string, or NULL for `nil`.
    public mutating func append(optionalString value: String?) {
        if let value { append(string: value) } else { appendNull() }
    }

    /// Appends a NULL row (zero value or empty string).
    public mutating func appendNull() {
        if type == .string {
            if dictionary != nil { values.append(value: Int32(0)); ensureDictionaryHasCodeZero() }
            else { values.append(value: Int64(bytes.count)) }
        } else {
            values.appendZeros(type.fixedWidth!)
        }
        validity.append(false)
    }

    /// Appends a string by letting `body` write its bytes in place (at most `maximumLength` bytes;
    /// it returns how many it wrote). Plain string columns only: the fast path for generators.
    public mutating func appendString(maximumLength: Int, _ body: (UnsafeMutableRawBufferPointer) -> Int) {
        precondition(type == .string && dictionary == nil, "appendString(maximumLength:) needs a plain string column")
        bytes.appendUninitialized(maximum: maximumLength, body)
        values.append(value: Int64(bytes.count))
        validity.append(true)
    }

    /// Appends a dictionary code directly (dictionary columns only; `code` must exist).
    public mutating func append(code: Int32) {
        precondition(code >= 0 && Int(code) < dictionaryCount, "bad dictionary code \(code)")
        values.append(value: code)
        validity.append(true)
    }

    /// Appends `count` rows of dictionary code `code` (dictionary columns only; `code` must exist).
    public mutating func append(code: Int32, count: Int) {
        precondition(code >= 0 && Int(code) < dictionaryCount, "bad dictionary code \(code)")
        let codes = [Int32](repeating: code, count: count)
        codes.withUnsafeBytes { values.append($0) }
        validity.appendValid(count)
    }

    /// Entries of the dictionary (0 without one), read without copying it.
    private var dictionaryCount: Int {
        switch dictionary {
        case .some(let d): return d.count
        case .none: return 0
        }
    }

    /// Interns `value` in this column's dictionary without appending a row, returning its code.
    public mutating func intern(_ value: String) -> Int32 {
        precondition(dictionary != nil, "intern on a column without dictionary")
        return dictionary!.intern(value)
    }

    /// A NULL in a dictionary column stores code 0, which must therefore exist.
    mutating func ensureDictionaryHasCodeZero() {
        if dictionary!.count == 0 { _ = dictionary!.intern(UnsafeRawBufferPointer(start: nil, count: 0)) }
    }

    /// Reserves room for `rows` more rows (and `stringBytes` more string bytes).
    public mutating func reserve(rows: Int, stringBytes: Int = 0) {
        let width = type == .string ? (dictionary != nil ? 4 : 8) : type.fixedWidth!
        values.reserve(additional: rows * width)
        if stringBytes > 0 { bytes.reserve(additional: stringBytes) }
    }

    /// Appends a whole fixed-width buffer of `rowCount` values, all valid.
    public mutating func appendValues(_ raw: UnsafeRawBufferPointer, rowCount: Int) {
        precondition(type != .string && raw.count == rowCount * type.fixedWidth!, "buffer does not hold \(rowCount) \(type) values")
        values.append(raw)
        validity.appendValid(rowCount)
    }

    /// Appends `rowCount` valid values of a fixed-width column, written in place by `body`, which
    /// must set every element of the buffer it gets (`T` must have the column's width).
    public mutating func appendValues<T: BitwiseCopyable>(rowCount: Int, as: T.Type, _ body: (UnsafeMutableBufferPointer<T>) -> Void) {
        precondition(type != .string && MemoryLayout<T>.stride == type.fixedWidth!, "\(T.self) values in a \(type) column")
        values.appendUninitialized(maximum: rowCount * MemoryLayout<T>.stride) { out in
            body(out.bindMemory(to: T.self))
            return rowCount * MemoryLayout<T>.stride
        }
        validity.appendValid(rowCount)
    }
}
