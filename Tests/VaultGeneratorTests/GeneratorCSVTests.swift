// GeneratorCSVTests.swift: generated batches survive a CSV round trip, NULL and blanks included.

import Testing
import VaultColumnar
@testable import VaultExport
@testable import VaultGenerator

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal RFC 4180 reader: rows of fields, `nil` for an empty unquoted field (NULL).
func parseCSV(_ bytes: [UInt8]) -> [[String?]] {
    var rows: [[String?]] = [], row: [String?] = [], field: [UInt8] = []
    var quoted = false, wasQuoted = false, i = 0
    func endField() {
        row.append(field.isEmpty && !wasQuoted ? nil : String(decoding: field, as: UTF8.self))
        field = []
        wasQuoted = false
    }
    while i < bytes.count {
        let b = bytes[i]
        if quoted {
            if b == 34 {
                if i + 1 < bytes.count && bytes[i + 1] == 34 { field.append(34); i += 1 } else { quoted = false }
            } else { field.append(b) }
        } else if b == 34 { quoted = true; wasQuoted = true }
        else if b == 44 { endField() }
        else if b == 10 { endField(); rows.append(row); row = [] }
        else { field.append(b) }
        i += 1
    }
    return rows
}

@Suite struct GeneratorCSVTests {
    @Test func everyGeneratedTableRoundTripsThroughCSV() {
        // Default dirt: keys with spaces, NULL attributes, blank keys, quotes and commas in text.
        let batches = allBatches(GeneratorOptions(scale: 0.3, days: 2))
        for batch in batches {
            for table in batch.tables {
                let rows = parseCSV(CSVWriter().bytes(of: table))
                #expect(rows.first == table.schema.names.map { Optional($0) })
                #expect(rows.count == table.count + 1, "\(table.name): \(rows.count - 1) rows read")
                for r in 0..<min(table.count, rows.count - 1) where rows[r + 1] != table.row(r) {
                    Issue.record("\(table.name) row \(r): \(rows[r + 1]) != \(table.row(r))")
                    break
                }
            }
        }
    }

    @Test func aFailingCSVWriteLeavesNoCSVInTheBatchFolder() throws {
        var template = Array("/tmp/vaultsim-gen-XXXXXX".utf8CString)
        let root = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        var writer = CSVWriter(bufferSize: 4096)
        writer.failAfterBytes = 10_000
        let folder = try SourceFolderWriter(root: root, header: [], writer: writer)
        let batch = RetailGenerator(options: GeneratorOptions(scale: 0.2, days: 1)).batch(0, threads: 1)
        #expect(throws: ExportError.self) { try folder.write(batch: 0, businessDate: batch.businessDate, tables: batch.tables) }
        // customers.csv is larger than 10,000 bytes: it failed, and neither it nor its .tmp remains.
        #expect(access(root + "/batch_000/customers.csv", F_OK) != 0)
        #expect(access(root + "/batch_000/customers.csv.tmp", F_OK) != 0)
    }
}
