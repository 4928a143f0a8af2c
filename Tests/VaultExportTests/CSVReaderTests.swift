// CSVReaderTests.swift: CSV written by CSVWriter reads back to the same table; accepted text forms.

import Testing
import VaultColumnar
import VaultExport

/// A table with every column type, NULLs, empty strings and text that needs quoting.
enum CSVReaderFixtures {
    static let schema = Schema([
        Field("id", .int32), Field("big", .int64), Field("amount", .decimal(precision: 10, scale: 2)),
        Field("ratio", .double), Field("day", .date), Field("at", .time), Field("stamp", .timestamp),
        Field("flag", .bool), Field("name", .string), Field("kind", .string), Field("key", .fixedBinary(width: 4)),
    ])
    static let dictionaryColumns: Set<String> = ["kind"]

    static let names: [String?] = [
        "plain", "", nil, "He said \"hi\"", "a,b", "line1\nline2", "crlf\r\nend", " leading", "trailing ",
        "Zoë ☃ 日本語 🙂", "\"", ",", "\n", "tab\there", "'single'", "x",
    ]

    static func table(rows: Int = names.count) -> Table {
        var table = Table(name: "everything", schema: schema, dictionaryEncoded: dictionaryColumns)
        table.withColumns { c in
            for i in 0..<rows {
                let null = i % 7 == 3
                if null { c[0].appendNull() } else { c[0].append(Int32([Int32.min, Int32.max, 0, -1, 42][i % 5])) }
                if i % 5 == 4 { c[1].appendNull() } else { c[1].append(Int64([Int64.min, Int64.max, 0, -7][i % 4])) }
                let units: [Int64] = [-50, 9_999_999_999, -9_999_999_999, 0, 1, 123_45]
                if i % 6 == 5 { c[2].appendNull() } else { c[2].append(units[i % 6]) }
                if null { c[3].appendNull() } else { c[3].append([0.1, -2.5e-300, 1e300, 3.0, -0.0][i % 5]) }
                if i % 4 == 2 { c[4].appendNull() } else { c[4].append(Int32([-719_162, 0, 19_782, 2_932_896][i % 4])) }
                if null { c[5].appendNull() } else { c[5].append(Int64([0, 86_399_000_000, 45_296_000_000][i % 3])) }
                if i % 5 == 1 { c[6].appendNull() } else {
                    c[6].append(Int64([0, -1_000, 1_706_659_200_123_000, 253_402_300_799_999_000][i % 4]))
                }
                if i % 3 == 2 { c[7].appendNull() } else { c[7].append(bool: i % 2 == 0) }
                c[8].append(optionalString: names[i % names.count])
                c[9].append(optionalString: [nil, "RETAIL", "", "ONLINE", "Café, \"Ltd\""][i % 5])
                if i % 4 == 3 { c[10].appendNull() } else {
                    [UInt8(truncatingIfNeeded: i), 0xAB, 0x00, 0xFF].withUnsafeBytes { c[10].append(binary: $0) }
                }
            }
        }
        return table
    }

    static var reader: CSVReader {
        CSVReader(tableName: "everything", schema: schema, dictionaryEncoded: dictionaryColumns)
    }
}

@Suite("CSV reader: round trip and text forms")
struct CSVReaderTests {
    @Test func tableWrittenByCSVWriterReadsBackEqual() throws {
        let original = CSVReaderFixtures.table()
        let bytes = CSVWriter().bytes(of: original)
        let result = try CSVReaderFixtures.reader.read(bytes, file: "everything.csv")
        #expect(result.rejects.isEmpty)
        #expect(result.records == original.count)
        #expect(result.table == original)
        for i in 0..<original.count { #expect(result.table.row(i) == original.row(i)) }
    }

    @Test func manyRowsRoundTripWithDictionaryColumnsEncoded() throws {
        let original = CSVReaderFixtures.table(rows: 5_000)
        let result = try CSVReaderFixtures.reader.read(CSVWriter().bytes(of: original), file: "big.csv")
        #expect(result.table == original)
        #expect(result.table["kind"].isDictionaryEncoded)
        #expect(!result.table["name"].isDictionaryEncoded)
        #expect(result.table["kind"].nullCount == 1_000)
    }

    @Test func plainStringColumnsReadBackLogicallyEqualToDictionaryOnes() throws {
        let original = CSVReaderFixtures.table()
        let plain = CSVReader(tableName: "everything", schema: CSVReaderFixtures.schema)
        let result = try plain.read(CSVWriter().bytes(of: original), file: "everything.csv")
        #expect(!result.table["kind"].isDictionaryEncoded)
        for i in 0..<original.count { #expect(result.table.row(i) == original.row(i)) }
    }

    @Test func crlfLineEndsAndAMissingFinalLineEndAreAccepted() throws {
        let text = Array("id,name\r\n1,\"a\r\nb\"\r\n2,x".utf8)
        let schema = Schema([Field("id", .int32), Field("name", .string)])
        let result = try CSVReader(tableName: "t", schema: schema).read(text, file: "t.csv")
        #expect(result.table.count == 2)
        #expect(result.table.row(0) == ["1", "a\r\nb"])
        #expect(result.table.row(1) == ["2", "x"])
    }

    @Test func byteOrderMarkAndBlankLinesAreSkipped() throws {
        let text: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,name\n\n1,a\n\r\n2,b\n\n\n".utf8)
        let schema = Schema([Field("id", .int32), Field("name", .string)])
        let result = try CSVReader(tableName: "t", schema: schema).read(text, file: "t.csv")
        #expect(result.table.count == 2)
        #expect(result.records == 2)
        #expect(result.table.row(1) == ["2", "b"])
    }

    @Test func emptyUnquotedIsNullAndDoubledQuotesAreTheEmptyString() throws {
        let schema = Schema([Field("a", .string), Field("b", .string), Field("n", .int32)])
        let text = Array("a,b,n\n,\"\",\n\"\"\"\",x,5\n".utf8)
        let result = try CSVReader(tableName: "t", schema: schema).read(text, file: "t.csv")
        #expect(result.table.row(0) == [nil, "", nil])
        #expect(result.table.row(1) == ["\"", "x", "5"])
        #expect(result.table["a"].nullCount == 1)
    }

    @Test func headerOnlyGivesAnEmptyTable() throws {
        let schema = Schema([Field("a", .string), Field("n", .int32)])
        let result = try CSVReader(tableName: "t", schema: schema).read(Array("a,n\n".utf8), file: "t.csv")
        #expect(result.table.count == 0)
        #expect(result.table.schema == schema)
    }

    @Test func knownValuesParseToTheirStoredForm() throws {
        let schema = Schema([
            Field("d", .decimal(precision: 5, scale: 2)), Field("day", .date), Field("t", .time),
            Field("ts", .timestamp), Field("b", .bool), Field("i", .int32), Field("k", .fixedBinary(width: 2)),
        ])
        let text = """
            d,day,t,ts,b,i,k
            1,1970-01-01,00:00:00,1970-01-01 00:00:00,true,+7,00ff
            -0.5,2024-02-29,23:59:59.5,2024-01-31T12:00:00.000001,FALSE,-2147483648,ABcd
            999.99,1969-12-31,12:34:56.123456,1969-12-31 23:59:59.999,1,2147483647,0000
            .00,,,,0,,

            """
        // The last row's ".00" is not a decimal: check it is rejected, not misread.
        let result = try CSVReader(tableName: "t", schema: schema).read(Array(text.utf8), file: "t.csv",
                                                                        mode: .reject(maxErrors: 5))
        let table = result.table
        #expect(table.count == 3)
        #expect(result.rejects.map(\.error.description) == ["t.csv:5: column d: '.00' is not a decimal(5,2)"])
        #expect((0..<3).map { table["d"].int64(at: $0) } == [100, -50, 99_999])
        #expect((0..<3).map { table["day"].int32(at: $0) } == [0, 19_782, -1])
        #expect((0..<3).map { table["t"].int64(at: $0) } == [0, 86_399_500_000, 45_296_123_456])
        #expect((0..<3).map { table["ts"].int64(at: $0) } == [0, 1_706_702_400_000_001, -1_000])
        #expect((0..<3).map { table["b"].bool(at: $0) } == [true, false, true])
        #expect((0..<3).map { table["i"].int32(at: $0) } == [7, Int32.min, Int32.max])
        #expect((0..<3).map { table["k"].binary(at: $0) } == [[0x00, 0xFF], [0xAB, 0xCD], [0, 0]])
    }

    @Test func lineNumbersCountPhysicalLinesInsideQuotedFields() throws {
        let schema = Schema([Field("s", .string), Field("n", .int32)])
        let text = "s,n\n\"one\ntwo\nthree\",1\nplain,bad\n"
        #expect(throws: CSVReadError(.invalidValue, file: "f.csv", line: 5, column: "n",
                                     message: "'bad' is not an int32")) {
            try CSVReader(tableName: "t", schema: schema).read(Array(text.utf8), file: "f.csv")
        }
    }
}
