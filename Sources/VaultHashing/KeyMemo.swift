// KeyMemo.swift: a key column's repeated raw values hashed once, not once per row.

import VaultColumnar

/// Remembers, for one slice of a single-column key being hashed, the last row seen with each of
/// a few thousand raw values, so that a row repeating a recent value copies that row's digest
/// instead of being standardised and hashed again.
///
/// A sales batch names each store, promotion and popular product thousands of times and each
/// transaction once per line. A key's standardised string depends only on its raw value (and the
/// profile), so a row whose raw bytes equal an earlier row's has that row's digest and outcome,
/// exactly. The memo is direct-mapped (``slots`` entries chosen by a hash of the raw bytes); a
/// value it forgot is simply hashed again. When a chunk finds few repeats (a column of distinct
/// keys) the memo switches itself off for the rest of the slice.
struct KeyMemo {
    /// Entries: earlier rows, by a hash of their raw value (-1: empty).
    static let slots = 4096
    private var earlier: [Int32]
    /// False once a chunk found fewer than one repeat in eight rows.
    private(set) var isUseful = true

    init() { earlier = [Int32](repeating: -1, count: Self.slots) }

    /// Splits the rows `rows` of `reader` into the rows to hash (`pending`, ascending) and the
    /// rows that repeat an earlier row's value (`repeats`, as (row, earlier row) pairs, the earlier
    /// row hashed before or among `pending`). NULL rows are always hashed.
    mutating func split(_ reader: ColumnReader, rows: Range<Int>, pending: inout [Int32], repeats: inout [(Int32, Int32)]) {
        pending.removeAll(keepingCapacity: true)
        repeats.removeAll(keepingCapacity: true)
        earlier.withUnsafeMutableBufferPointer { earlier in
            for row in rows {
                guard reader.isValid(row) else { pending.append(Int32(row)); continue }
                let value = reader.bytes(row)
                let slot = Int(truncatingIfNeeded: ByteHash.hash(value) >> 52)
                let before = Int(earlier[slot])
                if before >= 0 && Self.equal(reader.bytes(before), value) {
                    repeats.append((Int32(row), Int32(before)))
                } else {
                    earlier[slot] = Int32(row)
                    pending.append(Int32(row))
                }
            }
        }
        if repeats.count * 8 < rows.count { isUseful = false }
    }

    @inline(__always)
    private static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }
}

/// The working state of hashing one slice of a single-column key through a ``KeyMemo``: the
/// memo, the rows of a chunk to hash and to copy, and the digests of the rows hashed.
struct RepeatedKeys {
    private var memo = KeyMemo()
    private var pending = [Int32]()
    private var repeats = [(Int32, Int32)]()
    private var digests: AlignedBuffer
    private let width: Int

    init(width: Int) {
        self.width = width
        digests = AlignedBuffer(zeroedCount: BatchHasher.chunkRows * width)
    }

    /// Whether a key column of `type` can be memoised (its values are bytes).
    static func accepts(_ type: ColumnType) -> Bool {
        switch type {
        case .string, .fixedBinary: return true
        default: return false
        }
    }

    /// Whether the memo still finds enough repeats to be worth consulting.
    var isUseful: Bool { memo.isUseful }

    /// Standardises and hashes the rows `rows` of `input` whose value is not a recent repeat, and
    /// copies the digest and outcome of the earlier row to each repeat; writes digests at
    /// `out` and outcomes into `outcomes` (both indexed by row). Returns the NULL and zero-key counts.
    mutating func hash(_ input: HashInput, rows: Range<Int>, with standardiser: Standardiser, algorithm: HashAlgorithm,
                       batch: inout StandardisedBatch, digests out: UnsafeMutableRawPointer, outcomes: SharedArray<UInt8>) -> (Int, Int) {
        input.column.withReader { memo.split($0, rows: rows, pending: &pending, repeats: &repeats) }
        let whole = pending.count == rows.count
        let compact = whole ? input : HashInput(input.name, input.column.gather(pending))
        standardiser.standardise([compact], kind: .key, rows: whole ? rows : 0..<pending.count, into: &batch)
        var nulls = batch.nullCount, zeroKeys = batch.zeroKeyCount
        let width = width
        digests.withUnsafeMutableBytes { scratch in
            let target = scratch.baseAddress!
            BatchHasher.writeDigests(batch, algorithm: algorithm, to: target)
            batch.outcomes.withUnsafeBytes { computed in
                for (j, row) in pending.enumerated() {
                    (out + Int(row) * width).copyMemory(from: target + j * width, byteCount: width)
                    outcomes[Int(row)] = computed[j]
                }
            }
        }
        for (row, before) in repeats {
            (out + Int(row) * width).copyMemory(from: out + Int(before) * width, byteCount: width)
            let outcome = outcomes[Int(before)]
            outcomes[Int(row)] = outcome
            if outcome == StandardisedBatch.Outcome.null.rawValue { nulls += 1 }
            if outcome == StandardisedBatch.Outcome.zeroKey.rawValue { zeroKeys += 1 }
        }
        return (nulls, zeroKeys)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
