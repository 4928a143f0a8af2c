// ParquetWriterOptions.swift: what a ParquetWriter does (compression, sizes, threads).

/// The settings of a ``ParquetWriter``. Every setting changes the bytes written; none depends on
/// the machine (threads only change the speed).
public struct ParquetWriterOptions: Sendable, Equatable {
    /// How pages are compressed.
    public enum Compression: Sendable, Equatable {
        /// Pages stored as they are (`UNCOMPRESSED`).
        case none
        /// Each page body is one zstd frame at `level` (`ZSTD`).
        case zstd(level: Int)

        var codec: ParquetCompressionCodec {
            switch self {
            case .none: return .uncompressed
            case .zstd: return .zstd
            }
        }
    }

    /// Page compression (default zstd level 1, pyarrow's default level).
    public var compression: Compression = .zstd(level: 1)
    /// Rows per row group (the last one holds the rest).
    public var rowGroupRows: Int = 1 << 20
    /// Target size of a data page's encoded values, in bytes.
    public var pageBytes: Int = 1 << 20
    /// The largest dictionary page; a chunk whose dictionary grows past it is written PLAIN.
    /// 0 turns dictionary encoding off.
    public var dictionaryPageBytesLimit: Int = 1 << 20
    /// Columns encoded in parallel (1: on the calling thread).
    public var threads: Int = 1
    /// The footer's `created_by`.
    public var createdBy: String = "vaultsim version 0.1.0"

    public init() {}

    /// The settings with `compression` replaced.
    public init(compression: Compression, rowGroupRows: Int = 1 << 20, threads: Int = 1) {
        self.compression = compression
        self.rowGroupRows = rowGroupRows
        self.threads = threads
    }

    /// The first setting out of range, as a sentence, or `nil` when all are usable.
    public var problem: String? {
        if rowGroupRows < 1 { return "row groups must hold at least 1 row (got \(rowGroupRows))" }
        if pageBytes < 1 { return "the page size must be at least 1 byte (got \(pageBytes))" }
        if dictionaryPageBytesLimit < 0 { return "the dictionary page limit must not be negative" }
        if threads < 1 { return "threads must be at least 1 (got \(threads))" }
        if case .zstd(let level) = compression, !ParquetZstd.levels.contains(level) {
            return "zstd level \(level) is outside \(ParquetZstd.levels.lowerBound)...\(ParquetZstd.levels.upperBound)"
        }
        return nil
    }
}
