// FixedKeyInterner.swift: the distinct keys of a fixed_binary chunk and a code per row, for the
// `key-dictionary-narrow` encoding.

import VaultColumnar

/// Finds the distinct keys of a chunk of fixed-width keys, in order of first occurrence, and the
/// code (index into those keys) of every row. One per worker: its buffers are kept from chunk to
/// chunk, so interning allocates only while a chunk is larger than every earlier one.
///
/// An open-addressing table of 64-bit slots (the high half of the key's hash beside its code + 1;
/// 0 is empty) that starts small and grows as keys arrive (at most half full), so chunks with few
/// distinct keys probe a table that stays in cache. Candidates are compared with the compact copy
/// of the distinct keys, not with the rows, and a row equal to the row before takes its code
/// without a probe (link rows of one transaction repeat its key).
///
/// The output depends on the keys only: the same keys in the same order give the same distinct
/// keys and codes, whatever the table's size.
final class FixedKeyInterner {
    private var slots: UnsafeMutablePointer<UInt64>
    private var slotCapacity = 0
    private var keys: UnsafeMutableRawPointer
    private var keyCapacity = 0
    private var codeStorage: UnsafeMutablePointer<Int32>
    private var codeCapacity = 0
    private var width = 0
    private var rows = 0
    /// The number of distinct keys found by the last successful ``intern(_:width:maxDistinct:)``.
    private(set) var distinct = 0

    /// The smallest table; it grows fourfold whenever it becomes more than half full.
    static let initialSlots = 1 << 10

    init() {
        slots = .allocate(capacity: 1)
        keys = .allocate(byteCount: 1, alignment: 16)
        codeStorage = .allocate(capacity: 1)
    }

    deinit {
        slots.deallocate()
        keys.deallocate()
        codeStorage.deallocate()
    }

    /// The distinct keys, `distinct x width` bytes in order of first occurrence.
    var distinctKeys: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: keys, count: distinct * width) }

    /// Each row's code, an index into ``distinctKeys``.
    var codes: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: codeStorage, count: rows) }

    /// Interns the `source.count / width` keys of `source`; returns false (and gives up at once)
    /// when there are more than `maxDistinct` distinct keys.
    func intern(_ source: UnsafeRawBufferPointer, width w: Int, maxDistinct: Int) -> Bool {
        precondition(w > 0 && source.count % w == 0, "keys must be whole")
        let n = source.count / w
        width = w
        rows = n
        distinct = 0
        guard n > 0 else { return true }
        reserve(rows: n, keys: min(n, maxDistinct), width: w)
        // The common width of hash keys gets a loop specialised for it.
        let complete = w == 16
            ? internLoop(source.baseAddress!, rows: n, width: 16, maxDistinct: maxDistinct)
            : internLoop(source.baseAddress!, rows: n, width: w, maxDistinct: maxDistinct)
        #if DEBUG
        if complete { checkInvariants(source) }
        #endif
        return complete
    }

    @inline(__always)
    private func internLoop(_ source: UnsafeRawPointer, rows n: Int, width w: Int, maxDistinct: Int) -> Bool {
        // Locals, not properties, in the loop: no exclusivity checks, no reloads.
        var size = Self.initialSlots
        var table = slots
        table.update(repeating: 0, count: size)
        var mask = size - 1
        let keys = self.keys, codes = codeStorage
        var found = 0
        var previous: Int32 = 0
        for i in 0..<n {
            let v = source + i * w
            if i > 0 && Self.equal(v, v - w, width: w) {
                codes[i] = previous
                continue
            }
            let h = Self.hash(v, width: w)
            let tag = h & 0xFFFF_FFFF_0000_0000
            var slot = Int(truncatingIfNeeded: h) & mask
            while true {
                let entry = table[slot]
                if entry == 0 {
                    guard found < maxDistinct else { return false }
                    (keys + found * w).copyMemory(from: v, byteCount: w)
                    table[slot] = tag | UInt64(found + 1)
                    previous = Int32(found)
                    found += 1
                    if found * 2 > size {
                        size *= 4
                        mask = size - 1
                        table = rehash(size: size, distinct: found, width: w)
                    }
                    break
                }
                if entry & 0xFFFF_FFFF_0000_0000 == tag {
                    let code = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                    if Self.equal(keys + code * w, v, width: w) {
                        previous = Int32(code)
                        break
                    }
                }
                slot = (slot + 1) & mask
            }
            codes[i] = previous
        }
        distinct = found
        return true
    }

    /// Rebuilds the table at `size` slots from the first `distinct` compact keys; returns it.
    private func rehash(size: Int, distinct: Int, width w: Int) -> UnsafeMutablePointer<UInt64> {
        if size > slotCapacity {
            slots.deallocate()
            slots = .allocate(capacity: size)
            slotCapacity = size
        }
        let table = slots
        table.update(repeating: 0, count: size)
        let mask = size - 1
        for code in 0..<distinct {
            let h = Self.hash(keys + code * w, width: w)
            var slot = Int(truncatingIfNeeded: h) & mask
            while table[slot] != 0 { slot = (slot + 1) & mask }
            table[slot] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(code + 1)
        }
        return table
    }

    /// Makes room for `n` codes, `k` distinct keys of width `w` and the smallest table.
    private func reserve(rows n: Int, keys k: Int, width w: Int) {
        if codeCapacity < n {
            codeStorage.deallocate()
            codeStorage = .allocate(capacity: n)
            codeCapacity = n
        }
        if keyCapacity < k * w {
            keys.deallocate()
            keys = .allocate(byteCount: max(1, k * w), alignment: 16)
            keyCapacity = k * w
        }
        if slotCapacity < Self.initialSlots {
            slots.deallocate()
            slots = .allocate(capacity: Self.initialSlots)
            slotCapacity = Self.initialSlots
        }
    }

    /// The hash of the `w` bytes at `p` (`ByteHash`, inlined so a width of 16 unrolls).
    @inline(__always)
    static func hash(_ p: UnsafeRawPointer, width w: Int) -> UInt64 {
        ByteHash.hash(p, w)
    }

    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, width w: Int) -> Bool {
        var i = 0
        while i + 8 <= w {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < w {
            if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
            i += 1
        }
        return true
    }

    #if DEBUG
    /// Every row's code names a key equal to the row, and every key first occurs in order.
    private func checkInvariants(_ source: UnsafeRawBufferPointer) {
        var next: Int32 = 0
        for i in 0..<rows {
            let code = codeStorage[i]
            precondition(code >= 0 && Int(code) < distinct, "code out of range")
            precondition(Self.equal(keys + Int(code) * width, source.baseAddress! + i * width, width: width), "code names another key")
            precondition(code <= next, "keys out of first-occurrence order")
            if code == next { next += 1 }
        }
        precondition(Int(next) == distinct, "a key without a row")
    }
    #endif
}
