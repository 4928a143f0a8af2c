// VaultSource.swift: the vault a read-only command looks at, restored from a snapshot or loaded here.

import ArgumentParser
import Foundation
import VaultColumnar
import VaultInspect
import VaultModel
import VaultSnapshot

/// `--snapshot DIR`, or the generation and load options: where `show`, `query` and `explain` get
/// their vault. A snapshot is restored (checksums verified, schemas checked by rebuilding the vault's
/// indexes); otherwise the feed is generated and loaded in this process, quietly. Either way the
/// business vault is built for the `--pit-*` snapshot dates.
struct VaultSourceOptions: ParsableArguments {
    @Option(help: "Restore this snapshot instead of generating and loading a vault.")
    var snapshot: String?

    @OptionGroup var generation: GenerationOptions
    @OptionGroup var hashing: StrategyOptions
    @OptionGroup var threading: ThreadOptions
    @OptionGroup(title: "Business vault") var business: BusinessVaultOptions

    func validate() throws {
        if let snapshot {
            try generation.refuseGiven("with --snapshot \(snapshot) (the snapshot's vault is read)")
            try IgnoredOptions.refuse(hashing.given, "with --snapshot \(snapshot): the snapshot's manifest names the hash strategy")
        } else {
            // show and query materialise the business vault's rows.
            try generation.validateLoad(strategy: hashing.strategy, calendar: try business.calendar(), materialised: true)
        }
    }

    /// The vault and its batch log table.
    func vault() throws -> (vault: Vault, batchLog: Table) {
        let calendar = try business.calendar()
        guard let snapshot else {
            let result = try LoadRun(generation: generation.generatorOptions(), strategy: hashing.strategy,
                                     threads: threading.count, audits: true, progress: false,
                                     calendar: calendar, businessVaultAtEnd: true).execute()
            return (result.vault, result.vault.batchLog.table)
        }
        let restored: (tables: [Table], metadata: SnapshotMetadata)
        do { restored = try SnapshotReader.restore(from: snapshot, threads: threading.count) } catch let error as SnapshotError {
            throw CommandFailure("snapshot \(snapshot): \(error)")
        }
        let strategy = try VaultSnapshotMetadata.strategy(restored.metadata)
        let vault = Vault(strategy: strategy, threads: threading.count)
        vault.business.calendar = calendar
        do { try vault.restore(restored.tables) } catch let error as VaultError {
            throw CommandFailure("snapshot \(snapshot): \(error)")
        }
        let log = restored.tables.first { $0.name == "etl_batch_log" } ?? vault.batchLog.table
        return (vault, log)
    }

    /// Every table (raw and business vault) and the batch log, with the strategy that keyed them.
    func tables() throws -> VaultTables {
        let (vault, log) = try vault()
        return VaultTables(tables: vault.allTables() + [log], strategy: vault.strategy)
    }
}
