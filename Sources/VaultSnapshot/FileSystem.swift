// FileSystem.swift: the POSIX calls of the snapshot writer and reader, with errno turned into
// `SnapshotError.io` naming the path.

import Foundation
import VaultFiles
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File operations that throw ``SnapshotError/io(path:operation:errno:)``.
enum FileSystem {
    static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }

    private static func fail(_ path: String, _ operation: String) -> SnapshotError {
        .io(path: path, operation: operation, errno: errno)
    }

    /// Whether `path` exists (as anything).
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Whether `path` is a directory (symbolic links are not followed).
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The size of the regular file at `path`; throws when it is missing or not a regular file.
    static func regularFileSize(_ path: String) throws -> Int {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw fail(path, "stat") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw SnapshotError.io(path: path, operation: "open (not a regular file)", errno: EINVAL) }
        return Int(info.st_size)
    }

    /// Reads the whole regular file at `path`, refusing files longer than `limit` bytes.
    /// The allocation is the file's real size, never a size read from a file.
    static func readFile(_ path: String, limit: Int = Int.max) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { throw fail(path, "open") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw fail(path, "fstat") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw SnapshotError.io(path: path, operation: "open (not a regular file)", errno: EINVAL) }
        let size = Int(info.st_size)
        guard size <= limit else { throw SnapshotError.io(path: path, operation: "read (file larger than \(limit) bytes)", errno: EFBIG) }
        var failure: SnapshotError?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var done = 0
            while done < size {
                let n = Glibc.read(fd, buffer.baseAddress! + done, size - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { failure = n < 0 ? fail(path, "read") : .io(path: path, operation: "read (file shrank)", errno: EIO); break }
                done += n
            }
            initialized = done
        }
        if let failure { throw failure }
        return bytes
    }

    /// Reads `count` bytes at `offset` of an open file into `destination`.
    static func read(_ fd: Int32, path: String, offset: Int, into destination: UnsafeMutableRawBufferPointer) throws {
        var done = 0
        while done < destination.count {
            let n = pread(fd, destination.baseAddress! + done, destination.count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw fail(path, "pread") }
            if n == 0 { throw SnapshotError.io(path: path, operation: "pread (file shrank)", errno: EIO) }
            done += n
        }
    }

    /// Creates `path` (which must not exist), lets `body` write it through `emit` (called once
    /// per piece, in order), then fsyncs and closes it.
    static func writeFile(_ path: String, _ body: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        Temporaries.waitIfInterrupted()
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fail(path, "open") }
        var closed = false
        defer { if !closed { close(fd) } }
        try body { part in
            var done = 0
            while done < part.count {
                let n = Glibc.write(fd, part.baseAddress! + done, part.count - done)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { throw fail(path, "write") }
                done += n
            }
        }
        guard fsync(fd) == 0 else { throw fail(path, "fsync") }
        closed = true
        guard close(fd) == 0 else { throw fail(path, "close") }
    }

    /// Creates `path` (which must not exist) holding `parts` one after the other, with as few
    /// `writev` calls as they allow, starts writing it back to disk (`sync_file_range` on Linux,
    /// so that the fsync of ``syncFile(_:)`` later mostly waits for I/O already done) and closes
    /// it without waiting.
    static func createFile(_ path: String, parts: [StoredBytes]) throws {
        Temporaries.waitIfInterrupted()
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fail(path, "open") }
        var closed = false
        defer { if !closed { close(fd) } }
        // Pointers into `parts` stay valid while `parts` is alive and not mutated (this scope).
        var pieces: [(UnsafeRawPointer, Int)] = []
        for part in parts where part.count > 0 {
            part.withUnsafeBytes { pieces.append((UnsafeRawPointer($0.baseAddress!), $0.count)) }
        }
        try withExtendedLifetime(parts) {
            var next = 0, skip = 0
            while next < pieces.count {
                let batch = min(pieces.count - next, 1024)
                var vectors = (0..<batch).map { k -> iovec in
                    let (base, count) = pieces[next + k]
                    let start = k == 0 ? skip : 0
                    return iovec(iov_base: UnsafeMutableRawPointer(mutating: base + start), iov_len: count - start)
                }
                let n = writev(fd, &vectors, Int32(batch))
                if n < 0 && errno == EINTR { continue }
                if n < 0 { throw fail(path, "writev") }
                // Advance past what was written (possibly part of a piece).
                var left = n
                while left > 0 {
                    let available = pieces[next].1 - skip
                    if left >= available { left -= available; next += 1; skip = 0 } else { skip += left; left = 0 }
                }
                while next < pieces.count && pieces[next].1 == skip { next += 1; skip = 0 }
            }
        }
        startWriteback(fd)
        closed = true
        guard close(fd) == 0 else { throw fail(path, "close") }
    }

    /// Asks the kernel to start writing the dirty pages of `fd` to disk now, without waiting
    /// (a hint: durability still comes from fsync; failures here are ignored and fsync reports them).
    private static func startWriteback(_ fd: Int32) {
        #if os(Linux)
        _ = syncFileRange?(fd, 0, 0, 2)  // SYNC_FILE_RANGE_WRITE
        #endif
    }

    #if os(Linux)
    /// glibc's `sync_file_range`, which the Glibc module hides behind `_GNU_SOURCE`: looked up
    /// once by name (nil if absent, and then writeback simply starts at fsync).
    private static let syncFileRange: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32)? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "sync_file_range") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32).self)
    }()
    #endif

    /// Flushes the file at `path` (written earlier and closed) to disk.
    static func syncFile(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { throw fail(path, "open") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw fail(path, "fsync") }
    }

    /// Opens `path` for reading.
    static func openForReading(_ path: String) throws -> Int32 {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { throw fail(path, "open") }
        return fd
    }

    /// Flushes a directory's entries to disk.
    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw fail(path, "open") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw fail(path, "fsync") }
    }

    static func makeDirectory(_ path: String) throws {
        Temporaries.waitIfInterrupted()
        guard mkdir(path, 0o755) == 0 else { throw fail(path, "mkdir") }
    }

    static func rename(_ from: String, to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw fail(from, "rename to \(to)") }
    }

    /// Hard-links `from` as `to`; returns false when the file system cannot (then copy instead).
    static func hardLink(_ from: String, to: String) -> Bool {
        link(from, to) == 0
    }

    /// Removes a file or a directory tree; a missing path is not an error.
    static func removeTree(_ path: String) throws {
        guard exists(path) else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw SnapshotError.io(path: path, operation: "remove", errno: EIO)
        }
    }

    /// The names in a directory (empty when it cannot be listed).
    static func listDirectory(_ path: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    }

    /// The folder that holds `path`, and the last component of `path`.
    static func split(_ path: String) -> (parent: String, name: String) {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return (".", trimmed) }
        let parent = String(trimmed[..<slash])
        return (parent.isEmpty ? "/" : parent, String(trimmed[trimmed.index(after: slash)...]))
    }
}
