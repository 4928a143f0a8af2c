// FixtureFiles.swift: the file-system calls of VaultFixtures: durable text files (folders are
// published whole through VaultFiles' OutputFolder).

import Foundation
import VaultFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure writing fixtures; the message names the path.
public enum FixtureError: Error, Equatable, CustomStringConvertible {
    case io(path: String, operation: String, reason: String)
    /// The target cannot be written (not vaultsim's to replace, being written, a bad path).
    case output(FileError)
    /// The options ask for something the fixture cannot express.
    case unsupported(String)

    public var description: String {
        switch self {
        case .io(let path, let operation, let reason): return "cannot \(operation) \(path): \(reason)"
        case .output(let error): return error.description
        case .unsupported(let what): return what
        }
    }
}

/// Durable file and folder operations.
enum FixtureFiles {
    static func failure(_ operation: String, _ path: String) -> FixtureError {
        .io(path: path, operation: operation, reason: String(cString: strerror(errno)))
    }

    /// Writes `text` to `path`: to `.NAME.tmp-<pid>` beside it first, fsynced, then renamed over `path`.
    static func writeText(_ text: String, to path: String) throws(FixtureError) {
        Temporaries.waitIfInterrupted()
        let temporary = Temporaries.file(beside: path)
        Temporaries.add(temporary)
        defer { Temporaries.remove(temporary) }
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
}
