// ThriftCompactDecoder.swift: the Thrift compact protocol, read side (footers and page headers).

/// A decoded Thrift value. Structs keep their fields by id, in the order read.
public indirect enum ThriftValue: Equatable, Sendable {
    case bool(Bool)
    case i8(Int8)
    case i16(Int16)
    case i32(Int32)
    case i64(Int64)
    case double(Double)
    case binary([UInt8])
    case list(ThriftCompactType, [ThriftValue])
    case map([(key: ThriftValue, value: ThriftValue)])
    case structure(ThriftFields)

    public static func == (lhs: ThriftValue, rhs: ThriftValue) -> Bool {
        switch (lhs, rhs) {
        case (.bool(let a), .bool(let b)): return a == b
        case (.i8(let a), .i8(let b)): return a == b
        case (.i16(let a), .i16(let b)): return a == b
        case (.i32(let a), .i32(let b)): return a == b
        case (.i64(let a), .i64(let b)): return a == b
        case (.double(let a), .double(let b)): return a.bitPattern == b.bitPattern
        case (.binary(let a), .binary(let b)): return a == b
        case (.list(let s, let a), .list(let t, let b)): return s == t && a == b
        case (.map(let a), .map(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.structure(let a), .structure(let b)): return a == b
        default: return false
        }
    }

    /// The value as an integer of any width, if it is one.
    public var integer: Int64? {
        switch self {
        case .i8(let v): return Int64(v)
        case .i16(let v): return Int64(v)
        case .i32(let v): return Int64(v)
        case .i64(let v): return v
        default: return nil
        }
    }
}

/// The fields of one decoded struct.
public struct ThriftFields: Equatable, Sendable {
    /// `(id, value)` in the order they were read.
    public var fields: [(id: Int16, value: ThriftValue)] = []

    public init(_ fields: [(id: Int16, value: ThriftValue)] = []) { self.fields = fields }

    public static func == (lhs: ThriftFields, rhs: ThriftFields) -> Bool {
        lhs.fields.count == rhs.fields.count && zip(lhs.fields, rhs.fields).allSatisfy { $0.id == $1.id && $0.value == $1.value }
    }

    /// The value of field `id`, if present.
    public subscript(id: Int16) -> ThriftValue? { fields.first { $0.id == id }?.value }
}

/// Reads Thrift compact-protocol values from bytes it does not trust: every length and count is
/// checked against the bytes left, nesting is limited, and errors name the offset.
public struct ThriftCompactDecoder {
    private let bytes: UnsafeRawBufferPointer
    /// The offset of the next byte to read.
    public private(set) var position: Int
    /// The deepest struct/list nesting accepted (Parquet metadata needs 6).
    public static let maximumDepth = 32

    /// Reads from `bytes`, which must outlive the decoder, starting at `offset`.
    public init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.position = offset
    }

    /// Decodes one struct (fields up to its stop byte).
    public mutating func readStruct() throws(ParquetError) -> ThriftFields {
        try readStruct(depth: 0)
    }

    private func fail(_ reason: String) -> ParquetError {
        .malformedThrift(offset: position, reason: reason)
    }

    mutating func readByte() throws(ParquetError) -> UInt8 {
        guard position < bytes.count else { throw fail("unexpected end of data") }
        defer { position += 1 }
        return bytes[position]
    }

    /// Reads an unsigned varint of at most 10 bytes.
    public mutating func readVarint() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            guard shift < 64 else { throw fail("varint longer than 10 bytes") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// Reads a zigzag varint.
    public mutating func readInteger() throws(ParquetError) -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    private mutating func readLength() throws(ParquetError) -> Int {
        let raw = try readVarint()
        guard raw <= UInt64(bytes.count - position) else { throw fail("length \(raw) runs past the end of the data") }
        return Int(raw)
    }

    private mutating func readStruct(depth: Int) throws(ParquetError) -> ThriftFields {
        guard depth < Self.maximumDepth else { throw fail("structs nested deeper than \(Self.maximumDepth)") }
        var result = ThriftFields()
        var lastID: Int16 = 0
        while true {
            let header = try readByte()
            if header == 0 { return result }
            guard let type = ThriftCompactType(rawValue: header & 0x0F) else { throw fail("unknown field type \(header & 0x0F)") }
            let delta = header >> 4
            let id: Int16
            if delta != 0 {
                id = lastID &+ Int16(delta)
            } else {
                let raw = try readInteger()
                guard let narrow = Int16(exactly: raw) else { throw fail("field id \(raw) out of range") }
                id = narrow
            }
            lastID = id
            let value: ThriftValue
            switch type {
            case .booleanTrue: value = .bool(true)
            case .booleanFalse: value = .bool(false)
            default: value = try readValue(type, depth: depth + 1)
            }
            result.fields.append((id, value))
        }
    }

    private mutating func readValue(_ type: ThriftCompactType, depth: Int) throws(ParquetError) -> ThriftValue {
        guard depth < Self.maximumDepth else { throw fail("values nested deeper than \(Self.maximumDepth)") }
        switch type {
        case .booleanTrue, .booleanFalse:
            // Inside lists, a bool is one byte: 1 is true (some writers use 2 or 0 for false).
            return .bool(try readByte() == 1)
        case .byte: return .i8(Int8(bitPattern: try readByte()))
        case .i16:
            let v = try readInteger()
            guard let n = Int16(exactly: v) else { throw fail("i16 value \(v) out of range") }
            return .i16(n)
        case .i32:
            let v = try readInteger()
            guard let n = Int32(exactly: v) else { throw fail("i32 value \(v) out of range") }
            return .i32(n)
        case .i64: return .i64(try readInteger())
        case .double:
            guard bytes.count - position >= 8 else { throw fail("unexpected end of data in a double") }
            let bits = bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)
            position += 8
            return .double(Double(bitPattern: UInt64(littleEndian: bits)))
        case .binary:
            let n = try readLength()
            defer { position += n }
            return .binary(Array(bytes[position..<position + n]))
        case .list, .set:
            let header = try readByte()
            let count = header >> 4 == 15 ? try readLength() : Int(header >> 4)
            guard let elementType = ThriftCompactType(rawValue: header & 0x0F) else { throw fail("unknown list element type") }
            var items: [ThriftValue] = []
            items.reserveCapacity(min(count, bytes.count - position))
            for _ in 0..<count { items.append(try readValue(elementType, depth: depth + 1)) }
            return .list(elementType, items)
        case .map:
            let count = try readLength()
            guard count > 0 else { return .map([]) }
            let types = try readByte()
            guard let keyType = ThriftCompactType(rawValue: types >> 4),
                  let valueType = ThriftCompactType(rawValue: types & 0x0F) else { throw fail("unknown map types") }
            var entries: [(key: ThriftValue, value: ThriftValue)] = []
            for _ in 0..<count {
                let key = try readValue(keyType, depth: depth + 1)
                entries.append((key, try readValue(valueType, depth: depth + 1)))
            }
            return .map(entries)
        case .structure:
            return .structure(try readStruct(depth: depth))
        }
    }
}
