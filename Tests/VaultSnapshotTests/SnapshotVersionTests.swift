// SnapshotVersionTests.swift: format version 1 snapshots (no narrow encodings) still restore.

import Foundation
import Testing
import VaultChecksum
import VaultColumnar
@testable import VaultSnapshot

@Suite struct SnapshotVersionTests {
    /// Rewrites the snapshot in `dir` as format version 1 would have stored it: `narrow` chunks as
    /// `plain`, `key-dictionary-narrow` as `key-dictionary` with Int32 codes, version 1 at both
    /// ends of every column file and in the manifest, every chunk stored raw. With
    /// `convertEncodings` false the chunks keep their encodings (a file version 1 cannot hold).
    static func downgradeToVersion1(_ dir: String, convertEncodings: Bool = true) throws {
        let original = try Manifest.read(from: dir)
        var manifest = original
        manifest.formatVersion = 1
        for (t, table) in original.tables.enumerated() {
            for (c, column) in table.columns.enumerated() {
                let expected = original.expectation(table, column)
                let bytes = SnapshotFixtures.files(in: dir)[column.file]!
                var footer = try bytes.withUnsafeBytes { try ColumnFile.parse($0, name: column.file, expected: expected) }
                var file: [UInt8] = Array("VSNAPCOL".utf8) + [1, 0, 0, 0, 0, 0, 0, 0]
                var total = 0
                for (i, entry) in footer.entries.enumerated() {
                    var payload = Array(bytes[entry.offset..<entry.offset + entry.storedLength])
                    if entry.isCompressed {
                        var out = [UInt8](repeating: 0, count: entry.payloadLength)
                        try payload.withUnsafeBytes { s in try out.withUnsafeMutableBytes { try Zstd.Decompressor().decompress(s, into: $0) } }
                        payload = out
                    }
                    var converted = entry
                    if convertEncodings { (converted.encoding, payload) = version1(payload, entry: entry, type: expected.type) }
                    converted.offset = file.count
                    converted.flags &= ~ChunkEntry.compressedFlag
                    converted.storedLength = payload.count
                    converted.payloadLength = payload.count
                    converted.storedChecksum = payload.withUnsafeBytes { XXH64.hash($0) }
                    footer.entries[i] = converted
                    file += payload
                    total += payload.count
                }
                footer.payloadBytes = total
                var tail = ColumnFile.footerAndTrailer(footer, footerOffset: file.count)
                tail[tail.count - 16] = 1  // trailer version
                file += tail
                SnapshotFixtures.write(file, to: dir + "/" + column.file)
                manifest.tables[t].columns[c].fileSize = file.count
                manifest.tables[t].columns[c].encodings = Dictionary(footer.entries.map { ($0.encoding.name, 1) }, uniquingKeysWith: +)
                manifest.tables[t].columns[c].footerChecksum = XXH64.hex(tail.withUnsafeBytes {
                    XXH64.hash(UnsafeRawBufferPointer(rebasing: $0.prefix($0.count - ColumnFile.trailerSize)))
                })
            }
        }
        try SnapshotCorruptionTests.writeManifest(manifest, dir)
    }

    /// A chunk payload in the encodings of version 1.
    static func version1(_ payload: [UInt8], entry: ChunkEntry, type: ColumnType) -> (ChunkEncoding, [UInt8]) {
        let v = entry.hasValidity ? ColumnExpectation.validityBytes(entry.count) : 0
        let n = entry.count
        switch entry.encoding {
        case .narrow:
            let w = type.fixedWidth!
            var out = Array(payload[..<v]) + [UInt8](repeating: 0, count: n * w)
            payload.withUnsafeBytes { p in
                let (width, base) = NarrowIntegers.header(p, at: v, count: n, typeWidth: w)!
                let planes = UnsafeRawBufferPointer(rebasing: p[(v + NarrowIntegers.headerSize)...])
                out.withUnsafeMutableBytes { o in
                    if w == 4 { NarrowIntegers.widen(planes, width: width, base: base, count: n, as: Int32.self, into: o.baseAddress! + v) }
                    else { NarrowIntegers.widen(planes, width: width, base: base, count: n, as: Int64.self, into: o.baseAddress! + v) }
                }
            }
            return (.plain, out)
        case .keyDictionaryNarrow:
            guard case .fixedBinary(let w) = type else { Issue.record("key dictionary on \(type)"); return (.plain, payload) }
            return payload.withUnsafeBytes { p in
                let k = Int(ByteReader(bytes: p).u32(v))
                let codesAt = v + 4 + k * w
                let c = NarrowIntegers.codeWidth(entries: k)
                var out = Array(payload[..<codesAt])
                for i in 0..<n {
                    withUnsafeBytes(of: UInt32(NarrowIntegers.code(p, at: codesAt, width: c, i)).littleEndian) { out += $0 }
                }
                return (.keyDictionary, out)
            }
        default:
            return (entry.encoding, payload)
        }
    }

    @Test func aVersion1SnapshotStillRestoresBitForBit() throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        let table = SnapshotFixtures.allTypes(rows: 3_000)
        try SnapshotFixtures.save([table], to: folder + "/s", rowsPerChunk: 1_024)
        let before = try SnapshotReader.info(folder + "/s").tables[0].columns.flatMap { $0.encodings.keys }
        #expect(before.contains("narrow") && before.contains("key-dictionary-narrow"), "the fixture uses both new encodings")
        try Self.downgradeToVersion1(folder + "/s")
        let info = try SnapshotReader.info(folder + "/s")
        #expect(info.formatVersion == 1)
        #expect(!info.tables[0].columns.contains { $0.encodings.keys.contains("narrow") })
        _ = try SnapshotReader.verify(folder + "/s")
        #expect(try SnapshotReader.restore(from: folder + "/s").tables == [table])
    }

    @Test func aVersion1FileRefusesTheNewEncodings() throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        try SnapshotFixtures.save([SnapshotFixtures.allTypes(rows: 3_000)], to: folder + "/s", rowsPerChunk: 1_024)
        // Version 1 in the manifest only: the column files still say 2.
        var manifest = try Manifest.read(from: folder + "/s")
        manifest.formatVersion = 1
        try SnapshotCorruptionTests.writeManifest(manifest, folder + "/s")
        #expect(throws: SnapshotError.self) { try SnapshotReader.restore(from: folder + "/s") }
        // Version 1 everywhere, but narrow chunks inside.
        try SnapshotFixtures.save([SnapshotFixtures.allTypes(rows: 3_000)], to: folder + "/t", rowsPerChunk: 1_024)
        try Self.downgradeToVersion1(folder + "/t", convertEncodings: false)
        do {
            _ = try SnapshotReader.restore(from: folder + "/t")
            Issue.record("a version 1 file with narrow chunks was read")
        } catch let error as SnapshotError {
            #expect(error.description.contains("unknown encoding"))
        }
    }
}
