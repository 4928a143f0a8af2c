// SharedArray.swift: a fixed-size working array for parallel jobs, in reusable page memory.

/// A fixed-size array of plain values that the jobs of one parallel step read and write, each
/// job at places no other job touches (in a load: the candidates of its own index partition).
///
/// Why not a Swift `Array`: one captured by several concurrent closures cannot be mutated in
/// place, and a large one is a fresh `mmap` from the C allocator every time (worker threads'
/// arenas cannot hold it), so each batch pays a page fault per 4 KiB of its working arrays. This
/// class owns one ``RawBlock``: large ones come from the bounded cache of freed page mappings (see
/// ``PageMemory``). Unsafe, and fenced here: indices are checked in debug builds, and callers
/// keep concurrent jobs to disjoint indices.
public final class SharedArray<Element: BitwiseCopyable>: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutablePointer<Element>
    @usableFromInline let block: RawBlock
    /// The number of elements.
    public let count: Int

    /// `count` copies of `value`. Inlinable, so that the fill is specialised for `Element`.
    @inlinable
    public init(repeating value: Element, count: Int) {
        precondition(count >= 0)
        self.count = count
        block = RawBlock(capacity: max(count, 1) * MemoryLayout<Element>.stride, zeroFrom: .max)
        base = block.base.bindMemory(to: Element.self, capacity: max(count, 1))
        base.initialize(repeating: value, count: count)
    }

    deinit { block.free() }

    /// Element `i`.
    @inlinable
    public subscript(i: Int) -> Element {
        @inline(__always) get {
            assert(i >= 0 && i < count, "SharedArray index \(i) out of range 0..<\(count)")
            return base[i]
        }
        @inline(__always) set {
            assert(i >= 0 && i < count, "SharedArray index \(i) out of range 0..<\(count)")
            base[i] = newValue
        }
    }

    /// The address of element `i` (valid while this array lives).
    @inlinable @inline(__always)
    public func address(_ i: Int) -> UnsafeMutablePointer<Element> {
        assert(i >= 0 && i <= count, "SharedArray index \(i) out of range 0...\(count)")
        return base + i
    }

    /// Copies `n` elements' bytes from `source` to elements `i..<i + n`.
    @inlinable @inline(__always)
    public func copy(from source: UnsafeRawPointer, count n: Int, at i: Int) {
        assert(i >= 0 && i + n <= count, "SharedArray range \(i)..<\(i + n) out of range 0..<\(count)")
        UnsafeMutableRawPointer(base + i).copyMemory(from: source, byteCount: n * MemoryLayout<Element>.stride)
    }

    /// The elements as a buffer (valid while this array lives).
    @inlinable
    public var buffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }
}
