// LoadCommand.swift: `vaultsim load`, generate and load the raw vault in one process.

import ArgumentParser
import Foundation
import VaultColumnar
import VaultExport
import VaultFiles
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

    @Option(help: "With --on-error reject: fail after this many rejected rows (default 1000).")
    var maxErrors: Int?

    @Flag(help: "Refuse --from files whose checksum differs from the manifest (default: warn).")
    var verifyChecksums = false

    @Option(help: "Write every vault table (raw and business vault) and the batch log into this folder (CSV: binary keys as uppercase hex).")
    var export: String?

    @Option(help: "Format of --export: csv or parquet (binary keys as FIXED_LEN_BYTE_ARRAY, zstd pages).")
    var exportFormat: ExportFormat = .csv

    @Option(help: "Save the loaded vault as a snapshot in this folder (see `vaultsim snapshot`).")
    var snapshot: String?

    @Option(help: "zstd level of --snapshot (1-19; default 3).")
    var level: Int?

    @Flag(help: "Skip the audits after each batch.")
    var noAudits = false

    @Flag(help: "Print the summary as JSON.")
    var json = false

    @OptionGroup var force: ForceOption

    func validate() throws {
        if from == nil {
            try generation.validateLoad(strategy: hashing.strategy, calendar: try business.calendar(),
                                        materialised: export != nil)
        } else {
            try generation.refuseGiven("with --from (the folder's batches are loaded)", except: ["--base-date"])
        }
        if maxErrors != nil && onError != .reject { throw ValidationError("--max-errors needs --on-error reject.") }
        if level != nil && snapshot == nil { throw ValidationError("--level needs --snapshot DIR.") }
        if from == nil && (rejectFile != nil || onError == .reject || verifyChecksums) {
            throw ValidationError("--on-error, --reject-file and --verify-checksums apply to --from only.")
        }
        if rejectFile != nil && onError != .reject {
            throw ValidationError("--reject-file needs --on-error reject.")
        }
        if let level, !(1...19).contains(level) { throw ValidationError("--level must be between 1 and 19 (got \(level)).") }
        if export == nil && exportFormat != .csv {
            throw ValidationError("--export-format needs --export DIR.")
        }
        if let maxErrors, maxErrors < 0 { throw ValidationError("--max-errors must not be negative (got \(maxErrors)).") }
        if let export { _ = try Outputs.path(export, option: "--export") }
        if let snapshot { _ = try Outputs.path(snapshot, option: "--snapshot") }
        if let rejectFile { _ = try Outputs.path(rejectFile, option: "--reject-file") }
        if let export, let snapshot, try Outputs.path(export, option: "--export") == Outputs.path(snapshot, option: "--snapshot") {
            throw ValidationError("--export and --snapshot name the same folder (\(export)); give each its own.")
        }
    }

    func run() throws {
        // Outputs first: a refusal costs nothing, and a second writer of the same folder fails now.
        let exportOutput = try export.map { try Outputs.folder($0, option: "--export", kind: .tables, force: force.force) }
        let snapshotOutput = try snapshot.map { try Outputs.folder($0, option: "--snapshot", kind: .snapshot, force: force.force) }
        snapshotOutput?.abandon()  // checked and free; the snapshot writer takes it again when the vault is loaded
        let feed = try from.map {
            try readSourceBatches(from: $0, onError: onError.mode(maxErrors: maxErrors ?? 1000), rejectFile: rejectFile,
                                  verifyChecksums: verifyChecksums, force: force.force)
        }
        if let feed {
            try feed.checkFits(baseDate: generation.parsedBaseDate(), strategy: hashing.strategy,
                               calendar: business.calendar(), materialised: export != nil,
                               baseDateGiven: generation.givenBaseDate != nil)
        }
        let run = try LoadRun(generation: generation.generatorOptions(), strategy: hashing.strategy,
                              threads: threading.count, audits: !noAudits, progress: !json, feed: feed,
                              calendar: try business.calendar(), businessVaultAtEnd: business.pitAtEnd)
        let result = try run.execute()
        if let exportOutput {
            try exportTables(result.vault, to: exportOutput)
        }
        if let snapshot {
            _ = try VaultSnapshotMetadata.save(result.vault, metadata: VaultSnapshotMetadata.make(generation, hashing.strategy,
                                                                                                   threads: threading.count),
                                               to: snapshot, level: level ?? 3, threads: threading.count, previous: nil,
                                               force: force.force)
        }
        if json {
            print(try result.jsonString())
        } else {
            print(result.textSummary())
        }
    }

    private func exportTables(_ vault: Vault, to output: OutputFolder) throws {
        let exporter = TableExporter(format: exportFormat, parquet: ParquetOptions.defaultWriterOptions(threads: threading.count))
        let written: [TableExporter.File]
        do {
            written = try exporter.write(vault.allTables() + [vault.batchLog.table], to: output.staging)
        } catch {
            throw CommandFailure("--export \(output.target): \(error)")
        }
        try Outputs.publish(output, option: "--export")
        Diagnostics.progress("exported \(written.count) tables to \(output.target) as \(exportFormat.rawValue)")
    }
}
