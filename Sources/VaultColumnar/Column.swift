// Column.swift: one typed column of values with its validity bitmap.

/// One column: a logical type, a validity bitmap, and the Arrow-like buffers that hold its values.
///
/// The layout of `values` and `bytes` for each type is drawn in ``ColumnType``. A string column is
/// either plain (Int64 offsets into UTF-8 bytes) or dictionary encoded (Int32 codes into a
/// ``StringDictionary``), chosen when the column is created:
///
/// ```
///  plain string          values: [0, 3, 3, 8]  bytes: "abc" "hello"     -> "abc", NULL/"" , "hello"
///  dictionary string     values: [0, 1, 0]     dictionary: ["RETAIL", "ONLINE"]
/// ```
///
/// Columns are values (copy on write). Appending is amortised O(1) per row with no per-row heap
/// allocation; hot loops read whole buffers through `withUnsafe...` accessors.
public struct Column: Equatable, Sendable {
    /// The logical type.
    public let type: ColumnType
    /// Which rows hold a value.
    public internal(set) var validity: ValidityBitmap
    /// Fixed-width values, string offsets (plain) or string codes (dictionary).
    public internal(set) var values: AlignedBuffer
    /// UTF-8 bytes of a plain string column; empty otherwise.
    public internal(set) var bytes: AlignedBuffer
    /// The dictionary of a dictionary-encoded string column.
    public internal(set) var dictionary: StringDictionary?

    /// Creates an empty column. `dictionaryEncoded` applies to strings only.
    public init(_ type: ColumnType, capacity: Int = 0, dictionaryEncoded: Bool = false) {
        precondition(!dictionaryEncoded || type == .string, "only string columns can be dictionary encoded")
        self.type = type
        validity = ValidityBitmap(capacity: capacity)
        bytes = AlignedBuffer()
        if type == .string && !dictionaryEncoded {
            values = AlignedBuffer(capacity: (capacity + 1) * 8)
            values.append(value: Int64(0))
        } else {
            let width = dictionaryEncoded ? 4 : type.fixedWidth!
            values = AlignedBuffer(capacity: capacity * width)
        }
        dictionary = dictionaryEncoded ? StringDictionary() : nil
    }

    /// Assembles a column from buffers, checking that they are consistent; throws on mismatch.
    /// Used by readers of stored columns, which must not trust their input.
    public init(type: ColumnType, validity: ValidityBitmap, values: AlignedBuffer,
                bytes: AlignedBuffer = AlignedBuffer(), dictionary: StringDictionary? = nil) throws {
        let n = validity.count
        if type == .string, let dictionary {
            guard values.count == n * 4 else { throw ColumnarError.inconsistentBuffers("dictionary codes: \(values.count) bytes for \(n) rows") }
            let bad = values.withUnsafeBytes { raw in
                raw.bindMemory(to: Int32.self).contains { $0 < 0 || Int($0) >= dictionary.count }
            }
            guard !bad else { throw ColumnarError.inconsistentBuffers("a dictionary code is out of range 0..<\(dictionary.count)") }
        } else if type == .string {
            guard values.count == (n + 1) * 8 else { throw ColumnarError.inconsistentBuffers("string offsets: \(values.count) bytes for \(n) rows") }
            let ok = values.withUnsafeBytes { raw -> Bool in
                let offsets = raw.bindMemory(to: Int64.self)
                guard offsets[0] == 0, offsets[n] == Int64(bytes.count) else { return false }
                for i in 0..<n where offsets[i] > offsets[i + 1] { return false }
                return true
            }
            guard ok else { throw ColumnarError.inconsistentBuffers("string offsets are not ascending from 0 to \(bytes.count)") }
        } else {
            guard values.count == n * type.fixedWidth!, bytes.count == 0, dictionary == nil else {
                throw ColumnarError.inconsistentBuffers("\(type): \(values.count) value bytes for \(n) rows")
            }
        }
        self.type = type
        self.validity = validity
        self.values = values
        self.bytes = bytes
        self.dictionary = dictionary
    }

    /// Assembles a column from buffers that a builder made consistent by construction (generators
    /// that write offsets in ascending order and codes of their own dictionary). The O(rows) checks
    /// of ``init(type:validity:values:bytes:dictionary:)`` run in debug builds only; the O(1)
    /// length checks always run.
    public init(builtType type: ColumnType, validity: ValidityBitmap, values: AlignedBuffer,
                bytes: AlignedBuffer = AlignedBuffer(), dictionary: StringDictionary? = nil) {
        #if DEBUG
        self = try! Column(type: type, validity: validity, values: values, bytes: bytes, dictionary: dictionary)
        #else
        let n = validity.count
        let width = type == .string ? (dictionary == nil ? 8 : 4) : type.fixedWidth!
        precondition(values.count == (type == .string && dictionary == nil ? n + 1 : n) * width,
                     "column buffers: \(values.count) value bytes for \(n) rows of \(type)")
        precondition(type == .string || (bytes.count == 0 && dictionary == nil), "\(type) column with string bytes")
        self.type = type
        self.validity = validity
        self.values = values
        self.bytes = bytes
        self.dictionary = dictionary
        #endif
    }

    /// The number of rows.
    @inlinable public var count: Int { validity.count }
    /// The number of NULL rows.
    @inlinable public var nullCount: Int { validity.nullCount }
    /// Whether this is a dictionary-encoded string column.
    @inlinable public var isDictionaryEncoded: Bool { dictionary != nil }

    /// Bytes allocated by this column's buffers: its real memory cost.
    public var memoryFootprint: Int {
        validity.words.capacity + values.capacity + bytes.capacity + (dictionary?.memoryFootprint ?? 0)
    }

    /// Whether row `i` holds a value.
    @inlinable public func isValid(_ i: Int) -> Bool { validity.isValid(i) }

    /// Calls `body` with the values buffer viewed as `T` (one element per row for fixed-width
    /// types; `count + 1` offsets for plain strings; codes for dictionary strings).
    @inlinable
    public func withUnsafeValues<T: BitwiseCopyable, R>(as type: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R) rethrows -> R {
        try values.withUnsafeBytes { raw in
            assert(raw.count % MemoryLayout<T>.stride == 0)
            return try body(UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: T.self),
                                                count: raw.count / MemoryLayout<T>.stride))
        }
    }

    /// Removes every row, keeping the type and encoding.
    public mutating func removeAll() {
        validity.removeAll()
        bytes.removeAll()
        values.removeAll()
        if type == .string && dictionary == nil { values.append(value: Int64(0)) }
    }
}

/// Errors raised when buffers or tables do not fit together.
public enum ColumnarError: Error, Equatable, CustomStringConvertible {
    case inconsistentBuffers(String)
    case schemaMismatch(String)
    case rowLimitExceeded(Int)
    case unknownColumn(String)

    public var description: String {
        switch self {
        case .inconsistentBuffers(let what): return "inconsistent column buffers: \(what)"
        case .schemaMismatch(let what): return "schema mismatch: \(what)"
        case .rowLimitExceeded(let n): return "a table can hold at most \(Int32.max) rows; \(n) requested"
        case .unknownColumn(let name): return "no column named '\(name)'"
        }
    }
}
