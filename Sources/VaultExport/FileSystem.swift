// FileSystem.swift: every C file-system call of VaultExport, turned into typed errors here.

import VaultFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure of a file operation or of the data being exported; the message names the path.
public enum ExportError: Error, Equatable, CustomStringConvertible {
    /// `operation` on `path` failed with `errno` (its text in `reason`).
    case io(operation: String, path: String, errno: Int32, reason: String)
    /// The output folder cannot be used (not a folder, not writable).
    case invalidFolder(path: String, reason: String)

    public var description: String {
        switch self {
        case .io(let operation, let path, _, let reason): return "cannot \(operation) \(path): \(reason)"
        case .invalidFolder(let path, let reason): return "output folder \(path) \(reason)"
        }
    }
}

/// Thin wrappers over POSIX calls: each retries on EINTR and throws ``ExportError`` otherwise.
/// Package-visible so that every exporter (CSV, Parquet) shares this one file-system boundary.
package enum FileSystem {
    static func error(_ operation: String, _ path: String) -> ExportError {
        let code = errno
        return .io(operation: operation, path: path, errno: code, reason: String(cString: strerror(code)))
    }

    /// Opens `path` for writing, creating or truncating it (mode 0644).
    package static func create(_ path: String) throws(ExportError) -> Int32 {
        Temporaries.waitIfInterrupted()
        while true {
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            if fd >= 0 { return fd }
            if errno != EINTR { throw error("create", path) }
        }
    }

    /// Writes all of `bytes` to `fd`.
    package static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(ExportError) {
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            #else
            let n = Darwin.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                throw error("write", path)
            }
            offset += n
        }
    }

    package static func close(_ fd: Int32, path: String) throws(ExportError) {
        #if canImport(Glibc)
        let result = Glibc.close(fd)
        #else
        let result = Darwin.close(fd)
        #endif
        if result != 0 && errno != EINTR { throw error("close", path) }
    }

    /// Flushes `fd`'s data to the device (`fsync`), so a rename after it never exposes a file
    /// whose bytes are still only in the page cache.
    package static func sync(_ fd: Int32, path: String) throws(ExportError) {
        while fsync(fd) != 0 {
            if errno != EINTR { throw error("sync", path) }
        }
    }

    /// Atomically replaces `to` with `from`.
    package static func rename(_ from: String, _ to: String) throws(ExportError) {
        #if canImport(Glibc)
        let result = Glibc.rename(from, to)
        #else
        let result = Darwin.rename(from, to)
        #endif
        if result != 0 { throw error("rename \(from) to", to) }
    }

    /// Removes a file, ignoring errors (cleanup after a failure).
    package static func removeQuietly(_ path: String) {
        _ = unlink(path)
    }

    /// Creates `path` and its missing parents (mode 0755); fine when it exists as a writable folder.
    package static func makeFolders(_ path: String) throws(ExportError) {
        do { try Syscalls.makeFolders(path) } catch {
            switch error {
            case .io(let operation, let failed, let code):
                throw .io(operation: operation, path: failed, errno: code, reason: Syscalls.errorText(code))
            case .refused(_, let reason): throw .invalidFolder(path: path, reason: reason)
            }
        }
        guard access(path, W_OK) == 0 else { throw .invalidFolder(path: path, reason: "is not writable") }
    }
}
