// PartitionedKeyIndex.swift: a key index split by hash into partitions that load in parallel.

import VaultRuntime
import VaultColumnar

/// A ``KeyIndex`` split into 64 partitions by the top 6 bits of the key hash.
///
/// A key lives in exactly one partition, whatever the thread count, so a batch can dedupe, probe
/// and insert partition by partition on several cores at once, and the result is the same as on
/// one core. Working one partition at a time also keeps the slots being probed small enough for
/// the caches (a 10-million-key index is 64 partitions of 2 MiB).
///
/// ```
///  hash: | partition (6 bits) | ... | tag bits 32..63 ; home slot from the tag's low bits
///  parts[partition]: KeyIndex
/// ```
struct PartitionedKeyIndex {
    static let partitionBits = 6
    static let partitionCount = 1 << partitionBits

    /// The partitions; `parts[p]` holds the keys whose hash has partition `p`.
    var parts: [KeyIndex]

    init(capacity: Int = 0) {
        let each = capacity / Self.partitionCount
        parts = (0..<Self.partitionCount).map { _ in KeyIndex(capacity: each, minimumSlots: 16) }
    }

    /// The partition of a key hash.
    @inline(__always)
    static func partition(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> UInt64(64 - partitionBits)) }

    /// The number of keys indexed.
    var count: Int { parts.reduce(0) { $0 + $1.count } }

    /// Bytes of the slots of every partition.
    var memoryFootprint: Int { parts.reduce(0) { $0 + $1.memoryFootprint } }

    /// The row indexed for `key` (whose hash is `hash`), or -1.
    func row<Keys: KeyLookup>(of key: UnsafeRawPointer, hash: UInt64, in keys: Keys) -> Int32 {
        let part = parts[Self.partition(hash)]
        let slot = part.probe(key, hash: hash, in: keys)
        return slot >= 0 ? part.row(atSlot: slot) : -1
    }

    /// Indexes `row` of `keys` under its key, or points the key's entry at `row` when the key is
    /// present (restoring a satellite: later rows are later versions).
    mutating func upsert(row: Int32, keys: FixedKeys) {
        let hash = keys.hash(Int(row))
        let p = Self.partition(hash)
        let slot = parts[p].probe(keys.key(Int(row)), hash: hash, in: keys)
        if slot >= 0 { parts[p].update(slot: slot, row: row) } else { parts[p].insert(row: row, hash: hash) }
    }
}

/// The candidate rows of one batch for one keyed table, numbered 0..<count across the staged key
/// columns they come from, hashed once, and laid out again in partition order.
///
/// ```
///  position k (partition 0's candidates ascending, then partition 1's, ...; starts[p]..<starts[p+1])
///    candidate(k): the candidate number c     hash(k): its key hash     key(k): a copy of its key
/// ```
///
/// Why a copy: a partition's job then reads its keys and hashes front to back, and the batch-local
/// deduplication compares keys within one small block instead of all over the staged column.
/// Conforms to ``KeyLookup`` by position, for a batch-local ``KeyIndex`` over positions.
struct CandidateKeys: KeyLookup {
    let width: Int
    /// Candidates, numbered `0..<count`.
    let count: Int
    /// Candidates laid out in partitions (positions `0..<placed`): all but the ``repeats``.
    let placed: Int
    /// Candidates whose key repeats an earlier placed candidate's, found before partitioning by
    /// ``RepeatFilter`` (-1: placed; otherwise that earlier candidate's number).
    let repeats: SharedArray<Int32>
    /// The number of candidates that ``repeats`` left out.
    let repeatCount: Int
    private let order: SharedArray<Int32>
    private let hashes: SharedArray<UInt64>
    private let keys: SharedArray<UInt8>
    /// Partition `p`'s positions are `starts[p]..<starts[p + 1]`.
    let starts: [Int]

    /// Calls `body` with the candidates `rows[s]` of each staged key column `columns[s]` (binary,
    /// or hex text of one length; NULL rows must not be chosen), numbered in that order.
    static func with<R>(_ columns: [Column], rows: [[Int32]], threads: Int, _ body: (CandidateKeys) throws -> R) rethrows -> R {
        let pointers = SharedArray<UnsafeRawPointer?>(repeating: nil, count: rows.reduce(0) { $0 + $1.count })
        var filled = 0
        var width = -1
        func nest(_ k: Int) throws -> R {
            if k == columns.count { return try body(CandidateKeys(pointers: pointers, width: max(width, 0), threads: threads)) }
            let column = columns[k], chosen = rows[k]
            if chosen.isEmpty { return try nest(k + 1) }
            switch column.type {
            case .fixedBinary(let w):
                precondition(width < 0 || width == w, "candidate keys of different widths")
                width = w
                return try column.values.withUnsafeBytes { raw in
                    for row in chosen { pointers[filled] = raw.baseAddress! + Int(row) * w; filled += 1 }
                    return try nest(k + 1)
                }
            case .string:
                precondition(!column.isDictionaryEncoded, "hex key columns must be plain")
                return try column.withUnsafeValues(as: Int64.self) { offsets in
                    try column.bytes.withUnsafeBytes { raw in
                        for row in chosen {
                            let start = Int(offsets[Int(row)]), length = Int(offsets[Int(row) + 1]) - start
                            precondition(width < 0 || width == length, "hex keys of different lengths")
                            width = length
                            pointers[filled] = raw.baseAddress! + start
                            filled += 1
                        }
                        return try nest(k + 1)
                    }
                }
            default:
                preconditionFailure("\(column.type) is not a key column type")
            }
        }
        return try nest(0)
    }

    /// Hashes the keys at `pointers` (each `width` bytes) and lays them out by partition. The
    /// hashes are computed twice (to count, then to place) rather than kept: a hash of a key costs
    /// less than the page faults of another batch-sized working array.
    private init(pointers: SharedArray<UnsafeRawPointer?>, width: Int, threads: Int) {
        self.width = width
        let n = pointers.count
        count = n
        let repeats = RepeatFilter.repeats(pointers, width: width)
        self.repeats = repeats.earlier
        repeatCount = repeats.count
        placed = n - repeats.count
        let partitionCount = PartitionedKeyIndex.partitionCount
        let chunks = threads > 1 && n >= 65_536 ? threads * 4 : 1
        // Partition sizes, counted per chunk in parallel.
        let counts = SharedArray<Int>(repeating: 0, count: chunks * partitionCount)
        concurrentEach(count: chunks, threads: threads) { j in
            for c in (n * j / chunks)..<(n * (j + 1) / chunks) where repeats.earlier[c] < 0 {
                counts[j * partitionCount + PartitionedKeyIndex.partition(KeyHash.hash(pointers[c]!, width))] += 1
            }
        }
        var starts = [Int](repeating: 0, count: partitionCount + 1)
        for p in 0..<partitionCount { starts[p + 1] = starts[p] + (0..<chunks).reduce(0) { $0 + counts[$1 * partitionCount + p] } }
        // Each chunk's first position in each partition: chunks place their candidates in order.
        var next = [Int](repeating: 0, count: chunks * partitionCount)
        for p in 0..<partitionCount {
            var position = starts[p]
            for j in 0..<chunks {
                next[j * partitionCount + p] = position
                position += counts[j * partitionCount + p]
            }
        }
        let order = SharedArray<Int32>(repeating: 0, count: placed)
        let sortedHashes = SharedArray<UInt64>(repeating: 0, count: placed)
        let keys = SharedArray<UInt8>(repeating: 0, count: placed * width)
        next.withUnsafeMutableBufferPointer { next in
            concurrentEach(count: chunks, threads: threads) { j in
                for c in (n * j / chunks)..<(n * (j + 1) / chunks) where repeats.earlier[c] < 0 {
                    let key = pointers[c]!, hash = KeyHash.hash(key, width)
                    let slot = j * partitionCount + PartitionedKeyIndex.partition(hash)
                    let k = next[slot]
                    next[slot] += 1
                    order[k] = Int32(c)
                    sortedHashes[k] = hash
                    keys.copy(from: key, count: width, at: k * width)
                }
            }
        }
        self.order = order
        self.hashes = sortedHashes
        self.keys = keys
        self.starts = starts
    }

    /// The candidate number at position `k`.
    @inline(__always)
    func candidate(_ k: Int) -> Int { Int(order[k]) }

    /// The key hash at position `k`.
    @inline(__always)
    func hash(_ k: Int) -> UInt64 { hashes[k] }

    /// The key bytes at position `k`.
    @inline(__always)
    func key(_ k: Int) -> UnsafeRawPointer { UnsafeRawPointer(keys.address(k * width)) }

    @inline(__always)
    func equal(_ k: Int, _ other: UnsafeRawPointer) -> Bool { Self.equal(key(k), other, width: width) }

    /// Whether two keys of `width` bytes are equal; 16-byte keys compare as two words.
    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, width: Int) -> Bool {
        if width == 16 {
            return a.loadUnaligned(as: UInt64.self) == b.loadUnaligned(as: UInt64.self)
                && a.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        }
        return memcmp(a, b, width) == 0
    }

    /// Runs `body(p, positions)` for every partition `p` on up to `threads` cores.
    func forEachPartition(threads: Int, _ body: (Int, Range<Int>) -> Void) {
        forEachPartitionGroup(threads: threads) { group in
            for p in group { body(p, positions(of: p)) }
        }
    }

    /// Runs `body(partitions)` for contiguous groups of partitions, one group per core (the
    /// partitions hold about equal shares of the keys), so that a job reuses its working memory
    /// from one partition to the next.
    func forEachPartitionGroup(threads: Int, _ body: (Range<Int>) -> Void) {
        let groups = placed >= 4096 ? max(threads, 1) : 1
        let partitions = PartitionedKeyIndex.partitionCount
        concurrentEach(count: groups, threads: groups) { g in body((partitions * g / groups)..<(partitions * (g + 1) / groups)) }
    }

    /// Runs `body(p, positions, &local)` for every partition `p` on up to `threads` cores, with a
    /// batch-local index emptied for each partition (one per core, reused; see ``isRepeat(_:in:)``).
    func forEachPartition(threads: Int, withLocalIndex body: (Int, Range<Int>, inout KeyIndex) -> Void) {
        forEachPartitionGroup(threads: threads) { group in
            var local = KeyIndex(capacity: largestPartition(in: group), minimumSlots: 16)
            for p in group {
                let positions = positions(of: p)
                local.removeAll(keepingCapacityFor: positions.count)
                body(p, positions, &local)
            }
        }
    }

    /// Whether the key at position `k` came earlier in its partition, by that partition's
    /// batch-local index `local`; a key seen for the first time is recorded there.
    @inline(__always)
    func isRepeat(_ k: Int, in local: inout KeyIndex) -> Bool { firstPosition(of: k, in: &local) >= 0 }

    /// The position of the key at position `k`'s first occurrence in its partition, by that
    /// partition's batch-local index `local`, or -1 when this is the first (it is recorded then).
    /// Positions within a partition follow candidate order, so the first occurrence is also the
    /// earliest candidate with that key.
    @inline(__always)
    func firstPosition(of k: Int, in local: inout KeyIndex) -> Int {
        let hash = hashes[k]
        let slot = local.probe(key(k), hash: hash, in: self)
        if slot >= 0 { return Int(local.row(atSlot: slot)) }
        local.insert(row: Int32(k), hash: hash)
        return -1
    }

    /// The positions of partition `p`'s candidates.
    func positions(of p: Int) -> Range<Int> { starts[p]..<starts[p + 1] }

    /// The most candidates any partition of `group` holds.
    func largestPartition(in group: Range<Int>) -> Int { group.map { positions(of: $0).count }.max() ?? 0 }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
