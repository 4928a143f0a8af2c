// ParquetMetadata.swift: the footer structs of parquet.thrift (the fields vaultsim writes).

/// One node of the schema: the root (a group with `numChildren`) or a leaf column.
public struct ParquetSchemaElement: Equatable, Sendable, ThriftEncodable {
    public var type: ParquetPhysicalType?
    public var typeLength: Int32?
    public var repetition: ParquetRepetition?
    public var name: String
    public var numChildren: Int32?
    public var convertedType: ParquetConvertedType?
    public var scale: Int32?
    public var precision: Int32?
    public var logicalType: ParquetLogicalType?

    public init(type: ParquetPhysicalType? = nil, typeLength: Int32? = nil, repetition: ParquetRepetition? = nil,
                name: String, numChildren: Int32? = nil, convertedType: ParquetConvertedType? = nil,
                scale: Int32? = nil, precision: Int32? = nil, logicalType: ParquetLogicalType? = nil) {
        self.type = type
        self.typeLength = typeLength
        self.repetition = repetition
        self.name = name
        self.numChildren = numChildren
        self.convertedType = convertedType
        self.scale = scale
        self.precision = precision
        self.logicalType = logicalType
    }

    public func encodeFields(to encoder: inout ThriftCompactEncoder) {
        if let type { encoder.field(1, i32: type.rawValue) }
        if let typeLength { encoder.field(2, i32: typeLength) }
        if let repetition { encoder.field(3, i32: repetition.rawValue) }
        encoder.field(4, string: name)
        if let numChildren { encoder.field(5, i32: numChildren) }
        if let convertedType { encoder.field(6, i32: convertedType.rawValue) }
        if let scale { encoder.field(7, i32: scale) }
        if let precision { encoder.field(8, i32: precision) }
        if let logicalType { encoder.field(10, struct: logicalType) }
    }
}

/// Column-chunk or page statistics: PLAIN-encoded bounds (byte arrays without their length
/// prefix) in the column's type-defined order, and counts.
public struct ParquetStatistics: Equatable, Sendable, ThriftEncodable {
    public var nullCount: Int64?
    public var distinctCount: Int64?
    public var maxValue: [UInt8]?
    public var minValue: [UInt8]?
    public var isMaxValueExact: Bool?
    public var isMinValueExact: Bool?
    public var nanCount: Int64?

    public init(nullCount: Int64? = nil, distinctCount: Int64? = nil, maxValue: [UInt8]? = nil, minValue: [UInt8]? = nil,
                isMaxValueExact: Bool? = nil, isMinValueExact: Bool? = nil, nanCount: Int64? = nil) {
        self.nullCount = nullCount
        self.distinctCount = distinctCount
        self.maxValue = maxValue
        self.minValue = minValue
        self.isMaxValueExact = isMaxValueExact
        self.isMinValueExact = isMinValueExact
        self.nanCount = nanCount
    }

    public func encodeFields(to encoder: inout ThriftCompactEncoder) {
        if let nullCount { encoder.field(3, i64: nullCount) }
        if let distinctCount { encoder.field(4, i64: distinctCount) }
        if let maxValue { encoder.field(5, binary: maxValue) }
        if let minValue { encoder.field(6, binary: minValue) }
        if let isMaxValueExact { encoder.field(7, bool: isMaxValueExact) }
        if let isMinValueExact { encoder.field(8, bool: isMinValueExact) }
        if let nanCount { encoder.field(9, i64: nanCount) }
    }
}

/// `ColumnMetaData`: where a column chunk's pages are and what they hold.
public struct ParquetColumnMetaData: Equatable, Sendable, ThriftEncodable {
    public var type: ParquetPhysicalType
    public var encodings: [ParquetEncoding]
    public var pathInSchema: [String]
    public var codec: ParquetCompressionCodec
    public var numValues: Int64
    public var totalUncompressedSize: Int64
    public var totalCompressedSize: Int64
    public var dataPageOffset: Int64
    public var dictionaryPageOffset: Int64?
    public var statistics: ParquetStatistics?

    public func encodeFields(to encoder: inout ThriftCompactEncoder) {
        encoder.field(1, i32: type.rawValue)
        encoder.field(2, i32s: encodings.map(\.rawValue))
        encoder.field(3, strings: pathInSchema)
        encoder.field(4, i32: codec.rawValue)
        encoder.field(5, i64: numValues)
        encoder.field(6, i64: totalUncompressedSize)
        encoder.field(7, i64: totalCompressedSize)
        encoder.field(9, i64: dataPageOffset)
        if let dictionaryPageOffset { encoder.field(11, i64: dictionaryPageOffset) }
        if let statistics { encoder.field(12, struct: statistics) }
    }
}

/// `ColumnChunk`: the metadata of one column in one row group (stored in the footer only).
public struct ParquetColumnChunk: Equatable, Sendable, ThriftEncodable {
    /// Deprecated by the format; written as 0 (no metadata outside the footer).
    public var fileOffset: Int64 = 0
    public var metaData: ParquetColumnMetaData

    public func encodeFields(to encoder: inout ThriftCompactEncoder) {
        encoder.field(2, i64: fileOffset)
        encoder.field(3, struct: metaData)
    }
}

/// `RowGroup`.
public struct ParquetRowGroup: Equatable, Sendable, ThriftEncodable {
    public var columns: [ParquetColumnChunk]
    /// Uncompressed bytes of all pages (headers included).
    public var totalByteSize: Int64
    public var numRows: Int64
    public var fileOffset: Int64?
    public var totalCompressedSize: Int64?
    public var ordinal: Int16?

    public func encodeFields(to encoder: inout ThriftCompactEncoder) {
        encoder.field(1, structs: columns)
        encoder.field(2, i64: totalByteSize)
        encoder.field(3, i64: numRows)
        if let fileOffset { encoder.field(5, i64: fileOffset) }
        if let totalCompressedSize { encoder.field(6, i64: totalCompressedSize) }
        if let ordinal { encoder.field(7, i16: ordinal) }
    }
}

/// `FileMetaData`: the footer.
///
/// ```
///  file:  "PAR1" | column chunks of row group 0 | ... | FileMetaData | u32 LE footer length | "PAR1"
/// ```
public struct ParquetFileMetaData: Equatable, Sendable, ThriftEncodable {
    public var version: Int32
    /// The root group followed by one element per column.
    public var schema: [ParquetSchemaElement]
    public var numRows: Int64
    public var rowGroups: [ParquetRowGroup]
    public var createdBy: String?
    /// One `TYPE_ORDER` per leaf column when set (min/max statistics use each type's order).
    public var typeDefinedColumnOrders: Int?

    public func encodeFields(to encoder: inout ThriftCompactEncoder) {
        encoder.field(1, i32: version)
        encoder.field(2, structs: schema)
        encoder.field(3, i64: numRows)
        encoder.field(4, structs: rowGroups)
        if let createdBy { encoder.field(6, string: createdBy) }
        if let typeDefinedColumnOrders {
            // ColumnOrder is a union whose member 1 (TYPE_ORDER) is an empty struct.
            encoder.field(7, structs: Array(repeating: TypeOrder(), count: typeDefinedColumnOrders))
        }
    }

    struct TypeOrder: ThriftEncodable {
        func encodeFields(to encoder: inout ThriftCompactEncoder) { encoder.field(1, struct: ThriftEmptyStruct()) }
    }
}
