// KeyIndex.swift: an open-addressing hash index from hash keys to row numbers.

import VaultColumnar

/// Maps the keys of a vault table's key column to a row number (the key's row in a hub or link, or
/// the latest row of a parent key in a satellite).
///
/// ```
///  slots: Int32 x 2^k   (-1 = empty, otherwise a row number of the indexed column)
///  load factor <= 1/2, linear probing
/// ```
///
/// The keys themselves stay in the table's column: a probe compares the key bytes with the row's.
/// Memory: 4 bytes per slot, 8-16 bytes per key. Lookups do not allocate.
struct KeyIndex {
    private(set) var slots: [Int32]
    private var mask: Int
    /// The number of keys indexed.
    private(set) var count: Int

    init(capacity: Int = 1024) {
        var size = 1024
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        count = 0
    }

    /// Bytes of the slots (a fixed power-of-two count; from the count, not the array's capacity,
    /// which the allocator rounds differently from run to run).
    var memoryFootprint: Int { slots.count * 4 }

    /// The slot holding `key`, or the empty slot where it would go (as `-(slot + 1)`).
    @inline(__always)
    func probe(_ key: UnsafeRawPointer, hash: UInt64, in keys: FixedKeys) -> Int {
        var slot = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { s in
            while true {
                let row = s[slot]
                if row < 0 { return -(slot + 1) }
                if keys.equal(Int(row), key) { return slot }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The row stored in `slot`.
    @inline(__always)
    func row(atSlot slot: Int) -> Int32 { slots[slot] }

    /// Points an occupied slot at another row (a satellite's newer version of the same key).
    mutating func update(slot: Int, row: Int32) {
        precondition(slots[slot] >= 0)
        slots[slot] = row
    }

    /// Indexes `row` of `keys`, which must not be present yet.
    mutating func insert(row: Int32, keys: FixedKeys) {
        if (count + 1) * 2 > slots.count { grow(keys: keys) }
        var slot = Int(truncatingIfNeeded: keys.hash(Int(row))) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = row
        count += 1
    }

    /// Makes room for `additional` keys so that slot numbers stay valid while they are inserted.
    mutating func reserve(additional: Int, keys: FixedKeys) {
        if (count + additional) * 2 > slots.count { grow(keys: keys, minimum: (count + additional) * 2) }
    }

    private mutating func grow(keys: FixedKeys, minimum: Int = 0) {
        var size = slots.count * 2
        while size < minimum { size <<= 1 }
        let old = slots
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for row in old where row >= 0 {
            var slot = Int(truncatingIfNeeded: keys.hash(Int(row))) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = row
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
