// ExportDBTCommand.swift: `vaultsim export-dbt DIR`, a dbt-duckdb project that rebuilds the vault.

import ArgumentParser
import VaultColumnar
import VaultFixtures
import VaultGenerator
import VaultModel

/// `vaultsim export-dbt DIR [generation and hash options]`
struct ExportDBTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-dbt",
        abstract: "Write a dbt-duckdb project that rebuilds the raw and business vault and tests it against vaultsim's tables.",
        discussion: HelpText.reflow("""
            Generates the feed (or reads it with --from FEED) and loads the vault as `vaultsim load` does, \
            then writes DIR (which must not exist or be empty): dbt_project.yml, profiles.yml \
            (dbt-duckdb, database file in DIR), the source batches as seeds (one per source table, with \
            batch and line columns), staging, raw vault and business vault models in plain DuckDB SQL \
            (AutomateDV hashing with md5, sha1 or sha256; ghost records in every satellite; the \
            multi-active and effectivity satellites; as-of dates, point-in-time tables and the bridge \
            over every loaded business date), vaultsim's tables as seeds, and tests that fail on any \
            difference. DIR/README.md explains the models. Run it with `cd DIR && dbt build`.

            Examples:
              vaultsim export-dbt /tmp/vault_dbt --scale 0.05 --days 3
              vaultsim export-dbt out/dbt --hash sha256 --key-format hex --scale 1 --days 7
              vaultsim export-dbt out/dbt --from edited_feed
            """)
    )

    @Argument(help: "The project folder to write (must not exist, be empty, or hold a dbt project vaultsim wrote; see --force).")
    var folder: String

    @OptionGroup var generation: GenerationOptions
    @OptionGroup var hashing: StrategyOptions
    @OptionGroup var threading: ThreadOptions

    @Option(help: "Read the CSV batches of this folder (the generate layout) instead of generating them; batch k must fall k days after batch 0.")
    var from: String?

    @OptionGroup var force: ForceOption

    func validate() throws {
        _ = try Outputs.path(folder, option: "project folder")
        if from == nil {
            try generation.validateLoad(strategy: hashing.strategy, calendar: SnapshotCalendar(), materialised: true)
        } else {
            try generation.refuseGiven("with --from (the folder's batches are loaded)", except: ["--base-date"])
        }
        do { _ = try DBTHashSQL(strategy: hashing.strategy) } catch { throw ValidationError(error.description + ".") }
    }

    func run() throws {
        try Outputs.checkFolder(folder, option: "project folder", kind: .dbtProject, force: force.force)
        let collected = BatchCollector()
        var load = LoadRun(generation: try generation.generatorOptions(), strategy: hashing.strategy,
                           threads: threading.count, audits: true, progress: false)
        load.feed = try from.map { try readSourceBatches(from: $0, onError: .stop, rejectFile: nil) }
        load.onBatch = { collected.batches.append($0) }
        let vault = try load.execute().vault
        let baseDate = try commonBaseDate(collected.batches)
        let sources = SourceSchemas.tableNames.enumerated().map { (name: $1, schema: SourceSchemas.all[$0]) }
        let models = DBTModels(hashing: try DBTHashSQL(strategy: hashing.strategy), sources: sources)
        let project = DBTProject(models: models, catalog: VaultCatalog(vault: vault),
                                 baseDate: baseDate.description, command: commandLine())
        let batches = collected.batches.map { (index: $0.index, tables: $0.tables) }
        do {
            try DBTProjectWriter(project: project).write(to: folder, batches: batches, vault: vault, force: force.force)
        } catch {
            throw CommandFailure("export-dbt \(folder): \(error.description)")
        }
        let lines = batches.reduce(0) { $0 + $1.tables.reduce(0) { $0 + $1.count } }
        print("wrote the dbt project \(folder): \(batches.count) batches, \(lines) source rows, "
              + "\(project.vaultTables.count) vault models (run: cd \(folder) && dbt build)")
    }

    /// The business date of batch 0: the models date batch k at `base_date` + k days, so every batch
    /// must fall on its own day after that.
    func commonBaseDate(_ batches: [SourceBatch]) throws -> CivilDate {
        guard let first = batches.first else { throw CommandFailure("export-dbt: the feed has no batch") }
        let base = first.businessDate - first.index
        if let odd = batches.first(where: { $0.businessDate - $0.index != base }) {
            throw CommandFailure("export-dbt --from \(from ?? ""): batch \(odd.index) is dated "
                                 + "\(CivilDate(daysSinceEpoch: odd.businessDate)), not \(odd.index) days after "
                                 + "\(CivilDate(daysSinceEpoch: base)); the dbt models date batch k at base_date + k days")
        }
        return CivilDate(daysSinceEpoch: base)
    }

    /// The options that decide the project's content, as a vaultsim command line.
    func commandLine() -> String {
        let feed = from.map { ["--from \($0)"] }
            ?? ["--scale \(generation.scale)", "--days \(generation.days)", "--seed \(generation.seed)",
                "--base-date \(generation.baseDate)"]
        var parts = ["vaultsim export-dbt DIR"] + feed
            + ["--hash \(hashing.algorithm.rawValue)", "--key-format \(hashing.keyFormat.rawValue)"]
        if let hexCase = hashing.hexCase { parts.append("--hex-case \(hexCase.rawValue)") }
        if from != nil {
            return parts.joined(separator: " ")
        } else if generation.noDirt {
            parts.append("--no-dirt")
        } else {
            let knobs: [(String, Double, Double)] = [
                ("key-noise", generation.dirtKeyNoise, DirtOptions.default.keyNoise),
                ("null-attributes", generation.dirtNullAttributes, DirtOptions.default.nullAttributes),
                ("resend", generation.dirtResend, DirtOptions.default.resend),
                ("late-transactions", generation.dirtLateTransactions, DirtOptions.default.lateTransactions),
                ("early-customers", generation.dirtEarlyCustomers, DirtOptions.default.earlyCustomers),
                ("blank-keys", generation.dirtBlankKeys, DirtOptions.default.blankKeys),
            ]
            parts += knobs.filter { $0.1 != $0.2 }.map { "--dirt-\($0.0) \($0.1)" }
        }
        return parts.joined(separator: " ")
    }
}

/// The batches a ``LoadRun`` loaded, in order (collected by its `onBatch` hook).
final class BatchCollector {
    var batches: [SourceBatch] = []
}
