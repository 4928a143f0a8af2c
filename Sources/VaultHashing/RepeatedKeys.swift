// RepeatedKeys.swift: rows whose hash inputs repeat an earlier row's are hashed once, then copied.

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
                let slot = Int(truncatingIfNeeded: Self.quickHash(value) >> 52)
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

    /// A cheap hash of a short value for choosing a slot: its first and last 8 bytes (or its
    /// bytes, when shorter) and its length, mixed by one multiplication. Equal values hash alike;
    /// the slot is only a hint, the values are compared.
    @inline(__always)
    static func quickHash(_ value: UnsafeRawBufferPointer) -> UInt64 {
        let n = value.count
        var a: UInt64 = 0, b: UInt64 = 0
        if n >= 8 {
            a = value.baseAddress!.loadUnaligned(as: UInt64.self)
            b = value.baseAddress!.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        } else {
            for (k, byte) in value.enumerated() { a |= UInt64(byte) << UInt64(8 * k) }
        }
        return (a ^ (b >> 29 | b << 35) ^ UInt64(truncatingIfNeeded: n)) &* 0x9E37_79B9_7F4A_7C15
    }

    /// Whether two values hold the same bytes (8 to 16 bytes compared as two words).
    @inline(__always)
    static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let n = a.count
        guard n == b.count else { return false }
        if n >= 8 && n <= 16 {
            let x = a.baseAddress!, y = b.baseAddress!
            return x.loadUnaligned(as: UInt64.self) == y.loadUnaligned(as: UInt64.self)
                && x.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        }
        return n == 0 || memcmp(a.baseAddress!, b.baseAddress!, n) == 0
    }
}

/// Finds rows whose every input value equals the previous row's: the lines of one transaction
/// repeat its date, time and payment method, so their hashdiffs are equal, exactly.
enum PreviousRow {
    /// Splits `rows` like ``KeyMemo/split(_:rows:pending:repeats:)``: a row equal to the row
    /// before it (within `rows`, or `rows.lowerBound - 1` when that is at least `first`) repeats it.
    static func split(_ readers: [ColumnReader], rows: Range<Int>, first: Int, pending: inout [Int32], repeats: inout [(Int32, Int32)]) {
        pending.removeAll(keepingCapacity: true)
        repeats.removeAll(keepingCapacity: true)
        for row in rows {
            if row > first && readers.allSatisfy({ same($0, row - 1, row) }) {
                repeats.append((Int32(row), Int32(row - 1)))
            } else {
                pending.append(Int32(row))
            }
        }
    }

    /// Whether rows `a` and `b` of `reader` hold the same value (both NULL counts as the same).
    @inline(__always)
    static func same(_ reader: ColumnReader, _ a: Int, _ b: Int) -> Bool {
        let valid = reader.isValid(a)
        guard valid == reader.isValid(b) else { return false }
        guard valid else { return true }
        switch reader.type {
        case .string, .fixedBinary: return KeyMemo.equal(reader.bytes(a), reader.bytes(b))
        case .int32, .date: return reader.value(a, as: Int32.self) == reader.value(b, as: Int32.self)
        case .int64, .decimal, .time, .timestamp: return reader.value(a, as: Int64.self) == reader.value(b, as: Int64.self)
        case .double: return reader.value(a, as: UInt64.self) == reader.value(b, as: UInt64.self)
        case .bool: return reader.value(a, as: UInt8.self) == reader.value(b, as: UInt8.self)
        }
    }
}

/// The working state of hashing one slice through a ``KeyMemo`` (a single-column key) or by
/// ``PreviousRow`` (several columns): the rows of a chunk to hash and to copy, and the digests
/// of the rows hashed.
struct RepeatedKeys {
    private var memo = KeyMemo()
    /// False once a chunk found fewer than one repeat in eight rows.
    private var findsRepeats = true
    private var pending = [Int32]()
    private var repeats = [(Int32, Int32)]()
    private var digests: AlignedBuffer
    private let width: Int

    init(width: Int) {
        self.width = width
        digests = AlignedBuffer(zeroedCount: BatchHasher.chunkRows * width)
    }

    /// Whether a single-column key of `type` can be memoised (its values are bytes).
    static func accepts(_ type: ColumnType) -> Bool {
        switch type {
        case .string, .fixedBinary: return true
        default: return false
        }
    }

    /// Whether repeats are still common enough to be worth looking for.
    var isUseful: Bool { memo.isUseful && findsRepeats }

    /// Standardises and hashes the rows `rows` of `inputs` that do not repeat an earlier row (by
    /// the memo for one input, by the previous row for several; `first` is the slice's first
    /// row), and copies the digest and outcome of the earlier row to each repeat; writes digests
    /// at `out` and outcomes into `outcomes` (both indexed by row). Returns the NULL and
    /// zero-key counts.
    mutating func hash(_ inputs: [HashInput], kind: HashInputKind, rows: Range<Int>, first: Int, with standardiser: Standardiser,
                       algorithm: HashAlgorithm, batch: inout StandardisedBatch, digests out: UnsafeMutableRawPointer,
                       outcomes: SharedArray<UInt8>) -> (Int, Int) {
        if inputs.count == 1 {
            inputs[0].column.withReader { memo.split($0, rows: rows, pending: &pending, repeats: &repeats) }
        } else {
            withReaders(inputs.map(\.column)) { PreviousRow.split($0, rows: rows, first: first, pending: &pending, repeats: &repeats) }
            if repeats.count * 8 < rows.count { findsRepeats = false }
        }
        let whole = pending.count == rows.count
        let compact = whole ? inputs : inputs.map { HashInput($0.name, $0.column.gather(pending)) }
        standardiser.standardise(compact, kind: kind, rows: whole ? rows : 0..<pending.count, into: &batch)
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
