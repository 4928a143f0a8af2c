// ChunkDecoder.swift: checking, decompressing and decoding one chunk of an untrusted file.

import VaultChecksum
import VaultColumnar

/// A decoded chunk: its payload with the ranges a column is assembled from.
///
/// `values` holds fixed-width values or Int32 codes; for strings it holds UInt32 lengths, one per
/// row (or dictionary entry), and `bytes` the UTF-8 bytes.
struct DecodedChunk: Sendable {
    var storage: [UInt8]
    var validity: Range<Int>?
    var values: Range<Int>
    var bytes: Range<Int>
}

/// Decodes chunks, checking every count and length against the payload before using it.
enum ChunkDecoder {
    /// Checks the stored bytes of `entry` (chunk `index` of `file`) against its checksum, then
    /// decompresses and decodes them.
    static func decode(_ entry: ChunkEntry, index: Int, in file: UnsafeRawBufferPointer, name: String,
                       expected: ColumnExpectation, decompressor: Zstd.Decompressor) throws -> DecodedChunk {
        let stored = UnsafeRawBufferPointer(rebasing: file[entry.offset..<entry.offset + entry.storedLength])
        guard XXH64.hash(stored) == entry.storedChecksum else {
            throw SnapshotError.checksumMismatch(file: name, chunk: index, offset: entry.offset)
        }
        func corrupt(_ reason: String) -> SnapshotError {
            .corrupt(file: name, offset: entry.offset, reason: "chunk \(index): \(reason)")
        }
        var payload: [UInt8]
        if entry.isCompressed {
            // Check what the frame declares before allocating for it.
            guard let declared = Zstd.frameContentSize(stored), declared == UInt64(entry.payloadLength) else {
                throw corrupt("the zstd frame does not declare the footer's \(entry.payloadLength) bytes")
            }
            guard Zstd.frameCompressedSize(stored) == stored.count else { throw corrupt("not exactly one zstd frame") }
            do {
                // No zero-fill: `decompress` throws unless it wrote every byte.
                payload = try [UInt8](unsafeUninitializedCapacity: entry.payloadLength) { buffer, initialized in
                    try decompressor.decompress(UnsafeRawBufferPointer(stored), into: UnsafeMutableRawBufferPointer(buffer))
                    initialized = buffer.count
                }
            } catch let error as ZstdError {
                throw corrupt(error.description)
            }
        } else {
            payload = Array(stored)
        }
        let n = entry.count
        let v = entry.hasValidity ? ColumnExpectation.validityBytes(n) : 0
        let validity: Range<Int>? = entry.hasValidity ? 0..<v : nil
        let size = payload.count
        switch entry.encoding {
        case .plain, .codes:
            return DecodedChunk(storage: payload, validity: validity, values: v..<size, bytes: 0..<0)
        case .delta:
            payload.withUnsafeMutableBytes { p in
                if expected.type.fixedWidth == 4 { prefixSum(p, from: v, count: n, as: Int32.self) }
                else { prefixSum(p, from: v, count: n, as: Int64.self) }
            }
            return DecodedChunk(storage: payload, validity: validity, values: v..<size, bytes: 0..<0)
        case .strings, .dictionaryValues:
            let total = payload.withUnsafeBytes { sumLengths($0, at: v, count: n) }
            guard total == size - v - n * 4 else { throw corrupt("string lengths sum to \(total), not \(size - v - n * 4)") }
            return DecodedChunk(storage: payload, validity: validity, values: v..<v + n * 4, bytes: v + n * 4..<size)
        case .keyDictionary, .keyDictionaryNarrow:
            guard case .fixedBinary(let w) = expected.type else { throw corrupt("key dictionary on a \(expected.type) column") }
            return try payload.withUnsafeBytes { p in
                let k = Int(ByteReader(bytes: p).u32(v))
                let c = entry.encoding == .keyDictionary ? 4 : NarrowIntegers.codeWidth(entries: k)
                guard k <= n, size == v + 4 + k * w + n * c else { throw corrupt("\(k) keys do not fit \(size) bytes") }
                let codesAt = v + 4 + k * w
                var out = [UInt8](repeating: 0, count: v + n * w)
                try out.withUnsafeMutableBytes { o in
                    o.baseAddress!.copyMemory(from: p.baseAddress!, byteCount: v)
                    for i in 0..<n {
                        let code = NarrowIntegers.code(p, at: codesAt, width: c, i)
                        guard code < k else { throw corrupt("key code \(code) out of range 0..<\(k)") }
                        (o.baseAddress! + v + i * w).copyMemory(from: p.baseAddress! + v + 4 + code * w, byteCount: w)
                    }
                }
                return DecodedChunk(storage: out, validity: validity, values: v..<v + n * w, bytes: 0..<0)
            }
        case .narrow:
            let w = expected.type.fixedWidth!
            return try payload.withUnsafeBytes { p in
                guard let (width, base) = NarrowIntegers.header(p, at: v, count: n, typeWidth: w) else {
                    throw corrupt("narrow header or length does not match \(n) values in \(size) bytes")
                }
                var out = [UInt8](repeating: 0, count: v + n * w)
                out.withUnsafeMutableBytes { o in
                    o.baseAddress!.copyMemory(from: p.baseAddress!, byteCount: v)
                    let body = UnsafeRawBufferPointer(rebasing: p[(v + NarrowIntegers.headerSize)...])
                    if w == 4 { NarrowIntegers.widen(body, width: width, base: base, count: n, as: Int32.self, into: o.baseAddress! + v) }
                    else { NarrowIntegers.widen(body, width: width, base: base, count: n, as: Int64.self, into: o.baseAddress! + v) }
                }
                return DecodedChunk(storage: out, validity: validity, values: v..<v + n * w, bytes: 0..<0)
            }
        case .stringDictionary:
            return try payload.withUnsafeBytes { p in try expandStringDictionary(p, validityBytes: v, count: n, corrupt: corrupt) }
        }
    }

    /// Rewrites `count` wrapping deltas at byte `from` as the values they encode.
    static func prefixSum<T: FixedWidthInteger>(_ p: UnsafeMutableRawBufferPointer, from: Int, count: Int, as: T.Type) {
        let size = MemoryLayout<T>.size
        var running: T = 0
        for i in 0..<count {
            running &+= p.loadUnaligned(fromByteOffset: from + i * size, as: T.self)
            p.storeBytes(of: running, toByteOffset: from + i * size, as: T.self)
        }
    }

    /// The sum of `count` UInt32 lengths at byte `at` (no overflow: at most 2^22 x 2^32).
    static func sumLengths(_ p: UnsafeRawBufferPointer, at: Int, count: Int) -> Int {
        var total = 0
        for i in 0..<count {
            total += Int(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: at + i * 4, as: UInt32.self)))
        }
        return total
    }

    /// Expands `k | lengths | bytes | codes` into per-row lengths and bytes (the `strings` form),
    /// refusing expansions beyond the payload limit.
    private static func expandStringDictionary(_ p: UnsafeRawBufferPointer, validityBytes v: Int, count n: Int,
                                               corrupt: (String) -> SnapshotError) throws -> DecodedChunk {
        let size = p.count
        let k = Int(ByteReader(bytes: p).u32(v))
        guard k <= n, v + 4 + k * 4 + n * 4 <= size else { throw corrupt("\(k) dictionary values do not fit \(size) bytes") }
        let lengthsAt = v + 4, bytesAt = v + 4 + k * 4
        let dictionaryBytes = sumLengths(p, at: lengthsAt, count: k)
        guard bytesAt + dictionaryBytes + n * 4 == size else { throw corrupt("dictionary lengths do not match the payload") }
        let codesAt = bytesAt + dictionaryBytes
        var starts = [Int](repeating: 0, count: k + 1)
        for i in 0..<k {
            starts[i + 1] = starts[i] + Int(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: lengthsAt + i * 4, as: UInt32.self)))
        }
        var expanded = 0
        for i in 0..<n {
            let code = Int(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: codesAt + i * 4, as: UInt32.self)))
            guard code < k else { throw corrupt("string code \(code) out of range 0..<\(k)") }
            expanded += starts[code + 1] - starts[code]
            guard expanded <= ColumnFile.maximumPayloadBytes else { throw corrupt("expands beyond \(ColumnFile.maximumPayloadBytes) bytes") }
        }
        var out = [UInt8](repeating: 0, count: v + n * 4 + expanded)
        out.withUnsafeMutableBytes { o in
            let base = o.baseAddress!, src = p.baseAddress!
            base.copyMemory(from: src, byteCount: v)
            var at = v + n * 4
            for i in 0..<n {
                let code = Int(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: codesAt + i * 4, as: UInt32.self)))
                let length = starts[code + 1] - starts[code]
                o.storeBytes(of: UInt32(length).littleEndian, toByteOffset: v + i * 4, as: UInt32.self)
                (base + at).copyMemory(from: src + bytesAt + starts[code], byteCount: length)
                at += length
            }
        }
        return DecodedChunk(storage: out, validity: v > 0 ? 0..<v : nil, values: v..<v + n * 4, bytes: v + n * 4..<out.count)
    }
}
