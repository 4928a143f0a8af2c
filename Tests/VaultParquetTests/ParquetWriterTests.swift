// ParquetWriterTests.swift: written files' footers parsed back and checked against the table.

import Foundation
import Testing
import VaultColumnar
import VaultExport
@testable import VaultParquet

/// Little-endian bytes of a value, as PLAIN statistics store it.
func plain<T: FixedWidthInteger>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }

@Suite("Parquet writer: file layout, footer, statistics")
struct ParquetWriterTests {
    static let sample = TypesSample.table(rows: 200)

    static func write(_ table: Table = sample, _ configure: (inout ParquetWriterOptions) -> Void = { _ in }) throws -> [UInt8] {
        var options = ParquetWriterOptions()
        configure(&options)
        return try ParquetWriter(options).bytes(of: table)
    }

    @Test func typesSampleCoversEveryColumnTypeWithNulls() {
        // An exhaustive switch: a new ColumnType case does not compile until it is counted here.
        func kind(_ type: ColumnType) -> String {
            switch type {
            case .int32: return "int32"
            case .int64: return "int64"
            case .double: return "double"
            case .decimal(let p, _): return p <= 9 ? "decimal32" : "decimal64"
            case .date: return "date"
            case .time: return "time"
            case .timestamp: return "timestamp"
            case .bool: return "bool"
            case .string: return "string"
            case .fixedBinary: return "fixedBinary"
            }
        }
        let table = TypesSample.table()
        #expect(Set(table.schema.fields.map { kind($0.type) }).count == 11)
        for (field, column) in zip(table.schema.fields, table.columns) where field.nullable {
            #expect(column.nullCount > 0 && column.nullCount < column.count, "\(field.name)")
        }
        #expect(table.columns.contains { $0.isDictionaryEncoded })
    }

    @Test func magicAndFooterLengthFrameTheFile() throws {
        let bytes = try Self.write()
        #expect(Array(bytes.prefix(4)) == Array("PAR1".utf8))
        #expect(Array(bytes.suffix(4)) == Array("PAR1".utf8))
        let reader = try ParquetReader(bytes: bytes)
        let length = bytes[(bytes.count - 8)..<(bytes.count - 4)].reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect(reader.footerLength == length)
        // The footer ends exactly where the length field starts.
        let (_, end) = try ParquetReader.decodeStruct(bytes, at: bytes.count - 8 - length, limit: bytes.count - 8, name: "t")
        #expect(end == bytes.count - 8)
        #expect(reader.metadata.createdBy == "vaultsim version 0.1.0")
        #expect(reader.metadata.version == 2)
        #expect(reader.metadata.typeDefinedColumnOrders == Self.sample.schema.count)
    }

    @Test func schemaMapsEveryColumnType() throws {
        let schema = try ParquetReader(bytes: Self.write()).metadata.schema
        #expect(schema.count == Self.sample.schema.count + 1)
        #expect(schema[0].name == "schema" && schema[0].numChildren == Int32(Self.sample.schema.count) && schema[0].type == nil)
        func element(_ name: String) -> ParquetSchemaElement { schema.first { $0.name == name }! }
        #expect(element("id").type == .int32 && element("id").repetition == .required && element("id").logicalType == nil)
        #expect(element("int32_value").repetition == .optional)
        #expect(element("int64_value").type == .int64)
        #expect(element("double_value").type == .double)
        let small = element("small_decimal")
        #expect(small.type == .int32 && small.logicalType == .decimal(precision: 5, scale: 2) && small.convertedType == .decimal
                && small.precision == 5 && small.scale == 2)
        #expect(element("money").type == .int64 && element("money").logicalType == .decimal(precision: 18, scale: 4))
        #expect(element("date_value").type == .int32 && element("date_value").logicalType == .date)
        #expect(element("time_value").type == .int64 && element("time_value").logicalType == .time(isAdjustedToUTC: false, unit: .micros)
                && element("time_value").convertedType == .timeMicros)
        #expect(element("timestamp_value").logicalType == .timestamp(isAdjustedToUTC: true, unit: .micros)
                && element("timestamp_value").convertedType == .timestampMicros)
        #expect(element("bool_value").type == .boolean)
        #expect(element("text").type == .byteArray && element("text").logicalType == .string && element("text").convertedType == .utf8)
        #expect(element("hash_key").type == .fixedLenByteArray && element("hash_key").typeLength == 16
                && element("hash_key").repetition == .required)
    }

    @Test func rowGroupsSplitTheRows() throws {
        let metadata = try ParquetReader(bytes: Self.write { $0.rowGroupRows = 64 }).metadata
        #expect(metadata.numRows == 200)
        #expect(metadata.rowGroups.map(\.numRows) == [64, 64, 64, 8])
        #expect(metadata.rowGroups.map(\.ordinal) == [0, 1, 2, 3])
        for group in metadata.rowGroups {
            #expect(group.columns.count == Self.sample.schema.count)
            #expect(group.columns.allSatisfy { $0.metaData.numValues == group.numRows })
            #expect(group.fileOffset == group.columns[0].metaData.dictionaryPageOffset ?? group.columns[0].metaData.dataPageOffset)
        }
        // Consecutive chunks tile the file from offset 4 to the footer.
        var next: Int64 = 4
        for chunk in metadata.rowGroups.flatMap(\.columns) {
            #expect((chunk.metaData.dictionaryPageOffset ?? chunk.metaData.dataPageOffset) == next)
            next += chunk.metaData.totalCompressedSize
        }
    }

    @Test func statisticsUseEachTypesOrder() throws {
        let rows = 200
        let table = TypesSample.table(rows: rows)
        let chunks = try ParquetReader(bytes: Self.write(table)).metadata.rowGroups[0].columns
        func stats(_ name: String) -> ParquetStatistics { chunks.first { $0.metaData.pathInSchema == [name] }!.metaData.statistics! }
        func nulls(_ name: String) -> Int64 { Int64(table[name].nullCount) }
        for field in table.schema.fields { #expect(stats(field.name).nullCount == nulls(field.name), "\(field.name)") }
        // Signed order for integers, decimals, dates, times.
        let int32s = (0..<rows).compactMap { table["int32_value"].int32(at: $0) }
        #expect(stats("int32_value").minValue == plain(int32s.min()!) && stats("int32_value").maxValue == plain(int32s.max()!))
        #expect(stats("int64_value").minValue == plain(Int64.min) && stats("int64_value").maxValue == plain(Int64.max))
        #expect(stats("small_decimal").minValue == plain(Int32(-99_999)) && stats("small_decimal").maxValue == plain(Int32(99_999)))
        #expect(stats("date_value").minValue == plain(Int32(-25_567)))
        // Doubles: a zero minimum would be -0.0; here the minimum is the smallest value, NaN count 0.
        let doubles = (0..<rows).compactMap { table["double_value"].double(at: $0) }
        #expect(stats("double_value").minValue == plain(doubles.min()!.bitPattern))
        #expect(stats("double_value").maxValue == plain(doubles.max()!.bitPattern))
        #expect(stats("double_value").nanCount == 0)
        // Booleans: false < true.
        #expect(stats("bool_value").minValue == [0] && stats("bool_value").maxValue == [1])
        // Byte arrays: unsigned byte order ("" first, then "Zebra" < "apple" < "ümlaut").
        #expect(stats("text").minValue == [] && stats("text").maxValue.map { String(decoding: $0, as: UTF8.self).hasPrefix("ü") } == true)
        #expect(stats("category").minValue == Array("ONLINE".utf8) && stats("category").maxValue == Array("é-commerce".utf8))
        let keys = (0..<rows).map { table["hash_key"].binary(at: $0)! }
        #expect(stats("hash_key").minValue == keys.min { $0.lexicographicallyPrecedes($1) })
        #expect(stats("hash_key").maxValue == keys.max { $0.lexicographicallyPrecedes($1) })
    }

    @Test func doubleZeroBoundsAreSigned() throws {
        var table = Table(name: "z", schema: Schema([Field("x", .double)]))
        table.withColumns { $0[0].append(0.0); $0[0].append(-0.0); $0[0].append(Double.nan) }
        let stats = try ParquetReader(bytes: Self.write(table)).metadata.rowGroups[0].columns[0].metaData.statistics!
        #expect(stats.minValue == plain((-0.0).bitPattern) && stats.maxValue == plain((0.0).bitPattern) && stats.nanCount == 1)
    }

    @Test func lowCardinalityColumnsGetDictionariesAndUniqueOnesDoNot() throws {
        let chunks = try ParquetReader(bytes: Self.write()).metadata.rowGroups[0].columns
        func encodings(_ name: String) -> [ParquetEncoding] { chunks.first { $0.metaData.pathInSchema == [name] }!.metaData.encodings }
        #expect(encodings("category") == [.plain, .rle, .rleDictionary])
        #expect(encodings("parent_key") == [.plain, .rle, .rleDictionary])
        #expect(encodings("hash_key") == [.plain])
        #expect(encodings("id") == [.plain])
        #expect(encodings("bool_value") == [.plain, .rle])
        let off = try ParquetReader(bytes: Self.write { $0.dictionaryPageBytesLimit = 0 }).metadata.rowGroups[0].columns
        #expect(off.allSatisfy { !$0.metaData.encodings.contains(.rleDictionary) && $0.metaData.dictionaryPageOffset == nil })
        // A dictionary larger than the limit falls back to PLAIN.
        let small = try ParquetReader(bytes: Self.write { $0.dictionaryPageBytesLimit = 20 }).metadata.rowGroups[0].columns
        #expect(!small.first { $0.metaData.pathInSchema == ["category"] }!.metaData.encodings.contains(.rleDictionary))
    }

    @Test func compressionIsRecordedPerChunk() throws {
        let zstd = try ParquetReader(bytes: Self.write()).metadata.rowGroups[0].columns
        #expect(zstd.allSatisfy { $0.metaData.codec == .zstd })
        let plain = try ParquetReader(bytes: Self.write { $0.compression = .none }).metadata.rowGroups[0].columns
        #expect(plain.allSatisfy { $0.metaData.codec == .uncompressed && $0.metaData.totalCompressedSize == $0.metaData.totalUncompressedSize })
    }

    @Test func bytesDoNotDependOnThreads() throws {
        let one = try Self.write { $0.rowGroupRows = 50 }
        let four = try Self.write { $0.rowGroupRows = 50; $0.threads = 4 }
        #expect(one == four)
        #expect(try Self.write() == Self.write())
    }

    @Test func emptyTablesHaveNoRowGroups() throws {
        let table = Table(name: "empty", schema: TypesSample.schema)
        let reader = try ParquetReader(bytes: Self.write(table))
        #expect(reader.metadata.numRows == 0 && reader.metadata.rowGroups.isEmpty)
        #expect(try reader.table(named: "empty").count == 0)
    }

    @Test func valuesThatDoNotFitAreErrorsNamingTheRow() {
        var table = Table(name: "t", schema: Schema([Field("d", .decimal(precision: 5, scale: 2))]))
        table.withColumns { $0[0].append(Int64(5)); $0[0].append(Int64(3_000_000_000)) }
        #expect(throws: ParquetError.unrepresentable(table: "t", column: "d", row: 1,
                                                     reason: "decimal units 3000000000 exceed the declared precision")) {
            try Self.write(table)
        }
        var required = Table(name: "r", schema: Schema([Field("k", .int32, nullable: false)]))
        required.withColumns { $0[0].append(Int32(1)); $0[0].appendNull() }
        #expect(throws: ParquetError.unrepresentable(table: "r", column: "k", row: 1, reason: "NULL in a column declared NOT NULL")) {
            try Self.write(required)
        }
    }

    @Test func filesAreWrittenAtomically() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parquet-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/sample.parquet"
        let info = try ParquetWriter().write(table: Self.sample, to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["sample.parquet"])
        #expect(info.bytes == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))
        #expect(info.rows == 200 && info.rowGroups == 1)
        #expect([UInt8](FileManager.default.contents(atPath: path)!) == (try Self.write()))
        // A folder that does not exist: a clear error naming the temporary path, nothing left behind.
        do {
            try ParquetWriter().write(table: Self.sample, to: folder + "/missing/x.parquet")
            Issue.record("writing into a missing folder succeeded")
        } catch {
            #expect(error.description.contains(folder + "/missing/.x.parquet.tmp-"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["sample.parquet"])
    }
}
