// ColumnFile.swift: the byte layout of a column file (header, chunks, footer, trailer).

/// The layout of one column file. All integers are little endian.
///
/// ```
///  offset 0                                                                  file size
///  | header (16) | chunk 0 | chunk 1 | ... | chunk n-1 | footer | trailer (40) |
///
///  header:  "VSNAPCOL" (8) | version u32 = 2 (1 is still read) | reserved u32 = 0
///  chunk:   one zstd frame (flag `compressed`) or the payload stored raw
///  footer:  rowCount u64 | dictionaryCount u64 | rowsPerChunk u32 | columnFlags u32
///           | chunkCount u64 | payloadBytes u64 | reserved u64 = 0      (48 bytes)
///           | chunkCount x chunk entry (64 bytes each, see `ChunkEntry`)
///  trailer: footerOffset u64 | footerLength u64 | footerXXH64 u64 | version u32
///           | reserved u32 = 0 | "VSNAPCOL" (8)
/// ```
///
/// Chunks are contiguous: chunk 0 starts at 16, each starts where the previous ends, and the last
/// ends at `footerOffset`. Dictionary chunks (dictionary-encoded string columns only) come first,
/// then row chunks; chunk `i` of each kind covers entries/rows `i * rowsPerChunk ..<` the next
/// boundary, so the first N rows of a column always map to the same chunks.
enum ColumnFile {
    static let magic: [UInt8] = Array("VSNAPCOL".utf8)
    /// The version written; the manifest's `formatVersion` and both ends of every column file agree.
    static let version: UInt32 = 2
    /// The versions read. Version 1 lacks the `narrow` and `key-dictionary-narrow` encodings.
    static let readableVersions: ClosedRange<UInt32> = 1...2
    static let headerSize = 16
    static let trailerSize = 40
    static let footerFixedSize = 48
    static let entrySize = 64
    /// Column flag: the column is a dictionary-encoded string column.
    static let dictionaryFlag: UInt32 = 1
    /// The largest payload of one chunk, in bytes; larger chunks are refused on save and on read.
    static let maximumPayloadBytes = 256 << 20
    /// The fewest and most rows per chunk a snapshot may use (multiples of 64).
    static let rowsPerChunkRange = 64...(1 << 22)
}

/// The two kinds of chunk.
enum ChunkKind: UInt8 {
    /// Rows of the column.
    case rows = 0
    /// Entries of the dictionary of a dictionary-encoded string column.
    case dictionary = 1
}

/// How a chunk's payload encodes its rows (before zstd). Every row payload starts with the
/// chunk's validity words (`ceil(count / 64)` UInt64) when the flag `hasValidity` is set.
///
/// ```
///  plain             values as in memory: count x width bytes
///  delta             count x width bytes: v[0], v[1] &- v[0], v[2] &- v[1], ... (int32/int64-like)
///  key-dictionary    k u32 | k distinct keys x width | count x Int32 codes      (fixed_binary)
///  strings           count x UInt32 lengths | UTF-8 bytes                       (plain string)
///  string-dictionary k u32 | k x UInt32 lengths | UTF-8 bytes | count x Int32 codes (plain string)
///  codes             count x Int32 dictionary codes              (dictionary-encoded string)
///  dictionary-values count x UInt32 lengths | UTF-8 bytes      (dictionary chunk, no validity)
///  narrow            width u8 | 7 x 0 | base i64 | count x width bytes of v &- base   (version 2)
///  key-dictionary-narrow  k u32 | k keys x width | count x c-byte codes, c = 1, 2, 4 for
///                    k <= 2^8, 2^16, more                                         (version 2)
/// ```
enum ChunkEncoding: UInt8, CaseIterable {
    case plain = 0
    case delta = 1
    case keyDictionary = 2
    case strings = 3
    case stringDictionary = 4
    case codes = 5
    case dictionaryValues = 6
    case narrow = 7
    case keyDictionaryNarrow = 8

    /// The first format version that has this encoding.
    var sinceVersion: UInt32 { rawValue >= 7 ? 2 : 1 }

    /// The name shown by `info` and written into manifests.
    var name: String {
        switch self {
        case .plain: return "plain"
        case .delta: return "delta"
        case .keyDictionary: return "key-dictionary"
        case .strings: return "strings"
        case .stringDictionary: return "string-dictionary"
        case .codes: return "codes"
        case .dictionaryValues: return "dictionary-values"
        case .narrow: return "narrow"
        case .keyDictionaryNarrow: return "key-dictionary-narrow"
        }
    }
}

/// One entry of a column file's footer: where a chunk is and how to read it.
///
/// ```
///  0 kind u8 | 1 encoding u8 | 2 flags u8 | 3 reserved u8 = 0 | 4 count u32
///  8 first u64          first row (or dictionary entry) of the chunk
/// 16 offset u64         file offset of the stored bytes
/// 24 storedLength u64   bytes on disk
/// 32 payloadLength u64  bytes of the payload before zstd (the frame's content size)
/// 40 storedXXH64 u64    XXH64 of the stored bytes
/// 48 contentXXH64 u64   chained XXH64 of the source buffers (validity, values, bytes) of the rows,
///                       compared by incremental saves
/// 56 reserved u64 = 0
/// ```
struct ChunkEntry: Equatable, Sendable {
    static let compressedFlag: UInt8 = 1
    static let validityFlag: UInt8 = 2

    var kind: ChunkKind
    var encoding: ChunkEncoding
    var flags: UInt8
    var count: Int
    var first: Int
    var offset: Int
    var storedLength: Int
    var payloadLength: Int
    var storedChecksum: UInt64
    var contentChecksum: UInt64

    var isCompressed: Bool { flags & Self.compressedFlag != 0 }
    var hasValidity: Bool { flags & Self.validityFlag != 0 }
}

/// The fixed part of a column file's footer.
struct ColumnFooter: Equatable, Sendable {
    var rowCount: Int
    var dictionaryCount: Int
    var rowsPerChunk: Int
    var isDictionaryEncoded: Bool
    var payloadBytes: Int
    var entries: [ChunkEntry]
    /// The XXH64 of the footer bytes, as written in the trailer and pinned by the manifest.
    var checksum: UInt64 = 0

    /// The number of dictionary chunks, then of row chunks, for these counts.
    static func chunkCounts(rows: Int, dictionary: Int, rowsPerChunk: Int) -> (dictionary: Int, rows: Int) {
        ((dictionary + rowsPerChunk - 1) / rowsPerChunk, (rows + rowsPerChunk - 1) / rowsPerChunk)
    }
}

/// Appends little-endian integers to a byte array.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ v: Int) { u64(UInt64(v)) }
    mutating func raw(_ v: [UInt8]) { bytes.append(contentsOf: v) }
}

/// Reads little-endian integers at offsets already checked to be in range.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer

    func u8(_ at: Int) -> UInt8 { bytes[at] }
    func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
    func u64(_ at: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
    func slice(_ at: Int, _ count: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[at..<at + count]) }
}
