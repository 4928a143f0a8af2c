// ChunkDecoder.swift: checking, decompressing and decoding one chunk of an untrusted file.

import VaultChecksum
import VaultColumnar

/// A decoded string chunk: its payload with the ranges a column is assembled from: `values`
/// holds UInt32 lengths, one per row (or dictionary entry), and `bytes` the UTF-8 bytes.
struct DecodedChunk: Sendable {
    var storage: [UInt8]
    var values: Range<Int>
    var bytes: Range<Int>
}

/// A worker's decoding state: its zstd context and a buffer for payloads that are decoded
/// further (narrow values, key dictionaries, chunks with validity words), kept between chunks.
final class DecoderScratch {
    let decompressor = Zstd.Decompressor()
    private var buffer = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 64)
    private var capacity = 0

    deinit { buffer.deallocate() }

    /// `count` writable bytes, valid until the next call.
    func bytes(_ count: Int) -> UnsafeMutableRawBufferPointer {
        if capacity < count {
            buffer.deallocate()
            buffer = .allocate(byteCount: count, alignment: 64)
            capacity = count
        }
        return UnsafeMutableRawBufferPointer(start: buffer, count: count)
    }
}

/// Decodes chunks, checking every count and length against the payload before using it.
///
/// Row chunks of fixed-width columns (and the codes of dictionary-encoded ones) are decoded
/// straight into the column's final buffers (``decode(_:index:in:name:expected:scratch:into:)``);
/// string chunks and dictionary chunks become a ``DecodedChunk`` that the assembler concatenates.
enum ChunkDecoder {
    /// Checks the stored bytes of `entry` (chunk `index` of `file`) against their checksum and,
    /// when compressed, that they are exactly one zstd frame declaring the footer's payload length.
    static func checkedStored(_ entry: ChunkEntry, index: Int, in file: UnsafeRawBufferPointer,
                              name: String) throws -> UnsafeRawBufferPointer {
        let stored = UnsafeRawBufferPointer(rebasing: file[entry.offset..<entry.offset + entry.storedLength])
        guard XXH64.hash(stored) == entry.storedChecksum else {
            throw SnapshotError.checksumMismatch(file: name, chunk: index, offset: entry.offset)
        }
        if entry.isCompressed {
            // Check what the frame declares before allocating for it.
            guard let declared = Zstd.frameContentSize(stored), declared == UInt64(entry.payloadLength) else {
                throw corrupt(entry, index, name, "the zstd frame does not declare the footer's \(entry.payloadLength) bytes")
            }
            guard Zstd.frameCompressedSize(stored) == stored.count else { throw corrupt(entry, index, name, "not exactly one zstd frame") }
        }
        return stored
    }

    static func corrupt(_ entry: ChunkEntry, _ index: Int, _ name: String, _ reason: String) -> SnapshotError {
        .corrupt(file: name, offset: entry.offset, reason: "chunk \(index): \(reason)")
    }

    /// Writes the payload of a checked chunk into `destination` (exactly its payload length):
    /// decompressed, or copied when stored raw.
    private static func payload(_ entry: ChunkEntry, stored: UnsafeRawBufferPointer, index: Int, name: String,
                                decompressor: Zstd.Decompressor, into destination: UnsafeMutableRawBufferPointer) throws {
        precondition(destination.count == entry.payloadLength, "payload destination of the wrong size")
        guard entry.isCompressed else {
            if !stored.isEmpty { destination.baseAddress!.copyMemory(from: stored.baseAddress!, byteCount: stored.count) }
            return
        }
        do {
            try decompressor.decompress(stored, into: destination)
        } catch let error as ZstdError {
            throw corrupt(entry, index, name, error.description)
        }
    }

    /// Checks row chunk `entry` of a fixed-width (or dictionary-encoded string) column and decodes
    /// it into its rows of `target`: validity words, then values.
    static func decode(_ entry: ChunkEntry, index: Int, in file: UnsafeRawBufferPointer, name: String,
                       expected: ColumnExpectation, scratch: DecoderScratch, into target: ColumnTarget) throws {
        let stored = try checkedStored(entry, index: index, in: file, name: name)
        let n = entry.count, w = target.width
        let v = entry.hasValidity ? ColumnExpectation.validityBytes(n) : 0
        let out = target.valueBytes(first: entry.first, count: n)
        // Plain values (and deltas, summed in place) go straight to their place in the column.
        let inPlace = v == 0 && (entry.encoding == .plain || entry.encoding == .codes || entry.encoding == .delta)
        let p: UnsafeRawBufferPointer
        if inPlace {
            guard entry.payloadLength == n * w else { throw corrupt(entry, index, name, "\(entry.payloadLength) bytes for \(n) values") }
            try payload(entry, stored: stored, index: index, name: name, decompressor: scratch.decompressor, into: out)
            p = UnsafeRawBufferPointer(out)
        } else if entry.isCompressed {
            let buffer = scratch.bytes(entry.payloadLength)
            try payload(entry, stored: stored, index: index, name: name, decompressor: scratch.decompressor, into: buffer)
            p = UnsafeRawBufferPointer(buffer)
        } else {
            p = stored
        }
        guard p.count >= v else { throw corrupt(entry, index, name, "no room for the validity words") }
        target.setValidity(first: entry.first, count: n, words: v > 0 ? UnsafeRawBufferPointer(rebasing: p[0..<v]) : nil)
        let size = p.count
        switch entry.encoding {
        case .plain, .codes, .delta:
            guard size == v + n * w else { throw corrupt(entry, index, name, "\(size - v) bytes for \(n) values") }
            if !inPlace, n > 0 { out.baseAddress!.copyMemory(from: p.baseAddress! + v, byteCount: n * w) }
            if entry.encoding == .delta {
                guard ColumnExpectation.isIntegerLike(expected.type) else { throw corrupt(entry, index, name, "delta on a \(expected.type) column") }
                if w == 4 { prefixSum(out, from: 0, count: n, as: Int32.self) } else { prefixSum(out, from: 0, count: n, as: Int64.self) }
            }
        case .keyDictionary, .keyDictionaryNarrow:
            guard case .fixedBinary(let kw) = expected.type, kw == w else {
                throw corrupt(entry, index, name, "key dictionary on a \(expected.type) column")
            }
            guard size >= v + 4 else { throw corrupt(entry, index, name, "no room for the key count") }
            let k = Int(ByteReader(bytes: p).u32(v))
            let c = entry.encoding == .keyDictionary ? 4 : NarrowIntegers.codeWidth(entries: k)
            guard k <= n, size == v + 4 + k * w + n * c else { throw corrupt(entry, index, name, "\(k) keys do not fit \(size) bytes") }
            let keys = UnsafeRawBufferPointer(rebasing: p[(v + 4)..<(v + 4 + k * w)])
            let codes = UnsafeRawBufferPointer(rebasing: p[(v + 4 + k * w)...])
            if let bad = KeyDictionaryExpansion.expand(keys: keys, width: w, codes: codes, codeWidth: c, count: n, into: out) {
                throw corrupt(entry, index, name, "key code \(bad) out of range 0..<\(k)")
            }
        case .narrow:
            guard ColumnExpectation.isIntegerLike(expected.type) else { throw corrupt(entry, index, name, "narrow on a \(expected.type) column") }
            guard let (width, base) = NarrowIntegers.header(p, at: v, count: n, typeWidth: w) else {
                throw corrupt(entry, index, name, "narrow header or length does not match \(n) values in \(size) bytes")
            }
            let body = UnsafeRawBufferPointer(rebasing: p[(v + NarrowIntegers.headerSize)...])
            if w == 4 { NarrowIntegers.widen(body, width: width, base: base, count: n, as: Int32.self, into: out.baseAddress!) }
            else { NarrowIntegers.widen(body, width: width, base: base, count: n, as: Int64.self, into: out.baseAddress!) }
        case .strings, .stringDictionary, .dictionaryValues:
            throw corrupt(entry, index, name, "\(entry.encoding.name) in a \(expected.type) column")
        }
    }

    /// Checks chunk `entry` of a plain string column (or a dictionary chunk) and decodes it into
    /// per-row lengths and bytes; row chunks also write their validity words into `target`.
    static func decodeStrings(_ entry: ChunkEntry, index: Int, in file: UnsafeRawBufferPointer, name: String,
                              decompressor: Zstd.Decompressor, target: ColumnTarget?) throws -> DecodedChunk {
        let stored = try checkedStored(entry, index: index, in: file, name: name)
        func corrupt(_ reason: String) -> SnapshotError { ChunkDecoder.corrupt(entry, index, name, reason) }
        // No zero-fill: `payload` writes every byte (or throws).
        let payload = try [UInt8](unsafeUninitializedCapacity: entry.payloadLength) { buffer, initialized in
            try Self.payload(entry, stored: stored, index: index, name: name, decompressor: decompressor,
                             into: UnsafeMutableRawBufferPointer(buffer))
            initialized = buffer.count
        }
        let n = entry.count
        let v = entry.hasValidity ? ColumnExpectation.validityBytes(n) : 0
        let size = payload.count
        guard size >= v else { throw corrupt("no room for the validity words") }
        if entry.kind == .rows {
            payload.withUnsafeBytes { target?.setValidity(first: entry.first, count: n, words: v > 0 ? UnsafeRawBufferPointer(rebasing: $0[0..<v]) : nil) }
        }
        switch entry.encoding {
        case .strings, .dictionaryValues:
            guard size >= v + n * 4 else { throw corrupt("\(size) bytes do not hold \(n) lengths") }
            let total = payload.withUnsafeBytes { sumLengths($0, at: v, count: n) }
            guard total == size - v - n * 4 else { throw corrupt("string lengths sum to \(total), not \(size - v - n * 4)") }
            return DecodedChunk(storage: payload, values: v..<v + n * 4, bytes: v + n * 4..<size)
        case .stringDictionary:
            return try payload.withUnsafeBytes { p in try expandStringDictionary(p, validityBytes: v, count: n, corrupt: corrupt) }
        default:
            throw corrupt("\(entry.encoding.name) in a string column")
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
        return DecodedChunk(storage: out, values: v..<v + n * 4, bytes: v + n * 4..<out.count)
    }
}
