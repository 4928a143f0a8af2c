// ChunkCodec+Benchmarks.swift: one chunk encoded and decoded alone, for the benchmark suites.

import VaultColumnar

/// One row chunk of a column, encoded (encoding choice and zstd) and decoded (checksum, zstd,
/// decoding) without files: the per-chunk work of `SnapshotWriter.save` and `SnapshotReader.restore`.
/// Exposed to the nested Benchmarks package only (`@_spi(Benchmarks) import VaultSnapshot`).
@_spi(Benchmarks)
public struct ChunkCodecSample {
    let entry: ChunkEntry
    let stored: [UInt8]
    let expectation: ColumnExpectation
    private let scratch = EncoderScratch()
    private let decoder = DecoderScratch()
    /// The column the chunk is restored into (allocated once: restores allocate a column's
    /// buffers once for all its chunks).
    private let target: ColumnTarget

    /// Encodes rows `first..<first + count` of `column` at zstd `level`.
    public init(_ column: Column, first: Int, count: Int, level: Int = 3) throws {
        let content = ChunkEncoder.contentChecksum(column, kind: .rows, first: first, count: count)
        let chunk = try ChunkEncoder.encode(
            column, kind: .rows, first: first, count: count, content: content, level: level,
            scratch: scratch, name: "benchmark", index: 0)
        entry = chunk.entry
        stored = chunk.stored.array
        expectation = ColumnExpectation(
            type: column.type, rowCount: column.count, isDictionaryEncoded: column.isDictionaryEncoded,
            rowsPerChunk: max(64, (count + 63) / 64 * 64))
        let footer = ColumnFooter(rowCount: column.count, dictionaryCount: 0, rowsPerChunk: expectation.rowsPerChunk,
                                  isDictionaryEncoded: column.isDictionaryEncoded, payloadBytes: entry.payloadLength,
                                  entries: [entry])
        target = ColumnTarget(footer, expected: expectation)
    }

    /// Bytes the chunk takes on disk.
    public var storedBytes: Int { stored.count }

    /// Encodes the same rows again; returns the stored size.
    public func encode(_ column: Column) throws -> Int {
        let content = ChunkEncoder.contentChecksum(column, kind: .rows, first: entry.first, count: entry.count)
        return try ChunkEncoder.encode(
            column, kind: .rows, first: entry.first, count: entry.count, content: content,
            level: 3, scratch: scratch, name: "benchmark", index: 0
        ).stored.count
    }

    /// Checks the stored chunk and decodes it into its rows of the column; returns the bytes
    /// of values decoded. Fixed-width columns only (the benchmarks' hash keys).
    public func decode() throws -> Int {
        try stored.withUnsafeBytes { file in
            var located = entry
            located.offset = 0
            try ChunkDecoder.decode(located, index: 0, in: file, name: "benchmark", expected: expectation,
                                    scratch: decoder, into: target)
            return entry.count * target.width
        }
    }
}
