// OutputFile.swift: when vaultsim may replace a single file the user named.

/// Checks, before any work, that a file output (`ddl --out`, `--reject-file`) may be written:
/// it does not exist, or it is a regular file that vaultsim wrote (its content starts with the
/// output's own first line), or the user forced it. Everything else is refused, naming the path
/// and how to proceed. The file itself is then written atomically by its writer.
public enum OutputFile {
    /// Throws unless `path` may be (re)written; `signature` is the first line vaultsim writes there.
    public static func checkReplaceable(_ path: OutputPath, signature: String, force: Bool) throws(FileError) {
        switch Syscalls.kind(path.path) {
        case nil: return
        case .file?: break
        case .folder?: throw .refused(path: path.given, reason: "is a folder; name a file")
        case .other(let what)?: throw .refused(path: path.given, reason: "is \(what), not a regular file; choose another path")
        }
        if force { return }
        let head = Syscalls.readPrefix(path.path, count: signature.utf8.count)
        if head.starts(with: Array(signature.utf8)) { return }
        throw .refused(path: path.given, reason: "exists and was not written by vaultsim as this output; "
                       + "choose another path, or use --force to replace it")
    }
}
