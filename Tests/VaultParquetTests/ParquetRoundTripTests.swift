// ParquetRoundTripTests.swift: tables written, read back by the Swift reader, and compared row by row.

import Testing
import VaultColumnar
import VaultExport
import VaultTestSupport
@testable import VaultParquet

@Suite("Parquet writer and reader round trips")
struct ParquetRoundTripTests {
    /// Every row and NULL of `a` and `b` are equal, compared as typed values.
    static func expectSameRows(_ a: Table, _ b: Table) {
        #expect(a.schema == b.schema)
        #expect(a.count == b.count)
        for j in 0..<a.schema.count {
            let x = a[column: j], y = b[column: j]
            for i in 0..<min(a.count, b.count) {
                guard x.isValid(i) == y.isValid(i) else {
                    Issue.record("\(a.schema.fields[j].name) row \(i): NULL differs")
                    return
                }
                guard x.isValid(i) else { continue }
                let same: Bool
                switch x.type {
                case .string: same = x.string(at: i) == y.string(at: i)
                case .fixedBinary: same = x.binary(at: i) == y.binary(at: i)
                case .double: same = x.double(at: i)!.bitPattern == y.double(at: i)!.bitPattern
                case .bool: same = x.bool(at: i) == y.bool(at: i)
                case .int32, .date: same = x.int32(at: i) == y.int32(at: i)
                case .int64, .time, .timestamp, .decimal: same = x.int64(at: i) == y.int64(at: i)
                }
                if !same {
                    Issue.record("\(a.schema.fields[j].name) row \(i): \(x.text(at: i) ?? "NULL") != \(y.text(at: i) ?? "NULL")")
                    return
                }
            }
        }
    }

    @Test(arguments: [ParquetWriterOptions.Compression.none, .zstd(level: 1), .zstd(level: 9)])
    func typesSampleRoundTrips(compression: ParquetWriterOptions.Compression) throws {
        let table = TypesSample.table(rows: 1000)
        var options = ParquetWriterOptions(compression: compression, rowGroupRows: 300)
        options.pageBytes = 512
        let bytes = try ParquetWriter(options).bytes(of: table)
        let back = try ParquetReader(bytes: bytes).table(named: table.name)
        Self.expectSameRows(table, back)
    }

    @Test func plainOnlyFilesRoundTrip() throws {
        let table = TypesSample.table(rows: 100)
        var options = ParquetWriterOptions()
        options.dictionaryPageBytesLimit = 0
        Self.expectSameRows(table, try ParquetReader(bytes: ParquetWriter(options).bytes(of: table)).table(named: table.name))
    }

    @Test func seededRandomColumnsRoundTrip() throws {
        var rng = RepeatableRandomNumberGenerator(seed: 11)
        let schema = Schema([Field("a", .int64), Field("b", .string), Field("c", .fixedBinary(width: 20)), Field("d", .bool, nullable: false)])
        var table = Table(name: "random", schema: schema)
        table.withColumns { c in
            for _ in 0..<5000 {
                if Int.random(in: 0..<4, using: &rng) == 0 { c[0].appendNull() } else { c[0].append(Int64.random(in: -50...50, using: &rng)) }
                if Int.random(in: 0..<3, using: &rng) == 0 { c[1].appendNull() } else {
                    c[1].append(string: String(repeating: "x", count: Int.random(in: 0...30, using: &rng)))
                }
                if Bool.random(using: &rng) { c[2].appendNull() } else { rng.bytes(20).withUnsafeBytes { c[2].append(binary: $0) } }
                c[3].append(bool: Bool.random(using: &rng))
            }
        }
        var options = ParquetWriterOptions()
        options.rowGroupRows = 1234
        options.pageBytes = 700
        options.threads = 3
        Self.expectSameRows(table, try ParquetReader(bytes: ParquetWriter(options).bytes(of: table)).table(named: "random"))
    }

    @Test func corruptFilesAreErrorsNotCrashes() throws {
        let bytes = try ParquetWriter().bytes(of: TypesSample.table(rows: 50))
        var rng = RepeatableRandomNumberGenerator(seed: 3)
        for _ in 0..<200 {
            var damaged = bytes
            let at = Int.random(in: 4..<(bytes.count - 8), using: &rng)
            damaged[at] ^= UInt8.random(in: 1...255, using: &rng)
            // Either an error, or a table (a flipped bit inside a value); never a trap.
            _ = try? ParquetReader(bytes: damaged).table(named: "x")
        }
        #expect(throws: ParquetError.self) { try ParquetReader(bytes: Array(bytes.prefix(bytes.count - 1))) }
        #expect(throws: ParquetError.self) { try ParquetReader(bytes: Array("PAR1PAR1".utf8)) }
    }
}

@Suite("Parquet reader: schemas it refuses")
struct ParquetReaderSchemaTests {
    @Test func outOfRangeDecimalsAndWidthsAreNotColumnTypes() {
        #expect(ColumnType(parquet: ParquetSchemaElement(type: .int64, name: "d", logicalType: .decimal(precision: 40, scale: 2))) == nil)
        #expect(ColumnType(parquet: ParquetSchemaElement(type: .int64, name: "d", logicalType: .decimal(precision: 5, scale: 2))) == nil)
        #expect(ColumnType(parquet: ParquetSchemaElement(type: .int32, name: "d", logicalType: .decimal(precision: 5, scale: 6))) == nil)
        #expect(ColumnType(parquet: ParquetSchemaElement(type: .int32, name: "d", logicalType: .decimal(precision: 5, scale: 2)))
                == .decimal(precision: 5, scale: 2))
        #expect(ColumnType(parquet: ParquetSchemaElement(type: .fixedLenByteArray, typeLength: 0, name: "k")) == nil)
        #expect(ColumnType(parquet: ParquetSchemaElement(type: .fixedLenByteArray, typeLength: 32, name: "k")) == .fixedBinary(width: 32))
        #expect(ColumnType(parquet: ParquetSchemaElement(type: .float, name: "f")) == nil)
    }

    @Test func everyLayoutReadsBackAsItsType() {
        for field in TypesSample.schema.fields {
            #expect(ColumnType(parquet: ParquetColumnLayout(field).schemaElement) == field.type, "\(field.name)")
        }
    }
}
