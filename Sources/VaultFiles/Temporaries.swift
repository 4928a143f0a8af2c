// Temporaries.swift: the temporaries and locks of this process, for removal on an interrupt.

import Dispatch
import VaultRuntime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary folders and files this process is writing and the lock files it holds.
///
/// ``removeAll()`` runs when SIGINT or SIGTERM arrives (see ``installInterruptHandler(cleanup:)``),
/// so an interrupted command leaves nothing behind; a process killed with SIGKILL leaves its
/// temporaries, which the next writer of the same output removes (it knows them by their name
/// and dead pid).
public enum Temporaries {
    private static let lock = PthreadMutex()
    nonisolated(unsafe) private static var paths: [String] = []
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    nonisolated(unsafe) private static var interrupted = false
    nonisolated(unsafe) private static var actions: [@Sendable () -> Void] = []

    /// Adds an action run first when an interrupt arrives (stopping a child process, say).
    public static func onInterrupt(_ action: @escaping @Sendable () -> Void) {
        lock.withLock { actions.append(action) }
    }

    /// Called before every file or folder the output writers create: once an interrupt is being
    /// handled, the calling thread waits here until the process exits, so that nothing new
    /// appears while the handler removes the temporaries.
    public static func waitIfInterrupted() {
        guard lock.withLock({ interrupted }) else { return }
        while true { sleep(1) }
    }

    /// Registers a temporary (removed on an interrupt until ``remove(_:)``).
    public static func add(_ path: String) { lock.withLock { paths.append(path) } }

    /// Unregisters a temporary that was renamed into place or removed.
    public static func remove(_ path: String) {
        lock.withLock { if let i = paths.lastIndex(of: path) { paths.remove(at: i) } }
    }

    /// The temporary name of a file written beside `path` and renamed over it when complete:
    /// `DIR/.NAME.tmp-<pid>` (hidden, never a name the user gave, one per process).
    public static func file(beside path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return folder + "." + name + ".tmp-\(Syscalls.processID)"
    }

    /// Removes every registered temporary and lock file (best effort).
    public static func removeAll(keepingRegistry: Bool = false) {
        let current = lock.withLock { () -> [String] in
            defer { if !keepingRegistry { paths.removeAll() } }
            return paths
        }
        for path in current.reversed() { try? Syscalls.removeTree(path) }
    }

    /// On SIGINT or SIGTERM: runs the ``onInterrupt(_:)`` actions, removes every registered
    /// temporary, says so on standard error and exits with 128 + the signal's number. Installed
    /// once per process: the one place that handles these signals, so one thread exits.
    public static func installInterruptHandler() {
        lock.withLock {
            guard sources.isEmpty else { return }
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    let pending = lock.withLock { () -> [@Sendable () -> Void] in
                        interrupted = true
                        return actions
                    }
                    for action in pending { action() }
                    removeAll(keepingRegistry: true)
                    // A create that passed its check just before the flag was set lands within
                    // moments: a second pass removes it.
                    usleep(100_000)
                    removeAll(keepingRegistry: true)
                    let text = Array("vaultsim: interrupted; partial output removed\n".utf8)
                    _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
                    exit(128 + number)
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}
