// FileError.swift: the one error type of vaultsim's file outputs and input-file reads.

/// A failed file operation, or a path vaultsim refuses to use; the message names the path.
public enum FileError: Error, Equatable, CustomStringConvertible {
    /// `operation` on `path` failed with `errno`.
    case io(operation: String, path: String, errno: Int32)
    /// `path` cannot be used as asked; `reason` says why and how to proceed.
    case refused(path: String, reason: String)

    public var description: String {
        switch self {
        case .io(let operation, let path, let code): return "cannot \(operation) \(path): \(Syscalls.errorText(code))"
        case .refused(let path, let reason): return "\(path.isEmpty ? "''" : path) \(reason)"
        }
    }
}
