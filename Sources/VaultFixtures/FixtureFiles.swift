// FixtureFiles.swift: every file-system call of VaultFixtures: durable text files and folders
// published whole (built beside the target, fsynced, renamed).

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure writing fixtures; the message names the path.
public enum FixtureError: Error, Equatable, CustomStringConvertible {
    case io(path: String, operation: String, reason: String)
    /// The target folder exists and holds files.
    case folderNotEmpty(path: String)
    /// The options ask for something the fixture cannot express.
    case unsupported(String)

    public var description: String {
        switch self {
        case .io(let path, let operation, let reason): return "cannot \(operation) \(path): \(reason)"
        case .folderNotEmpty(let path): return "\(path) exists and is not empty; remove it or choose another folder"
        case .unsupported(let what): return what
        }
    }
}

/// Durable file and folder operations.
enum FixtureFiles {
    static func failure(_ operation: String, _ path: String) -> FixtureError {
        .io(path: path, operation: operation, reason: String(cString: strerror(errno)))
    }

    /// Writes `text` to `path`: to `path.tmp` first, fsynced, then renamed over `path`.
    static func writeText(_ text: String, to path: String) throws(FixtureError) {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("create", temporary) }
        var bytes = Array(text.utf8)
        var offset = 0
        let ok = bytes.withUnsafeMutableBytes { buffer -> Bool in
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return fsync(fd) == 0
        }
        bytes.removeAll()
        if !ok {
            let error = failure("write", temporary)
            close(fd)
            unlink(temporary)
            throw error
        }
        guard close(fd) == 0 else { unlink(temporary); throw failure("close", temporary) }
        guard rename(temporary, path) == 0 else { unlink(temporary); throw failure("rename \(temporary) to", path) }
    }

    /// Flushes the file or folder at `path` to disk.
    static func sync(_ path: String) throws(FixtureError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("open", path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure("fsync", path) }
    }

    /// Creates `path` and its missing parents.
    static func makeFolders(_ path: String) throws(FixtureError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .io(path: path, operation: "create folder", reason: "\(error.localizedDescription)")
        }
    }

    /// Removes `path` and everything under it, ignoring errors (cleanup after a failure).
    static func removeTreeQuietly(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A new empty folder beside `target` to build it in (`.NAME.partial-PID`).
    static func stagingFolder(for target: String) throws(FixtureError) -> String {
        var trimmed = target
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        let url = URL(fileURLWithPath: trimmed)
        let parent = url.deletingLastPathComponent().path
        try makeFolders(parent)
        let staging = parent + "/." + url.lastPathComponent + ".partial-\(getpid())"
        removeTreeQuietly(staging)
        try makeFolders(staging)
        return staging
    }

    /// Fsyncs every file and folder under `staging`, then renames it to `target`, which must not
    /// exist or be an empty folder.
    static func publish(_ staging: String, as target: String) throws(FixtureError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isFolder) {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? ["?"]
            guard isFolder.boolValue, entries.isEmpty else { throw .folderNotEmpty(path: target) }
            guard rmdir(target) == 0 else { throw failure("replace the empty folder", target) }
        }
        let files = FileManager.default.enumerator(atPath: staging)?.compactMap { $0 as? String } ?? []
        for relative in files.sorted().reversed() { try sync(staging + "/" + relative) }
        try sync(staging)
        guard rename(staging, target) == 0 else { throw failure("rename \(staging) to", target) }
        try sync(URL(fileURLWithPath: target).deletingLastPathComponent().path)
    }
}
