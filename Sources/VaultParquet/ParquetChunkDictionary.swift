// ParquetChunkDictionary.swift: a column chunk's dictionary, when one pays.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VaultColumnar

/// The distinct values of a column chunk (first-seen order) and each value's index into them.
///
/// A chunk is dictionary encoded (a PLAIN dictionary page, then RLE_DICTIONARY data pages) when
/// that is smaller than PLAIN: the dictionary page plus the bit-packed indices must take fewer
/// bytes than the PLAIN values. Building stops, and the chunk falls back to PLAIN, as soon as the
/// dictionary page would exceed the size limit (as parquet-mr and Arrow do, per chunk here), or
/// when the first 8,192 values are more than 90% distinct (keys of a hub, say). Low-cardinality
/// strings and repeated foreign hash keys get a dictionary; unique keys do not.
///
/// The index is an open-addressing table of value numbers (linear probing, load factor at most
/// 1/2) over the chunk's packed values, so interning a value copies nothing.
struct ParquetChunkDictionary {
    /// The distinct values, in first-seen order.
    let entries: ParquetChunkValues
    /// One index per non-NULL value.
    let indices: [UInt32]

    /// Bits per index in the data pages.
    var bitWidth: Int { RLEHybrid.bitWidth(forMaximum: max(entries.count - 1, 0)) }

    /// The values to probe before giving up on a nearly unique chunk.
    static let probeCount = 8192

    /// The dictionary of `values`, or `nil` when it exceeds `limitBytes` or would not pay.
    ///
    /// - Complexity: O(values) expected.
    static func build(_ values: ParquetChunkValues, limitBytes: Int) -> ParquetChunkDictionary? {
        guard values.storage != .boolean, values.count > 0 else { return nil }
        let lengthPrefix = values.storage == .variable ? 4 : 0
        var indices = [UInt32](repeating: 0, count: values.count)
        var firsts: [Int] = []
        var dictionaryBytes = 0
        let fits = values.data.withUnsafeBytes { data in
            values.offsets.withUnsafeBufferPointer { offsets in
                indices.withUnsafeMutableBufferPointer { indices in
                    var table = ProbeTable(capacity: min(values.count, 1 << 16))
                    for k in 0..<values.count {
                        let (start, length) = values.storage.range(of: k, offsets: offsets)
                        let value = UnsafeRawBufferPointer(rebasing: data[start..<start + length])
                        let hash = ByteHash.hash(value)
                        let code = table.find(hash) { index in
                            let (s, l) = values.storage.range(of: firsts[index], offsets: offsets)
                            return l == length && equalBytes(data.baseAddress! + s, value.baseAddress, length)
                        }
                        if let code {
                            indices[k] = UInt32(code)
                            continue
                        }
                        dictionaryBytes += lengthPrefix + length
                        if dictionaryBytes > limitBytes { return false }
                        indices[k] = UInt32(firsts.count)
                        table.insert(hash, code: firsts.count)
                        firsts.append(k)
                        if k + 1 == probeCount && firsts.count * 10 > probeCount * 9 { return false }
                    }
                    return true
                }
            }
        }
        guard fits else { return nil }
        let indexBytes = (values.count * RLEHybrid.bitWidth(forMaximum: max(firsts.count - 1, 0)) + 7) / 8
        guard dictionaryBytes + indexBytes < values.plainSize else { return nil }
        return ParquetChunkDictionary(entries: values.subset(firsts), indices: indices)
    }
}

/// Whether `count` bytes at `a` and `b` are equal; word compares for the common key and number widths.
@inline(__always)
private func equalBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer?, _ count: Int) -> Bool {
    guard count > 0, let b else { return true }
    switch count {
    case 4: return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
    case 8: return a.loadUnaligned(as: UInt64.self) == b.loadUnaligned(as: UInt64.self)
    case 16:
        return a.loadUnaligned(as: UInt64.self) == b.loadUnaligned(as: UInt64.self)
            && a.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    default: return memcmp(a, b, count) == 0
    }
}

/// Hashes of dictionary entries with their codes, linear probing, at most half full.
private struct ProbeTable {
    private var hashes: [UInt64]
    private var codes: [Int32]
    private var mask: Int
    private var count = 0

    init(capacity: Int) {
        let size = max(16, (capacity * 2).nextPowerOfTwo)
        hashes = [UInt64](repeating: 0, count: size)
        codes = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// The code of an entry with hash `hash` for which `isEqual(code)` holds.
    func find(_ hash: UInt64, isEqual: (Int) -> Bool) -> Int? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while codes[slot] >= 0 {
            if hashes[slot] == hash && isEqual(Int(codes[slot])) { return Int(codes[slot]) }
            slot = (slot + 1) & mask
        }
        return nil
    }

    mutating func insert(_ hash: UInt64, code: Int) {
        if (count + 1) * 2 > mask + 1 { grow() }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while codes[slot] >= 0 { slot = (slot + 1) & mask }
        hashes[slot] = hash
        codes[slot] = Int32(code)
        count += 1
    }

    private mutating func grow() {
        let old = zip(hashes, codes).filter { $0.1 >= 0 }
        let size = (mask + 1) * 2
        hashes = [UInt64](repeating: 0, count: size)
        codes = [Int32](repeating: -1, count: size)
        mask = size - 1
        count = 0
        for (hash, code) in old { insert(hash, code: Int(code)) }
    }
}

extension Int {
    fileprivate var nextPowerOfTwo: Int { self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount) }
}
