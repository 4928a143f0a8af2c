// Parallel.swift: running independent chunks on a fixed number of threads, results in order.

import Dispatch

/// Runs `body(chunk)` for chunks `0..<count` on `threads` workers (worker `w` takes chunks
/// `w, w + threads, ...`) and returns the results in chunk order, so the output never depends on
/// scheduling.
func parallelMap<R: Sendable>(chunks count: Int, threads: Int, _ body: @Sendable (Int) -> R) -> [R] {
    let workers = max(1, min(threads, count))
    if workers == 1 { return (0..<count).map(body) }
    let slots = ResultSlots<R>(count: count)
    defer { slots.release() }
    DispatchQueue.concurrentPerform(iterations: workers) { w in
        var chunk = w
        while chunk < count {
            slots.store(body(chunk), at: chunk)
            chunk += workers
        }
    }
    return slots.results()
}

/// One result slot per chunk; each slot is written by exactly one worker, and read after all joined.
private final class ResultSlots<R>: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<R?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    func store(_ value: R, at i: Int) { slots[i] = value }
    func results() -> [R] { slots.map { $0! } }

    func release() {
        _ = slots.deinitialize()
        slots.deallocate()
    }
}

/// Splits `range` into consecutive pieces of about `size` elements (at least one piece).
func pieces(of range: Range<Int>, size: Int) -> [Range<Int>] {
    let n = max(1, (range.count + size - 1) / size)
    return (0..<n).map { i in
        (range.lowerBound + range.count * i / n)..<(range.lowerBound + range.count * (i + 1) / n)
    }
}
