// CSVReaderErrorTests.swift: every kind of malformed input, with its exact file:line: column: message.

import Testing
import VaultColumnar
import VaultExport

@Suite("CSV reader: errors name file, line and column")
struct CSVReaderErrorTests {
    static let schema = Schema([
        Field("transaction_id", .string), Field("quantity", .int32),
        Field("unit_price", .decimal(precision: 10, scale: 2)),
        Field("transaction_date", .date), Field("transaction_time", .time), Field("payment_method", .string),
    ])
    static let header = "transaction_id,quantity,unit_price,transaction_date,transaction_time,payment_method\n"
    static let good = "T1,2,10.50,2024-01-31,13:05:09,CARD\n"
    static let file = "batch_002/transactions.csv"

    static func read(_ body: String, mode: CSVErrorMode = .stop) throws(CSVReadError) -> CSVReadResult {
        try read(bytes: Array((header + good + body).utf8), mode: mode)
    }

    static func read(bytes: [UInt8], mode: CSVErrorMode = .stop) throws(CSVReadError) -> CSVReadResult {
        try CSVReader(tableName: "transactions", schema: schema, dictionaryEncoded: ["payment_method"])
            .read(bytes, file: file, mode: mode)
    }

    /// The message `body` (after the header and one good row, so its first line is line 3) raises.
    static func message(_ body: String) -> String? {
        message(bytes: Array((header + good + body).utf8))
    }

    static func message(bytes: [UInt8]) -> String? {
        do {
            _ = try read(bytes: bytes)
            return nil
        } catch {
            return error.description
        }
    }

    static func kind(_ body: String) -> CSVReadError.Kind? {
        do {
            _ = try read(body)
            return nil
        } catch {
            return error.kind
        }
    }

    @Test(arguments: [
        ("T2,x2,1.00,2024-01-31,13:05:09,CARD\n", "3: column quantity: 'x2' is not an int32"),
        ("T2,,1.00,2024-01-31,13:05:09,CARD\nT3,3000000000,1.00,2024-01-31,13:05:09,CARD\n",
         "4: column quantity: '3000000000' is out of range for int32"),
        ("T2,1,1.234,2024-01-31,13:05:09,CARD\n",
         "3: column unit_price: '1.234' has more than 2 decimals for decimal(10,2)"),
        ("T2,1,123456789.00,2024-01-31,13:05:09,CARD\n",
         "3: column unit_price: '123456789.00' has more than 8 integer digits for decimal(10,2)"),
        ("T2,1,1e3,2024-01-31,13:05:09,CARD\n", "3: column unit_price: '1e3' is not a decimal(10,2)"),
        ("T2,1,1.00,2023-02-29,13:05:09,CARD\n",
         "3: column transaction_date: '2023-02-29' is not a calendar date"),
        ("T2,1,1.00,31/01/2024,13:05:09,CARD\n",
         "3: column transaction_date: '31/01/2024' is not a date (YYYY-MM-DD)"),
        ("T2,1,1.00,2024-01-31,24:00:00,CARD\n",
         "3: column transaction_time: '24:00:00' is not a time of day"),
        ("T2,1,1.00,2024-01-31,1:05,CARD\n",
         "3: column transaction_time: '1:05' is not a time (HH:MM:SS)"),
        ("T2,\"\",1.00,2024-01-31,13:05:09,CARD\n",
         "3: column quantity: '\"\"' (an empty quoted string) is not an int32; "
             + "NULL is an empty unquoted field"),
        ("T2,1,1.00,2024-01-31,13:05:09\n",
         "3: column payment_method: missing: the row has 5 fields, expected 6"),
        ("T2,1,1.00,2024-01-31,13:05:09,CARD,extra\n", "3: the row has 7 fields, expected 6"),
        ("\"T2,1,1.00,2024-01-31,13:05:09,CARD\nT3,1,1.00,2024-01-31,13:05:09,CARD\n",
         "3: column transaction_id: a quoted field is never closed (it runs to the end of the file)"),
        ("T\"2,1,1.00,2024-01-31,13:05:09,CARD\n",
         "3: column transaction_id: a quote (\") inside an unquoted field; "
             + "quote the whole field and double inner quotes"),
        ("\"T2\"x,1,1.00,2024-01-31,13:05:09,CARD\n",
         "3: column transaction_id: text after the closing quote of a quoted field"),
        ("T2,1,1.00,2024-01-31,13:05:09,CA\rRD\n",
         "3: column payment_method: a carriage return outside quotes that is not part of a CRLF line end"),
        ("\"multi\nline\",1,1.00,2024-01-31,13:05:09,CARD\nT3,1,1.00,2024-01-31,13:05:09,CARD,\n",
         "5: the row has 7 fields, expected 6"),
    ])
    func malformedRowsAreReportedExactly(body: String, expected: String) {
        #expect(Self.message(body) == Self.file + ":" + expected)
    }

    @Test func invalidUTF8IsReportedWithItsByteOffset() {
        let rest = Array(",1,1.00,2024-01-31,13:05:09,CARD\n".utf8)
        let bytes = Array((Self.header + Self.good).utf8) + [0x54, 0xC3, 0x28] + rest
        #expect(Self.message(bytes: bytes)
                == "batch_002/transactions.csv:3: column transaction_id: invalid UTF-8 at byte 2 of the field")
        // Overlong forms and surrogates are invalid too.
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xE2, 0x82]] {
            let row = [0x41] + bad + Array(",1,1.00,2024-01-31,13:05:09,CARD\n".utf8)
            let message = Self.message(bytes: Array((Self.header + Self.good).utf8) + row)
            #expect(message?.contains("invalid UTF-8 at byte 2") == true)
        }
    }

    @Test func errorKindsAreDistinguished() {
        #expect(Self.kind("T2,x,1.00,2024-01-31,13:05:09,CARD\n") == .invalidValue)
        #expect(Self.kind("T2,99999999999,1.00,2024-01-31,13:05:09,CARD\n") == .outOfRange)
        #expect(Self.kind("T2,1\n") == .fieldCount)
        #expect(Self.kind("\"T2\n") == .unterminatedQuote)
        #expect(Self.kind("T\"2,1,1.00,2024-01-31,13:05:09,CARD\n") == .malformedQuoting)
    }

    @Test func valuesInMessagesAreEscapedAndShortened() {
        let long = String(repeating: "9", count: 70)
        #expect(Self.message("T2,\(long),1.00,2024-01-31,13:05:09,CARD\n")
                == "batch_002/transactions.csv:3: column quantity: '\(String(repeating: "9", count: 60))...' "
                    + "is out of range for int32")
        #expect(Self.message("T2,\"1\t\u{7}\",1.00,2024-01-31,13:05:09,CARD\n")
                == "batch_002/transactions.csv:3: column quantity: '1\\t\\x07' is not an int32")
    }

    @Test(arguments: [
        ("quantity,transaction_id,unit_price,transaction_date,transaction_time,payment_method\n",
         "batch_002/transactions.csv:1: column transaction_id: at position 2 of the header, expected at position 1"),
        ("transaction_id,unit_price,transaction_date,transaction_time,payment_method\n",
         "batch_002/transactions.csv:1: column quantity: missing from the header (expected at position 2)"),
        ("transaction_id,quantity,unit_price,transaction_date,transaction_time,payment_method,note\n",
         "batch_002/transactions.csv:1: column note: unexpected in the header (position 7); expected columns: "
             + "transaction_id,quantity,unit_price,transaction_date,transaction_time,payment_method"),
        ("transaction_id,qty,unit_price,transaction_date,transaction_time,payment_method\n",
         "batch_002/transactions.csv:1: column qty: unexpected in the header (position 2); expected columns: "
             + "transaction_id,quantity,unit_price,transaction_date,transaction_time,payment_method"),
        ("transaction_id,quantity,quantity,unit_price,transaction_date,transaction_time,payment_method\n",
         "batch_002/transactions.csv:1: column quantity: appears twice in the header"),
        ("", "batch_002/transactions.csv:1: the file is empty; expected a header row"),
    ])
    func headerMismatchNamesTheColumn(header: String, expected: String) {
        #expect(Self.message(bytes: Array((header + Self.good).utf8)) == expected
                || (header.isEmpty && Self.message(bytes: []) == expected))
    }

    @Test func quotedHeaderNamesAreAccepted() throws {
        let header = "\"transaction_id\",quantity,\"unit_price\",transaction_date,transaction_time,payment_method\r\n"
        let result = try Self.read(bytes: Array((header + Self.good).utf8))
        #expect(result.table.count == 1)
    }

    @Test func rejectModeSkipsBadRowsKeepsTheirBytesAndGoesOn() throws {
        let body = "T2,x2,1.00,2024-01-31,13:05:09,CARD\nT3,3,3.00,2024-01-31,13:05:09,CASH\n"
            + "\"T4\nsecond line\",1,1.00,2024-02-30,13:05:09,CARD\r\nT5,5,5.00,2024-01-31,13:05:09,NEW\n"
        let result = try Self.read(body, mode: .reject(maxErrors: 10))
        #expect(result.records == 5)
        #expect(result.table.count == 3)
        #expect(result.table["transaction_id"].string(at: 2) == "T5")
        #expect(result.rejects.map(\.error.description) == [
            "batch_002/transactions.csv:3: column quantity: 'x2' is not an int32",
            "batch_002/transactions.csv:5: column transaction_date: '2024-02-30' is not a calendar date",
        ])
        #expect(result.rejects.map { String(decoding: $0.record, as: UTF8.self) } == [
            "T2,x2,1.00,2024-01-31,13:05:09,CARD", "\"T4\nsecond line\",1,1.00,2024-02-30,13:05:09,CARD",
        ])
        // A rejected row leaves no trace: not even its new dictionary value.
        #expect(result.table["payment_method"].dictionary?.count == 3)
    }

    @Test func rejectModeStopsWhenTheBudgetIsExceeded() {
        let bad = "T2,x,1.00,2024-01-31,13:05:09,CARD\n"
        #expect(throws: CSVReadError(.tooManyRejects, file: Self.file, line: 5,
                                     message: "more than 2 rejected rows; this one: "
                                         + "batch_002/transactions.csv:5: column quantity: 'x' is not an int32")) {
            try Self.read(bad + bad + bad, mode: .reject(maxErrors: 2))
        }
        #expect((try? Self.read(bad + bad, mode: .reject(maxErrors: 2)))?.rejects.count == 2)
    }

    @Test func stopModeThrowsTheFirstBadRow() {
        #expect(throws: CSVReadError(.invalidValue, file: Self.file, line: 4, column: "quantity",
                                     message: "'y' is not an int32")) {
            try Self.read("T2,2,2.00,,,\nT3,y,1.00,2024-01-31,13:05:09,CARD\nT4,z,1.00,2024-01-31,13:05:09,CARD\n")
        }
    }
}
