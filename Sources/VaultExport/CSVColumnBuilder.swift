// CSVColumnBuilder.swift: one column's buffers, grown row by row while a CSV file is parsed.

import VaultColumnar

/// Builds one column of a table being read from CSV: parses a field's bytes into the value its
/// buffer stores, then appends it (or NULL). The buffers are raw growable memory owned by the
/// builder until ``finish()`` copies them into a ``Column`` and ``release()`` frees them, so the
/// hot loop appends with a bounds check and a store, without copy-on-write checks.
///
/// Parsing and appending are separate steps so that a reader can check every field of a row
/// before appending any, and skip a bad row without undoing anything.
struct CSVColumnBuilder {
    enum Kind {
        case int32, int64, decimal(precision: Int, scale: Int), date, time, timestamp, double, bool
        case plainString, dictionaryString, binary(width: Int)
    }

    let kind: Kind
    let type: ColumnType
    /// Fixed-width values, string offsets (`rows + 1` Int64) or dictionary codes (Int32).
    private var values: OutputBuffer
    /// Plain strings: their bytes. Dictionary strings: scratch for unescaping a value.
    private var bytes: OutputBuffer
    /// Validity words, LSB first, as in ``ValidityBitmap``.
    private var validity: OutputBuffer
    private var dictionary: StringDictionary?
    private(set) var rows = 0

    init(_ type: ColumnType, dictionaryEncoded: Bool, estimatedRows: Int) {
        self.type = type
        switch type {
        case .int32: kind = .int32
        case .int64: kind = .int64
        case .decimal(let p, let s): kind = .decimal(precision: p, scale: s)
        case .date: kind = .date
        case .time: kind = .time
        case .timestamp: kind = .timestamp
        case .double: kind = .double
        case .bool: kind = .bool
        case .string: kind = dictionaryEncoded ? .dictionaryString : .plainString
        case .fixedBinary(let width): kind = .binary(width: width)
        }
        let rows = max(estimatedRows, 64)
        let width = type == .string ? (dictionaryEncoded ? 4 : 8) : type.fixedWidth!
        values = OutputBuffer(capacity: (rows + 1) * width)
        bytes = OutputBuffer(capacity: type == .string && !dictionaryEncoded ? rows * 16 : 4096)
        validity = OutputBuffer(capacity: (rows / 64 + 1) * 8)
        dictionary = dictionaryEncoded ? StringDictionary() : nil
        if case .plainString = kind { store(Int64(0)) }
    }

    /// Frees the buffers; the builder must not be used afterwards.
    func release() {
        values.release()
        bytes.release()
        validity.release()
    }

    @inline(__always)
    private mutating func store<T: BitwiseCopyable>(_ value: T) {
        values.ensure(MemoryLayout<T>.size)
        values.base.storeBytes(of: value, toByteOffset: values.count, as: T.self)
        values.count += MemoryLayout<T>.size
    }

    @inline(__always)
    private mutating func appendValidity(_ valid: Bool) {
        if rows & 63 == 0 {
            validity.ensure(8)
            validity.base.storeBytes(of: UInt64(0), toByteOffset: validity.count, as: UInt64.self)
            validity.count += 8
        }
        if valid {
            let offset = (rows >> 6) << 3
            let word = validity.base.load(fromByteOffset: offset, as: UInt64.self)
            validity.base.storeBytes(of: word | (1 << UInt64(rows & 63)), toByteOffset: offset, as: UInt64.self)
        }
        rows += 1
    }

    /// Parses a non-empty field (quoted fields without their quotes) into the 64 bits ``append``
    /// stores: integers, units, days, microseconds, a double's bit pattern, 0/1. Strings and
    /// binary are only checked here (0 is returned) and copied from their bytes in ``append``.
    /// Static, on the kind alone, so the hot loop never copies a builder (and its references).
    @inline(__always)
    static func parse(_ kind: Kind, _ p: UnsafePointer<UInt8>, _ n: Int) throws(CSVFieldFailure) -> Int64 {
        switch kind {
        case .int32: return try CSVFieldParser.integer(p, n, minimum: Int64(Int32.min), maximum: Int64(Int32.max))
        case .int64: return try CSVFieldParser.integer(p, n, minimum: .min, maximum: .max)
        case .decimal(let precision, let scale):
            return try CSVFieldParser.decimal(p, n, precision: precision, scale: scale)
        case .date: return Int64(try CSVFieldParser.date(p, n))
        case .time: return try CSVFieldParser.time(p, n)
        case .timestamp: return try CSVFieldParser.timestamp(p, n)
        case .double: return Int64(bitPattern: try CSVFieldParser.double(p, n).bitPattern)
        case .bool: return Int64(try CSVFieldParser.bool(p, n))
        case .plainString, .dictionaryString:
            try CSVFieldParser.checkUTF8(p, n)
            return 0
        case .binary(let width):
            try CSVFieldParser.checkHex(p, n, width: width)
            return 0
        }
    }

    static func isString(_ kind: Kind) -> Bool {
        switch kind {
        case .plainString, .dictionaryString: return true
        default: return false
        }
    }

    /// Appends a parsed value; `p`/`n` are the field's bytes (needed for strings and binary),
    /// with doubled quotes still in them when `escaped`.
    @inline(__always)
    mutating func append(_ value: Int64, _ p: UnsafePointer<UInt8>, _ n: Int, escaped: Bool) {
        switch kind {
        case .int32, .date: store(Int32(truncatingIfNeeded: value))
        case .int64, .decimal, .time, .timestamp, .double: store(value)
        case .bool: store(UInt8(truncatingIfNeeded: value))
        case .plainString:
            bytes.ensure(n)
            bytes.count += Self.copyUnescaping(p, n, escaped: escaped, to: bytes.base + bytes.count)
            store(Int64(bytes.count))
        case .dictionaryString:
            bytes.count = 0
            bytes.ensure(n)
            bytes.count = Self.copyUnescaping(p, n, escaped: escaped, to: bytes.base)
            store(dictionary!.intern(bytes.contents))
        case .binary(let width):
            values.ensure(width)
            CSVFieldParser.decodeHex(p, width: width, into: values.base + values.count)
            values.count += width
        }
        appendValidity(true)
    }

    /// Appends NULL: a zero value, an empty string range, or dictionary code 0 (which must exist).
    @inline(__always)
    mutating func appendNull() {
        switch kind {
        case .plainString: store(Int64(bytes.count))
        case .dictionaryString:
            if dictionary!.count == 0 { _ = dictionary!.intern(UnsafeRawBufferPointer(start: nil, count: 0)) }
            store(Int32(0))
        default:
            let width = type.fixedWidth!
            values.ensure(width)
            (values.base + values.count).initializeMemory(as: UInt8.self, repeating: 0, count: width)
            values.count += width
        }
        appendValidity(false)
    }

    /// Copies `n` bytes, turning each `""` into `"` when `escaped`; returns the bytes written.
    @inline(__always)
    static func copyUnescaping(_ p: UnsafePointer<UInt8>, _ n: Int, escaped: Bool,
                               to out: UnsafeMutableRawPointer) -> Int {
        guard escaped else {
            if n > 0 { out.copyMemory(from: p, byteCount: n) }
            return n
        }
        var written = 0, i = 0
        while i < n {
            out.storeBytes(of: p[i], toByteOffset: written, as: UInt8.self)
            written += 1
            i += p[i] == 34 ? 2 : 1
        }
        return written
    }

    /// The finished column (a copy of the buffers into aligned column memory).
    func finish() -> Column {
        let validityWords = AlignedBuffer(copying: validity.contents)
        let bitmap = ValidityBitmap(words: validityWords, count: rows)
        do {
            switch kind {
            case .plainString:
                return try Column(type: type, validity: bitmap, values: AlignedBuffer(copying: values.contents),
                                  bytes: AlignedBuffer(copying: bytes.contents))
            case .dictionaryString:
                return try Column(type: type, validity: bitmap, values: AlignedBuffer(copying: values.contents),
                                  dictionary: dictionary!)
            default:
                return try Column(type: type, validity: bitmap, values: AlignedBuffer(copying: values.contents))
            }
        } catch {
            // The builder keeps its buffers consistent, so this is a bug, not bad input.
            preconditionFailure("CSV column builder produced inconsistent buffers: \(error)")
        }
    }
}
