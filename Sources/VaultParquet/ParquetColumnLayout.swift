// ParquetColumnLayout.swift: how each vaultsim column type is stored in Parquet.

import VaultColumnar

/// The Parquet form of one column: physical type, annotations, repetition and value width.
///
/// | vaultsim type | physical | logical (converted) type |
/// |---|---|---|
/// | `int32` | INT32 | none |
/// | `int64` | INT64 | none |
/// | `double` | DOUBLE | none |
/// | `decimal(p,s)`, p <= 9 | INT32 | DECIMAL(p, s) (DECIMAL) |
/// | `decimal(p,s)`, p >= 10 | INT64 | DECIMAL(p, s) (DECIMAL) |
/// | `date` | INT32 | DATE (DATE) |
/// | `time` | INT64 | TIME(MICROS, isAdjustedToUTC = false) (TIME_MICROS) |
/// | `timestamp` | INT64 | TIMESTAMP(MICROS, isAdjustedToUTC = true) (TIMESTAMP_MICROS) |
/// | `bool` | BOOLEAN | none |
/// | `string` (plain or dictionary) | BYTE_ARRAY | STRING (UTF8) |
/// | `fixedBinary(w)` | FIXED_LEN_BYTE_ARRAY(w) | none |
///
/// Decimals of precision 9 or less are stored as INT32, as the format recommends; the writer
/// throws if a value does not fit (it would not fit the declared precision either). A field
/// declared nullable is OPTIONAL (one definition level per row), any other REQUIRED.
public struct ParquetColumnLayout: Sendable, Equatable {
    /// How the PLAIN encoding lays out one value.
    public enum Storage: Sendable, Equatable {
        /// `width` bytes per value, little endian for numbers.
        case fixed(width: Int)
        /// A u32 little-endian length, then the bytes.
        case variable
        /// One bit per value, least significant bit first.
        case boolean

        /// Where value `k` of packed values of this storage starts in their data, and its length.
        @inline(__always)
        func range(of k: Int, offsets: UnsafeBufferPointer<Int>) -> (start: Int, length: Int) {
            switch self {
            case .fixed(let width): return (k * width, width)
            case .variable: return (offsets[k], offsets[k + 1] - offsets[k])
            case .boolean: return (k, 1)
            }
        }

        /// Bytes per value in a vaultsim column buffer of this storage (0 for variable).
        var valueBytes: Int {
            switch self {
            case .fixed(let width): return width
            case .boolean: return 1
            case .variable: return 0
            }
        }
    }

    public let field: Field
    public let physicalType: ParquetPhysicalType
    public let storage: Storage
    /// Whether the column's Int64 values are stored as INT32 (decimals of precision <= 9).
    public let narrowsToInt32: Bool
    /// Whether rows carry a definition level (the field is nullable).
    public var isOptional: Bool { field.nullable }

    public init(_ field: Field) {
        self.field = field
        var narrows = false
        switch field.type {
        case .int32, .date: (physicalType, storage) = (.int32, .fixed(width: 4))
        case .int64, .time, .timestamp: (physicalType, storage) = (.int64, .fixed(width: 8))
        case .double: (physicalType, storage) = (.double, .fixed(width: 8))
        case .decimal(let precision, _):
            narrows = precision <= 9
            (physicalType, storage) = narrows ? (.int32, .fixed(width: 4)) : (.int64, .fixed(width: 8))
        case .bool: (physicalType, storage) = (.boolean, .boolean)
        case .string: (physicalType, storage) = (.byteArray, .variable)
        case .fixedBinary(let width): (physicalType, storage) = (.fixedLenByteArray, .fixed(width: width))
        }
        narrowsToInt32 = narrows
    }

    /// The schema element describing this column.
    public var schemaElement: ParquetSchemaElement {
        var element = ParquetSchemaElement(type: physicalType, repetition: field.nullable ? .optional : .required, name: field.name)
        switch field.type {
        case .int32, .int64, .double, .bool: break
        case .decimal(let precision, let scale):
            element.convertedType = .decimal
            element.precision = Int32(precision)
            element.scale = Int32(scale)
            element.logicalType = .decimal(precision: Int32(precision), scale: Int32(scale))
        case .date:
            element.convertedType = .date
            element.logicalType = .date
        case .time:
            element.convertedType = .timeMicros
            element.logicalType = .time(isAdjustedToUTC: false, unit: .micros)
        case .timestamp:
            element.convertedType = .timestampMicros
            element.logicalType = .timestamp(isAdjustedToUTC: true, unit: .micros)
        case .string:
            element.convertedType = .utf8
            element.logicalType = .string
        case .fixedBinary(let width):
            element.typeLength = Int32(width)
        }
        return element
    }

    /// Whether min/max statistics compare bytes unsigned (byte arrays) rather than as signed numbers.
    var comparesBytes: Bool { physicalType == .byteArray || physicalType == .fixedLenByteArray }
}

extension ColumnType {
    /// The vaultsim type a Parquet leaf column reads back as, or `nil` for a form vaultsim never writes.
    public init?(parquet element: ParquetSchemaElement) {
        switch (element.type, element.logicalType) {
        case (.int32?, .date?): self = .date
        case (.int32?, .decimal(let p, let s)?), (.int64?, .decimal(let p, let s)?):
            // The precisions a fixed-point Int64 holds, stored as INT32 exactly when p <= 9.
            guard (1...18).contains(p), (0...p).contains(s), (p <= 9) == (element.type == .int32) else { return nil }
            self = .decimal(precision: Int(p), scale: Int(s))
        case (.int32?, nil): self = .int32
        case (.int64?, .time(_, .micros)?): self = .time
        case (.int64?, .timestamp(_, .micros)?): self = .timestamp
        case (.int64?, nil): self = .int64
        case (.double?, nil): self = .double
        case (.boolean?, nil): self = .bool
        case (.byteArray?, .string?): self = .string
        case (.fixedLenByteArray?, nil):
            guard let width = element.typeLength, (1...4096).contains(width) else { return nil }
            self = .fixedBinary(width: Int(width))
        default: return nil
        }
    }
}
