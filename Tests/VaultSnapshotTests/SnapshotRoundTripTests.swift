// SnapshotRoundTripTests.swift: saved tables come back bit for bit.

import Foundation
import Testing
import VaultColumnar
import VaultTestSupport
@testable import VaultSnapshot

@Suite struct SnapshotRoundTripTests {
    @Test func everyColumnTypeWithNullsRestoresBitForBit() throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        let tables = [SnapshotFixtures.allTypes(rows: 1_000), SnapshotFixtures.allTypes(rows: 300, nulls: false, name: "no_nulls")]
        let dir = folder + "/snap"
        try SnapshotFixtures.save(tables, to: dir, rowsPerChunk: 256)
        let (restored, metadata) = try SnapshotReader.restore(from: dir)
        #expect(SnapshotFixtures.difference(restored, tables) == nil)
        #expect(restored == tables)
        #expect(metadata == SnapshotFixtures.metadata)
    }

    @Test func emptyTablesAndOneRowTablesRestore() throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        let tables = [SnapshotFixtures.allTypes(rows: 0, name: "empty"), SnapshotFixtures.allTypes(rows: 1, name: "one"),
                      SnapshotFixtures.allTypes(rows: 1, start: 3, name: "one_null")]
        try SnapshotWriter.save(tables: tables, metadata: SnapshotFixtures.metadata, to: folder + "/s")
        let (restored, _) = try SnapshotReader.restore(from: folder + "/s")
        #expect(SnapshotFixtures.difference(restored, tables) == nil)
        #expect(restored == tables)
    }

    @Test func noTablesAtAllIsASnapshotToo() throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        try SnapshotWriter.save(tables: [], metadata: SnapshotFixtures.metadata, to: folder + "/s")
        let (restored, metadata) = try SnapshotReader.restore(from: folder + "/s")
        #expect(restored.isEmpty)
        #expect(metadata == SnapshotFixtures.metadata)
    }

    @Test func aTableOf200000RowsSpansManyChunksAndRestores() throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        let rows = 200_003
        var table = Table(name: "big", schema: Schema([
            Field("id", .int64), Field("hk", .fixedBinary(width: 16)), Field("fk", .fixedBinary(width: 20)),
            Field("load_date", .date), Field("status", .string), Field("name", .string),
        ]), capacity: rows, dictionaryEncoded: ["status"])
        var rng = RepeatableRandomNumberGenerator(seed: 99)
        let statuses = ["OPEN", "CLOSED", "PENDING"]
        let pool = (0..<300).map { _ in rng.bytes(20) }
        table.withColumns { c in
            let ids = (0..<rows).map { Int64($0) * 3 }
            ids.withUnsafeBytes { c[0].appendValues($0, rowCount: rows) }
            rng.bytes(rows * 16).withUnsafeBytes { c[1].appendValues($0, rowCount: rows) }
            var keys: [UInt8] = []
            keys.reserveCapacity(rows * 20)
            for _ in 0..<rows { keys += pool[Int(rng.next() % 300)] }
            keys.withUnsafeBytes { c[2].appendValues($0, rowCount: rows) }
            let dates = (0..<rows).map { Int32(19_000 + $0 / 1_000) }
            dates.withUnsafeBytes { c[3].appendValues($0, rowCount: rows) }
            for i in 0..<rows {
                if i % 1_000 == 5 { c[4].appendNull() } else { c[4].append(string: statuses[i % 3]) }
                c[5].append(string: i % 2 == 0 ? "customer \(i)" : "")
            }
        }
        try SnapshotFixtures.save([table], to: folder + "/s", rowsPerChunk: 65_536)
        let (restored, _) = try SnapshotReader.restore(from: folder + "/s")
        #expect(SnapshotFixtures.difference(restored, [table]) == nil)
        #expect(restored == [table])
        let info = try SnapshotReader.info(folder + "/s")
        let columns = Dictionary(uniqueKeysWithValues: info.tables[0].columns.map { ($0.name, $0) })
        #expect(columns["hk"]?.rawChunks == 4, "random hash keys are stored raw")
        #expect(columns["fk"]?.encodings["key-dictionary-narrow"] == 4, "repeated foreign keys use a key dictionary")
        #expect(columns["load_date"]?.encodings["delta"] == 4, "sorted dates are delta-encoded")
        #expect(columns["id"]?.encodings["delta"] == 4, "sorted integers are delta-encoded")
        #expect(columns["status"]?.encodings["codes"] == 4 && columns["status"]?.encodings["dictionary-values"] == 1)
        let verified = try SnapshotReader.verify(folder + "/s")
        #expect(verified.files == 6 && verified.chunks == 25)
    }

    @Test func chosenEncodingsFollowTheData() throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        try SnapshotFixtures.save([SnapshotFixtures.allTypes(rows: 2_000)], to: folder + "/s", rowsPerChunk: 1_024)
        let info = try SnapshotReader.info(folder + "/s")
        let columns = Dictionary(uniqueKeysWithValues: info.tables[0].columns.map { ($0.name, $0) })
        #expect(columns["channel"]?.encodings == ["string-dictionary": 2])
        #expect(columns["note"]?.encodings == ["strings": 2])
        #expect(columns["customer_hk"]?.encodings == ["key-dictionary-narrow": 2])
        #expect(columns["hk"]?.encodings == ["plain": 2])
        #expect(columns["hk"]?.rawChunks == 2)
        #expect(columns["load_ts"]?.encodings == ["delta": 2])
        #expect(columns["amount"]?.encodings == ["plain": 2], "random 64-bit values need all 8 bytes")
        #expect(columns["total"]?.encodings == ["narrow": 2], "amounts below 10^7 fit 3 bytes")
        #expect(columns["load_time"]?.encodings == ["narrow": 2], "times of day fit 5 bytes")
        #expect(info.tables[0].rows == 2_000)
        #expect(info.rawBytes > info.storedBytes)
    }

    @Test func savedBytesDoNotDependOnTheThreadCount() throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        let tables = [SnapshotFixtures.allTypes(rows: 3_000)]
        var outputs: [[String: [UInt8]]] = []
        for threads in [1, 2, 3] {
            try SnapshotWriter.save(tables: tables, metadata: SnapshotFixtures.metadata, to: folder + "/t\(threads)",
                                    level: 3, threads: threads, previous: nil, rowsPerChunk: 512, stop: nil)
            outputs.append(SnapshotFixtures.files(in: folder + "/t\(threads)"))
            let (restored, _) = try SnapshotReader.restore(from: folder + "/t\(threads)", threads: threads)
            #expect(restored == tables)
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == outputs[2])
    }

    @Test func theManifestKeepsMetadataOptionsInOrder() throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        let metadata = SnapshotMetadata(vaultsimVersion: "9.9.9",
                                        generationOptions: [SnapshotOption("z", "1"), SnapshotOption("a", "2"), SnapshotOption("m", "3")],
                                        loadOptions: [SnapshotOption("b", "x")], hashStrategy: "sha256-hex")
        try SnapshotWriter.save(tables: [SnapshotFixtures.allTypes(rows: 10)], metadata: metadata, to: folder + "/s", level: 19)
        let (_, restored) = try SnapshotReader.restore(from: folder + "/s")
        #expect(restored == metadata)
        let info = try SnapshotReader.info(folder + "/s")
        #expect(info.level == 19 && info.formatVersion == 2 && info.rowsPerChunk == SnapshotWriter.defaultRowsPerChunk)
    }

    @Test func invalidArgumentsAreRefused() throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        let table = SnapshotFixtures.allTypes(rows: 3)
        #expect(throws: SnapshotError.self) { try SnapshotWriter.save(tables: [table], metadata: SnapshotFixtures.metadata, to: folder + "/s", level: 99) }
        #expect(throws: SnapshotError.self) { try SnapshotWriter.save(tables: [table], metadata: SnapshotFixtures.metadata, to: folder + "/s", threads: 0) }
        #expect(throws: SnapshotError.self) { try SnapshotWriter.save(tables: [table, table], metadata: SnapshotFixtures.metadata, to: folder + "/s") }
        // A folder that is not a snapshot is never replaced.
        try "keep me".write(toFile: folder + "/precious.txt", atomically: false, encoding: .utf8)
        #expect(throws: SnapshotError.self) { try SnapshotWriter.save(tables: [table], metadata: SnapshotFixtures.metadata, to: folder) }
        #expect(FileManager.default.fileExists(atPath: folder + "/precious.txt"))
        #expect(throws: SnapshotError.missingSnapshot(directory: folder + "/nothing")) { try SnapshotReader.restore(from: folder + "/nothing") }
    }

    @Test(arguments: ["..", ".hidden", "a/b", "/abs", "", "manifest.json", "x\u{0}y"])
    func namesThatWouldLeaveTheFolderAreRefused(_ name: String) throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        var table = SnapshotFixtures.allTypes(rows: 2)
        table.name = name
        #expect(throws: SnapshotError.unsafeName(name)) {
            try SnapshotWriter.save(tables: [table], metadata: SnapshotFixtures.metadata, to: folder + "/s")
        }
        if name != "manifest.json" {
            let column = Table(name: "t", schema: Schema([Field(name, .int32)]))
            #expect(throws: SnapshotError.unsafeName(name)) {
                try SnapshotWriter.save(tables: [column], metadata: SnapshotFixtures.metadata, to: folder + "/s")
            }
        }
    }
}
