// ColumnFile+Parse.swift: reading a column file's header, trailer and footer without trusting them.

import VaultChecksum
import VaultColumnar

/// What the manifest says a column file must hold; the footer must agree.
struct ColumnExpectation: Sendable {
    var type: ColumnType
    var rowCount: Int
    var isDictionaryEncoded: Bool
    var rowsPerChunk: Int
    /// The manifest's format version, which both ends of the column file must carry.
    var formatVersion: UInt32 = ColumnFile.version

    /// Whether `type` is stored as integers that may be delta-encoded.
    static func isIntegerLike(_ type: ColumnType) -> Bool {
        switch type {
        case .int32, .int64, .date, .time, .timestamp, .decimal: return true
        default: return false
        }
    }

    /// The bytes of validity words for `count` rows.
    static func validityBytes(_ count: Int) -> Int { (count + 63) / 64 * 8 }

    /// The allowed payload lengths of a chunk, or nil when the encoding is not allowed here.
    func payloadBounds(_ kind: ChunkKind, _ encoding: ChunkEncoding, count: Int, hasValidity: Bool) -> ClosedRange<Int>? {
        let limit = ColumnFile.maximumPayloadBytes
        if kind == .dictionary {
            guard isDictionaryEncoded, encoding == .dictionaryValues, !hasValidity else { return nil }
            return count * 4 <= limit ? (count * 4)...limit : nil
        }
        let v = hasValidity ? Self.validityBytes(count) : 0
        var bounds: ClosedRange<Int>
        switch (type, encoding) {
        case (.string, .codes) where isDictionaryEncoded:
            bounds = (v + count * 4)...(v + count * 4)
        case (.string, .strings) where !isDictionaryEncoded:
            bounds = (v + count * 4)...limit
        case (.string, .stringDictionary) where !isDictionaryEncoded:
            bounds = (v + 4 + count * 4)...limit
        case (.fixedBinary(let w), .plain):
            bounds = (v + count * w)...(v + count * w)
        case (.fixedBinary(let w), .keyDictionary):
            bounds = (v + 4 + count * 4)...(v + 4 + count * (w + 4))
        case (.fixedBinary(let w), .keyDictionaryNarrow):
            bounds = (v + 4 + count)...(v + 4 + count * (w + 4))
        case (_, .narrow) where Self.isIntegerLike(type):
            let w = type.fixedWidth!
            bounds = (v + NarrowIntegers.headerSize)...(v + NarrowIntegers.headerSize + count * (w - 1))
        case (_, .plain) where type != .string:
            let w = type.fixedWidth!
            bounds = (v + count * w)...(v + count * w)
        case (_, .delta) where Self.isIntegerLike(type):
            let w = type.fixedWidth!
            bounds = (v + count * w)...(v + count * w)
        default:
            return nil
        }
        guard bounds.lowerBound <= limit else { return nil }
        bounds = bounds.lowerBound...min(bounds.upperBound, limit)
        return bounds
    }
}

extension ColumnFile {
    /// Checks the header, trailer and footer of the column file `file` (named `name` in errors)
    /// against `expected`, and returns the footer. Chunk bytes are not read here.
    ///
    /// - Complexity: O(chunks); every length, offset and count is checked against the file size
    ///   and `expected` before it is used.
    static func parse(_ file: UnsafeRawBufferPointer, name: String, expected: ColumnExpectation) throws -> ColumnFooter {
        let size = file.count
        func corrupt(_ offset: Int, _ reason: String) -> SnapshotError { .corrupt(file: name, offset: offset, reason: reason) }
        guard size >= headerSize + footerFixedSize + trailerSize else {
            throw corrupt(size, "file too short (\(size) bytes) for a column file")
        }
        let r = ByteReader(bytes: file)
        // Header.
        guard r.slice(0, 8).elementsEqual(magic) else { throw corrupt(0, "bad magic number in the header") }
        guard r.u32(8) == expected.formatVersion else {
            throw SnapshotError.unsupportedVersion(file: name, offset: 8, version: Int(r.u32(8)))
        }
        guard r.u32(12) == 0 else { throw corrupt(12, "reserved header bytes are not zero") }
        // Trailer.
        let t = size - trailerSize
        guard r.slice(size - 8, 8).elementsEqual(magic) else { throw corrupt(size - 8, "bad magic number in the trailer") }
        guard r.u32(t + 24) == expected.formatVersion else {
            throw SnapshotError.unsupportedVersion(file: name, offset: t + 24, version: Int(r.u32(t + 24)))
        }
        guard r.u32(t + 28) == 0 else { throw corrupt(t + 28, "reserved trailer bytes are not zero") }
        let footerOffset = r.u64(t), footerLength = r.u64(t + 8)
        guard footerOffset >= UInt64(headerSize), footerOffset <= UInt64(t),
              footerLength == UInt64(t) - footerOffset else {
            throw corrupt(t, "footer offset \(footerOffset) and length \(footerLength) do not end at the trailer (\(t))")
        }
        let f = Int(footerOffset), footerBytes = Int(footerLength)
        guard footerBytes >= footerFixedSize, (footerBytes - footerFixedSize) % entrySize == 0 else {
            throw corrupt(t + 8, "footer length \(footerBytes) is not 48 + a multiple of 64")
        }
        guard XXH64.hash(r.slice(f, footerBytes)) == r.u64(t + 16) else {
            throw corrupt(f, "footer checksum mismatch")
        }
        // Footer, fixed part.
        guard r.u64(f) == UInt64(expected.rowCount) else {
            throw corrupt(f, "footer row count \(r.u64(f)) differs from the manifest's \(expected.rowCount)")
        }
        let dictionaryCount = r.u64(f + 8)
        guard r.u32(f + 16) == UInt32(expected.rowsPerChunk) else { throw corrupt(f + 16, "rows per chunk \(r.u32(f + 16)) differs from the manifest's") }
        guard r.u32(f + 20) == (expected.isDictionaryEncoded ? dictionaryFlag : 0) else { throw corrupt(f + 20, "column flags \(r.u32(f + 20)) differ from the manifest") }
        guard expected.isDictionaryEncoded || dictionaryCount == 0 else { throw corrupt(f + 8, "a dictionary in a column that has none") }
        let entryCount = (footerBytes - footerFixedSize) / entrySize
        guard r.u64(f + 24) == UInt64(entryCount) else { throw corrupt(f + 24, "chunk count \(r.u64(f + 24)) does not match the footer length") }
        guard r.u64(f + 40) == 0 else { throw corrupt(f + 40, "reserved footer bytes are not zero") }
        guard dictionaryCount <= UInt64(entryCount) * UInt64(expected.rowsPerChunk) else {
            throw corrupt(f + 8, "dictionary count \(dictionaryCount) does not fit \(entryCount) chunks")
        }
        let counts = ColumnFooter.chunkCounts(rows: expected.rowCount, dictionary: Int(dictionaryCount), rowsPerChunk: expected.rowsPerChunk)
        guard counts.dictionary + counts.rows == entryCount else {
            throw corrupt(f + 24, "\(entryCount) chunks where \(counts.dictionary + counts.rows) are needed")
        }
        // Entries.
        var entries: [ChunkEntry] = []
        entries.reserveCapacity(entryCount)
        var position = headerSize
        var payloadTotal = 0
        for i in 0..<entryCount {
            let e = f + footerFixedSize + i * entrySize
            let isDictionary = i < counts.dictionary
            let kind: ChunkKind = isDictionary ? .dictionary : .rows
            let index = isDictionary ? i : i - counts.dictionary
            let total = isDictionary ? Int(dictionaryCount) : expected.rowCount
            let first = index * expected.rowsPerChunk
            let count = min(expected.rowsPerChunk, total - first)
            guard r.u8(e) == kind.rawValue else { throw corrupt(e, "chunk \(i): kind \(r.u8(e)), expected \(kind.rawValue)") }
            guard let encoding = ChunkEncoding(rawValue: r.u8(e + 1)), encoding.sinceVersion <= expected.formatVersion else {
                throw corrupt(e + 1, "chunk \(i): unknown encoding \(r.u8(e + 1)) in a version \(expected.formatVersion) file")
            }
            let flags = r.u8(e + 2)
            guard flags & ~(ChunkEntry.compressedFlag | ChunkEntry.validityFlag) == 0, r.u8(e + 3) == 0 else {
                throw corrupt(e + 2, "chunk \(i): unknown flags \(flags)")
            }
            guard r.u32(e + 4) == UInt32(count), r.u64(e + 8) == UInt64(first) else {
                throw corrupt(e + 4, "chunk \(i): rows \(r.u64(e + 8)) + \(r.u32(e + 4)), expected \(first) + \(count)")
            }
            guard r.u64(e + 16) == UInt64(position) else { throw corrupt(e + 16, "chunk \(i): offset \(r.u64(e + 16)), expected \(position)") }
            let stored = r.u64(e + 24), payload = r.u64(e + 32)
            guard stored <= UInt64(f - position) else { throw corrupt(e + 24, "chunk \(i): stored length \(stored) runs past the footer") }
            let hasValidity = flags & ChunkEntry.validityFlag != 0
            guard let bounds = expected.payloadBounds(kind, encoding, count: count, hasValidity: hasValidity) else {
                throw corrupt(e + 1, "chunk \(i): encoding \(encoding.name) is not allowed for a \(expected.type) column")
            }
            guard payload <= UInt64(bounds.upperBound), bounds.contains(Int(payload)) else {
                throw corrupt(e + 32, "chunk \(i): payload length \(payload) outside \(bounds.lowerBound)...\(bounds.upperBound)")
            }
            guard flags & ChunkEntry.compressedFlag != 0 || stored == payload else {
                throw corrupt(e + 24, "chunk \(i): a raw chunk of \(stored) bytes declares \(payload)")
            }
            guard r.u64(e + 56) == 0 else { throw corrupt(e + 56, "chunk \(i): reserved bytes are not zero") }
            entries.append(ChunkEntry(kind: kind, encoding: encoding, flags: flags, count: count, first: first,
                                      offset: position, storedLength: Int(stored), payloadLength: Int(payload),
                                      storedChecksum: r.u64(e + 40), contentChecksum: r.u64(e + 48)))
            position += Int(stored)
            payloadTotal += Int(payload)
        }
        guard position == f else { throw corrupt(position, "chunks end at \(position), the footer starts at \(f)") }
        guard r.u64(f + 32) == UInt64(payloadTotal) else { throw corrupt(f + 32, "payload total \(r.u64(f + 32)), chunks sum to \(payloadTotal)") }
        return ColumnFooter(rowCount: expected.rowCount, dictionaryCount: Int(dictionaryCount),
                            rowsPerChunk: expected.rowsPerChunk, isDictionaryEncoded: expected.isDictionaryEncoded,
                            payloadBytes: payloadTotal, entries: entries, checksum: r.u64(t + 16))
    }

    /// Serialises `footer` (with its entries' offsets already set) as footer + trailer bytes.
    static func footerAndTrailer(_ footer: ColumnFooter, footerOffset: Int) -> [UInt8] {
        var w = ByteWriter()
        w.u64(footer.rowCount)
        w.u64(footer.dictionaryCount)
        w.u32(UInt32(footer.rowsPerChunk))
        w.u32(footer.isDictionaryEncoded ? dictionaryFlag : 0)
        w.u64(footer.entries.count)
        w.u64(footer.payloadBytes)
        w.u64(0)
        for entry in footer.entries {
            w.u8(entry.kind.rawValue)
            w.u8(entry.encoding.rawValue)
            w.u8(entry.flags)
            w.u8(0)
            w.u32(UInt32(entry.count))
            w.u64(entry.first)
            w.u64(entry.offset)
            w.u64(entry.storedLength)
            w.u64(entry.payloadLength)
            w.u64(entry.storedChecksum)
            w.u64(entry.contentChecksum)
            w.u64(0)
        }
        let footerLength = w.bytes.count
        let checksum = w.bytes.withUnsafeBytes { XXH64.hash($0) }
        w.u64(footerOffset)
        w.u64(footerLength)
        w.u64(checksum)
        w.u32(version)
        w.u32(0)
        w.raw(magic)
        return w.bytes
    }

    /// The 16 header bytes.
    static var header: [UInt8] {
        var w = ByteWriter()
        w.raw(magic)
        w.u32(version)
        w.u32(0)
        return w.bytes
    }
}
