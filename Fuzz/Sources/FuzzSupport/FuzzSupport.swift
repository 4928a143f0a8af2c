// FuzzSupport.swift: what every harness shares: its work folder, files, seeds, checksums, zstd.

import FuzzC
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Environment, files and folders for the harnesses. Everything here is plain POSIX, so that a
/// harness spends its time in the reader under test.
public enum Fuzz {
    /// Runs libFuzzer's driver with the program's arguments and `body` as the test function.
    public static func runDriver(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
                                 _ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
        var count = argc
        var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
        return LLVMFuzzerRunDriver(&count, &arguments, body)
    }

    /// The fuzzer's input as bytes.
    public static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The value of environment variable `name`, or nil when unset or empty.
    public static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    /// The value of environment variable `name`; stops the process with a message when unset.
    public static func required(_ name: String, _ what: String) -> String {
        guard let value = environment(name) else { fail("set \(name) to \(what)") }
        return value
    }

    /// Prints `message` on stderr and exits with status 2 (a setup error, not a finding).
    public static func fail(_ message: String) -> Never {
        printError("fuzz harness: \(message)")
        exit(2)
    }

    /// Writes `line` and a newline to standard error.
    public static func printError(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }

    /// A fresh folder for this process (`$VAULTSIM_FUZZ_WORK`, else /dev/shm, else /tmp), removed
    /// when the process exits normally.
    public static func workFolder(_ name: String) -> String {
        let base = environment("VAULTSIM_FUZZ_WORK") ?? (isFolder("/dev/shm") ? "/dev/shm" : "/tmp")
        let path = "\(base)/vaultsim-fuzz-\(name)-\(getpid())"
        removeTree(path)
        makeFolders(path)
        workFolders.append(path)
        if !cleanupRegistered {
            cleanupRegistered = true
            atexit { for folder in Fuzz.workFolders { Fuzz.removeTree(folder) } }
        }
        return path
    }

    nonisolated(unsafe) static var workFolders: [String] = []
    nonisolated(unsafe) static var cleanupRegistered = false

    /// When `VAULTSIM_FUZZ_WRITE_SEEDS` names a folder, writes `seeds()` there (one file each) and
    /// exits; otherwise returns. Harnesses whose inputs start with selector bytes write their own
    /// seed corpus this way, so that the selectors match the template they were made from.
    public static func writeSeedsIfRequested(_ seeds: () -> [[UInt8]]) {
        guard let folder = environment("VAULTSIM_FUZZ_WRITE_SEEDS") else { return }
        makeFolders(folder)
        let list = seeds()
        for (i, seed) in list.enumerated() {
            let name = String(i)
            writeFile(folder + "/seed-" + String(repeating: "0", count: max(0, 4 - name.count)) + name, seed)
        }
        printError("fuzz harness: wrote \(list.count) seeds to \(folder)")
        // _exit: leak checking at exit would count what this call's frames still hold.
        for work in workFolders { removeTree(work) }
        _exit(0)
    }

    // MARK: Files

    public static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    public static func isFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Creates `path` and its parents (no error when they exist).
    public static func makeFolders(_ path: String) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            _ = mkdir(prefix, 0o755)
        }
    }

    /// Creates the folder that holds `path` and its parents.
    public static func makeParentFolders(of path: String) {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return }
        makeFolders(String(path[..<slash]))
    }

    /// The whole file at `path`; stops the process when it cannot be read.
    public static func readFile(_ path: String) -> [UInt8] {
        guard let file = fopen(path, "rb") else { fail("cannot read \(path)") }
        defer { fclose(file) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n == 0 { break }
            result += chunk[0..<n]
        }
        return result
    }

    /// Replaces the file at `path` with `bytes`; stops the process on failure.
    public static func writeFile(_ path: String, _ bytes: [UInt8]) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { fail("cannot write \(path)") }
        defer { close(fd) }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
            guard n > 0 else { fail("cannot write \(path)") }
            done += n
        }
    }

    /// The entries of a folder (no `.` and `..`), sorted; empty when it cannot be read.
    public static func list(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        // Read the name in place up to its NUL: a dirent is only as long as its name needs, so
        // copying the whole d_name array may read past the buffer readdir filled.
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let entry = readdir(dir) {
            let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Every regular file under `root`, as paths relative to it, sorted.
    public static func filesUnder(_ root: String, _ prefix: String = "") -> [String] {
        var result: [String] = []
        for name in list(prefix.isEmpty ? root : root + "/" + prefix) {
            let relative = prefix.isEmpty ? name : prefix + "/" + name
            let path = root + "/" + relative
            if isFolder(path) { result += filesUnder(root, relative) } else if isFile(path) { result.append(relative) }
        }
        return result
    }

    /// Removes `path` and everything under it (quietly; symbolic links are removed, not followed).
    public static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            for name in list(path) { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    // MARK: Checksums, zstd, little-endian fields

    /// XXH64 with seed 0, as snapshots and source manifests use it.
    public static func xxh64(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBytes { UInt64(XXH64($0.baseAddress, $0.count, 0)) }
    }

    /// `value` as 16 lowercase hex digits.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The content of one zstd frame of `size` bytes, or nil when it does not decompress to that.
    public static func zstdDecompress(_ frame: ArraySlice<UInt8>, size: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: size)
        let n = out.withUnsafeMutableBytes { o in
            frame.withUnsafeBytes { f in ZSTD_decompress(o.baseAddress, o.count, f.baseAddress, f.count) }
        }
        guard ZSTD_isError(n) == 0, n == size else { return nil }
        return out
    }

    public static func u64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        var value: UInt64 = 0
        for i in (0..<8).reversed() { value = value << 8 | UInt64(bytes[at + i]) }
        return value
    }

    public static func setU64(_ bytes: inout [UInt8], _ at: Int, _ value: UInt64) {
        for i in 0..<8 { bytes[at + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
    }
}
