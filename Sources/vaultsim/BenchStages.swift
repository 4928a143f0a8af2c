// BenchStages.swift: the stages a benchmark run measures, as one ordered list.

import Foundation
import VaultColumnar
import VaultModel
import VaultReport
import VaultSnapshot

/// The state a run's stages share: the loaded vault (dropped before the restore), the snapshot folder.
final class BenchStageContext {
    var vault: Vault?
    let snapshotDirectory: String
    let metadata: SnapshotMetadata
    let level: Int
    let threads: Int
    /// Bytes on disk per table, filled by the snapshot stage.
    var diskBytes: [String: Int] = [:]
    var snapshotBytes = 0

    init(vault: Vault, snapshotDirectory: String, metadata: SnapshotMetadata, level: Int, threads: Int) {
        self.vault = vault
        self.snapshotDirectory = snapshotDirectory
        self.metadata = metadata
        self.level = level
        self.threads = threads
    }
}

/// A stage that runs after loading: `prepare` runs untimed first (before the peak memory is
/// reset), then `run` is timed and returns the rows it processed.
struct BenchStage: Sendable {
    let name: String
    var prepare: @Sendable (BenchStageContext) -> Void = { _ in }
    let run: @Sendable (BenchStageContext) throws -> Int
}

/// The benchmark's stages in pipeline order.
///
/// The loading stages (`generate` and ``BatchReport/stageOrder``, which includes `pit`, the refresh
/// of the point-in-time tables and the bridge after each batch) are timed batch by batch inside
/// ``LoadRun``, exactly as `vaultsim load` prints them. The stages after loading are entries of
/// ``afterLoading``.
enum BenchStages {
    static var loading: [String] { ["generate"] + BatchReport.stageOrder }

    static let afterLoading: [BenchStage] = [snapshotSave, restore]

    /// Every stage name, in order.
    static var names: [String] { loading + afterLoading.map(\.name) }

    /// Saves the vault and its batch log as a snapshot; records bytes on disk per table.
    static let snapshotSave = BenchStage(name: "snapshot_save") { context in
        guard let vault = context.vault else { throw CommandFailure("the snapshot stage needs the loaded vault") }
        let tables = vault.tables + [vault.batchLog.table]
        let report: SnapshotSaveReport
        do {
            report = try SnapshotWriter.save(
                tables: tables, metadata: context.metadata, to: context.snapshotDirectory,
                level: context.level, threads: context.threads)
        } catch let error as SnapshotError {
            throw CommandFailure("snapshot \(context.snapshotDirectory): \(error)")
        }
        context.snapshotBytes = report.totalBytes
        let info = try SnapshotReader.info(context.snapshotDirectory)
        context.diskBytes = Dictionary(uniqueKeysWithValues: info.tables.map { ($0.name, $0.storedBytes) })
        return tables.reduce(0) { $0 + $1.count }
    }

    /// Reads the snapshot back and rebuilds a vault's indexes from it; the loaded vault is dropped
    /// first, untimed, so that neither its memory nor its deallocation counts.
    static let restore = BenchStage(name: "restore", prepare: { $0.vault = nil }) { context in
        let restored: (tables: [Table], metadata: SnapshotMetadata)
        do {
            restored = try SnapshotReader.restore(from: context.snapshotDirectory, threads: context.threads)
        } catch let error as SnapshotError {
            throw CommandFailure("snapshot \(context.snapshotDirectory): \(error)")
        }
        let vault = Vault(strategy: try VaultSnapshotMetadata.strategy(restored.metadata), threads: context.threads)
        do { try vault.restore(restored.tables) } catch let error as VaultError {
            throw CommandFailure("\(context.snapshotDirectory): \(error)")
        }
        return restored.tables.reduce(0) { $0 + $1.count }
    }
}

/// The process's peak resident memory, and resetting it between stages.
enum ResidentMemory {
    /// Sets the peak (VmHWM) back to the current resident size: Linux `clear_refs` value 5.
    /// Without it (other systems, no permission) peaks stay cumulative over the process.
    static func resetPeak() {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return }
        try? handle.write(contentsOf: Data("5".utf8))
        try? handle.close()
    }
}
