// ParquetTypes.swift: the enums and the logical-type union of parquet.thrift.

/// Physical types (`Type` in parquet.thrift).
public enum ParquetPhysicalType: Int32, Sendable, CaseIterable {
    case boolean = 0, int32 = 1, int64 = 2, int96 = 3, float = 4, double = 5, byteArray = 6, fixedLenByteArray = 7
}

/// `FieldRepetitionType`.
public enum ParquetRepetition: Int32, Sendable {
    case required = 0, optional = 1, repeated = 2
}

/// `ConvertedType`: the legacy annotations, still written next to logical types for old readers.
public enum ParquetConvertedType: Int32, Sendable {
    case utf8 = 0, decimal = 5, date = 6, timeMillis = 7, timeMicros = 8, timestampMillis = 9, timestampMicros = 10
}

/// `Encoding`.
public enum ParquetEncoding: Int32, Sendable {
    case plain = 0, plainDictionary = 2, rle = 3, bitPacked = 4, deltaBinaryPacked = 5
    case deltaLengthByteArray = 6, deltaByteArray = 7, rleDictionary = 8, byteStreamSplit = 9
}

/// `CompressionCodec`.
public enum ParquetCompressionCodec: Int32, Sendable {
    case uncompressed = 0, snappy = 1, gzip = 2, lzo = 3, brotli = 4, lz4 = 5, zstd = 6, lz4Raw = 7
}

/// `PageType`.
public enum ParquetPageType: Int32, Sendable {
    case dataPage = 0, indexPage = 1, dictionaryPage = 2, dataPageV2 = 3
}

/// `TimeUnit`.
public enum ParquetTimeUnit: Int16, Sendable {
    case millis = 1, micros = 2, nanos = 3
}

/// The `LogicalType` union (the members vaultsim writes).
///
/// ```
///  union LogicalType { 1: STRING {} 5: DECIMAL {1: scale, 2: precision} 6: DATE {}
///                      7: TIME {1: isAdjustedToUTC, 2: unit} 8: TIMESTAMP {1: isAdjustedToUTC, 2: unit} }
///  union TimeUnit    { 1: MILLIS {} 2: MICROS {} 3: NANOS {} }
/// ```
public enum ParquetLogicalType: Equatable, Sendable, ThriftEncodable {
    case string
    case decimal(precision: Int32, scale: Int32)
    case date
    case time(isAdjustedToUTC: Bool, unit: ParquetTimeUnit)
    case timestamp(isAdjustedToUTC: Bool, unit: ParquetTimeUnit)

    public func encodeFields(to encoder: inout ThriftCompactEncoder) {
        switch self {
        case .string: encoder.field(1, struct: ThriftEmptyStruct())
        case .decimal(let precision, let scale): encoder.field(5, struct: DecimalFields(scale: scale, precision: precision))
        case .date: encoder.field(6, struct: ThriftEmptyStruct())
        case .time(let utc, let unit): encoder.field(7, struct: TemporalFields(isAdjustedToUTC: utc, unit: unit))
        case .timestamp(let utc, let unit): encoder.field(8, struct: TemporalFields(isAdjustedToUTC: utc, unit: unit))
        }
    }

    /// `DecimalType`.
    struct DecimalFields: ThriftEncodable {
        let scale: Int32, precision: Int32
        func encodeFields(to encoder: inout ThriftCompactEncoder) {
            encoder.field(1, i32: scale)
            encoder.field(2, i32: precision)
        }
    }

    /// `TimeType` and `TimestampType` (same fields).
    struct TemporalFields: ThriftEncodable {
        let isAdjustedToUTC: Bool, unit: ParquetTimeUnit
        func encodeFields(to encoder: inout ThriftCompactEncoder) {
            encoder.field(1, bool: isAdjustedToUTC)
            encoder.field(2, struct: UnitFields(unit: unit))
        }
    }

    /// `TimeUnit`: a union whose member is an empty struct.
    struct UnitFields: ThriftEncodable {
        let unit: ParquetTimeUnit
        func encodeFields(to encoder: inout ThriftCompactEncoder) {
            encoder.field(unit.rawValue, struct: ThriftEmptyStruct())
        }
    }
}
