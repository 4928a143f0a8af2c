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
