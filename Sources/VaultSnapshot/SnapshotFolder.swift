// SnapshotFolder.swift: publishing a snapshot folder whole, and finding a consistent one to read.

import VaultFiles

/// The steps of saving a snapshot, in order. Tests stop a save after any of them to check that
/// what is left on disk is always the old snapshot or the new one.
enum SavePhase: CaseIterable, Sendable {
    case columnFilesWritten
    case manifestWritten
    case temporaryFolderSynced
    /// The new snapshot is marked and flushed, not yet renamed in.
    case publishFlushed
    /// The new snapshot is in place; the old one is not yet removed.
    case newSwappedIn
}

/// Thrown by a save stopped at a ``SavePhase`` in tests (it simulates a kill: nothing is cleaned up).
struct SaveInterrupted: Error {}

/// A snapshot folder `DIR`. A save writes the new snapshot through an ``OutputFolder`` (kind
/// ``OutputKind/snapshot``): into `.DIR.tmp-<pid>` beside DIR, published whole by an atomic
/// rename, so a kill at any moment leaves the old snapshot or the new one, never a mix; it
/// refuses to replace a folder that is not a snapshot, and a second save of DIR while one runs.
///
/// Where the file system cannot swap two folders atomically, DIR is renamed to `.DIR.old-<pid>`
/// before the new one is renamed in: a reader finding DIR missing then reads that folder, a
/// complete snapshot, and the next save puts it back.
struct SnapshotFolder {
    let path: String
    let parent: String
    let name: String

    init(_ path: String) {
        self.path = path
        (parent, name) = FileSystem.split(path)
    }

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

    /// Before a save: locks DIR, cleans what dead saves left, checks that DIR may be replaced and
    /// returns the output whose staging folder the save writes into.
    static func prepareForWriting(_ path: String, force: Bool) throws -> OutputFolder {
        do {
            return try OutputFolder(OutputPath(path), kind: .snapshot, force: force)
        } catch {
            throw SnapshotError.output(error)
        }
    }

    /// Publishes the finished staging folder over DIR, stopping after `stop` in tests.
    static func publish(_ output: OutputFolder, stop: SavePhase?) throws {
        let step: OutputFolder.Step? = switch stop {
        case .publishFlushed?: .flushed
        case .newSwappedIn?: .exchanged
        default: nil
        }
        do {
            try output.publish(stoppingAfter: step)
        } catch {
            if step != nil { throw SaveInterrupted() }
            throw SnapshotError.output(error)
        }
    }
}
