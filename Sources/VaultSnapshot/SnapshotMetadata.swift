// SnapshotMetadata.swift: what the caller records with a snapshot, and the reports it gets back.

/// One option of the run that produced the tables, as text (`seed` = `42`).
public struct SnapshotOption: Codable, Hashable, Sendable {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// What a snapshot records about the run that produced its tables, stored in the manifest and
/// returned unchanged by ``SnapshotReader/restore(from:threads:)``. Options keep their order.
public struct SnapshotMetadata: Codable, Hashable, Sendable {
    /// The vaultsim version that wrote the snapshot.
    public var vaultsimVersion: String
    /// The generator's options (seed, scale, batches), in the caller's order.
    public var generationOptions: [SnapshotOption]
    /// The load's options (batch, parallelism), in the caller's order.
    public var loadOptions: [SnapshotOption]
    /// The hash strategy of the hash keys (e.g. `md5-hex-upper`).
    public var hashStrategy: String

    public init(vaultsimVersion: String, generationOptions: [SnapshotOption] = [],
                loadOptions: [SnapshotOption] = [], hashStrategy: String) {
        self.vaultsimVersion = vaultsimVersion
        self.generationOptions = generationOptions
        self.loadOptions = loadOptions
        self.hashStrategy = hashStrategy
    }
}

/// What ``SnapshotWriter/save(tables:metadata:to:level:threads:previous:)`` did.
public struct SnapshotSaveReport: Sendable, Equatable {
    /// Bytes of the tables' column buffers (validity, values, string bytes, dictionaries).
    public var rawBytes: Int
    /// Bytes of all files of the new snapshot, manifest included.
    public var totalBytes: Int
    /// Bytes encoded and written anew.
    public var writtenBytes: Int
    /// Bytes taken from the previous snapshot (chunks copied, or whole files hard-linked).
    public var reusedBytes: Int
    /// Chunks encoded anew.
    public var chunksWritten: Int
    /// Chunks taken from the previous snapshot.
    public var chunksReused: Int
    /// Column files hard-linked (or copied whole) from the previous snapshot.
    public var filesLinked: Int
    /// How long each phase took.
    public var phases = SnapshotSavePhases()
}

/// What ``SnapshotReader/verify(_:)`` checked.
public struct SnapshotVerifyReport: Sendable, Equatable {
    /// Column files checked (every byte of each).
    public var files: Int
    /// Chunks whose checksum was checked.
    public var chunks: Int
    /// Bytes read, manifest included.
    public var bytes: Int
}

/// A description of a snapshot, read from its manifest and column footers.
public struct SnapshotInfo: Sendable, Equatable {
    /// One column of a table.
    public struct ColumnInfo: Sendable, Equatable {
        public var name: String
        /// The column type as written in the manifest (`fixed_binary(16)`).
        public var type: String
        /// Whether the column is a dictionary-encoded string column.
        public var dictionaryEncoded: Bool
        /// Bytes of the column's buffers in memory.
        public var rawBytes: Int
        /// Bytes of the column file on disk.
        public var storedBytes: Int
        /// Chunks per encoding name (`plain`, `delta`, `key-dictionary`, ...).
        public var encodings: [String: Int]
        /// Chunks stored raw (not zstd-compressed because it did not pay).
        public var rawChunks: Int
        /// Chunks compressed with zstd.
        public var compressedChunks: Int
        /// `rawBytes / storedBytes` (0 when nothing is stored).
        public var ratio: Double { storedBytes == 0 ? 0 : Double(rawBytes) / Double(storedBytes) }
    }

    /// One table.
    public struct TableInfo: Sendable, Equatable {
        public var name: String
        public var rows: Int
        public var columns: [ColumnInfo]
        public var rawBytes: Int { columns.reduce(0) { $0 + $1.rawBytes } }
        public var storedBytes: Int { columns.reduce(0) { $0 + $1.storedBytes } }
    }

    public var formatVersion: Int
    public var metadata: SnapshotMetadata
    /// The zstd level the snapshot was written with.
    public var level: Int
    /// Rows per chunk (also dictionary entries per dictionary chunk).
    public var rowsPerChunk: Int
    public var tables: [TableInfo]
    /// Bytes of the column buffers in memory.
    public var rawBytes: Int { tables.reduce(0) { $0 + $1.rawBytes } }
    /// Bytes of the column files on disk (manifest excluded).
    public var storedBytes: Int { tables.reduce(0) { $0 + $1.storedBytes } }
}

/// Wall-clock seconds of the phases of a save, in the order they run.
public struct SnapshotSavePhases: Sendable, Equatable {
    /// Encoding and compressing chunks (or taking them from the previous snapshot).
    public var encodeSeconds = 0.0
    /// Writing column files and the manifest into the temporary folder.
    public var writeSeconds = 0.0
    /// fsync of every file and folder of the temporary folder.
    public var syncSeconds = 0.0
    /// The renames that replace the snapshot, the parent folder's fsync, removing the old one.
    public var publishSeconds = 0.0

    public init() {}
}

/// What ``SnapshotReader/restoreMeasured(from:threads:)`` measured: wall-clock seconds per phase.
public struct SnapshotRestoreReport: Sendable, Equatable {
    /// Reading the manifest and column files, checking headers, footers and trailers.
    public var readSeconds = 0.0
    /// Checking chunk checksums, decompressing and decoding chunks.
    public var decodeSeconds = 0.0
    /// Building columns and tables from decoded chunks.
    public var assembleSeconds = 0.0

    public init() {}
}
