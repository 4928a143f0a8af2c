// OutputPath.swift: an output path checked and split into its folder and name before any work.

/// A file or folder a command will write, validated before the command does its work: never
/// empty, never the root, the current folder or a folder that holds it, and always split into
/// an absolute parent folder (symbolic links resolved) and a plain name, so that a temporary
/// beside it (`PARENT/.NAME.tmp-PID`) and the final rename are always well defined.
///
/// `.`, `./`, `s`, `a/b/`, `../x` and `/abs/path` are all accepted as written; `.` and `..` as
/// the last component name the folder they resolve to (which must then exist).
public struct OutputPath: Sendable, Equatable, CustomStringConvertible {
    /// The path as given (for messages).
    public let given: String
    /// The absolute folder that holds the output (it may not exist yet).
    public let parent: String
    /// The output's name in ``parent``: never empty, `.` or `..`, and without `/`.
    public let name: String

    /// The absolute path of the output.
    public var path: String { parent == "/" ? "/" + name : parent + "/" + name }

    public var description: String { given }

    /// Checks and splits `given`.
    public init(_ given: String) throws(FileError) {
        self.given = given
        guard !given.isEmpty else { throw .refused(path: given, reason: "is empty: name a file or folder") }
        var trimmed = Substring(given)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        let slash = trimmed.lastIndex(of: "/")
        var last = String(slash.map { trimmed[trimmed.index(after: $0)...] } ?? trimmed)
        var parentPart = slash.map { $0 == trimmed.startIndex ? "/" : String(trimmed[..<$0]) } ?? "."
        if trimmed == "/" || last == "." || last == ".." {
            guard let resolved = Syscalls.realPath(String(trimmed)) else {
                throw .refused(path: given, reason: "does not exist")
            }
            guard resolved != "/" else { throw .refused(path: given, reason: "is the root folder; name a folder below it") }
            let cut = resolved.lastIndex(of: "/")!
            last = String(resolved[resolved.index(after: cut)...])
            parentPart = cut == resolved.startIndex ? "/" : String(resolved[..<cut])
        }
        parent = Self.absolute(parentPart)
        name = last
        if let target = Syscalls.realPath(path), Syscalls.kind(path) == .folder {
            let cwd = Syscalls.currentFolder()
            if cwd == target || cwd.hasPrefix(target == "/" ? "/" : target + "/") {
                throw .refused(path: given, reason: "is the current folder, or holds it; name a new folder beside or below it")
            }
        }
    }

    /// `path` made absolute: its existing part with symbolic links resolved, the rest appended
    /// with `.` and `..` applied lexically.
    static func absolute(_ path: String) -> String {
        if let resolved = Syscalls.realPath(path) { return resolved }
        var parts: [Substring] = []
        let start = path.hasPrefix("/") ? "" : Syscalls.currentFolder()
        for part in (start + "/" + path).split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        // The longest existing prefix, resolved, then the rest as written.
        var split = parts.count
        while split > 0, Syscalls.realPath("/" + parts[..<split].joined(separator: "/")) == nil { split -= 1 }
        let head = split == 0 ? "/" : Syscalls.realPath("/" + parts[..<split].joined(separator: "/"))!
        let tail = parts[split...].joined(separator: "/")
        if tail.isEmpty { return head }
        return head == "/" ? "/" + tail : head + "/" + tail
    }
}
