// BenchResults.swift: the measurements of a `vaultsim bench` matrix, as written to results.json.

/// Everything one `vaultsim bench` run measured: the machine, the options, one entry per matrix
/// cell (algorithm x key format x scale x threads) and the peers' results.
///
/// Encoded with snake_case keys; the schema is documented in `docs/BENCH-REPORT.md`.
public struct BenchResults: Codable, Sendable, Equatable {
    /// Bumped when a key changes meaning or disappears.
    public static let currentSchemaVersion = 1

    public var schemaVersion = BenchResults.currentSchemaVersion
    public var vaultsimVersion: String
    /// The command that produced the report, argument by argument.
    public var commandLine: [String]
    /// Start of the run, ISO 8601 in UTC.
    public var startedAt: String
    /// Wall time of the whole matrix, warm-ups and peers included.
    public var elapsedSeconds: Double
    public var machine: BenchMachine
    public var options: BenchOptions
    /// Stage names in pipeline order (every cell's `stages` follows it).
    public var stages: [String]
    public var cells: [BenchCell]
    public var peers: [PeerResult]

    public init(
        vaultsimVersion: String, commandLine: [String], startedAt: String, elapsedSeconds: Double,
        machine: BenchMachine, options: BenchOptions, stages: [String], cells: [BenchCell], peers: [PeerResult] = []
    ) {
        self.vaultsimVersion = vaultsimVersion
        self.commandLine = commandLine
        self.startedAt = startedAt
        self.elapsedSeconds = elapsedSeconds
        self.machine = machine
        self.options = options
        self.stages = stages
        self.cells = cells
        self.peers = peers
    }
}

/// The machine a report was measured on.
public struct BenchMachine: Codable, Sendable, Equatable {
    public var cpuModel: String
    /// The CPU features that decide which hash kernels run (`avx2`, `avx512f`, `sha_ni`, ...).
    public var cpuFlags: [String]
    public var cores: Int
    public var memoryBytes: UInt64
    public var os: String
    public var swiftVersion: String
    /// The kernel chosen per algorithm (`md5=avx512`).
    public var kernels: [String]

    public init(
        cpuModel: String, cpuFlags: [String], cores: Int, memoryBytes: UInt64, os: String, swiftVersion: String,
        kernels: [String]
    ) {
        self.cpuModel = cpuModel
        self.cpuFlags = cpuFlags
        self.cores = cores
        self.memoryBytes = memoryBytes
        self.os = os
        self.swiftVersion = swiftVersion
        self.kernels = kernels
    }
}

/// The matrix and how each cell was run.
public struct BenchOptions: Codable, Sendable, Equatable {
    public var preset: String
    public var scales: [Double]
    public var algorithms: [String]
    public var keyFormats: [String]
    public var threads: [Int]
    public var days: Int
    public var seed: UInt64
    public var profile: String
    /// Measured runs per cell (each in a fresh process).
    public var `repeat`: Int
    /// Unmeasured runs before the first measured run of each cell.
    public var warmup: Int
    /// zstd level of the snapshot stage.
    public var level: Int

    public init(
        preset: String, scales: [Double], algorithms: [String], keyFormats: [String], threads: [Int], days: Int,
        seed: UInt64, profile: String, repeat: Int, warmup: Int, level: Int
    ) {
        self.preset = preset
        self.scales = scales
        self.algorithms = algorithms
        self.keyFormats = keyFormats
        self.threads = threads
        self.days = days
        self.seed = seed
        self.profile = profile
        self.repeat = `repeat`
        self.warmup = warmup
        self.level = level
    }
}

/// One matrix cell: a hash strategy at one scale and thread count, summarised over its runs.
public struct BenchCell: Codable, Sendable, Equatable {
    public var algorithm: String
    public var keyFormat: String
    public var scale: Double
    public var threads: Int
    /// `algorithm-keyformat`, the label used in tables and charts (`md5-binary`).
    public var strategy: String
    public var sourceRows: Int
    /// Rows of every saved table (vault tables and batch log).
    public var vaultRows: Int
    /// Per stage, in ``BenchResults/stages`` order: rows, seconds (median, min, max), rows per second.
    public var stages: [StageSummary]
    /// The sum of the stages.
    public var total: StageSummary
    /// Peak resident memory of the whole run (each run is its own process).
    public var peakResidentBytes: Spread
    /// Bytes of all tables and indexes in memory after loading.
    public var memoryBytes: Int
    /// Bytes of the snapshot on disk (every column file and the manifest).
    public var diskBytes: Int
    public var tables: [TableSize]
    /// Every measured run, in order. Their `tables` are left empty: every run loads the same
    /// tables (the runner checks it), given once in ``tables``.
    public var runs: [BenchRun]

    public init(
        algorithm: String, keyFormat: String, scale: Double, threads: Int, runs: [BenchRun], stageNames: [String]
    ) {
        self.algorithm = algorithm
        self.keyFormat = keyFormat
        self.scale = scale
        self.threads = threads
        strategy = "\(algorithm)-\(keyFormat)"
        self.runs = runs.map { run in
            var copy = run
            copy.tables = []
            return copy
        }
        let first = runs.first
        sourceRows = first?.sourceRows ?? 0
        tables = first?.tables ?? []
        vaultRows = tables.reduce(0) { $0 + $1.rows }
        memoryBytes = first?.memoryBytes ?? 0
        diskBytes = first?.diskBytes ?? 0
        stages = stageNames.map { name in
            let records = runs.compactMap { run in run.stages.first { $0.name == name } }
            return StageSummary(
                name: name, rows: records.first?.rows ?? 0,
                seconds: Spread(records.map { Double($0.micros) / 1e6 }),
                peakResidentBytes: Spread(records.map { Double($0.peakResidentBytes) }).median)
        }
        total = StageSummary(
            name: "total", rows: sourceRows,
            seconds: Spread(runs.map { run in Double(run.stages.reduce(0) { $0 + $1.micros }) / 1e6 }),
            peakResidentBytes: Spread(runs.map { Double($0.peakResidentBytes) }).median)
        peakResidentBytes = Spread(runs.map { Double($0.peakResidentBytes) })
    }

    /// The summary of the stage `name`, if the cell has it.
    public func stage(_ name: String) -> StageSummary? { stages.first { $0.name == name } }
}

/// One stage of a cell over its runs.
public struct StageSummary: Codable, Sendable, Equatable {
    public var name: String
    /// Rows the stage processed: source rows for loading stages, saved rows for snapshot stages.
    public var rows: Int
    public var seconds: Spread
    /// `rows / seconds.median` (0 when the median is 0).
    public var rowsPerSecond: Double
    /// Median over the runs of the peak resident bytes while the stage ran (see ``BenchRun/StageRecord``).
    public var peakResidentBytes: Double

    public init(name: String, rows: Int, seconds: Spread, peakResidentBytes: Double) {
        self.name = name
        self.rows = rows
        self.seconds = seconds
        self.peakResidentBytes = peakResidentBytes
        rowsPerSecond = seconds.median > 0 ? Double(rows) / seconds.median : 0
    }
}

/// Median, minimum and maximum of repeated measurements.
public struct Spread: Codable, Sendable, Equatable {
    public var median: Double
    public var min: Double
    public var max: Double

    public init(median: Double, min: Double, max: Double) {
        self.median = median
        self.min = min
        self.max = max
    }

    /// The spread of `values` (all zero when empty); the median of an even count is the mean of the middle two.
    public init(_ values: [Double]) {
        let sorted = values.sorted()
        guard let first = sorted.first, let last = sorted.last else {
            median = 0
            min = 0
            max = 0
            return
        }
        let mid = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        min = first
        max = last
    }
}

/// A table's size after loading: rows, bytes in memory (table and index), bytes on disk.
public struct TableSize: Codable, Sendable, Equatable {
    public var name: String
    public var rows: Int
    public var memoryBytes: Int
    public var diskBytes: Int

    public init(name: String, rows: Int, memoryBytes: Int, diskBytes: Int) {
        self.name = name
        self.rows = rows
        self.memoryBytes = memoryBytes
        self.diskBytes = diskBytes
    }
}
