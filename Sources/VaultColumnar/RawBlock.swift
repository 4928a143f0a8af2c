// RawBlock.swift: one 64-byte-aligned allocation, from the C allocator or its own page mapping.

/// The raw memory behind ``AlignedBuffer`` and ``AlignedBufferBuilder``: where it comes from,
/// how it grows, shrinks and is freed. Small blocks come from the C allocator; blocks of
/// ``PageMemory/threshold`` bytes or more are their own page mappings (see ``PageMemory``):
/// zero when fresh, returned to the system when freed, grown by moving pages instead of copying.
///
/// A plain value with no ownership of its own: exactly one owner (a buffer's storage, or a
/// builder) calls ``free()`` once.
@usableFromInline
struct RawBlock {
    @usableFromInline var base: UnsafeMutableRawPointer
    /// Usable bytes: a multiple of 64 (whole pages for a mapping). An empty block still holds
    /// a 64-byte allocation, which it does not count.
    @usableFromInline var capacity: Int
    /// Whether `base` is a page mapping of `capacity` bytes.
    @usableFromInline var mapped: Bool

    /// At least `capacity` bytes. Bytes from `zeroFrom` on are zero; pass `zeroFrom: .max` for a
    /// block the caller overwrites entirely (it may then hold old bytes of a reused mapping).
    /// `populate` asks for a fresh mapping's pages all at once (see ``PageMemory/populate(_:bytes:)``),
    /// for a caller that will write nearly all of them.
    @usableFromInline
    init(capacity: Int, zeroFrom: Int, populate: Bool = false) {
        let rounded = AlignedBuffer.roundUp(capacity)
        if rounded >= PageMemory.threshold, let (pages, freshFrom) = PageMemory.map(bytes: PageMemory.roundUp(rounded)) {
            base = pages
            self.capacity = PageMemory.roundUp(rounded)
            mapped = true
            // Reused pages (before `freshFrom`) hold old bytes; fresh ones are zero already.
            if zeroFrom < freshFrom {
                (base + zeroFrom).initializeMemory(as: UInt8.self, repeating: 0, count: freshFrom - zeroFrom)
            }
            if populate && freshFrom < self.capacity { PageMemory.populate(base + freshFrom, bytes: self.capacity - freshFrom) }
            return
        }
        let allocated = max(rounded, AlignedBuffer.alignment)
        base = .allocate(byteCount: allocated, alignment: AlignedBuffer.alignment)
        self.capacity = rounded
        mapped = false
        if zeroFrom < allocated {
            (base + zeroFrom).initializeMemory(as: UInt8.self, repeating: 0, count: allocated - zeroFrom)
        }
    }

    /// Grows to at least `newCapacity` bytes keeping the first `count`; bytes from `zeroFrom` on
    /// are zero afterwards (as in `init`; `oldTailIsZero` says they already are up to the old
    /// capacity, which spares touching those pages). A mapping moves its pages (`mremap`);
    /// anything else is copied into a fresh block and freed.
    mutating func grow(to newCapacity: Int, keeping count: Int, zeroFrom: Int, oldTailIsZero: Bool = false) {
        precondition(count <= capacity && newCapacity >= capacity)
        if mapped, let pages = PageMemory.remap(base, from: capacity, to: PageMemory.roundUp(AlignedBuffer.roundUp(newCapacity))) {
            // The new tail is fresh zero pages; the old tail keeps whatever the owner left there.
            if zeroFrom < capacity && !oldTailIsZero {
                (pages + zeroFrom).initializeMemory(as: UInt8.self, repeating: 0, count: capacity - zeroFrom)
            }
            base = pages
            capacity = PageMemory.roundUp(AlignedBuffer.roundUp(newCapacity))
            return
        }
        var fresh = RawBlock(capacity: newCapacity, zeroFrom: max(zeroFrom, count))
        if count > 0 { fresh.base.copyMemory(from: base, byteCount: count) }
        swap(&self, &fresh)
        fresh.free()
    }

    /// Zeroes the bytes from `count` to the capacity, and gives a mapping's whole pages past
    /// `count` back to the system instead of zeroing them (the capacity shrinks to them).
    mutating func zeroTail(from count: Int) {
        precondition(count <= capacity)
        if mapped {
            let kept = max(PageMemory.roundUp(count), PageMemory.pageSize)
            if kept < capacity {
                PageMemory.unmapTail(base + kept, bytes: capacity - kept)
                capacity = kept
            }
        }
        (base + count).initializeMemory(as: UInt8.self, repeating: 0, count: capacity - count)
    }

    /// Frees the memory; the block must not be used afterwards.
    @usableFromInline
    func free() {
        if mapped { PageMemory.unmap(base, bytes: capacity) } else { base.deallocate() }
    }
}
