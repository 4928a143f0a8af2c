// SharedArray.swift: a fixed-size array that parallel partition jobs write at distinct places.

/// A fixed-size array of plain values that the jobs of one parallel step read and write, each
/// job at places no other job touches (the candidates of its own index partition).
///
/// Why: a Swift `Array` captured by several concurrent closures cannot be mutated in place; this
/// class owns one allocation for its lifetime and hands out element access without copies or
/// locks. Unsafe, and fenced here: indices are checked in debug builds, and callers must keep
/// jobs to disjoint indices (each candidate belongs to exactly one partition).
final class SharedArray<Element: BitwiseCopyable>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Element>
    let count: Int

    init(repeating value: Element, count: Int) {
        precondition(count >= 0)
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: value, count: count)
    }

    deinit { base.deallocate() }

    /// The address of element `i` (valid while this array lives).
    @inline(__always)
    func address(_ i: Int) -> UnsafeMutablePointer<Element> {
        assert(i >= 0 && i <= count, "SharedArray index \(i) out of range 0...\(count)")
        return base + i
    }

    /// Copies `count` elements' bytes from `source` to elements `i..<i + count`.
    @inline(__always)
    func copy(from source: UnsafeRawPointer, count n: Int, at i: Int) {
        assert(i >= 0 && i + n <= count, "SharedArray range \(i)..<\(i + n) out of range 0..<\(count)")
        UnsafeMutableRawPointer(base + i).copyMemory(from: source, byteCount: n * MemoryLayout<Element>.stride)
    }

    subscript(i: Int) -> Element {
        @inline(__always) get {
            assert(i >= 0 && i < count, "SharedArray index \(i) out of range 0..<\(count)")
            return base[i]
        }
        @inline(__always) set {
            assert(i >= 0 && i < count, "SharedArray index \(i) out of range 0..<\(count)")
            base[i] = newValue
        }
    }
}
