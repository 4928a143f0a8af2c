// AlignedBuffer.swift: the one type in VaultColumnar that owns raw memory.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable, copy-on-write byte buffer in one 64-byte-aligned allocation.
///
/// Every column buffer (values, string offsets, string bytes, validity words) is an
/// `AlignedBuffer`. It follows the Arrow columnar format's memory rules: the start is aligned
/// to 64 bytes and the allocation is padded to a multiple of 64 bytes, with the padding zeroed,
/// so SIMD loops may read whole vectors past `count` without touching foreign memory.
///
/// ```
///  base (64-byte aligned)
///  |<------------------------- capacity (multiple of 64) ------------------------->|
///  | bytes in use: 0 ..< count                      | zero padding                 |
/// ```
///
/// Pointers are handed out only inside `withUnsafe...` closures; a mutating closure first makes
/// the storage unique (copy on write). In debug builds every mutation re-checks the invariants
/// (`count <= capacity`, padding zeroed past `count`).
public struct AlignedBuffer: @unchecked Sendable {
    /// The alignment of every allocation, in bytes (Arrow's recommendation).
    public static let alignment = 64


    /// The shared, reference-counted owner of one ``RawBlock`` (copy on write between buffers).
    @usableFromInline
    final class Storage {
        // Mutable only so that ``grow(to:keeping:)`` can move a mapping; exclusivity is not
        // checked at run time (it would cost every element access): only `grow`, called on
        // unique storage from a mutating method, writes it.
        @exclusivity(unchecked) @usableFromInline private(set) var block: RawBlock
        @inlinable var base: UnsafeMutableRawPointer { block.base }
        @inlinable var capacity: Int { block.capacity }

        /// Allocates `capacity` bytes (rounded up) and zeroes them from byte `zeroFrom` on; the
        /// caller must initialise the bytes before `zeroFrom` at once.
        init(capacity: Int, zeroFrom: Int = 0) {
            block = RawBlock(capacity: capacity, zeroFrom: zeroFrom)
        }

        /// Takes ownership of a block whose bytes are all initialised and zero past the bytes in
        /// use (see ``AlignedBufferBuilder``).
        init(adopting block: RawBlock) {
            self.block = block
        }

        /// Grows in place, keeping the first `count` bytes and the zero padding after them.
        func grow(to newCapacity: Int, keeping count: Int) {
            block.grow(to: newCapacity, keeping: count, zeroFrom: count, oldTailIsZero: true)
        }

        deinit { block.free() }
    }

    @usableFromInline var storage: Storage
    @usableFromInline var _count: Int
    /// The number of bytes in use.
    @inlinable public var count: Int { _count }

    /// Creates an empty buffer able to hold `capacity` bytes before it grows.
    public init(capacity: Int = 0) {
        precondition(capacity >= 0, "AlignedBuffer capacity must not be negative")
        storage = Storage(capacity: capacity)
        _count = 0
    }

    /// Creates a buffer of `count` bytes that `body` initialises, all of them (the padding after
    /// them is zeroed here). Skips the zero-fill of `init(zeroedCount:)`: for readers that
    /// overwrite every byte anyway (decompression, copies from decoded chunks).
    public init(unsafeUninitializedCount count: Int, initializingWith body: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
        precondition(count >= 0, "AlignedBuffer count must not be negative")
        storage = Storage(capacity: count, zeroFrom: count)
        _count = count
        try body(UnsafeMutableRawBufferPointer(start: storage.base, count: count))
        #if DEBUG
        checkInvariants()
        #endif
    }

    /// Takes over a block filled by ``AlignedBufferBuilder``: `count` bytes in use and zero after
    /// them up to the block's capacity.
    init(adopting block: RawBlock, count: Int) {
        precondition(block.capacity >= AlignedBuffer.alignment && block.capacity % AlignedBuffer.alignment == 0
                     && count <= block.capacity, "AlignedBuffer can adopt only a padded allocation")
        assert(Int(bitPattern: block.base) % AlignedBuffer.alignment == 0, "AlignedBuffer can adopt only an aligned allocation")
        storage = Storage(adopting: block)
        _count = count
        #if DEBUG
        checkInvariants()
        #endif
    }

    /// Creates a buffer of `count` zero bytes.
    public init(zeroedCount count: Int) {
        self.init(capacity: count)
        self._count = count
    }

    /// Creates a buffer holding a copy of `bytes`.
    public init(copying bytes: UnsafeRawBufferPointer) {
        self.init(capacity: bytes.count)
        append(bytes)
    }

    /// The allocated size in bytes (a multiple of 64): what this buffer really costs in memory.
    public var capacity: Int { storage.capacity }

    @usableFromInline
    static func roundUp(_ n: Int) -> Int {
        (n + alignment - 1) & ~(alignment - 1)
    }

    /// Makes sure `additional` more bytes fit without another allocation (growing by half the
    /// capacity at least: amortised O(1) appends with at most a third of the allocation unused).
    @inlinable
    public mutating func reserve(additional: Int) {
        precondition(additional >= 0)
        let needed = count + additional
        if needed <= storage.capacity && isKnownUniquelyReferenced(&storage) { return }
        let newCapacity = needed <= storage.capacity ? storage.capacity : max(needed, storage.capacity + storage.capacity / 2)
        reallocate(capacity: newCapacity)
    }

    @usableFromInline
    mutating func reallocate(capacity newCapacity: Int) {
        if newCapacity > storage.capacity && isKnownUniquelyReferenced(&storage) {
            storage.grow(to: newCapacity, keeping: count)
            return
        }
        let fresh = Storage(capacity: newCapacity, zeroFrom: count)
        fresh.base.copyMemory(from: storage.base, byteCount: count)
        storage = fresh
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { reallocate(capacity: storage.capacity) }
    }

    /// Appends raw bytes.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        reserve(additional: bytes.count)
        (storage.base + count).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        _count += bytes.count
    }

    /// Appends the bytes of a trivial value (an integer, a float).
    @inlinable
    public mutating func append<T: BitwiseCopyable>(value: T) {
        let size = MemoryLayout<T>.size
        reserve(additional: size)
        (storage.base + count).storeBytes(of: value, as: T.self)
        _count += size
    }

    /// Appends `n` zero bytes.
    public mutating func appendZeros(_ n: Int) {
        precondition(n >= 0)
        reserve(additional: n)
        // Bytes past `count` are zero by invariant, so growing `count` is enough.
        _count += n
    }

    /// Grows or shrinks the bytes in use to `newCount`; new bytes are zero.
    public mutating func resize(to newCount: Int) {
        precondition(newCount >= 0)
        if newCount > count {
            appendZeros(newCount - count)
        } else if newCount < count {
            makeUnique()
            (storage.base + newCount).initializeMemory(as: UInt8.self, repeating: 0, count: count - newCount)
            _count = newCount
        }
    }

    /// Removes every byte, keeping the allocation when it is not shared.
    public mutating func removeAll() { resize(to: 0) }

    /// Calls `body` with the bytes in use.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: storage.base, count: count))
    }

    /// Calls `body` with the bytes in use, writable. The storage is made unique first.
    /// `body` must not write past `count`: the padding must stay zero.
    public mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        makeUnique()
        defer { checkInvariants() }
        return try body(UnsafeMutableRawBufferPointer(start: storage.base, count: count))
    }

    /// Reserves `n` more bytes, lets `body` write them (it returns how many it wrote, at most `n`),
    /// and counts them as used. The fast path for encoders that write in place.
    ///
    /// `body` must write only the bytes it reports: the rest of the reserved range is padding,
    /// which is zero by invariant (checked in debug builds).
    @inlinable
    public mutating func appendUninitialized(maximum n: Int,
                                             _ body: (UnsafeMutableRawBufferPointer) throws -> Int) rethrows {
        reserve(additional: n)
        let written = try body(UnsafeMutableRawBufferPointer(start: storage.base + _count, count: n))
        precondition(written >= 0 && written <= n, "appendUninitialized wrote \(written) of at most \(n) bytes")
        _count += written
        #if DEBUG
        checkInvariants()
        #endif
    }

    /// Loads a value at a byte offset (checked).
    @inlinable
    public func load<T: BitwiseCopyable>(fromByteOffset offset: Int, as type: T.Type) -> T {
        precondition(offset >= 0 && offset + MemoryLayout<T>.size <= count, "AlignedBuffer read out of bounds")
        return storage.base.loadUnaligned(fromByteOffset: offset, as: T.self)
    }

    /// Loads a value at a byte offset without bounds checks in release builds.
    @inlinable
    public func loadUnchecked<T: BitwiseCopyable>(fromByteOffset offset: Int, as type: T.Type) -> T {
        assert(offset >= 0 && offset + MemoryLayout<T>.size <= count, "AlignedBuffer read out of bounds")
        return storage.base.loadUnaligned(fromByteOffset: offset, as: T.self)
    }

    /// Stores a value at a byte offset inside the bytes in use (checked).
    public mutating func store<T: BitwiseCopyable>(_ value: T, toByteOffset offset: Int) {
        precondition(offset >= 0 && offset + MemoryLayout<T>.size <= count, "AlignedBuffer write out of bounds")
        makeUnique()
        storage.base.storeBytes(of: value, toByteOffset: offset, as: T.self)
    }

    /// In debug builds, checks that the padding just past `count` (where an overrun lands first,
    /// up to 256 bytes, so the check stays O(1)) is still zero.
    @usableFromInline
    func checkInvariants() {
        #if DEBUG
        assert(_count <= storage.capacity)
        let tail = UnsafeRawBufferPointer(start: storage.base + _count, count: min(256, storage.capacity - _count))
        assert(!tail.contains { $0 != 0 }, "AlignedBuffer padding was overwritten")
        #endif
    }
}

extension AlignedBuffer: Equatable {
    /// Two buffers are equal when their bytes in use are equal (capacity is not compared).
    public static func == (lhs: AlignedBuffer, rhs: AlignedBuffer) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.storage === rhs.storage { return true }
        return lhs.withUnsafeBytes { a in rhs.withUnsafeBytes { b in memcmpBytes(a, b) } }
    }
}

/// Byte equality of two equally long buffers.
@inline(__always)
func memcmpBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    if a.count == 0 { return true }
    return memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
}
