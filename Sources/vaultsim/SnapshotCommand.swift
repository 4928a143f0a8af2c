// SnapshotCommand.swift: `vaultsim snapshot save|restore|verify|info`.

import ArgumentParser
import Foundation
import VaultColumnar
import VaultFiles
import VaultHashing
import VaultModel
import VaultSnapshot

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Save, restore, verify and describe vault snapshots (zstd column files).",
        discussion: HelpText.reflow("""
            A snapshot is a folder: manifest.json (+ manifest.xxh64) and one file per column, each
            chunk a zstd frame with its length and XXH64 checksum. Saving is atomic: a killed save
            leaves the old snapshot or the new one. Layout: docs/SNAPSHOT-FORMAT.md.
            """),
        subcommands: [SnapshotSave.self, SnapshotRestore.self, SnapshotVerify.self, SnapshotInfoCommand.self, SnapshotBench.self]
    )
}

/// Snapshot metadata for a vault and the options that built it.
enum VaultSnapshotMetadata {
    static func make(_ generation: GenerationOptions, _ strategy: HashStrategy, threads: Int) -> SnapshotMetadata {
        SnapshotMetadata(
            vaultsimVersion: VaultSimVersion.string,
            generationOptions: [SnapshotOption("scale", "\(generation.scale)"), SnapshotOption("days", "\(generation.days)"),
                                SnapshotOption("seed", "\(generation.seed)"), SnapshotOption("base_date", generation.baseDate),
                                SnapshotOption("dirt", generation.noDirt ? "none" : "default")],
            loadOptions: [SnapshotOption("hash", strategy.algorithm.rawValue), SnapshotOption("key_format", strategy.keyFormat.rawValue),
                          SnapshotOption("profile", strategy.profile.rawValue), SnapshotOption("hex_case", strategy.effectiveHexCase.rawValue),
                          SnapshotOption("threads", "\(threads)")],
            hashStrategy: strategy.description)
    }

    /// The hash strategy a snapshot's load options describe.
    static func strategy(_ metadata: SnapshotMetadata) throws -> HashStrategy {
        func option(_ key: String) -> String? { metadata.loadOptions.first { $0.key == key }?.value }
        guard let algorithm = option("hash").flatMap(HashAlgorithm.init(name:)),
              let format = option("key_format").flatMap(KeyFormat.init(rawValue:)),
              let profile = option("profile").flatMap(HashProfile.init(rawValue:)) else {
            throw CommandFailure("the snapshot's manifest does not say which hash strategy built it")
        }
        return HashStrategy(algorithm: algorithm, keyFormat: format, profile: profile,
                            hexCase: option("hex_case").flatMap(HexCase.init(rawValue:)))
    }

    /// Saves the vault (and its batch log) and reports on stderr.
    static func save(_ vault: Vault, metadata: SnapshotMetadata, to directory: String, level: Int, threads: Int,
                     previous: String?, force: Bool) throws -> SnapshotSaveReport {
        let clock = ContinuousClock()
        var report: SnapshotSaveReport!
        Temporaries.installInterruptHandler()
        let elapsed = try clock.measure {
            do {
                report = try SnapshotWriter.save(tables: vault.tables + [vault.batchLog.table], metadata: metadata, to: directory,
                                                 level: level, threads: threads, previous: previous, force: force)
            } catch let error as SnapshotError {
                throw CommandFailure("snapshot \(directory): \(error)")
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        Diagnostics.progress("saved \(directory): \(report.rawBytes) raw bytes -> \(report.totalBytes) on disk "
                             + "(\(report.writtenBytes) written, \(report.reusedBytes) reused from --previous) in "
                             + "\(SystemInfo.format(seconds)) s")
        return report
    }
}

struct SnapshotSave: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "save", abstract: "Generate and load a vault, then save it as a snapshot in DIR.")

    @Argument(help: "Snapshot folder (replaced atomically if it holds a snapshot; see --force).") var directory: String
    @OptionGroup var generation: GenerationOptions
    @OptionGroup var hashing: StrategyOptions
    @OptionGroup var threading: ThreadOptions
    @Option(help: "zstd level (1-19; default 3).") var level: Int = 3
    @Option(help: "An earlier snapshot of the same vault whose unchanged chunks are reused.") var previous: String?
    @OptionGroup var force: ForceOption

    func validate() throws {
        try generation.validate(bytesPerSourceByte: 1.5)
        _ = try Outputs.path(directory, option: "snapshot folder")
        guard (1...19).contains(level) else { throw ValidationError("--level must be between 1 and 19 (got \(level)).") }
    }

    func run() throws {
        // Checked before the load: a refusal costs nothing.
        try Outputs.folder(directory, option: "snapshot folder", kind: .snapshot, force: force.force).abandon()
        let result = try LoadRun(generation: generation.generatorOptions(), strategy: hashing.strategy,
                                 threads: threading.count, audits: true, progress: true).execute()
        let report = try VaultSnapshotMetadata.save(result.vault, metadata: VaultSnapshotMetadata.make(generation, hashing.strategy,
                                                                                                         threads: threading.count),
                                                    to: directory, level: level, threads: threading.count, previous: previous,
                                                    force: force.force)
        print("saved \(directory): \(result.vault.tables.count + 1) tables, \(report.rawBytes) raw bytes, \(report.totalBytes) bytes on disk")
    }
}

struct SnapshotRestore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a snapshot into an in-memory vault, rebuild its indexes and report the tables.")

    @Argument(help: "Snapshot folder.") var directory: String
    @OptionGroup var threading: ThreadOptions

    func run() throws {
        let clock = ContinuousClock()
        var restored: (tables: [Table], metadata: SnapshotMetadata)!
        let read = try clock.measure {
            do { restored = try SnapshotReader.restore(from: directory, threads: threading.count) } catch let error as SnapshotError {
                throw CommandFailure("snapshot \(directory): \(error)")
            }
        }
        let strategy = try VaultSnapshotMetadata.strategy(restored.metadata)
        let vault = Vault(strategy: strategy, threads: threading.count)
        let rebuild = try clock.measure {
            do { try vault.restore(restored.tables) } catch let error as VaultError { throw CommandFailure("\(directory): \(error)") }
        }
        let raw = restored.tables.reduce(0) { $0 + $1.columns.reduce(0) { $0 + $1.values.count + $1.bytes.count + $1.validity.words.count } }
        var rows = [["table", "rows", "bytes in memory"]]
        for table in restored.tables { rows.append([table.name, String(table.count), String(table.memoryFootprint)]) }
        print("restored \(directory) (\(strategy)): \(raw) raw column bytes read in \(read), indexes rebuilt in \(rebuild)")
        print(TextTable.render(rows, rightAligned: [1, 2]))
    }
}

struct SnapshotVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check every checksum of a snapshot without building tables.")

    @Argument(help: "Snapshot folder.") var directory: String

    func run() throws {
        do {
            let report = try SnapshotReader.verify(directory)
            print("\(directory): OK, \(report.files) files, \(report.chunks) chunks, \(report.bytes) bytes verified")
        } catch let error as SnapshotError {
            throw CommandFailure("snapshot \(directory): \(error)")
        }
    }
}

struct SnapshotInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Tables, rows, raw and on-disk bytes and the encoding of every column.")

    @Argument(help: "Snapshot folder.") var directory: String
    @Flag(help: "One line per table instead of per column.") var tablesOnly = false

    func run() throws {
        let info: SnapshotInfo
        do { info = try SnapshotReader.info(directory) } catch let error as SnapshotError {
            throw CommandFailure("snapshot \(directory): \(error)")
        }
        print("\(directory): format \(info.formatVersion), vaultsim \(info.metadata.vaultsimVersion), "
              + "\(info.metadata.hashStrategy), zstd level \(info.level)")
        print("options: " + (info.metadata.generationOptions + info.metadata.loadOptions).map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        var rows = [["table", "column", "rows", "raw bytes", "on disk", "ratio", "encodings"]]
        for table in info.tables {
            let ratio = table.storedBytes == 0 ? 0 : Double(table.rawBytes) / Double(table.storedBytes)
            rows.append([table.name, tablesOnly ? "" : "(all)", String(table.rows), String(table.rawBytes), String(table.storedBytes),
                         String(format: "%.2f", ratio), ""])
            if tablesOnly { continue }
            for column in table.columns {
                let encodings = column.encodings.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " ")
                rows.append(["", column.name, "", String(column.rawBytes), String(column.storedBytes),
                             String(format: "%.2f", column.ratio), encodings])
            }
        }
        print(TextTable.render(rows, rightAligned: [2, 3, 4, 5]))
    }
}
