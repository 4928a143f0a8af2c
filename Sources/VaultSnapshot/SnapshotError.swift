// SnapshotError.swift: every failure of saving, restoring and verifying snapshots.

import VaultFiles

/// An error while saving, restoring, verifying or describing a snapshot.
///
/// Data errors name the file (relative to the snapshot folder) and, where there is one, the byte
/// offset concerned, e.g. `hub_customer/hub_customer_hk.col: checksum mismatch in chunk 3 at offset 81920`.
public enum SnapshotError: Error, Equatable, CustomStringConvertible {
    /// A file is damaged or malformed: `reason` at byte `offset` of `file`.
    case corrupt(file: String, offset: Int, reason: String)
    /// The stored bytes of chunk `chunk` of `file`, at `offset`, do not match their checksum.
    case checksumMismatch(file: String, chunk: Int, offset: Int)
    /// A file was written by a format version this reader does not know.
    case unsupportedVersion(file: String, offset: Int, version: Int)
    /// A table, column or file name would leave the snapshot folder or clash with its files.
    case unsafeName(String)
    /// There is no snapshot in `directory` (nor a consistent one left aside by an interrupted save).
    case missingSnapshot(directory: String)
    /// A system call failed on `path` with `errno`.
    case io(path: String, operation: String, errno: Int32)
    /// libzstd failed to compress chunk `chunk` of `file` (it should not: an environment error).
    case compressionFailed(file: String, chunk: Int, reason: String)
    /// The snapshot folder cannot be written (not ours to replace, locked by another save, a bad path).
    case output(FileError)
    /// An argument of the call is invalid (a level, a thread count, tables that cannot be saved).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .corrupt(file, offset, reason):
            return "\(file): \(reason) at offset \(offset)"
        case let .checksumMismatch(file, chunk, offset):
            return "\(file): checksum mismatch in chunk \(chunk) at offset \(offset)"
        case let .unsupportedVersion(file, offset, version):
            return "\(file): unsupported format version \(version) at offset \(offset)"
        case let .unsafeName(name):
            return "unsafe name '\(name)': names must be non-empty, must not start with '.', and must not contain '/'"
        case let .missingSnapshot(directory):
            return "\(directory): no snapshot (no manifest.json)"
        case let .io(path, operation, code):
            return "\(path): \(operation) failed: \(FileSystem.errorText(code)) (errno \(code))"
        case let .compressionFailed(file, chunk, reason):
            return "\(file): compressing chunk \(chunk) failed: \(reason)"
        case let .output(error):
            return error.description
        case let .invalidArgument(what):
            return "invalid argument: \(what)"
        }
    }
}
