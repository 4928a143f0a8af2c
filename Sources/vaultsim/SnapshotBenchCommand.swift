// SnapshotBenchCommand.swift: `vaultsim snapshot bench`, save and restore throughput on a loaded vault.

import ArgumentParser
import VaultFiles
import Foundation
import VaultColumnar
import VaultSnapshot

struct SnapshotBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Load a vault in memory, then time snapshot save and restore (median of --repeats).",
        discussion: HelpText.reflow("""
            Each repeat saves the vault (its tables and batch log, as `snapshot save` does) into a
            fresh folder under --dir, then restores it. GB/s are raw column bytes (validity, values,
            string bytes, dictionaries) per second, 1 GB = 10^9 bytes. Save time includes every
            fsync (files and folders) and the renames; the fsync phase is also reported alone.
            CPU seconds (user + system, all threads) are reported beside wall time: on a shared
            machine they move less than wall time.
            Restore reads files that the save just wrote, so they come from the page cache; it
            covers reading, checking, decompressing and building the tables, not the vault's
            indexes. The first save and restore are a warm-up and not counted.

            Example:
              vaultsim snapshot bench --scale 100 --days 7 --hash md5 --key-format binary
            """)
    )

    @OptionGroup var generation: GenerationOptions
    @OptionGroup var hashing: StrategyOptions
    @OptionGroup var threading: ThreadOptions
    @Option(help: "zstd level (1-19; default 3).") var level: Int = 3
    @Option(help: "Timed saves and restores (the median is reported).") var repeats: Int = 5
    @Option(help: "Folder in which the snapshots are written, as a hidden subfolder of this process removed afterwards (default: the system's temporary folder).")
    var dir: String?
    @Flag(help: "Print JSON instead of a table.") var json = false

    func validate() throws {
        try generation.validate(bytesPerSourceByte: 2.5)
        guard (1...19).contains(level) else { throw ValidationError("--level must be between 1 and 19 (got \(level)).") }
        guard (1...1000).contains(repeats) else { throw ValidationError("--repeats must be between 1 and 1000 (got \(repeats)).") }
    }

    func run() throws {
        let threads = threading.count
        let loaded = try LoadRun(generation: generation.generatorOptions(), strategy: hashing.strategy, threads: threads,
                                 audits: false, progress: !json).execute()
        let tables = loaded.vault.tables + [loaded.vault.batchLog.table]
        let metadata = VaultSnapshotMetadata.make(generation, hashing.strategy, threads: threads)
        // A folder of this process's own: nothing of the user's in --dir is ever replaced or removed.
        let root = try benchFolder() + "/.vaultsim-snapshot-bench-\(getpid())"
        Temporaries.add(root)
        Temporaries.installInterruptHandler()
        defer {
            try? FileManager.default.removeItem(atPath: root)
            Temporaries.remove(root)
        }

        var saves: [SnapshotSaveReport] = [], saveSeconds: [Double] = [], restoreSeconds: [Double] = []
        var saveCPU: [Double] = [], restoreCPU: [Double] = []
        var restoredPhases: [SnapshotRestoreReport] = []
        for k in 0...repeats {
            let folder = root + "/snapshot"
            try? FileManager.default.removeItem(atPath: folder)
            let c0 = SystemInfo.processCPUSeconds(), t0 = SystemInfo.now()
            let report: SnapshotSaveReport
            do {
                report = try SnapshotWriter.save(tables: tables, metadata: metadata, to: folder, level: level, threads: threads)
            } catch let error as SnapshotError { throw CommandFailure("snapshot \(folder): \(error)") }
            let c1 = SystemInfo.processCPUSeconds(), t1 = SystemInfo.now()
            let restored: SnapshotRestoreReport
            do {
                restored = try SnapshotReader.restoreMeasured(from: folder, threads: threads).report
            } catch let error as SnapshotError { throw CommandFailure("snapshot \(folder): \(error)") }
            let c2 = SystemInfo.processCPUSeconds(), t2 = SystemInfo.now()
            if !json {
                Diagnostics.progress("\(k == 0 ? "warm-up" : "repeat \(k)"): save \(SystemInfo.format((t1 - t0) * 1000)) ms, "
                                     + "restore \(SystemInfo.format((t2 - t1) * 1000)) ms")
            }
            if k == 0 { continue }
            saves.append(report)
            saveSeconds.append(t1 - t0)
            restoreSeconds.append(t2 - t1)
            saveCPU.append(c1 - c0)
            restoreCPU.append(c2 - c1)
            restoredPhases.append(restored)
        }
        let result = SnapshotBenchResult(
            machine: MachineInfo.current(), scale: generation.scale, days: generation.days,
            hashStrategy: hashing.strategy.description, level: level, threads: threads, repeats: repeats,
            tables: tables.count, rawBytes: saves[0].rawBytes, diskBytes: saves[0].totalBytes,
            save: .init(seconds: saveSeconds, cpuSeconds: saveCPU, rawBytes: saves[0].rawBytes, phases: [
                ("encode", saves.map(\.phases.encodeSeconds)), ("write", saves.map(\.phases.writeSeconds)),
                ("fsync", saves.map(\.phases.syncSeconds)), ("publish", saves.map(\.phases.publishSeconds)),
            ]),
            restore: .init(seconds: restoreSeconds, cpuSeconds: restoreCPU, rawBytes: saves[0].rawBytes, phases: [
                ("read", restoredPhases.map(\.readSeconds)), ("decode", restoredPhases.map(\.decodeSeconds)),
                ("assemble", restoredPhases.map(\.assembleSeconds)),
            ]))
        print(json ? try result.jsonString() : result.text())
    }

    /// The folder the snapshots go to: `--dir` (created if needed) or a new temporary folder.
    private func benchFolder() throws -> String {
        if let dir {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw CommandFailure("--dir \(dir): cannot create the folder")
            }
            return dir
        }
        return FileManager.default.temporaryDirectory.path
    }
}
