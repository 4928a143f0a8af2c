// Parallel.swift: running chunk jobs on a fixed number of worker threads.

import Dispatch
import Foundation

/// Runs indexed jobs on `threads` workers that pull the next index from a shared counter.
///
/// Results go to slots indexed by job, so what is produced never depends on which worker ran a
/// job or in which order: the output bytes of a save do not depend on the thread count.
enum Parallel {
    /// Calls `body(worker, index)` once for every index in `0..<count`, on at most `threads`
    /// workers; `worker` is in `0..<threads` and identifies per-worker scratch state. Rethrows
    /// the error of the lowest failing index (so the error, too, does not depend on scheduling).
    static func forEach(count: Int, threads: Int, _ body: @escaping @Sendable (Int, Int) throws -> Void) throws {
        let workers = max(1, min(threads, count))
        let state = SharedState()
        let work: @Sendable (Int) -> Void = { worker in
            while let index = state.next(limit: count) {
                do { try body(worker, index) } catch { state.fail(index, error) }
            }
        }
        if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
        if let error = state.firstError { throw error }
    }

    private final class SharedState: @unchecked Sendable {
        private let lock = NSLock()
        private var nextIndex = 0
        private var failure: (index: Int, error: Error)?

        func next(limit: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard nextIndex < limit, failure == nil else { return nil }
            nextIndex += 1
            return nextIndex - 1
        }

        func fail(_ index: Int, _ error: Error) {
            lock.lock()
            defer { lock.unlock() }
            if failure == nil || index < failure!.index { failure = (index, error) }
        }

        var firstError: Error? {
            lock.lock()
            defer { lock.unlock() }
            return failure?.error
        }
    }
}

/// Slots written by parallel jobs, each slot by exactly one job, read after all jobs finished.
final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    subscript(index: Int) -> T? {
        get { lock.lock(); defer { lock.unlock() }; return slots[index] }
        set { lock.lock(); defer { lock.unlock() }; slots[index] = newValue }
    }

    /// Removes and returns the result in `index`; traps if it is empty (a programming error).
    func take(_ index: Int) -> T {
        lock.lock()
        defer { lock.unlock() }
        let value = slots[index]!
        slots[index] = nil
        return value
    }

    /// The results in job order; traps if a job left its slot empty (a programming error).
    var all: [T] { slots.map { $0! } }
}

/// One countdown per group of jobs, so the job that finishes a group last can act on it.
final class CountdownLatches: @unchecked Sendable {
    private var remaining: [Int]
    private let lock = NSLock()

    init(_ counts: [Int]) { remaining = counts }

    /// Counts one job of `group` done; returns true for the last one.
    func countDown(_ group: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        remaining[group] -= 1
        return remaining[group] == 0
    }
}
