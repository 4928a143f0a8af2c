// KeyIndex.swift: an open-addressing hash index from hash keys to row numbers, with tags.

import VaultColumnar

/// Where an index finds the key bytes of the rows it holds: a table's key column
/// (``FixedKeys``) or a batch's candidate keys (``CandidateKeys``).
protocol KeyLookup {
    /// Whether the key of row `row` equals the key bytes at `other`.
    func equal(_ row: Int, _ other: UnsafeRawPointer) -> Bool
}

/// Maps the keys of a vault table's key column to a row number (the key's row in a hub or link, or
/// the latest row of a parent key in a satellite).
///
/// ```
///  slots: UInt64 x n    (UInt64.max = empty, otherwise tag << 32 | row)
///  tag = the upper 32 bits of the key's KeyHash; home slot = (tag rotated left by 6) * n >> 32
///  load factor <= 3/4, linear probing; growing multiplies n by 3/2
/// ```
///
/// The keys themselves stay in the table's column. A probe compares tags first and reads a key
/// only when the tags agree, so a probe for an absent key (most probes of a load: new transactions,
/// new sales lines) touches the slots alone, which sit together in one or two cache lines.
/// Because the home slot is drawn from the tag, growing re-slots every row without reading a key.
/// The home slot scales the tag to the slot count (a multiplication, not a mask), so the slot count
/// need not be a power of two and grows by half instead of doubling: 8 bytes per slot, 10.7-16
/// bytes per key. The tag is rotated first because its top bits choose the partition of a
/// ``PartitionedKeyIndex`` and so are the same for every key of one index. Lookups do not allocate.
struct KeyIndex {
    private(set) var slots: [UInt64]
    /// `slots.count`, kept beside the slots for the home-slot multiplication.
    private var size: Int
    /// The number of keys indexed.
    private(set) var count: Int

    /// The slot value of an empty slot (never a real entry: rows are at most `Int32.max`).
    static let empty = UInt64.max

    init(capacity: Int = 1024, minimumSlots: Int = 1024) {
        var size = max(minimumSlots, 2)
        while size * 3 < capacity * 4 { size = Self.grown(size) }
        slots = [UInt64](repeating: Self.empty, count: size)
        self.size = size
        count = 0
    }

    /// Empties the index for reuse, keeping its slots when they hold `capacity` keys (a batch's
    /// partitions reuse one index instead of allocating one each).
    mutating func removeAll(keepingCapacityFor capacity: Int) {
        if capacity * 4 > slots.count * 3 {
            self = KeyIndex(capacity: capacity, minimumSlots: slots.count)
            return
        }
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: Self.empty) }
        count = 0
    }

    /// The tag of a key hash: the upper 32 bits, placed where a slot keeps it.
    @inline(__always)
    static func tag(_ hash: UInt64) -> UInt64 { hash & 0xFFFF_FFFF_0000_0000 }

    /// The home slot of a tag in a table of `size` slots: the rotated tag as a fraction of 2^32,
    /// times `size`.
    @inline(__always)
    static func home(_ tag: UInt64, size: Int) -> Int {
        let high = UInt32(truncatingIfNeeded: tag >> 32), bits = UInt32(PartitionedKeyIndex.partitionBits)
        let rotated = high << bits | high >> (32 - bits)
        return Int(truncatingIfNeeded: (UInt64(rotated) &* UInt64(size)) >> 32)
    }

    /// The slot after `slot` (wrapping around).
    @inline(__always)
    static func next(_ slot: Int, size: Int) -> Int { slot + 1 == size ? 0 : slot + 1 }

    /// The slot count after growing from `size`: half as many again.
    static func grown(_ size: Int) -> Int { size + max(size / 2, 1) }

    /// Bytes of the slots (from the count, not the array's capacity, which the allocator rounds
    /// differently from run to run).
    var memoryFootprint: Int { slots.count * 8 }

    /// The slot holding `key`, or the empty slot where it would go (as `-(slot + 1)`).
    @inline(__always)
    func probe<Keys: KeyLookup>(_ key: UnsafeRawPointer, hash: UInt64, in keys: Keys) -> Int {
        let tag = Self.tag(hash)
        let size = size
        var slot = Self.home(tag, size: size)
        return slots.withUnsafeBufferPointer { s in
            while true {
                let entry = s[slot]
                if entry == Self.empty { return -(slot + 1) }
                if entry & 0xFFFF_FFFF_0000_0000 == tag && keys.equal(Int(truncatingIfNeeded: entry & 0xFFFF_FFFF), key) {
                    return slot
                }
                slot = Self.next(slot, size: size)
            }
        }
    }

    /// The row stored in `slot`.
    @inline(__always)
    func row(atSlot slot: Int) -> Int32 { Int32(truncatingIfNeeded: slots[slot] & 0xFFFF_FFFF) }

    /// Points an occupied slot at another row (a satellite's newer version of the same key).
    mutating func update(slot: Int, row: Int32) {
        precondition(slots[slot] != Self.empty && row >= 0)
        slots[slot] = (slots[slot] & 0xFFFF_FFFF_0000_0000) | UInt64(UInt32(row))
    }

    /// Indexes `row`, whose key (not present yet) hashes to `hash`.
    mutating func insert(row: Int32, hash: UInt64) {
        precondition(row >= 0)
        if (count + 1) * 4 > slots.count * 3 { grow(minimum: (count + 1) * 4 / 3 + 1) }
        let tag = Self.tag(hash), size = size
        slots.withUnsafeMutableBufferPointer { s in
            var slot = Self.home(tag, size: size)
            while s[slot] != Self.empty { slot = Self.next(slot, size: size) }
            s[slot] = tag | UInt64(UInt32(row))
        }
        count += 1
    }

    /// Indexes `row` of `keys`, which must not be present yet.
    mutating func insert(row: Int32, keys: FixedKeys) { insert(row: row, hash: keys.hash(Int(row))) }

    /// Makes room for `additional` keys so that slot numbers stay valid while they are inserted.
    mutating func reserve(additional: Int) {
        if (count + additional) * 4 > slots.count * 3 { grow(minimum: (count + additional) * 4 / 3 + 1) }
    }

    /// Grows the slots by half (at least to `minimum`) and re-slots every entry from its tag.
    private mutating func grow(minimum: Int) {
        let size = max(Self.grown(slots.count), minimum)
        let old = slots
        slots = [UInt64](repeating: Self.empty, count: size)
        self.size = size
        slots.withUnsafeMutableBufferPointer { s in
            for entry in old where entry != Self.empty {
                var slot = Self.home(entry, size: size)
                while s[slot] != Self.empty { slot = Self.next(slot, size: size) }
                s[slot] = entry
            }
        }
    }
}
