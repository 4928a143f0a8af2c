// ChunkEncoder.swift: choosing an encoding for a chunk, encoding it, and compressing it.

import VaultChecksum
import VaultColumnar

/// State one worker reuses from chunk to chunk (a zstd context and growable buffers).
final class EncoderScratch {
    let compressor = Zstd.Compressor()
    let interner = FixedKeyInterner()
    var payload: [UInt8] = []
    var compressed: [UInt8] = []
    var sample: [UInt8] = []
}

/// A chunk ready to be written: its footer entry (offset still unset) and its stored bytes.
struct EncodedChunk: Sendable {
    var entry: ChunkEntry
    var stored: StoredBytes
    /// Whether the bytes were taken from the previous snapshot instead of encoded.
    var reused: Bool
}

/// Encodes chunks. Every decision depends on the chunk's bytes only, never on the worker or the
/// order of work, so a snapshot's bytes do not depend on the thread count.
///
/// When each encoding is chosen:
/// - `delta` for integer-like columns (int32, int64, date, time, timestamp, decimal) whose chunk
///   is non-decreasing or nearly (at most 1 in 16 steps goes down), when zstd shrinks a 4096-row
///   sample of the deltas more than the same sample of the values; otherwise `narrow` when the
///   chunk's range fits fewer bytes than the type (see `ChunkEncoder+Integers.swift`);
/// - `key-dictionary-narrow` for fixed_binary chunks whose distinct keys plus 1/2/4-byte codes are
///   smaller than the keys (repeated foreign hash keys);
/// - `string-dictionary` for plain string chunks whose distinct values plus Int32 codes are
///   smaller than the values (low-cardinality text); dictionary-encoded columns keep their own
///   dictionary (`dictionary-values` chunks) and store `codes`;
/// - zstd is skipped ("stored raw") when a 16 KiB sample of a payload of 64 KiB or more shrinks by
///   less than 3% (random hash keys), or when the whole frame would not be smaller than the payload.
enum ChunkEncoder {
    static let sampleRows = 4096
    static let incompressibleSample = 16 << 10

    /// The chained XXH64 of the buffers a chunk is encoded from: equal for equal rows.
    static func contentChecksum(_ c: Column, kind: ChunkKind, first: Int, count: Int) -> UInt64 {
        if kind == .dictionary {
            let d = c.dictionary!
            return d.offsets.withUnsafeBytes { o in
                d.bytes.withUnsafeBytes { b in
                    let start = Int(o.load(fromByteOffset: first * 8, as: Int64.self))
                    let end = Int(o.load(fromByteOffset: (first + count) * 8, as: Int64.self))
                    return XXH64.chained([slice(o, first * 8, (count + 1) * 8), slice(b, start, end - start)], seed: 1)
                }
            }
        }
        return c.validity.words.withUnsafeBytes { v in
            c.values.withUnsafeBytes { values in
                c.bytes.withUnsafeBytes { b in
                    let words = slice(v, first / 64 * 8, (count + 63) / 64 * 8)
                    if c.type == .string && !c.isDictionaryEncoded {
                        let start = Int(values.load(fromByteOffset: first * 8, as: Int64.self))
                        let end = Int(values.load(fromByteOffset: (first + count) * 8, as: Int64.self))
                        return XXH64.chained([words, slice(values, first * 8, (count + 1) * 8),
                                              slice(b, start, end - start)], seed: 0)
                    }
                    let w = c.isDictionaryEncoded ? 4 : c.type.fixedWidth!
                    return XXH64.chained([words, slice(values, first * w, count * w)], seed: 0)
                }
            }
        }
    }

    /// Encodes and compresses one chunk of `c`. `name` and `index` identify it in errors.
    /// `content` is the chunk's ``contentChecksum(_:kind:first:count:)``.
    static func encode(_ c: Column, kind: ChunkKind, first: Int, count: Int, content: UInt64, level: Int,
                       scratch: EncoderScratch, name: String, index: Int) throws -> EncodedChunk {
        scratch.payload.removeAll(keepingCapacity: true)
        let encoding: ChunkEncoding
        var flags: UInt8 = 0
        if kind == .dictionary {
            let d = c.dictionary!
            encoding = .dictionaryValues
            try d.offsets.withUnsafeBytes { o in
                try d.bytes.withUnsafeBytes { b in
                    try appendStrings(offsets: slice(o, first * 8, (count + 1) * 8), bytes: b, count: count,
                                      to: &scratch.payload, name: name, index: index)
                }
            }
        } else if let w = plainWidth(c), !hasNull(c, first: first, count: count) {
            let range = first * w..<(first + count) * w
            var dictionary = false
            if case .fixedBinary = c.type {
                dictionary = c.values.withUnsafeBytes {
                    appendKeyDictionary(UnsafeRawBufferPointer(rebasing: $0[range]), width: w, scratch: scratch)
                }
            }
            guard dictionary else {
                return try encodePlain(c.values, range: range, kind: kind, first: first, count: count, content: content,
                                       level: level, scratch: scratch, name: name, index: index)
            }
            encoding = .keyDictionaryNarrow
        } else {
            if appendValidity(c, first: first, count: count, to: &scratch.payload) { flags |= ChunkEntry.validityFlag }
            encoding = try c.values.withUnsafeBytes { values in
                try c.bytes.withUnsafeBytes { b in
                    try encodeValues(c, values: values, bytes: b, first: first, count: count, level: level,
                                     scratch: scratch, name: name, index: index)
                }
            }
        }
        // A key dictionary's middle is its distinct keys (random), its end the codes (which do
        // compress): sampling the middle would store the codes raw.
        let frame = try scratch.payload.withUnsafeBytes {
            try compress($0, scratch: scratch, level: level, sample: encoding != .keyDictionaryNarrow, name: name, index: index)
        }
        let compressed = frame != nil
        if compressed { flags |= ChunkEntry.compressedFlag }
        let stored = frame ?? StoredBytes(scratch.payload)
        let checksum = stored.withUnsafeBytes { XXH64.hash($0) }
        let entry = ChunkEntry(kind: kind, encoding: encoding, flags: flags, count: count, first: first, offset: 0,
                               storedLength: stored.count, payloadLength: scratch.payload.count,
                               storedChecksum: checksum, contentChecksum: content)
        return EncodedChunk(entry: entry, stored: stored, reused: false)
    }

    /// A `plain` chunk without NULLs, whose payload is bytes `range` of `values` as they are: zstd
    /// reads them there, and when they do not compress (random hash keys) the file is written
    /// from there too, without a copy.
    private static func encodePlain(_ values: AlignedBuffer, range: Range<Int>, kind: ChunkKind, first: Int, count: Int,
                                    content: UInt64, level: Int, scratch: EncoderScratch, name: String,
                                    index: Int) throws -> EncodedChunk {
        let frame = try values.withUnsafeBytes {
            try compress(UnsafeRawBufferPointer(rebasing: $0[range]), scratch: scratch, level: level, sample: true,
                         name: name, index: index)
        }
        let stored = frame ?? StoredBytes(borrowing: values, range: range)
        let checksum = stored.withUnsafeBytes { XXH64.hash($0) }
        let entry = ChunkEntry(kind: kind, encoding: .plain, flags: frame == nil ? 0 : ChunkEntry.compressedFlag,
                               count: count, first: first, offset: 0, storedLength: stored.count,
                               payloadLength: range.count, storedChecksum: checksum, contentChecksum: content)
        return EncodedChunk(entry: entry, stored: stored, reused: false)
    }

    static func slice(_ b: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: b[start..<start + count])
    }

    /// The width of `c`'s values when its chunks without NULLs are stored `plain` unless a key
    /// dictionary pays (fixed_binary, double, bool), or nil.
    private static func plainWidth(_ c: Column) -> Int? {
        switch c.type {
        case .fixedBinary, .double, .bool: return c.isDictionaryEncoded ? nil : c.type.fixedWidth
        default: return nil
        }
    }

    /// Whether rows `first..<first + count` hold a NULL.
    private static func hasNull(_ c: Column, first: Int, count: Int) -> Bool {
        guard c.nullCount > 0 else { return false }
        return c.validity.words.withUnsafeBytes { v in
            let words = slice(v, first / 64 * 8, (count + 63) / 64 * 8)
            var valid = 0
            for i in 0..<words.count / 8 { valid += words.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self).nonzeroBitCount }
            return valid < count
        }
    }

    /// Appends the chunk's validity words when it has a NULL; returns whether it did.
    private static func appendValidity(_ c: Column, first: Int, count: Int, to payload: inout [UInt8]) -> Bool {
        guard c.nullCount > 0 else { return false }
        return c.validity.words.withUnsafeBytes { v in
            let words = slice(v, first / 64 * 8, (count + 63) / 64 * 8)
            var valid = 0
            for i in 0..<words.count / 8 { valid += words.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self).nonzeroBitCount }
            guard valid < count else { return false }
            payload.append(contentsOf: words)
            return true
        }
    }

    private static func encodeValues(_ c: Column, values: UnsafeRawBufferPointer, bytes: UnsafeRawBufferPointer,
                                     first: Int, count: Int, level: Int, scratch: EncoderScratch,
                                     name: String, index: Int) throws -> ChunkEncoding {
        switch c.type {
        case .string where c.isDictionaryEncoded:
            scratch.payload.append(contentsOf: slice(values, first * 4, count * 4))
            return .codes
        case .string:
            let offsets = slice(values, first * 8, (count + 1) * 8)
            if appendStringDictionary(offsets: offsets, bytes: bytes, count: count, scratch: scratch) {
                return .stringDictionary
            }
            try appendStrings(offsets: offsets, bytes: bytes, count: count, to: &scratch.payload, name: name, index: index)
            return .strings
        case .fixedBinary(let w):
            let keys = slice(values, first * w, count * w)
            if appendKeyDictionary(keys, width: w, scratch: scratch) { return .keyDictionaryNarrow }
            scratch.payload.append(contentsOf: keys)
            return .plain
        case .int32, .date:
            return try encodeIntegers(slice(values, first * 4, count * 4), as: Int32.self, level: level, scratch: scratch)
        case .int64, .time, .timestamp, .decimal:
            return try encodeIntegers(slice(values, first * 8, count * 8), as: Int64.self, level: level, scratch: scratch)
        case .double, .bool:
            let w = c.type.fixedWidth!
            scratch.payload.append(contentsOf: slice(values, first * w, count * w))
            return .plain
        }
    }

    // MARK: Dictionaries

    /// The distinct values of a chunk: the row of each value's first occurrence and a code per row.
    struct DistinctValues {
        var firstRows: [Int32]
        var codes: [Int32]
    }

    /// Finds the distinct values among rows `0..<n`, where `value(i)` gives row i's bytes; gives up
    /// (nil) when `tooMany(distinct, bytesOfDistinct)` says the dictionary no longer pays.
    ///
    /// Open addressing over a power-of-two table of 64-bit slots, each holding the high half of
    /// the value's hash beside its code + 1 (0: empty), so most probes touch one cache line and
    /// bytes are compared only when the tags agree.
    @inline(__always)
    static func findDistinct(rows n: Int, value: (Int) -> UnsafeRawBufferPointer,
                             tooMany: (Int, Int) -> Bool) -> DistinctValues? {
        var size = 64
        while size < n * 2 { size <<= 1 }
        let mask = size - 1
        var slots = [UInt64](repeating: 0, count: size)
        var result = DistinctValues(firstRows: [Int32](repeating: 0, count: n), codes: [Int32](repeating: 0, count: n))
        var distinct = 0, distinctBytes = 0
        let complete = slots.withUnsafeMutableBufferPointer { slots in
            result.firstRows.withUnsafeMutableBufferPointer { firstRows in
                result.codes.withUnsafeMutableBufferPointer { codes -> Bool in
                    for i in 0..<n {
                        let v = value(i)
                        let h = v.baseAddress.map { ByteHash.hash($0, v.count) } ?? 0
                        let tag = h & 0xFFFF_FFFF_0000_0000
                        var slot = Int(truncatingIfNeeded: h) & mask
                        while true {
                            let entry = slots[slot]
                            if entry == 0 {
                                distinctBytes += v.count
                                if tooMany(distinct + 1, distinctBytes) { return false }
                                slots[slot] = tag | UInt64(distinct + 1)
                                firstRows[distinct] = Int32(i)
                                codes[i] = Int32(distinct)
                                distinct += 1
                                break
                            }
                            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                                let code = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                                if equalBytes(value(Int(firstRows[code])), v) {
                                    codes[i] = Int32(code)
                                    break
                                }
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                    return true
                }
            }
        }
        guard complete else { return nil }
        result.firstRows.removeLast(n - distinct)
        return result
    }

    @inline(__always)
    static func equalBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        var i = 0
        while i + 8 <= a.count {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < a.count {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    /// Rows sampled before a full dictionary pass, and the repeats (in percent) the sample needs.
    static let dictionarySampleRows = 4096
    static let dictionarySampleRepeatPercent = 1

    /// Whether a dictionary may pay: chunks of more than twice the sample whose first rows repeat
    /// less than 1% are skipped (uniform draws from so large a pool leave > 80% distinct values).
    @inline(__always)
    static func sampleRepeats(rows n: Int, value: (Int) -> UnsafeRawBufferPointer) -> Bool {
        guard n > 2 * dictionarySampleRows else { return true }
        let m = dictionarySampleRows
        guard let sample = findDistinct(rows: m, value: value, tooMany: { _, _ in false }) else { return false }
        return (m - sample.firstRows.count) * 100 >= m * dictionarySampleRepeatPercent
    }

    /// Appends `k | keys | narrow codes` when that is smaller than the keys; returns whether it did.
    private static func appendKeyDictionary(_ keys: UnsafeRawBufferPointer, width w: Int, scratch: EncoderScratch) -> Bool {
        let n = keys.count / w
        guard w > 1, n > 1 else { return false }
        let value = { (i: Int) in UnsafeRawBufferPointer(rebasing: keys[i * w..<(i + 1) * w]) }
        let interner = scratch.interner
        guard sampleRepeats(rows: n, value: value),
              interner.intern(keys, width: w, maxDistinct: keyDictionaryLimit(rows: n, width: w)) else {
            return false
        }
        let k = interner.distinct
        withUnsafeBytes(of: UInt32(k).littleEndian) { scratch.payload.append(contentsOf: $0) }
        scratch.payload.append(contentsOf: interner.distinctKeys)
        NarrowIntegers.appendCodes(interner.codes, entries: k, to: &scratch.payload)
        return true
    }

    /// The most distinct keys for which `4 + k*w + n*c` (c: the code width for k keys) is still
    /// smaller than the `n*w` bytes of `n` keys of width `w` (the size grows with k).
    static func keyDictionaryLimit(rows n: Int, width w: Int) -> Int {
        func pays(_ k: Int) -> Bool { 4 + k * w + n * NarrowIntegers.codeWidth(entries: k) < n * w }
        guard pays(0) else { return 0 }
        var low = 0, high = n  // pays(low) holds; the answer is in low...high
        if pays(high) { return high }
        while high - low > 1 {
            let middle = (low + high) / 2
            if pays(middle) { low = middle } else { high = middle }
        }
        return low
    }

    /// Appends `k | lengths | bytes | codes` when that is smaller than the values; returns whether it did.
    private static func appendStringDictionary(offsets: UnsafeRawBufferPointer, bytes: UnsafeRawBufferPointer,
                                               count n: Int, scratch: EncoderScratch) -> Bool {
        let start0 = Int(offsets.loadUnaligned(as: Int64.self))
        let total = Int(offsets.loadUnaligned(fromByteOffset: n * 8, as: Int64.self)) - start0
        guard n > 1, total > 0 else { return false }
        let value = { (i: Int) -> UnsafeRawBufferPointer in
            let s = Int(offsets.loadUnaligned(fromByteOffset: i * 8, as: Int64.self))
            let e = Int(offsets.loadUnaligned(fromByteOffset: i * 8 + 8, as: Int64.self))
            return UnsafeRawBufferPointer(rebasing: bytes[s..<e])
        }
        guard sampleRepeats(rows: n, value: value),
              let found = findDistinct(rows: n, value: value, tooMany: { k, b in 4 + k * 4 + b >= total }) else {
            return false
        }
        var k = UInt32(found.firstRows.count).littleEndian
        withUnsafeBytes(of: &k) { scratch.payload.append(contentsOf: $0) }
        for row in found.firstRows {
            var length = UInt32(value(Int(row)).count).littleEndian
            withUnsafeBytes(of: &length) { scratch.payload.append(contentsOf: $0) }
        }
        for row in found.firstRows { scratch.payload.append(contentsOf: value(Int(row))) }
        found.codes.withUnsafeBytes { scratch.payload.append(contentsOf: $0) }
        return true
    }

    /// Appends `count` UInt32 lengths then the bytes, for `count + 1` Int64 offsets into `bytes`.
    private static func appendStrings(offsets: UnsafeRawBufferPointer, bytes: UnsafeRawBufferPointer, count: Int,
                                      to payload: inout [UInt8], name: String, index: Int) throws {
        let start = Int(offsets.loadUnaligned(as: Int64.self))
        let end = Int(offsets.loadUnaligned(fromByteOffset: count * 8, as: Int64.self))
        guard payload.count + count * 4 + (end - start) <= ColumnFile.maximumPayloadBytes else {
            throw SnapshotError.invalidArgument(
                "\(name): chunk \(index) would hold \(end - start) string bytes, more than \(ColumnFile.maximumPayloadBytes)")
        }
        let lengthsAt = payload.count
        payload.append(contentsOf: repeatElement(0, count: count * 4))
        payload.withUnsafeMutableBytes { dst in
            var previous = Int64(start)
            for i in 0..<count {
                let next = offsets.loadUnaligned(fromByteOffset: (i + 1) * 8, as: Int64.self)
                dst.storeBytes(of: UInt32(truncatingIfNeeded: next - previous).littleEndian,
                               toByteOffset: lengthsAt + i * 4, as: UInt32.self)
                previous = next
            }
        }
        payload.append(contentsOf: slice(bytes, start, end - start))
    }

    // MARK: zstd

    static func compressedSize(_ source: UnsafeRawBufferPointer, level: Int, scratch: EncoderScratch) throws -> Int {
        let bound = Zstd.compressBound(source.count)
        if scratch.compressed.count < bound { scratch.compressed = Array(repeating: 0, count: bound) }
        let compressor = scratch.compressor
        return try scratch.compressed.withUnsafeMutableBytes { try compressor.compress(source, into: $0, level: level) }
    }

    /// `source` as a zstd frame when that pays, nil when it should be stored raw. With `sample`,
    /// sources of 64 KiB or more whose middle 16 KiB zstd cannot shrink by 3% are stored raw
    /// without compressing the rest.
    private static func compress(_ source: UnsafeRawBufferPointer, scratch: EncoderScratch, level: Int, sample: Bool,
                                 name: String, index: Int) throws -> StoredBytes? {
        do {
            let n = source.count
            if sample && n >= 4 * incompressibleSample {
                let middle = slice(source, n / 2 - incompressibleSample / 2, incompressibleSample)
                let size = try compressedSize(middle, level: level, scratch: scratch)
                if size * 100 >= incompressibleSample * 97 { return nil }
            }
            let size = try compressedSize(source, level: level, scratch: scratch)
            if size >= n { return nil }
            return StoredBytes(Array(scratch.compressed[0..<size]))
        } catch let error as ZstdError {
            throw SnapshotError.compressionFailed(file: name, chunk: index, reason: error.description)
        }
    }
}
