// ResultSlots.swift: results of concurrent jobs, one slot per job, read in job order.

/// Fixed slots written by concurrent jobs, each slot by exactly one job, so that what is
/// produced never depends on which worker ran a job or when: results are read in job order.
public final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = PthreadMutex()

    public init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Stores job `i`'s result.
    public func set(_ i: Int, _ value: T) { lock.withLock { slots[i] = value } }

    /// Job `i`'s result; traps if the job left its slot empty (a programming error).
    public func get(_ i: Int) -> T { lock.withLock { slots[i]! } }

    /// Job `i`'s result, or nil while it has none.
    public subscript(i: Int) -> T? {
        get { lock.withLock { slots[i] } }
        set { lock.withLock { slots[i] = newValue } }
    }

    /// Removes and returns job `i`'s result; traps if it is empty (a programming error).
    public func take(_ i: Int) -> T {
        lock.withLock {
            let value = slots[i]!
            slots[i] = nil
            return value
        }
    }

    /// Every result in job order; traps if a job left its slot empty (a programming error).
    public var all: [T] { lock.withLock { slots.map { $0! } } }
}

/// One countdown per group of jobs, so the job that finishes a group last can act on it.
public final class CountdownLatches: @unchecked Sendable {
    private var remaining: [Int]
    private let lock = PthreadMutex()

    public init(_ counts: [Int]) { remaining = counts }

    /// Counts one job of `group` done; returns true for the last one.
    public func countDown(_ group: Int) -> Bool {
        lock.withLock {
            remaining[group] -= 1
            return remaining[group] == 0
        }
    }
}
