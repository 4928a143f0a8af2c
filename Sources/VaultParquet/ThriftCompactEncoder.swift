// ThriftCompactEncoder.swift: the Thrift compact protocol, write side (Parquet headers and footer).

/// The type codes of the Thrift compact protocol (the low nibble of a field header, the element
/// type of a list header).
public enum ThriftCompactType: UInt8, Sendable {
    case booleanTrue = 1
    case booleanFalse = 2
    case byte = 3
    case i16 = 4
    case i32 = 5
    case i64 = 6
    case double = 7
    case binary = 8
    case list = 9
    case set = 10
    case map = 11
    case structure = 12
}

/// A value that writes itself as the fields of a Thrift struct (the encoder adds the stop byte).
public protocol ThriftEncodable {
    /// Writes this value's fields, in ascending field-id order.
    func encodeFields(to encoder: inout ThriftCompactEncoder)
}

/// Writes Thrift compact-protocol structs into a byte array.
///
/// ```
///  field header   dddd tttt          d = id delta 1...15 from the previous field, t = type
///                 0000 tttt  zigzag-varint id   (long form, when the delta does not fit)
///  i16/i32/i64    zigzag varint      (n << 1) ^ (n >> 63), 7 bits per byte, low bits first
///  bool field     the type nibble itself: 1 = true, 2 = false, no value byte
///  binary         varint length, bytes
///  double         8 bytes little endian
///  list header    ssss tttt          s = size 0...14, t = element type
///                 1111 tttt  varint size        (size >= 15)
///  struct         fields..., 0x00 (stop); field ids restart from 0 inside a nested struct
/// ```
///
/// Field ids must be written in ascending order inside a struct (a programming error otherwise).
public struct ThriftCompactEncoder: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    private var lastFieldID: Int16 = 0
    private var enclosingFieldIDs: [Int16] = []

    public init() {}

    // MARK: Primitives

    /// Appends `value` as an unsigned LEB128 varint.
    public mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// The zigzag form of a signed integer: 0, -1, 1, -2, ... map to 0, 1, 2, 3, ...
    @inlinable
    public static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    /// Appends a signed integer as a zigzag varint (the form of i16, i32 and i64).
    public mutating func writeInteger(_ value: Int64) { writeVarint(Self.zigzag(value)) }

    /// Appends a length-prefixed byte string.
    public mutating func writeBinary(_ value: some Collection<UInt8>) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// Appends a list header: element type and count.
    public mutating func writeListHeader(_ elementType: ThriftCompactType, count: Int) {
        precondition(count >= 0)
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    /// Appends one struct: its fields, then the stop byte.
    public mutating func writeStruct(_ value: some ThriftEncodable) {
        enclosingFieldIDs.append(lastFieldID)
        lastFieldID = 0
        value.encodeFields(to: &self)
        bytes.append(0)
        lastFieldID = enclosingFieldIDs.removeLast()
    }

    /// Appends a field header for field `id` of `type`.
    public mutating func writeFieldHeader(_ id: Int16, _ type: ThriftCompactType) {
        precondition(id > lastFieldID, "Thrift field \(id) written after field \(lastFieldID)")
        let delta = Int(id) - Int(lastFieldID)
        if delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeInteger(Int64(id))
        }
        lastFieldID = id
    }

    // MARK: Fields

    /// Writes field `id` as a bool (carried in the header's type nibble).
    public mutating func field(_ id: Int16, bool value: Bool) {
        writeFieldHeader(id, value ? .booleanTrue : .booleanFalse)
    }

    /// Writes field `id` as an i8 (one raw byte).
    public mutating func field(_ id: Int16, i8 value: Int8) {
        writeFieldHeader(id, .byte)
        bytes.append(UInt8(bitPattern: value))
    }

    /// Writes field `id` as an i16.
    public mutating func field(_ id: Int16, i16 value: Int16) {
        writeFieldHeader(id, .i16)
        writeInteger(Int64(value))
    }

    /// Writes field `id` as an i32 (also the form of Thrift enums).
    public mutating func field(_ id: Int16, i32 value: Int32) {
        writeFieldHeader(id, .i32)
        writeInteger(Int64(value))
    }

    /// Writes field `id` as an i64.
    public mutating func field(_ id: Int16, i64 value: Int64) {
        writeFieldHeader(id, .i64)
        writeInteger(value)
    }

    /// Writes field `id` as a double (8 bytes little endian).
    public mutating func field(_ id: Int16, double value: Double) {
        writeFieldHeader(id, .double)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Writes field `id` as binary (or a UTF-8 string).
    public mutating func field(_ id: Int16, binary value: some Collection<UInt8>) {
        writeFieldHeader(id, .binary)
        writeBinary(value)
    }

    /// Writes field `id` as a UTF-8 string.
    public mutating func field(_ id: Int16, string value: String) {
        field(id, binary: Array(value.utf8))
    }

    /// Writes field `id` as a nested struct.
    public mutating func field(_ id: Int16, struct value: some ThriftEncodable) {
        writeFieldHeader(id, .structure)
        writeStruct(value)
    }

    /// Writes field `id` as a list of structs.
    public mutating func field<T: ThriftEncodable>(_ id: Int16, structs values: [T]) {
        writeFieldHeader(id, .list)
        writeListHeader(.structure, count: values.count)
        for value in values { writeStruct(value) }
    }

    /// Writes field `id` as a list of i32 (or enums).
    public mutating func field(_ id: Int16, i32s values: [Int32]) {
        integerList(id, .i32, values.map(Int64.init))
    }

    /// Writes field `id` as a list of i64.
    public mutating func field(_ id: Int16, i64s values: [Int64]) {
        integerList(id, .i64, values)
    }

    private mutating func integerList(_ id: Int16, _ type: ThriftCompactType, _ values: [Int64]) {
        writeFieldHeader(id, .list)
        writeListHeader(type, count: values.count)
        for value in values { writeInteger(value) }
    }

    /// Writes field `id` as a list of strings.
    public mutating func field(_ id: Int16, strings values: [String]) {
        writeFieldHeader(id, .list)
        writeListHeader(.binary, count: values.count)
        for value in values { writeBinary(Array(value.utf8)) }
    }

    /// The bytes of `value` as one top-level struct.
    public static func encode(_ value: some ThriftEncodable) -> [UInt8] {
        var encoder = ThriftCompactEncoder()
        encoder.writeStruct(value)
        return encoder.bytes
    }
}

/// A struct with no fields (Thrift's empty marker structs: `StringType`, `MicroSeconds`, ...).
public struct ThriftEmptyStruct: ThriftEncodable, Sendable, Equatable {
    public init() {}
    public func encodeFields(to encoder: inout ThriftCompactEncoder) {}
}
