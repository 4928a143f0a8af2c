// CSVReaderFolderTests.swift: source folders (with and without manifest) read back batch by batch.

import Foundation
import Testing
import VaultColumnar
import VaultExport

@Suite("CSV reader: source folders")
struct CSVReaderFolderTests {
    static let specs = [
        SourceTableSpec(name: "stores", schema: Schema([Field("store_id", .string), Field("city", .string),
                                                        Field("open_date", .date)]),
                        dictionaryEncoded: ["city"]),
        SourceTableSpec(name: "sales", schema: Schema([Field("store_id", .string), Field("qty", .int32),
                                                       Field("price", .decimal(precision: 10, scale: 2))])),
    ]

    static func manifestHeader(_ specs: [SourceTableSpec]) -> [(String, JSONValue)] {
        [("generator", .string("test")), ("tables", .array(specs.map { spec in
            .object([("name", .string(spec.name)), ("columns", .array(spec.schema.fields.map {
                .object([("name", .string($0.name)), ("type", .string($0.type.description))])
            }))])
        }))]
    }

    static func batchTables(_ k: Int) -> [Table] {
        var stores = Table(name: "stores", schema: specs[0].schema, dictionaryEncoded: specs[0].dictionaryEncoded)
        var sales = Table(name: "sales", schema: specs[1].schema)
        stores.withColumns { c in
            for i in 0..<3 {
                c[0].append(string: "S\(k)\(i)")
                c[1].append(optionalString: i == 2 ? nil : ["Zürich", "Oslo, Norway"][i])
                c[2].append(Int32(19_000 + k * 10 + i))
            }
        }
        sales.withColumns { c in
            for i in 0..<5 {
                c[0].append(string: "S\(k)\(i % 3)")
                c[1].append(Int32(i - 2))
                c[2].append(Int64(i * 1_234))
            }
        }
        return [stores, sales]
    }

    /// A fresh folder holding `batches` batches written by SourceFolderWriter (with manifest).
    static func writtenFolder(batches: Int = 3, manifest: Bool = true) throws -> String {
        let root = FileManager.default.temporaryDirectory.path + "/vaultsim-csv-\(UInt64.random(in: 0...UInt64.max))"
        let writer = try SourceFolderWriter(root: root, header: manifestHeader(specs))
        for k in 0..<batches { try writer.write(batch: k, businessDate: 19_700 + k, tables: batchTables(k)) }
        if manifest { try writer.finish() }
        return root
    }

    static func remove(_ root: String) { try? FileManager.default.removeItem(atPath: root) }

    /// The description of the CSVReadError `body` throws, or nil when it does not throw.
    static func error(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as CSVReadError {
            return error.description
        } catch {
            return "unexpected error \(error)"
        }
    }

    @Test func folderWrittenBySourceFolderWriterReadsBackBatchByBatch() throws {
        let root = try Self.writtenFolder()
        defer { Self.remove(root) }
        let reader = try SourceFolderReader(root: root, tables: Self.specs)
        #expect(reader.hasManifest)
        #expect(reader.batchCount == 3)
        #expect(reader.unexpectedFiles.isEmpty)
        for k in 0..<3 {
            let batch = try reader.batch(k)
            #expect(batch.index == k)
            #expect(batch.folder == SourceFolderWriter.folderName(batch: k))
            #expect(batch.businessDate == 19_700 + k)
            #expect(batch.tables == Self.batchTables(k))
            #expect(batch.rejects.isEmpty && batch.changedFiles.isEmpty)
        }
    }

    @Test func editedFilesAreReportedOrRefusedWhenVerifying() throws {
        let root = try Self.writtenFolder()
        defer { Self.remove(root) }
        let path = root + "/batch_001/sales.csv"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "S10,-2,0.00", with: "S10,7,0.00")
        try text.write(toFile: path, atomically: true, encoding: .utf8)

        let lenient = try SourceFolderReader(root: root, tables: Self.specs)
        let batch = try lenient.batch(1)
        #expect(batch.changedFiles == ["batch_001/sales.csv"])
        #expect(batch.tables[1]["qty"].int32(at: 0) == 7)
        #expect(try lenient.batch(0).changedFiles.isEmpty)

        let strict = try SourceFolderReader(root: root, tables: Self.specs, options: .init(verifyChecksums: true))
        let message = Self.error { _ = try strict.batch(1) }
        #expect(message?.hasPrefix("batch_001/sales.csv: differs from manifest.json: ") == true)
        #expect(Self.error { _ = try strict.batch(0) } == nil)
    }

    @Test func aMissingFileIsAnErrorNamingIt() throws {
        let root = try Self.writtenFolder()
        defer { Self.remove(root) }
        try FileManager.default.removeItem(atPath: root + "/batch_002/stores.csv")
        let reader = try SourceFolderReader(root: root, tables: Self.specs)
        #expect(Self.error { _ = try reader.batch(2) } == "batch_002/stores.csv: missing (listed in manifest.json)")
    }

    @Test func aManifestWithOtherColumnTypesIsRefused() throws {
        let root = try Self.writtenFolder()
        defer { Self.remove(root) }
        var specs = Self.specs
        specs[1].schema = Schema([Field("store_id", .string), Field("qty", .int64),
                                  Field("price", .decimal(precision: 10, scale: 2))])
        #expect(Self.error { _ = try SourceFolderReader(root: root, tables: specs) }
                == "manifest.json: table sales: column qty is int32, expected int64")
        specs = [Self.specs[0]]
        #expect(Self.error { _ = try SourceFolderReader(root: root, tables: specs) }
                == "manifest.json: describes table sales, which is not a source table (expected: stores)")
    }

    @Test func aFolderWithoutManifestIsReadFromItsBatchFolders() throws {
        let root = try Self.writtenFolder(batches: 3, manifest: false)
        defer { Self.remove(root) }
        // Users number batches as they like: batch_010 comes after batch_002.
        try FileManager.default.moveItem(atPath: root + "/batch_001", toPath: root + "/batch_010")
        try Data("x\n".utf8).write(to: URL(fileURLWithPath: root + "/batch_000/notes.csv"))
        let reader = try SourceFolderReader(root: root, tables: Self.specs)
        #expect(!reader.hasManifest)
        #expect(reader.batches.map(\.index) == [0, 2, 10])
        #expect(reader.unexpectedFiles == ["batch_000/notes.csv"])
        let last = try reader.batch(2)
        #expect(last.businessDate == nil)
        #expect(last.tables == Self.batchTables(1))

        try FileManager.default.removeItem(atPath: root + "/batch_002/sales.csv")
        #expect(Self.error { _ = try reader.batch(1) }
                == "batch_002/sales.csv: missing (every batch folder needs stores.csv, sales.csv)")
    }

    @Test func theRejectBudgetCoversTheWholeFolder() throws {
        let root = try Self.writtenFolder(batches: 2, manifest: false)
        defer { Self.remove(root) }
        for k in 0..<2 {
            let path = root + "/batch_00\(k)/sales.csv"
            let text = try String(contentsOfFile: path, encoding: .utf8) + "S9,lots,1.00\n"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let reader = try SourceFolderReader(root: root, tables: Self.specs,
                                            options: .init(errorMode: .reject(maxErrors: 1)))
        let first = try reader.batch(0)
        #expect(first.rejects.map(\.error.description) == ["batch_000/sales.csv:7: column qty: 'lots' is not an int32"])
        #expect(first.tables[1].count == 5)
        #expect(reader.rejectedRows == 1)
        #expect(Self.error { _ = try reader.batch(1) }
                == "batch_001/sales.csv:7: more than 1 rejected rows; this one: "
                    + "batch_001/sales.csv:7: column qty: 'lots' is not an int32")
    }

    @Test func aBrokenManifestIsAnError() throws {
        let root = try Self.writtenFolder(batches: 1)
        defer { Self.remove(root) }
        try Data("{\"tables\": [".utf8).write(to: URL(fileURLWithPath: root + "/manifest.json"))
        let message = Self.error { _ = try SourceFolderReader(root: root, tables: Self.specs) }
        #expect(message?.hasPrefix("manifest.json: is not valid JSON") == true)
    }

    @Test func aBatchFolderTheManifestDoesNotListIsRefusedAsAMix() throws {
        let root = try Self.writtenFolder(batches: 2)
        defer { Self.remove(root) }
        try FileManager.default.copyItem(atPath: root + "/batch_001", toPath: root + "/batch_002")
        #expect(Self.error { _ = try SourceFolderReader(root: root, tables: Self.specs) }?
            .hasPrefix("batch_002: is a batch folder that manifest.json does not list") == true)
    }

    @Test func batchNumbersBeyondTheLimitAreRefusedNotSkipped() throws {
        let root = try Self.writtenFolder(batches: 2, manifest: false)
        defer { Self.remove(root) }
        try FileManager.default.moveItem(atPath: root + "/batch_001", toPath: root + "/batch_99999999999999999999")
        #expect(Self.error { _ = try SourceFolderReader(root: root, tables: Self.specs) }
                == "batch_99999999999999999999: batch number 99999999999999999999 is larger than 1000000")
        let manifested = try Self.writtenFolder(batches: 1)
        defer { Self.remove(manifested) }
        let path = manifested + "/manifest.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "\"index\": 0", with: "\"index\": 1000001")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(Self.error { _ = try SourceFolderReader(root: manifested, tables: Self.specs) }?
            .contains("index 1000001 is larger than 1000000") == true)
    }

    @Test func aFIFOInPlaceOfASourceFileIsRefusedWithoutBlocking() throws {
        let root = try Self.writtenFolder(batches: 1)
        defer { Self.remove(root) }
        try FileManager.default.removeItem(atPath: root + "/batch_000/sales.csv")
        #expect(mkfifo(root + "/batch_000/sales.csv", 0o644) == 0)
        let reader = try SourceFolderReader(root: root, tables: Self.specs)
        #expect(Self.error { _ = try reader.batch(0) } == "batch_000/sales.csv: is a FIFO, not a regular file")
    }

    @Test func aMissingFolderIsAnError() {
        #expect(Self.error { _ = try SourceFolderReader(root: "/nonexistent/vaultsim", tables: Self.specs) }
                == "/nonexistent/vaultsim: is not a folder (or does not exist)")
    }
}
