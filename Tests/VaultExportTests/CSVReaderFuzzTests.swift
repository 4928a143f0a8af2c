// CSVReaderFuzzTests.swift: seeded mutations of valid CSV never crash the reader or lose a row.

import Testing
import VaultColumnar
import VaultExport
import VaultTestSupport

@Suite("CSV reader: seeded mutation fuzzing")
struct CSVReaderFuzzTests {
    /// Bytes that matter to the grammar and the parsers, to mutate with.
    static let interesting: [UInt8] = Array("\",\r\n0123456789-.:T ABCxtrue".utf8)
        + [0x00, 0x7F, 0x80, 0xC3, 0xE2, 0xED, 0xF4, 0xFF]

    static func mutate(_ input: [UInt8], _ rng: inout RepeatableRandomNumberGenerator) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
            let byte = Bool.random(using: &rng) ? interesting.randomElement(using: &rng)!
                                                : UInt8.random(in: 0...255, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0 where !bytes.isEmpty: bytes[at] = byte
            case 1: bytes.insert(byte, at: at)
            case 2 where !bytes.isEmpty: bytes.remove(at: at)
            default:
                // Truncate: files cut short by a crash or a copy.
                bytes.removeLast(Int.random(in: 0...min(bytes.count, 20), using: &rng))
            }
        }
        return bytes
    }

    @Test func mutatedFilesAreReadOrRejectedNeverCrashingOrDroppingRows() throws {
        let original = CSVReaderFixtures.table(rows: 40)
        let valid = CSVWriter().bytes(of: original)
        let reader = CSVReaderFixtures.reader
        var rng = RepeatableRandomNumberGenerator(seed: 0x5EED_C5F)
        var parsedRows = 0, rejectedRows = 0, headerErrors = 0
        for _ in 0..<3_000 {
            let bytes = Self.mutate(valid, &rng)
            let lenient: CSVReadResult
            do {
                lenient = try reader.read(bytes, file: "fuzz.csv", mode: .reject(maxErrors: .max))
            } catch {
                #expect(error.kind == .header, "\(error)")
                headerErrors += 1
                continue
            }
            // Nothing dropped silently: every record is a row or a reject.
            #expect(lenient.table.count + lenient.rejects.count == lenient.records)
            parsedRows += lenient.table.count
            rejectedRows += lenient.rejects.count
            // Stop mode agrees: it fails exactly when something was rejected, at the first reject.
            do {
                let strict = try reader.read(bytes, file: "fuzz.csv")
                #expect(lenient.rejects.isEmpty)
                #expect(strict.table == lenient.table)
            } catch {
                #expect(error == lenient.rejects.first?.error)
            }
            // What was read writes back and reads again to the same table.
            let again = try reader.read(CSVWriter().bytes(of: lenient.table), file: "again.csv")
            for i in 0..<again.table.count { #expect(again.table.row(i) == lenient.table.row(i)) }
        }
        #expect(parsedRows > 0 && rejectedRows > 0 && headerErrors > 0)
    }

    @Test func randomBytesNeverCrashTheReader() {
        let schema = Schema([Field("a", .string), Field("b", .int64), Field("c", .decimal(precision: 18, scale: 4)),
                             Field("d", .timestamp), Field("e", .fixedBinary(width: 2)), Field("f", .double)])
        let reader = CSVReader(tableName: "t", schema: schema, dictionaryEncoded: ["a"])
        var rng = RepeatableRandomNumberGenerator(seed: 42)
        for _ in 0..<2_000 {
            var bytes = Array("a,b,c,d,e,f\n".utf8)
            for _ in 0..<Int.random(in: 0..<200, using: &rng) {
                bytes.append(Bool.random(using: &rng) ? Self.interesting.randomElement(using: &rng)!
                                                      : UInt8.random(in: 0...255, using: &rng))
            }
            if let result = try? reader.read(bytes, file: "r.csv", mode: .reject(maxErrors: .max)) {
                #expect(result.table.count + result.rejects.count == result.records)
            }
        }
    }
}
