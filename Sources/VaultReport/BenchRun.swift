// BenchRun.swift: what one measured run of a matrix cell reports (the child process's JSON).

/// One run of a cell, measured in its own process: stage times, peak memory and table sizes.
public struct BenchRun: Codable, Sendable, Equatable {
    /// One stage's time.
    public struct StageRecord: Codable, Sendable, Equatable {
        public var name: String
        /// Total over all batches, microseconds.
        public var micros: Int64
        public var rows: Int
        /// Peak resident bytes while the stage ran. Loading stages interleave batch by batch, so
        /// they share one figure: the peak of the whole load.
        public var peakResidentBytes: Int

        public init(name: String, micros: Int64, rows: Int, peakResidentBytes: Int) {
            self.name = name
            self.micros = micros
            self.rows = rows
            self.peakResidentBytes = peakResidentBytes
        }
    }

    public var stages: [StageRecord]
    public var sourceRows: Int
    /// Peak resident bytes of the run's process.
    public var peakResidentBytes: Int
    /// Bytes of all tables and their indexes in memory after loading.
    public var memoryBytes: Int
    /// Bytes of the snapshot folder (column files and manifest).
    public var diskBytes: Int
    public var tables: [TableSize]

    public init(
        stages: [StageRecord], sourceRows: Int, peakResidentBytes: Int, memoryBytes: Int, diskBytes: Int,
        tables: [TableSize]
    ) {
        self.stages = stages
        self.sourceRows = sourceRows
        self.peakResidentBytes = peakResidentBytes
        self.memoryBytes = memoryBytes
        self.diskBytes = diskBytes
        self.tables = tables
    }
}

/// A peer engine's run of the same pipeline on the same data, next to vaultsim's.
public struct PeerResult: Codable, Sendable, Equatable {
    /// `duckdb` or `pandas`.
    public var engine: String
    public var algorithm: String
    public var scale: Double
    public var days: Int
    /// The peer's time for the load stages it implements.
    public var seconds: Double
    /// vaultsim's time for the same stages in the same report (stage, hubs, links, satellites).
    public var vaultsimSeconds: Double
    /// `seconds / vaultsimSeconds`: how many times slower the peer is.
    public var ratio: Double
    /// What the peer's time covers, in words.
    public var covers: String
    /// Per table: the peer's rows and vaultsim's rows.
    public var tables: [PeerTable]
    /// Differences found between the peer's output and vaultsim's (empty when identical).
    public var differences: [String]

    public init(
        engine: String, algorithm: String, scale: Double, days: Int, seconds: Double, vaultsimSeconds: Double,
        covers: String, tables: [PeerTable], differences: [String]
    ) {
        self.engine = engine
        self.algorithm = algorithm
        self.scale = scale
        self.days = days
        self.seconds = seconds
        self.vaultsimSeconds = vaultsimSeconds
        ratio = vaultsimSeconds > 0 ? seconds / vaultsimSeconds : 0
        self.covers = covers
        self.tables = tables
        self.differences = differences
    }
}

/// A table's row count in a peer's output and in vaultsim's.
public struct PeerTable: Codable, Sendable, Equatable {
    public var name: String
    public var peerRows: Int
    public var vaultsimRows: Int
    /// Whether the key sets (and, where the peer checks them, whole rows) are equal.
    public var identical: Bool

    public init(name: String, peerRows: Int, vaultsimRows: Int, identical: Bool) {
        self.name = name
        self.peerRows = peerRows
        self.vaultsimRows = vaultsimRows
        self.identical = identical
    }
}
