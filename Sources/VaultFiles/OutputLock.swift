// OutputLock.swift: one writer at a time per output path, across processes.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on an output, held in `PARENT/.NAME.lock` (which holds the owner's pid).
///
/// The lock is a `flock` on that file, so the kernel releases it when its owner dies however it
/// dies; a second writer fails at once, naming the owner. The file is removed on release; a
/// writer that opened the file just before its removal notices (the path no longer names the
/// file it locked) and tries again.
final class OutputLock {
    let path: String
    private var fd: Int32

    /// Takes the lock of `output` or throws, naming the process that holds it.
    init(for output: OutputPath) throws(FileError) {
        path = output.parent + "/." + output.name + ".lock"
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard fd >= 0 else { throw Syscalls.fail("create the lock file", path) }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                let owner = Self.owner(fd)
                close(fd)
                guard code == EWOULDBLOCK else { throw .io(operation: "lock", path: path, errno: code) }
                throw .refused(path: output.given, reason: "is being written by another vaultsim"
                               + (owner.map { " (process \($0))" } ?? "") + "; wait for it to finish or choose another path")
            }
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0, stat(path, &named) == 0, held.st_ino == named.st_ino, held.st_dev == named.st_dev {
                let pid = Array("\(getpid())\n".utf8)
                _ = ftruncate(fd, 0)
                _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
                self.fd = fd
                return
            }
            close(fd)  // removed by its previous owner after we opened it: take the new one
        }
    }

    /// The pid written in a lock file.
    private static func owner(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 16)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        return Int32(String(decoding: buffer.prefix(n), as: UTF8.self).filter(\.isNumber))
    }

    /// Removes the lock file and releases the lock.
    func release() {
        guard fd >= 0 else { return }
        unlink(path)
        close(fd)
        fd = -1
    }

    /// Releases the lock without removing its file, as a killed process would (for tests).
    func drop() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
    }

    deinit { release() }
}
