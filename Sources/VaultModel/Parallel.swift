// Parallel.swift: running independent jobs on a few cores.

import Dispatch

/// Runs `body(j)` once for every `j` in `0..<count`, on at most `threads` cores; jobs are handed
/// out in order from a shared counter, so long and short jobs balance.
func concurrentEach(count: Int, threads: Int, _ body: (Int) -> Void) {
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
/// For the outer level of the loader's parallelism (the jobs of a batch's ``TaskGraph``):
/// libdispatch runs a `concurrentPerform` nested inside another one serially once the outer one
/// fills the cores, so a large table's partition jobs would get one core. Jobs started here are
/// not inside a `concurrentPerform`, and each table's own ``concurrentEach`` gets every core; the
/// system schedules the threads. A batch starts a thread or two: microseconds, once per batch.
func concurrentEachOnThreads(count: Int, threads: Int, _ body: (Int) -> Void) {
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
        precondition(status == 0, "cannot start a loader thread (pthread_create: \(status))")
    }

    func join() { pthread_join(thread, nil) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
