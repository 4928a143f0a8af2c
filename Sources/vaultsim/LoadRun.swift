// LoadRun.swift: one generate-and-load run, timed per stage, shared by `load` and `bench`.

import Foundation
import VaultColumnar
import VaultGenerator
import VaultHashing
import VaultModel

/// Generates every batch of a feed and loads it into a fresh vault, timing each stage.
struct LoadRun {
    let generation: GeneratorOptions
    let strategy: HashStrategy
    let threads: Int
    let audits: Bool
    let progress: Bool
    /// A source folder to read instead of generating (`load --from`).
    var feed: SourceFolderFeed? = nil
    /// Snapshot dates of the business vault.
    var calendar = SnapshotCalendar()
    /// Build the business vault once at the end instead of after every batch.
    var businessVaultAtEnd = false
    /// Called with every batch before it is loaded (`export --what all` writes the sources here).
    var onBatch: ((SourceBatch) throws -> Void)? = nil

    /// What a run produced and measured.
    struct Result {
        let vault: Vault
        let generation: GeneratorOptions
        let threads: Int
        /// Generation time per batch, microseconds.
        var generateMicros: [Int64] = []
        var reports: [BatchReport] = []
        var seconds = 0.0
        var peakResidentBytes = 0
        var sourceRows = 0
        var transactionLines = 0
        /// Rows rejected while reading a `--from` folder.
        var rejectedSourceRows = 0
        /// Where the batches came from.
        var origin = "generated"
    }

    func execute() throws -> Result {
        let generator = RetailGenerator(options: generation)
        let vault = Vault(strategy: strategy, threads: threads)
        vault.auditsEnabled = audits
        vault.business.calendar = calendar
        vault.businessVaultRefreshEnabled = !businessVaultAtEnd
        var result = Result(vault: vault, generation: generation, threads: threads)
        let start = SystemInfo.now()
        if let feed { result.origin = feed.reader.root }
        for k in 0..<(feed?.batchCount ?? generation.days) {
            let t0 = SystemInfo.now()
            let batch = try feed?.batch(k, baseDate: generation.baseDate) ?? generator.batch(k, threads: threads)
            result.generateMicros.append(Int64((SystemInfo.now() - t0) * 1e6))
            try onBatch?(batch)
            result.sourceRows += batch.rowCount
            result.transactionLines += batch["transactions"].count
            let loadDate = Int64(batch.businessDate) * 86_400_000_000
            let source = SourceTables(batch: batch.index, loadDate: loadDate, tables: batch.tables)
            do {
                result.reports.append(try vault.load(source))
            } catch let error as VaultError {
                throw CommandFailure("batch \(k): \(error.description)")
            }
            if progress {
                Diagnostics.progress("batch \(k + 1)/\(feed?.batchCount ?? generation.days): \(batch.rowCount) source rows loaded")
            }
        }
        if businessVaultAtEnd && !result.reports.isEmpty {
            result.reports[result.reports.count - 1].stages["pit"] = vault.rebuildBusinessVault()
        }
        result.rejectedSourceRows = feed?.rejects.count ?? 0
        result.seconds = SystemInfo.now() - start
        result.peakResidentBytes = ProcessMemory.peakResidentBytes()
        return result
    }
}

/// Peak memory of this process.
enum ProcessMemory {
    /// `VmHWM` from /proc/self/status (0 where unavailable).
    static func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.filter(\.isNumber)
            return (Int(digits) ?? 0) * 1024
        }
        return 0
    }
}
