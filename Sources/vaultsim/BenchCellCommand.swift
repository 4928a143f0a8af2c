// BenchCellCommand.swift: `vaultsim bench cell`, one measured run of one matrix cell (internal).

import ArgumentParser
import VaultFiles
import Foundation
import VaultModel
import VaultReport

/// Runs one matrix cell once in this process and prints a ``BenchRun`` as JSON. `vaultsim bench`
/// starts one such process per run so that each run's peak memory is its own.
struct BenchCellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cell",
        abstract: "Run one benchmark cell once and print its measurements as JSON (used by `vaultsim bench`).",
        shouldDisplay: false)

    @OptionGroup var generation: GenerationOptions
    @OptionGroup var hashing: StrategyOptions
    @OptionGroup var threading: ThreadOptions

    @Option(help: "zstd level of the snapshot stage (1-19).")
    var level: Int = 3

    @Option(help: "Folder in which the snapshot stage writes its snapshot (as a hidden subfolder of this process, removed afterwards).")
    var work: String

    func validate() throws {
        try generation.validate(bytesPerSourceByte: 1.5)
        guard (1...19).contains(level) else {
            throw ValidationError("--level must be between 1 and 19 (got \(level)).")
        }
    }

    func run() throws {
        let run = try BenchCellRun(
            generation: generation, strategy: hashing, threads: threading.count, level: level,
            work: work
        ).execute()
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        print(String(decoding: try encoder.encode(run), as: UTF8.self))
    }
}

/// One run of a cell: load with ``LoadRun``, then every stage of ``BenchStages/afterLoading``.
struct BenchCellRun {
    let generation: GenerationOptions
    let strategy: StrategyOptions
    let threads: Int
    let level: Int
    let work: String

    func execute() throws -> BenchRun {
        // A name of this process's own: nothing of the user's in `work` is ever replaced or removed.
        let snapshot = (work as NSString).appendingPathComponent(".vaultsim-snapshot-\(getpid())")
        Temporaries.add(snapshot)
        defer {
            try? FileManager.default.removeItem(atPath: snapshot)
            Temporaries.remove(snapshot)
        }
        // The vault lives only in `context` from here on, so the restore stage can free it.
        let (loaded, context) = try load(snapshot: snapshot)
        var records = loaded.records
        let clock = ContinuousClock()
        for stage in BenchStages.afterLoading {
            stage.prepare(context)
            ResidentMemory.resetPeak()
            var rows = 0
            let elapsed = try clock.measure { rows = try stage.run(context) }
            records.append(
                BenchRun.StageRecord(
                    name: stage.name, micros: elapsed.microseconds, rows: rows,
                    peakResidentBytes: ProcessMemory.peakResidentBytes()))
        }
        let tables = loaded.sizes.map {
            TableSize(name: $0.name, rows: $0.rows, memoryBytes: $0.bytes, diskBytes: context.diskBytes[$0.name] ?? 0)
        }
        return BenchRun(
            stages: records, sourceRows: loaded.sourceRows,
            peakResidentBytes: records.map(\.peakResidentBytes).max() ?? 0,
            memoryBytes: loaded.sizes.reduce(0) { $0 + $1.bytes }, diskBytes: context.snapshotBytes, tables: tables)
    }

    /// What loading measured, without the vault.
    struct Loaded {
        var records: [BenchRun.StageRecord]
        var sourceRows: Int
        /// Rows and bytes in memory (table and index) per table, the batch log last.
        var sizes: [(name: String, rows: Int, bytes: Int)]
    }

    /// The loading stages, timed by ``LoadRun`` as `vaultsim load` times them.
    private func load(snapshot: String) throws -> (Loaded, BenchStageContext) {
        let result = try LoadRun(
            generation: generation.generatorOptions(), strategy: strategy.strategy, threads: threads,
            audits: true, progress: false
        ).execute()
        let loadPeak = ProcessMemory.peakResidentBytes()
        let vault = result.vault
        var sizes =
            vault.hubs.map { ($0.name, $0.table.count, $0.memoryFootprint) }
            + vault.links.map { ($0.name, $0.table.count, $0.memoryFootprint) }
            + vault.satellites.map { ($0.definition.name, $0.table.count, $0.memoryFootprint) }
            + [(vault.phones.definition.name, vault.phones.table.count, vault.phones.memoryFootprint),
               (vault.promotionEffectivity.definition.name, vault.promotionEffectivity.table.count,
                vault.promotionEffectivity.memoryFootprint)]
        // The point-in-time tables and the bridge in their compact form; they are derived, so a
        // snapshot does not hold them (zero bytes on disk).
        for pit in vault.business.pointInTimeTables {
            sizes.append((pit.definition.name, pit.rowCount(hubRows: vault.table(pit.definition.hub)?.count ?? 0), pit.memoryFootprint))
        }
        let bridge = vault.business.bridge
        sizes.append((bridge.definition.name, bridge.rowCount, bridge.memoryFootprint))
        let log = vault.batchLog.table
        sizes.append((log.name, log.count, log.memoryFootprint))
        let records = result.stageTotals.map {
            BenchRun.StageRecord(name: $0.0, micros: $0.1, rows: result.sourceRows, peakResidentBytes: loadPeak)
        }
        let metadata = VaultSnapshotMetadata.make(generation, strategy.strategy, threads: threads)
        let context = BenchStageContext(
            vault: vault, snapshotDirectory: snapshot, metadata: metadata, level: level,
            threads: threads)
        return (Loaded(records: records, sourceRows: result.sourceRows, sizes: sizes), context)
    }
}

extension Duration {
    /// The duration in whole microseconds.
    var microseconds: Int64 { components.seconds * 1_000_000 + components.attoseconds / 1_000_000_000_000 }
}
