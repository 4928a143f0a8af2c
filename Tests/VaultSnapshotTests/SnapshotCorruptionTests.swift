// SnapshotCorruptionTests.swift: damaged and hostile files are refused with errors naming the
// file and offset, never a crash or wrong tables.

import VaultChecksum
import Foundation
import Testing
import VaultColumnar
import VaultTestSupport
@testable import VaultSnapshot

@Suite struct SnapshotCorruptionTests {
    /// A small snapshot (files of a few hundred bytes) that still uses every kind of chunk: two
    /// chunks per column, delta, key dictionary, raw, string dictionary, codes, NULLs, an empty table.
    static func smallTables() -> [Table] {
        var table = Table(name: "t", schema: Schema([
            Field("id", .int32), Field("fk", .fixedBinary(width: 16)), Field("hk", .fixedBinary(width: 16)),
            Field("channel", .string), Field("segment", .string), Field("price", .double),
        ]), dictionaryEncoded: ["segment"])
        var rng = RepeatableRandomNumberGenerator(seed: 5)
        let keys = (0..<3).map { _ in rng.bytes(16) }
        table.withColumns { c in
            for i in 0..<70 {
                c[0].append(Int32(i * 2))
                if i % 9 == 4 { c[1].appendNull() } else { keys[i % 3].withUnsafeBytes { c[1].append(binary: $0) } }
                rng.bytes(16).withUnsafeBytes { c[2].append(binary: $0) }
                c[3].append(string: ["RETAIL", "ONLINE"][i % 2])
                if i % 5 == 0 { c[4].appendNull() } else { c[4].append(string: ["a", "bb", "ccc"][i % 3]) }
                c[5].append(Double(i) / 4)
            }
        }
        let empty = Table(name: "e", schema: Schema([Field("x", .int64)]))
        return [table, empty]
    }

    static func makeSmallSnapshot(_ folder: String) throws -> (dir: String, tables: [Table], files: [String: [UInt8]]) {
        let tables = smallTables()
        let dir = folder + "/snap"
        try SnapshotFixtures.save(tables, to: dir, rowsPerChunk: 64)
        return (dir, tables, SnapshotFixtures.files(in: dir))
    }

    /// Restores `dir` and records an issue unless it throws a `SnapshotError` naming `file`.
    static func expectRefused(_ dir: String, file: String, what: String) {
        do {
            _ = try SnapshotReader.restore(from: dir, threads: 1)
            Issue.record("\(file): \(what) was not detected")
        } catch let error as SnapshotError {
            let text = error.description
            if !text.contains(file) || !text.contains("offset") {
                Issue.record("\(file): \(what) gave an error that does not name the file and offset: \(text)")
            }
        } catch {
            Issue.record("\(file): \(what) threw a non-snapshot error \(error)")
        }
    }

    @Test func everySingleByteChangeOfEveryFileIsDetected() throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        let (dir, tables, files) = try Self.makeSmallSnapshot(folder)
        #expect(try SnapshotReader.restore(from: dir).tables == tables)
        #expect(files.count == 9)
        for (name, bytes) in files.sorted(by: { $0.key < $1.key }) {
            #expect(bytes.count < 4_096, "\(name) is \(bytes.count) bytes: keep the exhaustive test small")
            for i in bytes.indices {
                var changed = bytes
                changed[i] ^= UInt8(1) << UInt8(i % 8)
                SnapshotFixtures.write(changed, to: dir + "/" + name)
                Self.expectRefused(dir, file: name, what: "a flip at byte \(i)")
            }
            SnapshotFixtures.write(bytes, to: dir + "/" + name)
        }
        #expect(try SnapshotReader.restore(from: dir).tables == tables)
    }

    @Test func everyTruncationOfEveryFileIsDetected() throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        let (dir, tables, files) = try Self.makeSmallSnapshot(folder)
        for (name, bytes) in files.sorted(by: { $0.key < $1.key }) {
            for length in 0..<bytes.count {
                SnapshotFixtures.write(Array(bytes[..<length]), to: dir + "/" + name)
                Self.expectRefused(dir, file: name, what: "truncation to \(length) bytes")
            }
            SnapshotFixtures.write(bytes, to: dir + "/" + name)
        }
        #expect(try SnapshotReader.restore(from: dir).tables == tables)
    }

    @Test func verifyDetectsWhatRestoreDetects() throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        let (dir, _, files) = try Self.makeSmallSnapshot(folder)
        let report = try SnapshotReader.verify(dir)
        #expect(report.files == 7 && report.chunks == 13)
        for (name, bytes) in files {
            for i in stride(from: 0, to: bytes.count, by: 7) {
                var changed = bytes
                changed[i] ^= 0x20
                SnapshotFixtures.write(changed, to: dir + "/" + name)
                #expect(throws: SnapshotError.self, "\(name) byte \(i)") { try SnapshotReader.verify(dir) }
            }
            SnapshotFixtures.write(bytes, to: dir + "/" + name)
        }
    }

    @Test func aDamagedChunkIsNamedByFileChunkAndOffset() throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        let (dir, _, files) = try Self.makeSmallSnapshot(folder)
        var bytes = files["t/hk.col"]!
        bytes[20] ^= 0x04
        SnapshotFixtures.write(bytes, to: dir + "/t/hk.col")
        #expect(throws: SnapshotError.checksumMismatch(file: "t/hk.col", chunk: 0, offset: 16)) {
            try SnapshotReader.restore(from: dir)
        }
        #expect(SnapshotError.checksumMismatch(file: "t/hk.col", chunk: 0, offset: 16).description
                == "t/hk.col: checksum mismatch in chunk 0 at offset 16")
    }

    @Test func manifestPathsThatLeaveTheFolderAreRefused() throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        let (dir, _, _) = try Self.makeSmallSnapshot(folder)
        let original = try Manifest.read(from: dir)
        let edits: [(inout Manifest) -> Void] = [
            { $0.tables[0].columns[0].file = "../../etc/passwd" },
            { $0.tables[0].columns[0].file = "/etc/passwd" },
            { $0.tables[0].name = ".." },
            { $0.tables[0].columns[1].name = "../x" },
            { $0.tables[0].name = "a/b" },
            { $0.tables[0].columns[1].name = $0.tables[0].columns[0].name },
            { $0.tables[0].rowCount = -1 },
            { $0.rowsPerChunk = 1 << 40 },
            { $0.tables[0].columns[0].type = "int128" },
            { $0.tables[0].columns[0].fileSize = 1 << 50 },
        ]
        for (i, edit) in edits.enumerated() {
            var manifest = original
            edit(&manifest)
            try Self.writeManifest(manifest, dir)
            #expect(throws: SnapshotError.self, "edit \(i)") { try SnapshotReader.restore(from: dir) }
        }
    }

    static func writeManifest(_ manifest: Manifest, _ dir: String) throws {
        let (json, checksum) = try manifest.encoded()
        SnapshotFixtures.write(json, to: dir + "/" + Manifest.fileName)
        SnapshotFixtures.write(checksum, to: dir + "/" + Manifest.checksumFileName)
    }

    /// Mutates files at random (flips, random bytes, truncations, insertions, deletions), a fixed
    /// number of seeded rounds: each restore throws a `SnapshotError` or returns exactly the saved tables.
    @Test func randomMutationsNeverCrashOrReturnWrongTables() throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        let (dir, tables, files) = try Self.makeSmallSnapshot(folder)
        let names = files.keys.sorted()
        var rng = RepeatableRandomNumberGenerator(seed: 2024)
        for round in 0..<150 {
            let name = names[Int(rng.next() % UInt64(names.count))]
            var bytes = files[name]!
            for _ in 0...(rng.next() % 4) { Self.mutate(&bytes, &rng) }
            SnapshotFixtures.write(bytes, to: dir + "/" + name)
            do {
                let restored = try SnapshotReader.restore(from: dir, threads: 1 + Int(rng.next() % 2)).tables
                #expect(bytes == files[name]! && restored == tables, "round \(round): \(name) mutated and accepted")
            } catch is SnapshotError {
            } catch {
                Issue.record("round \(round): \(error)")
            }
            SnapshotFixtures.write(files[name]!, to: dir + "/" + name)
        }
    }

    static func mutate(_ bytes: inout [UInt8], _ rng: inout RepeatableRandomNumberGenerator) {
        let position = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count))
        switch rng.next() % 5 {
        case 0 where !bytes.isEmpty: bytes[position] ^= UInt8(1) << UInt8(rng.next() % 8)
        case 1 where !bytes.isEmpty: bytes[position] = UInt8(truncatingIfNeeded: rng.next())
        case 2: bytes.removeLast(bytes.count - position)
        case 3: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: position)
        case 4 where !bytes.isEmpty: bytes.remove(at: position)
        default: bytes.append(0)
        }
    }

    /// Hostile files whose checksums are all correct: chunk payloads, lengths, counts, encodings
    /// and flags are mutated, then every checksum (chunk, footer, manifest) is recomputed, so the
    /// decoders themselves face the damage. Restores must throw or return tables, never crash.
    @Test func resignedHostileChunksNeverCrashTheReader() throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        let (dir, _, files) = try Self.makeSmallSnapshot(folder)
        let manifest = try Manifest.read(from: dir)
        var rng = RepeatableRandomNumberGenerator(seed: 77)
        var refused = 0
        for round in 0..<100 {
            let table = manifest.tables[0]
            let c = Int(rng.next() % UInt64(table.columns.count))
            let column = table.columns[c]
            var edited = manifest
            let bytes = files[column.file]!
            let footer = try bytes.withUnsafeBytes { try ColumnFile.parse($0, name: column.file, expected: manifest.expectation(table, column)) }
            // Take every chunk's payload, mutate one, store all raw.
            var payloads: [[UInt8]] = try footer.entries.map { entry in
                let stored = Array(bytes[entry.offset..<entry.offset + entry.storedLength])
                guard entry.isCompressed else { return stored }
                var out = [UInt8](repeating: 0, count: entry.payloadLength)
                try stored.withUnsafeBytes { s in try out.withUnsafeMutableBytes { try Zstd.Decompressor().decompress(s, into: $0) } }
                return out
            }
            var entries = footer.entries
            let k = Int(rng.next() % UInt64(entries.count))
            switch rng.next() % 4 {
            case 0: for _ in 0...(rng.next() % 3) { Self.mutate(&payloads[k], &rng) }
            case 1: entries[k].encoding = ChunkEncoding(rawValue: UInt8(rng.next() % UInt64(ChunkEncoding.allCases.count)))!
            case 2: entries[k].flags ^= ChunkEntry.validityFlag
            default:
                // Overwrite a 32-bit field of the payload with a large or boundary value.
                if payloads[k].count >= 4 {
                    let at = Int(rng.next() % UInt64(payloads[k].count - 3))
                    let value: UInt32 = [0, 1, 0xFFFF_FFFF, 0x7FFF_FFFF, UInt32(truncatingIfNeeded: rng.next())][Int(rng.next() % 5)]
                    withUnsafeBytes(of: value.littleEndian) { for j in 0..<4 { payloads[k][at + j] = $0[j] } }
                }
            }
            var file = ColumnFile.header
            var total = 0
            for (i, payload) in payloads.enumerated() {
                entries[i].offset = file.count
                entries[i].flags &= ~ChunkEntry.compressedFlag
                entries[i].storedLength = payload.count
                entries[i].payloadLength = payload.count
                entries[i].storedChecksum = payload.withUnsafeBytes { XXH64.hash($0) }
                file += payload
                total += payload.count
            }
            var newFooter = footer
            newFooter.entries = entries
            newFooter.payloadBytes = total
            let tail = ColumnFile.footerAndTrailer(newFooter, footerOffset: file.count)
            file += tail
            edited.tables[0].columns[c].fileSize = file.count
            edited.tables[0].columns[c].footerChecksum = XXH64.hex(tail.withUnsafeBytes {
                XXH64.hash(UnsafeRawBufferPointer(rebasing: $0.prefix($0.count - ColumnFile.trailerSize)))
            })
            SnapshotFixtures.write(file, to: dir + "/" + column.file)
            try Self.writeManifest(edited, dir)
            do {
                _ = try SnapshotReader.restore(from: dir, threads: 1)
            } catch is SnapshotError {
                refused += 1
            } catch {
                Issue.record("round \(round): \(error)")
            }
            SnapshotFixtures.write(bytes, to: dir + "/" + column.file)
        }
        #expect(refused > 0)
    }
}
