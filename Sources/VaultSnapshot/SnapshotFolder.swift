// SnapshotFolder.swift: atomic replacement of a snapshot folder, and finding a consistent one.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The steps of publishing a snapshot, in order. Tests stop a save after any of them to check
/// that what is left on disk is always the old snapshot or the new one.
enum SavePhase: CaseIterable, Sendable {
    case columnFilesWritten
    case manifestWritten
    case temporaryFolderSynced
    case oldRenamedAside
    case newRenamedIn
}

/// Thrown by a save stopped at a ``SavePhase`` in tests (it simulates a kill: nothing is cleaned up).
struct SaveInterrupted: Error {}

/// The folders of a snapshot `DIR` during a save by process `pid`, all in DIR's parent folder:
///
/// ```
///  .DIR.tmp-<pid>   the new snapshot being written (complete once its manifest.xxh64 exists)
///  .DIR.old-<pid>   the previous snapshot, renamed aside just before the new one is renamed in
///  DIR              the published snapshot
/// ```
///
/// The save renames DIR to `.DIR.old-<pid>`, then `.DIR.tmp-<pid>` to DIR, then removes the old
/// one. Between the two renames DIR does not exist: readers (and the next save) then use the
/// `.DIR.old-*` folder, a complete snapshot, so a kill at any moment leaves either the old
/// snapshot or the new one, never a mix.
struct SnapshotFolder {
    let path: String
    let parent: String
    let name: String

    init(_ path: String) {
        self.path = path
        (parent, name) = FileSystem.split(path)
    }

    var temporary: String { "\(parent)/.\(name).tmp-\(getpid())" }
    var aside: String { "\(parent)/.\(name).old-\(getpid())" }

    /// Folders left aside by interrupted saves (`.DIR.old-*`) that hold a manifest checksum file.
    var leftAside: [String] {
        FileSystem.listDirectory(parent)
            .filter { $0.hasPrefix(".\(name).old-") }
            .sorted()
            .map { "\(parent)/\($0)" }
            .filter { FileSystem.exists($0 + "/" + Manifest.checksumFileName) }
    }

    /// The folder a reader should open: DIR, or the snapshot an interrupted save left aside.
    func resolveForReading() throws -> String {
        if FileSystem.exists(path + "/" + Manifest.checksumFileName) || FileSystem.exists(path + "/" + Manifest.fileName) {
            return path
        }
        if !FileSystem.exists(path), let aside = leftAside.first { return aside }
        throw SnapshotError.missingSnapshot(directory: path)
    }

    /// Before a save: puts back a snapshot an interrupted save left aside, and refuses to
    /// replace a folder that is neither empty nor a snapshot.
    func prepareForWriting() throws {
        if !FileSystem.exists(path), let aside = leftAside.first {
            try FileSystem.rename(aside, to: path)
            try FileSystem.syncDirectory(parent)
        }
        if FileSystem.exists(path) {
            guard FileSystem.isDirectory(path) else { throw SnapshotError.invalidArgument("\(path) exists and is not a folder") }
            let isSnapshot = FileSystem.exists(path + "/" + Manifest.checksumFileName) || FileSystem.exists(path + "/" + Manifest.fileName)
            guard isSnapshot || FileSystem.listDirectory(path).isEmpty else {
                throw SnapshotError.invalidArgument("\(path) exists and is not a snapshot; refusing to replace it")
            }
            // DIR is whole again: what earlier interrupted saves left aside is obsolete.
            for stale in leftAside { try FileSystem.removeTree(stale) }
        }
        try FileSystem.removeTree(temporary)
        try FileSystem.makeDirectory(temporary)
    }

    /// Renames the finished temporary folder over DIR, stopping after `stop` in tests.
    func publish(stop: SavePhase?) throws {
        func reached(_ phase: SavePhase) throws { if phase == stop { throw SaveInterrupted() } }
        if FileSystem.exists(path) {
            try FileSystem.removeTree(aside)
            try FileSystem.rename(path, to: aside)
            try reached(.oldRenamedAside)
            try FileSystem.rename(temporary, to: path)
            try FileSystem.syncDirectory(parent)
            try reached(.newRenamedIn)
            try FileSystem.removeTree(aside)
            // The removal of the old snapshot (a leftover would only be removed by the next save).
            try FileSystem.syncDirectory(parent)
        } else {
            try reached(.oldRenamedAside)
            try FileSystem.rename(temporary, to: path)
            try FileSystem.syncDirectory(parent)
            try reached(.newRenamedIn)
        }
    }
}
