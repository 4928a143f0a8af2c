// SnapshotIncrementalTests.swift: incremental saves and atomic replacement.

import Foundation
import Testing
import VaultColumnar
@testable import VaultSnapshot

@Suite struct SnapshotIncrementalTests {
    @Test func aSaveAfterAnAppendReusesTheUnchangedChunksAndWritesTheSameBytesAsAFullSave() throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        var table = SnapshotFixtures.allTypes(rows: 1_000)
        try SnapshotFixtures.save([table], to: folder + "/k1", rowsPerChunk: 256)
        try table.append(SnapshotFixtures.allTypes(rows: 700, start: 1_000))
        let report = try SnapshotFixtures.save([table], to: folder + "/k2", rowsPerChunk: 256, previous: folder + "/k1")
        try SnapshotFixtures.save([table], to: folder + "/full", rowsPerChunk: 256)
        #expect(SnapshotFixtures.files(in: folder + "/k2") == SnapshotFixtures.files(in: folder + "/full"))
        // Chunks 0, 1, 2 (rows 0..<768) of each of the 15 columns are unchanged; the segment
        // column's dictionary chunk is unchanged too (all its values appeared in batch 1).
        #expect(report.chunksReused == 15 * 3 + 1)
        #expect(report.reusedBytes > 0 && report.writtenBytes > 0)
        #expect(report.reusedBytes + report.writtenBytes == report.totalBytes)
        let (restored, _) = try SnapshotReader.restore(from: folder + "/k2")
        #expect(restored == [table])
    }

    @Test func unchangedColumnFilesAreHardLinked() throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        let grown = SnapshotFixtures.allTypes(rows: 500)
        let fixed = SnapshotFixtures.allTypes(rows: 300, name: "fixed")
        try SnapshotFixtures.save([SnapshotFixtures.allTypes(rows: 200), fixed], to: folder + "/k1")
        let report = try SnapshotFixtures.save([grown, fixed], to: folder + "/k2", previous: folder + "/k1")
        #expect(report.filesLinked == 15)
        var info = stat()
        #expect(stat(folder + "/k2/fixed/hk.col", &info) == 0 && info.st_nlink == 2)
        #expect(try SnapshotReader.restore(from: folder + "/k2").tables == [grown, fixed])
        // Saving over the previous snapshot itself keeps the linked files alive.
        let again = try SnapshotFixtures.save([grown, fixed], to: folder + "/k2", previous: folder + "/k2")
        #expect(again.filesLinked == 30 && again.chunksWritten == 0)
        #expect(try SnapshotReader.restore(from: folder + "/k2").tables == [grown, fixed])
    }

    @Test func aDamagedPreviousChunkIsEncodedAgainInsteadOfCopied() throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        let table = SnapshotFixtures.allTypes(rows: 400)
        try SnapshotFixtures.save([table], to: folder + "/k1")
        let path = folder + "/k1/all_types/hk.col"
        var bytes = SnapshotFixtures.files(in: folder + "/k1")["all_types/hk.col"]!
        bytes[20] ^= 0x01
        try FileManager.default.removeItem(atPath: path)
        SnapshotFixtures.write(bytes, to: path)
        let report = try SnapshotFixtures.save([table], to: folder + "/k2", previous: folder + "/k1")
        #expect(report.filesLinked == 14)
        #expect(try SnapshotReader.restore(from: folder + "/k2").tables == [table])
    }

    @Test(arguments: SavePhase.allCases)
    func aSaveStoppedAtAnyPhaseLeavesTheOldOrTheNewSnapshot(_ phase: SavePhase) throws {
        let folder = SnapshotFixtures.temporaryFolder("phase\(phase)")
        defer { SnapshotFixtures.cleanUp(folder) }
        let old = [SnapshotFixtures.allTypes(rows: 100)]
        let new = [SnapshotFixtures.allTypes(rows: 150, seed: 8)]
        let dir = folder + "/snap"
        try SnapshotFixtures.save(old, to: dir)
        #expect(throws: SaveInterrupted.self) { try SnapshotFixtures.save(new, to: dir, previous: dir, stop: phase) }
        let restored = try SnapshotReader.restore(from: dir).tables
        #expect(restored == (phase == .newSwappedIn ? new : old))
        _ = try SnapshotReader.verify(dir)
        // The next save recovers and cleans up.
        try SnapshotFixtures.save(new, to: dir, previous: dir)
        #expect(try SnapshotReader.restore(from: dir).tables == new)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".old-") || $0.contains(".tmp-") }
        #expect(left.isEmpty, "left behind: \(left)")
    }

    @Test func aFirstSaveStoppedBeforeItsRenameLeavesNoSnapshot() throws {
        let folder = SnapshotFixtures.temporaryFolder()
        defer { SnapshotFixtures.cleanUp(folder) }
        #expect(throws: SaveInterrupted.self) {
            try SnapshotFixtures.save([SnapshotFixtures.allTypes(rows: 10)], to: folder + "/s", stop: .temporaryFolderSynced)
        }
        #expect(throws: SnapshotError.missingSnapshot(directory: folder + "/s")) { try SnapshotReader.restore(from: folder + "/s") }
    }
}
