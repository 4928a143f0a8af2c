// SourceFolderReader+Files.swift: the file-system reads of the source folder reader, via Foundation.

internal import Foundation
import VaultFiles

/// Files and folders for ``SourceFolderReader``: existence checks, listings, whole-file reads
/// (memory-mapped), each failure turned into a ``CSVReadError`` naming the file.
enum SourceFiles {
    static func exists(_ path: String) -> Bool { Syscalls.exists(path) }

    static func isFolder(_ path: String) -> Bool { Syscalls.isFolder(path) }

    /// The names in a folder, sorted; empty when it cannot be listed.
    static func list(_ path: String) -> [String] { Syscalls.list(path) }

    /// The file's bytes, memory-mapped (the pages are read as the parser reaches them). Anything
    /// but a regular file is refused by what it is (a FIFO would block, a folder has no bytes).
    static func mapped(_ path: String, name: String) throws(CSVReadError) -> Data {
        switch Syscalls.kind(path) {
        case .folder?: throw CSVReadError(.io, file: name, message: "is a folder, not a file")
        case .other(let what)? where what != "a symbolic link":
            throw CSVReadError(.io, file: name, message: "is \(what), not a regular file")
        default: break
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw CSVReadError(.io, file: name, message: "cannot be read: \(reason(error))")
        }
    }

    /// The file's bytes, copied.
    static func contents(of path: String, name: String) throws(CSVReadError) -> [UInt8] {
        [UInt8](try mapped(path, name: name))
    }

    private static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        // Foundation's own codes, in words (its messages name its error domain and code).
        switch ns.code {
        case NSFileReadNoSuchFileError: return "no such file"
        case NSFileReadNoPermissionError: return "permission denied"
        case NSFileReadTooLargeError: return "too large to read"
        default: return "read failed"
        }
    }
}
