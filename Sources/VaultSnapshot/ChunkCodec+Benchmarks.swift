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
    private let decompressor = Zstd.Decompressor()

    /// Encodes rows `first..<first + count` of `column` at zstd `level`.
    public init(_ column: Column, first: Int, count: Int, level: Int = 3) throws {
        let content = ChunkEncoder.contentChecksum(column, kind: .rows, first: first, count: count)
        let chunk = try ChunkEncoder.encode(
            column, kind: .rows, first: first, count: count, content: content, level: level,
            scratch: scratch, name: "benchmark", index: 0)
        entry = chunk.entry
        stored = chunk.stored
        expectation = ColumnExpectation(
            type: column.type, rowCount: column.count, isDictionaryEncoded: column.isDictionaryEncoded,
            rowsPerChunk: max(64, (count + 63) / 64 * 64))
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

    /// Checks and decodes the stored chunk; returns the decoded payload size.
    public func decode() throws -> Int {
        try stored.withUnsafeBytes { file in
            var located = entry
            located.offset = 0
            return try ChunkDecoder.decode(
                located, index: 0, in: file, name: "benchmark", expected: expectation,
                decompressor: decompressor
            ).storage.count
        }
    }
}
