// LoadCommand.swift: `vaultsim load`, generate and load the raw vault in one process.

import ArgumentParser
import Foundation
import VaultColumnar
import VaultExport
import VaultGenerator
import VaultHashing
import VaultModel

struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Generate the retail feed and load it into an in-memory Data Vault, batch by batch.",
        discussion: HelpText.reflow("""
            Each batch is generated, staged (every hash key and hashdiff computed once), then loaded:
            hubs, links, satellites (insert-only, hashdiff change detection), the business vault
            (point-in-time tables and bridge over the --pit-* snapshot dates), audits. Prints a summary
            per table and per batch: rows, bytes in memory, time per stage. Batch k's load date is
            --base-date + k days (midnight UTC), so outputs are reproducible fixtures.

            Examples:
              vaultsim load --scale 1 --days 7 --hash md5 --key-format binary
              vaultsim load --scale 10 --hash sha256 --key-format hex --export out/vault
            """)
    )

    @OptionGroup var generation: GenerationOptions
    @OptionGroup var hashing: StrategyOptions
    @OptionGroup var threading: ThreadOptions
    @OptionGroup(title: "Business vault") var business: BusinessVaultOptions

    @Option(help: "Load the CSV batches of this folder (the generate layout) instead of generating them.")
    var from: String?

    @Option(help: "On a malformed row in --from files: stop, or reject it into --reject-file and go on.")
    var onError: OnErrorChoice = .stop

    @Option(help: "Where rejected rows go (default: FROM/rejects.csv).")
    var rejectFile: String?

    @Option(help: "With --on-error reject: fail after this many rejected rows.")
    var maxErrors: Int = 1000

    @Flag(help: "Refuse --from files whose checksum differs from the manifest (default: warn).")
    var verifyChecksums = false

    @Option(help: "Write every vault table (raw and business vault) and the batch log into this folder (CSV: binary keys as uppercase hex).")
    var export: String?

    @Option(help: "Format of --export: csv or parquet (binary keys as FIXED_LEN_BYTE_ARRAY, zstd pages).")
    var exportFormat: ExportFormat = .csv

    @Option(help: "Save the loaded vault as a snapshot in this folder (see `vaultsim snapshot`).")
    var snapshot: String?

    @Option(help: "zstd level of --snapshot (1-19).")
    var level: Int = 3

    @Flag(help: "Skip the audits after each batch.")
    var noAudits = false

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func validate() throws {
        // A loaded vault keeps about as many bytes as the sources it was loaded from.
        if from == nil { try generation.validate(bytesPerSourceByte: 1.5) }
        if from == nil && (rejectFile != nil || onError == .reject || verifyChecksums) {
            throw ValidationError("--on-error, --reject-file and --verify-checksums apply to --from only.")
        }
        if rejectFile != nil && onError != .reject {
            throw ValidationError("--reject-file needs --on-error reject.")
        }
        guard (1...19).contains(level) else { throw ValidationError("--level must be between 1 and 19 (got \(level)).") }
        if export == nil && exportFormat != .csv {
            throw ValidationError("--export-format needs --export DIR.")
        }
        guard maxErrors >= 0 else { throw ValidationError("--max-errors must not be negative (got \(maxErrors)).") }
    }

    func run() throws {
        let feed = try from.map {
            try readSourceBatches(from: $0, onError: onError.mode(maxErrors: maxErrors), rejectFile: rejectFile,
                                  verifyChecksums: verifyChecksums)
        }
        let run = try LoadRun(generation: generation.generatorOptions(), strategy: hashing.strategy,
                              threads: threading.count, audits: !noAudits, progress: !json, feed: feed,
                              calendar: try business.calendar(), businessVaultAtEnd: business.pitAtEnd)
        let result = try run.execute()
        if let export {
            try exportTables(result.vault, to: export)
        }
        if let snapshot {
            _ = try VaultSnapshotMetadata.save(result.vault, metadata: VaultSnapshotMetadata.make(generation, hashing.strategy,
                                                                                                   threads: threading.count),
                                               to: snapshot, level: level, threads: threading.count, previous: nil)
        }
        if json {
            print(try result.jsonString())
        } else {
            print(result.textSummary())
        }
    }

    private func exportTables(_ vault: Vault, to folder: String) throws {
        let exporter = TableExporter(format: exportFormat, parquet: ParquetOptions.defaultWriterOptions(threads: threading.count))
        do {
            let written = try exporter.write(vault.allTables() + [vault.batchLog.table], to: folder)
            Diagnostics.progress("exported \(written.count) tables to \(folder) as \(exportFormat.rawValue)")
        } catch {
            throw CommandFailure("--export \(folder): \(error)")
        }
    }
}
