// ThriftCompactTests.swift: compact-protocol bytes against the specification's rules, and round trips.

import Testing
@testable import VaultParquet

/// A struct written by a closure, for hand-built byte vectors.
private struct Fields: ThriftEncodable {
    let body: (inout ThriftCompactEncoder) -> Void
    func encodeFields(to encoder: inout ThriftCompactEncoder) { body(&encoder) }
}

private func bytes(_ body: @escaping (inout ThriftCompactEncoder) -> Void) -> [UInt8] {
    ThriftCompactEncoder.encode(Fields(body: body))
}

private func decode(_ bytes: [UInt8]) throws -> ThriftFields {
    try bytes.withUnsafeBytes { raw in
        var decoder = ThriftCompactDecoder(raw)
        return try decoder.readStruct()
    }
}

@Suite("Thrift compact protocol")
struct ThriftCompactTests {
    @Test func varintsAreLittleEndianBase128() {
        let cases: [(UInt64, [UInt8])] = [
            (0, [0x00]), (1, [0x01]), (127, [0x7F]), (128, [0x80, 0x01]), (300, [0xAC, 0x02]),
            (16_384, [0x80, 0x80, 0x01]), (UInt64.max, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
        ]
        for (value, expected) in cases {
            var encoder = ThriftCompactEncoder()
            encoder.writeVarint(value)
            #expect(encoder.bytes == expected, "varint \(value)")
            let decoded = expected.withUnsafeBytes { raw -> UInt64? in
                var d = ThriftCompactDecoder(raw)
                return try? d.readVarint()
            }
            #expect(decoded == value)
        }
    }

    @Test func zigzagMatchesTheSpecificationTable() {
        let cases: [(Int64, UInt64)] = [
            (0, 0), (-1, 1), (1, 2), (-2, 3), (2, 4), (2_147_483_647, 4_294_967_294), (-2_147_483_648, 4_294_967_295),
            (Int64.max, UInt64.max - 1), (Int64.min, UInt64.max),
        ]
        for (value, expected) in cases {
            #expect(ThriftCompactEncoder.zigzag(value) == expected, "zigzag \(value)")
            var encoder = ThriftCompactEncoder()
            encoder.writeInteger(value)
            let back = encoder.bytes.withUnsafeBytes { raw -> Int64? in
                var d = ThriftCompactDecoder(raw)
                return try? d.readInteger()
            }
            #expect(back == value)
        }
    }

    @Test func shortFieldHeadersCarryTheIdDelta() {
        // Field 1, i32 5: header 0x15 (delta 1, type 5), zigzag(5) = 10, stop.
        #expect(bytes { $0.field(1, i32: 5) } == [0x15, 0x0A, 0x00])
        // Fields 1 and 3: deltas 1 and 2.
        #expect(bytes { $0.field(1, i32: 1); $0.field(3, i64: -1) } == [0x15, 0x02, 0x26, 0x01, 0x00])
    }

    @Test func longFieldHeadersWriteTheIdAsZigzag() {
        // Delta 19 > 15: type byte 0x05, then zigzag(20) = 40.
        #expect(bytes { $0.field(1, i32: 5); $0.field(20, i32: 1) } == [0x15, 0x0A, 0x05, 0x28, 0x02, 0x00])
        // A first field id of 16.
        #expect(bytes { $0.field(16, i32: 0) } == [0x05, 0x20, 0x00, 0x00])
    }

    @Test func boolFieldsLiveInTheTypeNibble() {
        #expect(bytes { $0.field(1, bool: true) } == [0x11, 0x00])
        #expect(bytes { $0.field(1, bool: false) } == [0x12, 0x00])
    }

    @Test func binaryIsLengthPrefixed() {
        #expect(bytes { $0.field(1, string: "ab") } == [0x18, 0x02, 0x61, 0x62, 0x00])
        #expect(bytes { $0.field(2, binary: [UInt8]()) } == [0x28, 0x00, 0x00])
    }

    @Test func doublesAreEightBytesLittleEndian() {
        #expect(bytes { $0.field(1, double: 1.0) } == [0x17, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x00])
    }

    @Test func listHeadersUseShortAndLongForms() {
        // 3 i32s: 0x35 (size 3, type 5), zigzag values 2, 4, 6.
        #expect(bytes { $0.field(1, i32s: [1, 2, 3]) } == [0x19, 0x35, 0x02, 0x04, 0x06, 0x00])
        // 15 elements: 0xF5 then varint 15.
        let long = bytes { $0.field(1, i32s: Array(repeating: 0, count: 15)) }
        #expect(Array(long.prefix(3)) == [0x19, 0xF5, 0x0F])
        #expect(long.count == 3 + 15 + 1)
        // Strings.
        #expect(bytes { $0.field(1, strings: ["a"]) } == [0x19, 0x18, 0x01, 0x61, 0x00])
    }

    @Test func nestedStructsRestartFieldIds() {
        // Field 1 struct { field 1 i32 1 }, then field 2 i32 2: the outer delta continues from 1.
        let inner = Fields { $0.field(1, i32: 1) }
        #expect(bytes { $0.field(1, struct: inner); $0.field(2, i32: 2) } == [0x1C, 0x15, 0x02, 0x00, 0x15, 0x04, 0x00])
        // An empty struct is only its stop byte.
        #expect(bytes { $0.field(1, struct: ThriftEmptyStruct()) } == [0x1C, 0x00, 0x00])
    }

    @Test func decoderReadsBackEveryFieldKind() throws {
        let encoded = bytes {
            $0.field(1, bool: true)
            $0.field(2, i8: -3)
            $0.field(3, i16: -300)
            $0.field(4, i32: 123_456)
            $0.field(5, i64: -9_000_000_000)
            $0.field(6, double: -2.5)
            $0.field(7, string: "héllo")
            $0.field(8, i64s: [1, -1])
            $0.field(9, struct: Fields { $0.field(1, bool: false) })
            $0.field(300, i32: 7)
        }
        let fields = try decode(encoded)
        #expect(fields[1] == .bool(true))
        #expect(fields[2] == .i8(-3))
        #expect(fields[3] == .i16(-300))
        #expect(fields[4] == .i32(123_456))
        #expect(fields[5] == .i64(-9_000_000_000))
        #expect(fields[6] == .double(-2.5))
        #expect(fields[7] == .binary(Array("héllo".utf8)))
        #expect(fields[8] == .list(.i64, [.i64(1), .i64(-1)]))
        #expect(fields[9] == .structure(ThriftFields([(1, .bool(false))])))
        #expect(fields[300] == .i32(7))
    }

    @Test func decoderRejectsTruncatedAndMalformedInput() {
        let good = bytes { $0.field(1, string: "abc"); $0.field(2, i32s: [1, 2]) }
        for cut in 0..<good.count {
            #expect(throws: ParquetError.self) { try decode(Array(good.prefix(cut))) }
        }
        // Unknown type nibble 13.
        #expect(throws: ParquetError.self) { try decode([0x1D, 0x00]) }
        // Binary length beyond the data.
        #expect(throws: ParquetError.self) { try decode([0x18, 0x7F, 0x61]) }
        // Nesting deeper than the limit.
        let deep = Array(repeating: UInt8(0x1C), count: 100) + Array(repeating: 0, count: 101)
        #expect(throws: ParquetError.self) { try decode(deep) }
    }

    @Test func footerMetadataRoundTrips() throws {
        let column = ParquetColumnMetaData(
            type: .int64, encodings: [.plain, .rle, .rleDictionary], pathInSchema: ["amount"], codec: .zstd, numValues: 10,
            totalUncompressedSize: 200, totalCompressedSize: 120, dataPageOffset: 77, dictionaryPageOffset: 4,
            statistics: ParquetStatistics(nullCount: 2, maxValue: [9, 0, 0, 0, 0, 0, 0, 0], minValue: [255, 255, 255, 255, 255, 255, 255, 255]))
        let metadata = ParquetFileMetaData(
            version: 2,
            schema: [ParquetSchemaElement(name: "schema", numChildren: 2),
                     ParquetSchemaElement(type: .int64, repetition: .optional, name: "amount", convertedType: .decimal,
                                          scale: 2, precision: 12, logicalType: .decimal(precision: 12, scale: 2)),
                     ParquetSchemaElement(type: .int64, repetition: .required, name: "at", convertedType: .timestampMicros,
                                          logicalType: .timestamp(isAdjustedToUTC: true, unit: .micros))],
            numRows: 10,
            rowGroups: [ParquetRowGroup(columns: [ParquetColumnChunk(metaData: column), ParquetColumnChunk(metaData: column)],
                                        totalByteSize: 400, numRows: 10, fileOffset: 4, totalCompressedSize: 240, ordinal: 0)],
            createdBy: "vaultsim version 0.1.0", typeDefinedColumnOrders: 2)
        let decoded = try ParquetFileMetaData(fields: decode(ThriftCompactEncoder.encode(metadata)))
        #expect(decoded == metadata)
        let header = ParquetPageHeader(type: .dataPage, uncompressedPageSize: 100, compressedPageSize: 50,
                                       dataPageHeader: ParquetDataPageHeader(numValues: 10, encoding: .rleDictionary))
        #expect(try ParquetPageHeader(fields: decode(ThriftCompactEncoder.encode(header))) == header)
    }
}
