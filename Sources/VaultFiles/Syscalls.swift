// Syscalls.swift: every C file-system call of VaultFiles, each failure turned into a FileError.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over POSIX calls: each retries on EINTR where that applies and throws
/// ``FileError/io(operation:path:errno:)`` naming the path otherwise.
package enum Syscalls {
    package static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }

    static func fail(_ operation: String, _ path: String) -> FileError {
        .io(operation: operation, path: path, errno: errno)
    }

    /// What `path` is, without following a final symbolic link (nil when it does not exist).
    package enum Kind: Equatable { case file, folder, other(String) }

    package static func kind(_ path: String) -> Kind? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFIFO: return .other("a FIFO")
        case S_IFLNK: return .other("a symbolic link")
        case S_IFSOCK: return .other("a socket")
        case S_IFCHR, S_IFBLK: return .other("a device")
        default: return .other("not a regular file")
        }
    }

    /// Whether `path` is a folder, following symbolic links.
    package static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    package static func exists(_ path: String) -> Bool { kind(path) != nil }

    /// The absolute path with every symbolic link resolved (nil when it does not exist).
    package static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The current working folder.
    package static func currentFolder() -> String {
        guard let cwd = getcwd(nil, 0) else { return "/" }
        defer { free(cwd) }
        return String(cString: cwd)
    }

    /// Creates `path` and its missing parents (mode 0755); fine when it exists as a folder.
    package static func makeFolders(_ path: String) throws(FileError) {
        Temporaries.waitIfInterrupted()
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { throw fail("create the folder", prefix) }
            prefix += "/"
        }
        guard isFolder(path) else { throw .refused(path: path, reason: "exists and is not a folder") }
    }

    package static func makeFolder(_ path: String) throws(FileError) {
        Temporaries.waitIfInterrupted()
        guard mkdir(path, 0o755) == 0 else { throw fail("create the folder", path) }
    }

    /// The names in a folder, sorted (empty when it cannot be listed).
    package static func list(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        // A dirent is only as long as its name needs: read the name in place up to its NUL,
        // never copy the whole d_name array (its end may lie past the buffer readdir filled).
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let entry = readdir(dir) {
            let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Removes a file or a folder tree (symbolic links are removed, never followed); a missing
    /// path is not an error. Iterative: no depth of tree can exhaust the stack.
    package static func removeTree(_ path: String) throws(FileError) {
        var pending = [path]
        var folders: [String] = []
        while let next = pending.popLast() {
            switch kind(next) {
            case nil: continue
            case .folder?:
                folders.append(next)
                pending += list(next).map { next + "/" + $0 }
            default:
                guard unlink(next) == 0 || errno == ENOENT else { throw fail("remove", next) }
            }
        }
        for folder in folders.reversed() {
            guard rmdir(folder) == 0 || errno == ENOENT else { throw fail("remove", folder) }
        }
    }

    /// Renames `from` to `to` (replacing a file or an empty folder at `to`).
    package static func rename(_ from: String, to: String) throws(FileError) {
        #if canImport(Glibc)
        let result = Glibc.rename(from, to)
        #else
        let result = Darwin.rename(from, to)
        #endif
        guard result == 0 else { throw fail("rename \(from) to", to) }
    }

    /// Swaps `a` and `b` atomically (Linux `renameat2(RENAME_EXCHANGE)`); false when the kernel
    /// or the file system cannot, and then nothing was changed.
    package static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        guard let renameat2 = renameat2Function else { return false }
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, 2) == 0  // RENAME_EXCHANGE
        #else
        return false
        #endif
    }

    #if os(Linux)
    /// glibc's `renameat2`, which the Glibc module hides behind `_GNU_SOURCE`: looked up once by name.
    private static let renameat2Function:
        (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32)? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to:
            (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32).self)
    }()
    #endif

    /// Flushes a file's or a folder's data and entries to disk.
    package static func sync(_ path: String) throws(FileError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { throw fail("open", path) }
        defer { close(fd) }
        while fsync(fd) != 0 {
            // Some file systems cannot fsync a folder: its entries are then as durable as they get.
            if errno == EINVAL { return }
            if errno != EINTR { throw fail("flush", path) }
        }
    }

    /// Flushes every file and folder under `root` (deepest first), then `root` itself.
    package static func syncTree(_ root: String) throws(FileError) {
        var pending = [root]
        var order: [String] = []
        while let next = pending.popLast() {
            order.append(next)
            if kind(next) == .folder { pending += list(next).map { next + "/" + $0 } }
        }
        for path in order.reversed() { try sync(path) }
    }

    /// Writes `bytes` to a new file `path` (failing if it exists) and flushes it.
    package static func writeNewFile(_ path: String, _ bytes: [UInt8]) throws(FileError) {
        Temporaries.waitIfInterrupted()
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fail("create", path) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 { if errno == EINTR { continue }; throw fail("write", path) }
            offset += n
        }
        while fsync(fd) != 0 { if errno != EINTR { throw fail("flush", path) } }
    }

    /// Hard-links the regular file `from` as `to`, or copies it where the file system cannot link.
    package static func linkOrCopy(_ from: String, to: String) throws(FileError) {
        Temporaries.waitIfInterrupted()
        if link(from, to) == 0 { return }
        let bytes = try readRegularFile(from, limit: Int.max)
        try writeNewFile(to, bytes)
    }

    /// Reads the regular file at `path` whole, refusing anything else (a FIFO would block, a
    /// folder has no bytes) and files larger than `limit` bytes.
    package static func readRegularFile(_ path: String, limit: Int) throws(FileError) -> [UInt8] {
        switch kind(path) {
        case nil: throw .refused(path: path, reason: "does not exist")
        case .folder?: throw .refused(path: path, reason: "is a folder, not a file")
        case .other(let what)? where what != "a symbolic link": throw .refused(path: path, reason: "is \(what), not a regular file")
        default: break
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw fail("open", path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw fail("read", path) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .refused(path: path, reason: "is not a regular file") }
        let size = Int(info.st_size)
        guard size <= limit else { throw .refused(path: path, reason: "is \(size) bytes, more than the \(limit) this reader accepts") }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, size - done) }
            if n < 0 { if errno == EINTR { continue }; throw fail("read", path) }
            if n == 0 { break }
            done += n
        }
        return Array(bytes.prefix(done))
    }

    /// The first `count` bytes of a regular file (fewer when it is shorter; empty when unreadable).
    package static func readPrefix(_ path: String, count: Int) -> [UInt8] {
        guard kind(path) == .file else { return [] }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, 0) }
        return n > 0 ? Array(bytes.prefix(n)) : []
    }

    /// Whether process `pid` is running (a process of another user counts as running).
    package static func isRunning(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    package static var processID: Int32 { getpid() }
}
