// OutputFolder.swift: the one way vaultsim publishes a folder of files: whole, or not at all.

/// A folder output under construction, published whole by renaming:
///
/// ```
///  PARENT/.NAME.lock        held while this process writes NAME (its pid inside)
///  PARENT/.NAME.tmp-<pid>   the new folder being written (``staging``)
///  PARENT/NAME              the published folder: the old one until ``publish()``, then the new one
/// ```
///
/// ``publish()`` marks the new folder (``markerName``), flushes every file and folder in it, then
/// swaps it with the old one in one atomic rename (Linux `RENAME_EXCHANGE`; elsewhere the old one
/// is renamed to `.NAME.old-<pid>` first, and a reader or the next writer puts such a folder back
/// if it finds NAME missing), and removes the old one. A process killed at any moment leaves NAME
/// entirely old or entirely new; an interrupt (SIGINT, SIGTERM) removes the temporary at once, a
/// SIGKILL leaves it to the next writer of NAME, which removes the temporaries of dead processes.
///
/// Creating an `OutputFolder` refuses, before any work is done, to replace what vaultsim cannot
/// prove it wrote: a file, or a non-empty folder without this kind's marker (``OutputKind``),
/// unless `force` (a folder only); and a second writer of the same NAME while one is running.
public final class OutputFolder {
    /// The name of the marker file in every published folder.
    public static let markerName = ".vaultsim"

    /// Where the output goes.
    public let target: OutputPath
    public let kind: OutputKind
    /// The folder to write the new output into.
    public let staging: String
    private let lock: OutputLock
    private var done = false

    /// The steps of ``publish(stoppingAfter:)``, for tests that stop a publish as a kill would.
    public enum Step: CaseIterable, Sendable {
        case flushed
        case exchanged
    }

    /// Thrown by a publish stopped at a ``Step`` in tests: nothing is cleaned up.
    public struct Stopped: Error {}

    /// Locks `target`, removes what dead writers of it left, checks that it may be replaced, and
    /// creates an empty ``staging`` folder. Throws, having changed nothing the user had, when any
    /// of these fails.
    public init(_ target: OutputPath, kind: OutputKind, force: Bool = false) throws(FileError) {
        self.target = target
        self.kind = kind
        staging = target.parent + "/." + target.name + ".tmp-\(Syscalls.processID)"
        try Syscalls.makeFolders(target.parent)
        lock = try OutputLock(for: target)
        Temporaries.add(lock.path)
        do {
            try Self.recoverAndClean(target)
            try Self.checkReplaceable(target, kind: kind, force: force)
            try Syscalls.removeTree(staging)
            Temporaries.add(staging)
            try Syscalls.makeFolder(staging)
        } catch {
            Temporaries.remove(staging)
            Temporaries.remove(lock.path)
            lock.release()
            throw error
        }
    }

    /// Puts every top-level entry of the current target but `replaced` (and the marker) into
    /// ``staging`` as hard links (copies where the file system cannot link), for outputs that
    /// replace a part of a folder: the folder is still published whole, the rest unchanged.
    public func carryOver(except replaced: Set<String>) throws(FileError) {
        let path = target.path
        guard Syscalls.kind(path) == .folder else { return }
        var pending = Syscalls.list(path).filter { !replaced.contains($0) && $0 != Self.markerName }
        while let relative = pending.popLast() {
            let from = path + "/" + relative, to = staging + "/" + relative
            switch Syscalls.kind(from) {
            case .folder?:
                try Syscalls.makeFolder(to)
                pending += Syscalls.list(from).map { relative + "/" + $0 }
            case .file?:
                try Syscalls.linkOrCopy(from, to: to)
            default:
                continue  // only folders and regular files are vaultsim's
            }
        }
    }

    /// Marks, flushes and publishes ``staging`` as the target, then releases the lock.
    public func publish(stoppingAfter stop: Step? = nil) throws(FileError) {
        precondition(!done, "an output folder is published once")
        defer { finish() }
        do {
            if kind.marked { try Syscalls.writeNewFile(staging + "/" + Self.markerName, kind.marker) }
            try Syscalls.syncTree(staging)
            if stop == .flushed { throw Stopped() }
            let path = target.path
            if !Syscalls.exists(path) {
                try Syscalls.rename(staging, to: path)
                try Syscalls.sync(target.parent)
            } else if Syscalls.exchange(staging, path) {
                try Syscalls.sync(target.parent)
                if stop == .exchanged { throw Stopped() }
                try Syscalls.removeTree(staging)  // the old output, swapped into the temporary's name
            } else {
                let aside = target.parent + "/." + target.name + ".old-\(Syscalls.processID)"
                try Syscalls.removeTree(aside)
                try Syscalls.rename(path, to: aside)
                try Syscalls.rename(staging, to: path)
                try Syscalls.sync(target.parent)
                if stop == .exchanged { throw Stopped() }
                try Syscalls.removeTree(aside)
            }
        } catch is Stopped {
            abandonAsKilled()
            throw .refused(path: target.given, reason: "publish stopped for a test")
        } catch let error as FileError {
            abandon()
            throw error
        } catch {
            abandon()
            throw .refused(path: target.given, reason: "\(error)")
        }
    }

    /// Removes ``staging`` and releases the lock, leaving the target as it was.
    public func abandon() {
        guard !done else { return }
        try? Syscalls.removeTree(staging)
        finish()
    }

    /// Stops as a killed process would: leaves ``staging`` and the lock file, and frees the lock
    /// (for tests of what the next writer or reader finds).
    public func abandonAsKilled() {
        guard !done else { return }
        done = true
        Temporaries.remove(staging)
        Temporaries.remove(lock.path)
        lock.drop()
    }

    private func finish() {
        guard !done else { return }
        done = true
        Temporaries.remove(staging)
        Temporaries.remove(lock.path)
        lock.release()
    }

    deinit { abandon() }

    // MARK: - Before writing

    /// Puts back an output a fallback publish left aside (`.NAME.old-PID` while NAME is missing),
    /// then removes the temporaries of `target` that dead processes left.
    static func recoverAndClean(_ target: OutputPath) throws(FileError) {
        let prefix = "." + target.name + "."
        for entry in Syscalls.list(target.parent) where entry.hasPrefix(prefix) {
            let rest = entry.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"),
                  ["tmp", "old", "partial", "work"].contains(String(rest[..<dash])),
                  let pid = Int32(rest[rest.index(after: dash)...]), !Syscalls.isRunning(pid) else { continue }
            let path = target.parent + "/" + entry
            if rest.hasPrefix("old-") && !Syscalls.exists(target.path) {
                try Syscalls.rename(path, to: target.path)
                continue
            }
            try Syscalls.removeTree(path)
        }
    }

    /// Refuses to replace what is not a folder of `kind` that vaultsim wrote, unless `force`.
    static func checkReplaceable(_ target: OutputPath, kind: OutputKind, force: Bool) throws(FileError) {
        let path = target.path
        switch Syscalls.kind(path) {
        case nil: return
        case .folder?: break
        case .file?: throw .refused(path: target.given, reason: "exists and is a file, not a folder; choose another path")
        case .other(let what)?: throw .refused(path: target.given, reason: "exists and is \(what), not a folder; choose another path")
        }
        let entries = Syscalls.list(path)
        if entries.isEmpty || force { return }
        if entries.contains(markerName) {
            let marker = (try? Syscalls.readRegularFile(path + "/" + markerName, limit: 4096)) ?? []
            if marker == kind.marker { return }
            let text = String(decoding: marker, as: UTF8.self).trimmingSuffix()
            if text.hasPrefix("vaultsim ") {
                throw .refused(path: target.given, reason: "holds a vaultsim \(text.dropFirst(9)), not a \(kind.name); "
                               + "choose another path, or use --force to replace it")
            }
        }
        if !kind.formatFiles.isEmpty && kind.formatFiles.allSatisfy({ entries.contains($0) }) { return }
        throw .refused(path: target.given, reason: "exists and holds files vaultsim did not write as a \(kind.name) "
                       + "(no \(markerName) marker); choose another path, or use --force to replace the folder")
    }
}

extension String {
    func trimmingSuffix() -> String {
        var copy = self
        while let last = copy.last, last == "\n" || last == " " { copy.removeLast() }
        return copy
    }
}
