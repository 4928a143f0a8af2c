// TaskGraph.swift: jobs that wait for other jobs, run on a few threads without phase barriers.

#if canImport(Glibc)
import VaultRuntime
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One job of a ``TaskGraph``: it starts once every job in `dependencies` (indices of earlier
/// jobs) has finished.
struct GraphTask {
    var dependencies: [Int]
    var run: () -> Void
}

/// Runs jobs with dependencies on up to `threads` threads of their own (the caller and
/// `threads - 1` new ones). A free thread takes the first job, in array order, whose
/// dependencies are done, so the array order is the priority (long jobs first).
///
/// Why not phases: with a barrier after the hubs and another after the links, a core idles while
/// the longest table of a phase finishes alone. Here a satellite starts as soon as its parent is
/// loaded, and the links (which need only staged keys) run beside the hubs. What each job reads
/// and writes is fixed by its dependencies, so the result does not depend on the schedule.
enum TaskGraph {
    static func run(_ tasks: [GraphTask], threads: Int) {
        precondition(tasks.indices.allSatisfy { t in tasks[t].dependencies.allSatisfy { $0 < t } },
                     "a task may only depend on earlier tasks")
        let board = Board(tasks.count)
        withoutActuallyEscaping({ (t: Int) in tasks[t].run() }) { run in
            let box = UncheckedBox(run)
            let work = UncheckedBox {
                while let t = board.next(tasks) {
                    box.value(t)
                    board.finish(t)
                }
            }
            concurrentEachOnThreads(count: min(max(threads, 1), tasks.count), threads: threads) { _ in work.value() }
        }
    }

    /// Which jobs have started and finished, under one mutex; a thread with nothing ready waits.
    private final class Board: @unchecked Sendable {
        private var started: [Bool]
        private var finished: [Bool]
        // Allocated, not stored inline: a pthread object must not move.
        private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

        init(_ count: Int) {
            started = Array(repeating: false, count: count)
            finished = Array(repeating: false, count: count)
            pthread_mutex_init(mutex, nil)
            pthread_cond_init(condition, nil)
        }

        deinit {
            pthread_cond_destroy(condition)
            pthread_mutex_destroy(mutex)
            condition.deallocate()
            mutex.deallocate()
        }

        /// The next job to run, waiting until one is ready; `nil` once every job has started.
        func next(_ tasks: [GraphTask]) -> Int? {
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            while true {
                guard started.contains(false) else { return nil }
                if let t = tasks.indices.first(where: { !started[$0] && tasks[$0].dependencies.allSatisfy { finished[$0] } }) {
                    started[t] = true
                    return t
                }
                pthread_cond_wait(condition, mutex)
            }
        }

        /// Marks job `t` done and wakes the waiting threads.
        func finish(_ t: Int) {
            pthread_mutex_lock(mutex)
            finished[t] = true
            pthread_cond_broadcast(condition)
            pthread_mutex_unlock(mutex)
        }
    }
}
