// AlignedBufferBuilder.swift: filling a fresh buffer without zeroing it first, then handing it over.

/// A growable byte region that a builder fills front to back with unchecked stores, and that
/// becomes an ``AlignedBuffer`` without a copy (``finish()``).
///
/// `AlignedBuffer` zeroes every byte it allocates, so that its padding is zero; a column builder
/// that overwrites every byte anyway pays that memset (and the page faults it takes) for nothing,
/// and then copies its rows once more when it is turned into a column. This builder allocates
/// uninitialised memory with the same alignment and rounding, lets the caller write into it, and
/// zeroes only the padding past `count` when it finishes.
///
/// ```
///  base (64-byte aligned)
///  |<--------------------------- capacity (multiple of 64) --------------------------->|
///  | written: 0 ..< count           | uninitialised (zeroed by finish())               |
/// ```
///
/// Rules (checked in debug builds): call ``reserve(_:)`` before writing, write only inside
/// `count ..< count + reserved` and ``advance(by:)`` over what was written. The type is
/// non-copyable, so the memory has exactly one owner: it is freed by `deinit` unless `finish()`
/// handed it to a buffer.
public struct AlignedBufferBuilder: ~Copyable {
    /// The memory (see ``RawBlock``: a page mapping when large, so it grows without a copy).
    @usableFromInline var block: RawBlock
    @usableFromInline var written: Int
    #if DEBUG
    /// The end of the last reservation: writes must stay below it.
    @usableFromInline var reservedEnd = 0
    #endif

    /// A builder with room for `capacity` bytes before it grows. With `populate`, a large builder
    /// that gets fresh pages takes them all at once instead of a page fault per page on first write
    /// (for a caller whose `capacity` is close to what it writes: the pages it never writes are
    /// taken too, until ``finish()`` gives them back).
    public init(capacity: Int, populate: Bool = false) {
        precondition(capacity >= 0, "AlignedBufferBuilder capacity must not be negative")
        block = RawBlock(capacity: max(capacity, AlignedBuffer.alignment), zeroFrom: .max, populate: populate)
        written = 0
    }

    /// Bytes written so far.
    @inlinable public var count: Int { written }

    /// Bytes it can hold before it grows.
    @inlinable public var capacity: Int { block.capacity }

    deinit { block.free() }

    /// Makes room for `n` more bytes (growing to twice the capacity at least).
    @inlinable @inline(__always)
    public mutating func reserve(_ n: Int) {
        if count + n > block.capacity { grow(to: count + n) }
        #if DEBUG
        reservedEnd = count + n
        #endif
    }

    @usableFromInline
    mutating func grow(to needed: Int) {
        block.grow(to: max(needed, 2 * block.capacity), keeping: count, zeroFrom: .max)
    }

    /// Where the next byte goes; valid until the next `reserve`.
    @inlinable @inline(__always)
    public var end: UnsafeMutableRawPointer { block.base + count }

    /// Counts `n` bytes written at ``end`` as used.
    @inlinable @inline(__always)
    public mutating func advance(by n: Int) {
        #if DEBUG
        assert(n >= 0 && count + n <= reservedEnd, "AlignedBufferBuilder: wrote past the reservation")
        #endif
        written += n
    }

    /// Appends the bytes of a trivial value (reserving room for it).
    @inlinable @inline(__always)
    public mutating func append<T: BitwiseCopyable>(_ value: T) {
        reserve(MemoryLayout<T>.size)
        end.storeBytes(of: value, as: T.self)
        advance(by: MemoryLayout<T>.size)
    }

    /// The buffer of the `count` bytes written, without a copy. The padding up to the capacity
    /// is zeroed here; a page mapping gives its unused whole pages back to the system instead.
    /// When more than an eighth of a large C-allocator block was never used, the bytes move to a
    /// block of their size, so the buffer does not keep the slack.
    public consuming func finish() -> AlignedBuffer {
        let result: AlignedBuffer
        let slack = block.capacity - count
        if !block.mapped && slack > 65_536 && slack > block.capacity / 8 {
            let source = block.base, count = count
            result = AlignedBuffer(unsafeUninitializedCount: count) { target in
                if count > 0 { target.baseAddress!.copyMemory(from: source, byteCount: count) }
            }
            block.free()
        } else {
            var block = block
            block.zeroTail(from: count)
            result = AlignedBuffer(adopting: block, count: count)
        }
        discard self
        return result
    }
}
