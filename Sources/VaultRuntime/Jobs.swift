// Jobs.swift: running independent jobs on a few cores: the one parallel-jobs helper of vaultsim.

import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body(j)` once for every `j` in `0..<count`, on at most `threads` cores; jobs are handed
/// out in order from a shared counter, so long and short jobs balance.
public func concurrentEach(count: Int, threads: Int, _ body: (Int) -> Void) {
    guard count > 1 && threads > 1 else {
        for j in 0..<count { body(j) }
        return
    }
    let next = AtomicCounter()
    withoutActuallyEscaping(body) { body in
        let box = UncheckedBox(body)
        DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
            while true {
                let j = next.increment()
                guard j < count else { return }
                box.value(j)
            }
        }
    }
}

/// Runs `body(j)` once for every `j` in `0..<count` on up to `threads` threads of its own (the
/// caller and `threads - 1` new ones), handing jobs out from a shared counter.
///
/// For an outer level of parallelism (the jobs of a batch's task graph): libdispatch runs a
/// `concurrentPerform` nested inside another one serially once the outer one fills the cores, so
/// an inner ``concurrentEach`` would get one core. Jobs started here are not inside a
/// `concurrentPerform`, and each job's own ``concurrentEach`` gets every core; the system
/// schedules the threads. A call starts a thread or two: microseconds.
public func concurrentEachOnThreads(count: Int, threads: Int, _ body: (Int) -> Void) {
    let workers = min(threads, count)
    guard workers > 1 else {
        for j in 0..<count { body(j) }
        return
    }
    let next = AtomicCounter()
    withoutActuallyEscaping(body) { body in
        let work = UncheckedBox { () -> Void in
            while true {
                let j = next.increment()
                guard j < count else { return }
                body(j)
            }
        }
        let helpers = (1..<workers).map { _ in WorkerThread(work.value) }
        work.value()
        for helper in helpers { helper.join() }
    }
}

/// Runs `body(chunk)` for chunks `0..<count` on at most `threads` cores and returns the results
/// in chunk order, so the output never depends on scheduling.
public func parallelMap<R>(chunks count: Int, threads: Int, _ body: (Int) -> R) -> [R] {
    if min(threads, count) <= 1 { return (0..<count).map(body) }
    let slots = ResultSlots<R>(count: count)
    concurrentEach(count: count, threads: threads) { slots.set($0, body($0)) }
    return slots.all
}

/// Splits `range` into consecutive pieces of about `size` elements (at least one piece).
public func pieces(of range: Range<Int>, size: Int) -> [Range<Int>] {
    let n = max(1, (range.count + size - 1) / size)
    return (0..<n).map { i in
        (range.lowerBound + range.count * i / n)..<(range.lowerBound + range.count * (i + 1) / n)
    }
}

/// Jobs that may fail and that keep per-worker scratch state.
public enum Parallel {
    /// Calls `body(worker, index)` once for every index in `0..<count`, on at most `threads`
    /// workers; `worker` is in `0..<threads` and identifies per-worker scratch state. Stops handing
    /// out jobs after a failure and rethrows the error of the lowest failing index (so the error,
    /// too, does not depend on scheduling).
    public static func forEach(count: Int, threads: Int, _ body: @escaping @Sendable (Int, Int) throws -> Void) throws {
        let workers = max(1, min(threads, count))
        let state = FailureState()
        let work: @Sendable (Int) -> Void = { worker in
            while let index = state.next(limit: count) {
                do { try body(worker, index) } catch { state.fail(index, error) }
            }
        }
        if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
        if let error = state.firstError { throw error }
    }

    private final class FailureState: @unchecked Sendable {
        private let lock = PthreadMutex()
        private var nextIndex = 0
        private var failure: (index: Int, error: any Error)?

        func next(limit: Int) -> Int? {
            lock.withLock {
                guard nextIndex < limit, failure == nil else { return nil }
                nextIndex += 1
                return nextIndex - 1
            }
        }

        func fail(_ index: Int, _ error: any Error) {
            lock.withLock { if failure == nil || index < failure!.index { failure = (index, error) } }
        }

        var firstError: (any Error)? { lock.withLock { failure?.error } }
    }
}

/// A POSIX thread running one closure, joined by its creator.
private final class WorkerThread {
    private var thread = pthread_t()
    private let body: UncheckedBox<() -> Void>

    init(_ body: @escaping () -> Void) {
        self.body = UncheckedBox(body)
        let context = Unmanaged.passRetained(self).toOpaque()
        let status = pthread_create(&thread, nil, { context in
            let worker = Unmanaged<WorkerThread>.fromOpaque(context!).takeRetainedValue()
            worker.body.value()
            return nil
        }, context)
        precondition(status == 0, "cannot start a worker thread (pthread_create: \(status))")
    }

    func join() { pthread_join(thread, nil) }
}
