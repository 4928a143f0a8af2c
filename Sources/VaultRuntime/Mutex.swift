// Mutex.swift: the one mutex of vaultsim's coordination code (never taken per row).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pthread mutex for coarse-grained coordination: job counters, result slots, registries.
public final class PthreadMutex: @unchecked Sendable {
    // Allocated once: a pthread mutex must not move in memory.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    public init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` holding the mutex.
    public func withLock<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}

/// A counter shared by concurrent workers.
public final class AtomicCounter: @unchecked Sendable {
    private var value = 0
    private let lock = PthreadMutex()

    public init() {}

    /// Returns the current value and adds one.
    public func increment() -> Int { lock.withLock { defer { value += 1 }; return value } }
}

/// Lets a value that is not `Sendable` (a closure, a buffer) cross into concurrent jobs that use
/// it without racing: each job touches its own part, or only reads.
public struct UncheckedBox<T>: @unchecked Sendable {
    public let value: T
    @inlinable public init(_ value: T) { self.value = value }
}
