// ExportCommand.swift: `vaultsim export DIR`, the sources and the loaded vault as CSV or Parquet files.

import ArgumentParser
import VaultColumnar
import VaultExport
import VaultFiles
import VaultGenerator
import VaultModel

/// What `export --what` writes.
enum ExportSelection: String, CaseIterable, ExpressibleByArgument {
    /// The generated source batches.
    case sources
    /// The loaded vault's tables and the batch log.
    case vault
    /// Both.
    case all
    /// One table holding every column type, with NULLs and edge values (for checking readers).
    case typesSample = "types-sample"
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the generated sources and the loaded vault as CSV or Parquet files.",
        discussion: HelpText.reflow("""
            Layout (EXT is csv or parquet):
              DIR/sources/batch_NNN/<table>.EXT  each generated batch (--what sources, all)
              DIR/sources/manifest.json          CSV only; `load --from DIR/sources` reads it
              DIR/vault/<table>.EXT              every vault table and etl_batch_log (--what vault, all)
              DIR/types_sample.EXT               every column type with NULLs (--what types-sample)

            The folder is written beside DIR under a temporary name and renamed into place when
            complete: an interrupted export leaves DIR as it was. What --what writes replaces the
            same part of an earlier export in DIR; the other parts are kept.
            Binary hash keys are FIXED_LEN_BYTE_ARRAY in Parquet and uppercase hex in CSV; with
            --key-format hex they are strings in both. The same options give the same bytes on
            any thread count.

            Examples:
              vaultsim export out --format parquet --scale 1 --days 7
              vaultsim export out --format csv --what vault --hash sha256
              vaultsim export out --format parquet --what types-sample --compression none
            """)
    )

    @Argument(help: "Output folder, published whole when complete; replaces only an export vaultsim wrote (see --force).")
    var folder: String

    @OptionGroup var force: ForceOption

    @Option(help: "File format: csv or parquet.")
    var format: ExportFormat

    @Option(help: "What to write: sources, vault, all, or types-sample.")
    var what: ExportSelection = .all

    @Flag(help: "Print the summary as JSON.")
    var json = false

    @OptionGroup var parquet: ParquetOptions
    @OptionGroup var generation: GenerationOptions
    @OptionGroup var hashing: StrategyOptions
    @OptionGroup var threading: ThreadOptions

    func validate() throws {
        if format == .csv && parquet.anyGiven {
            throw ValidationError("--compression, --zstd-level and --row-group-rows apply to --format parquet only.")
        }
        switch what {
        case .typesSample:
            try generation.refuseGiven("with --what types-sample (a fixed table is written)")
            try refuseHashing("with --what types-sample (a fixed table is written)")
        case .sources:
            try generation.validate()
            try refuseHashing("with --what sources (nothing is hashed)")
        case .vault, .all:
            try generation.validateLoad(strategy: hashing.strategy, calendar: SnapshotCalendar(), materialised: true)
        }
        _ = try Outputs.path(folder, option: "output folder")
    }

    private func refuseHashing(_ reason: String) throws { try IgnoredOptions.refuse(hashing.given, reason) }

    func run() throws {
        let exporter = TableExporter(format: format, parquet: parquet.writerOptions(threads: threading.count))
        let start = SystemInfo.now()
        let output = try Outputs.folder(folder, option: "output folder", kind: .export, force: force.force)
        // What this selection writes replaces the same part of an earlier export; the rest stays.
        let replaced: Set<String> = switch what {
        case .sources: ["sources"]
        case .vault: ["vault"]
        case .all: ["sources", "vault"]
        case .typesSample: ["types_sample." + format.fileExtension]
        }
        do { try output.carryOver(except: replaced) } catch { throw CommandFailure("output folder \(error)") }
        let root = output.staging
        var files: [TableExporter.File] = []
        switch what {
        case .typesSample:
            files = try exporter.write([TypesSample.table()], to: root)
        case .sources:
            let options = try generation.generatorOptions()
            let sources = try SourceExport(exporter: exporter, root: root + "/sources", options: options)
            let generator = RetailGenerator(options: options)
            for k in 0..<options.days { try sources.write(generator.batch(k, threads: threading.count)) }
            files = try sources.finish()
        case .vault, .all:
            let options = try generation.generatorOptions()
            let sources = what == .all ? try SourceExport(exporter: exporter, root: root + "/sources", options: options) : nil
            var run = LoadRun(generation: options, strategy: hashing.strategy, threads: threading.count, audits: true, progress: !json)
            if let sources { run.onBatch = { try sources.write($0) } }
            let result = try run.execute()
            files = try sources?.finish() ?? []
            files += try exporter.write(result.vault.allTables() + [result.vault.batchLog.table], to: root + "/vault")
        }
        try Outputs.publish(output, option: "output folder")
        printSummary(files, root: root, seconds: SystemInfo.now() - start)
    }

    private func printSummary(_ files: [TableExporter.File], root: String, seconds: Double) {
        let prefix = root + "/"
        func name(_ file: TableExporter.File) -> String {
            file.path.hasPrefix(prefix) ? String(file.path.dropFirst(prefix.count)) : file.path
        }
        let totalRows = files.reduce(0) { $0 + $1.rows }, totalBytes = files.reduce(0) { $0 + $1.bytes }
        let writeSeconds = files.reduce(0) { $0 + $1.seconds }
        if json {
            let entries = files.map { file in
                JSONValue.object([("file", .string(name(file))), ("rows", .int(file.rows)), ("bytes", .int(file.bytes)),
                                  ("seconds", .double(file.seconds))])
            }
            let summary = JSONValue.object([
                ("folder", .string(folder)), ("format", .string(format.rawValue)), ("what", .string(what.rawValue)),
                ("threads", .int(threading.count)), ("files", .array(entries)), ("rows", .int(totalRows)),
                ("bytes", .int(totalBytes)), ("write_seconds", .double(writeSeconds)), ("seconds", .double(seconds)),
            ])
            print(summary.rendered(indent: 0))
            return
        }
        var rows = [["file", "rows", "bytes"]]
        for file in files { rows.append([name(file), String(file.rows), String(file.bytes)]) }
        rows.append(["total (\(files.count) files)", String(totalRows), String(totalBytes)])
        print(TextTable.render(rows, rightAligned: [1, 2]))
        print("exported \(what.rawValue) as \(format.rawValue) into \(folder) in \(SystemInfo.format(seconds)) s "
              + "(writing files \(SystemInfo.format(writeSeconds)) s)")
    }
}

/// Writes source batches as `ROOT/batch_NNN/<table>.EXT`; CSV through ``SourceFolderWriter``
/// (which adds the manifest `load --from` reads).
final class SourceExport {
    let exporter: TableExporter
    let root: String
    private let csv: SourceFolderWriter?
    private var files: [TableExporter.File] = []

    init(exporter: TableExporter, root: String, options: GeneratorOptions) throws {
        self.exporter = exporter
        self.root = root
        do {
            csv = exporter.format == .csv ? try SourceFolderWriter(root: root, header: GenerateCommand.manifestHeader(options)) : nil
        } catch {
            throw CommandFailure(error.description)
        }
    }

    func write(_ batch: SourceBatch) throws {
        let folder = root + "/" + SourceFolderWriter.folderName(batch: batch.index)
        if let csv {
            let start = SystemInfo.now()
            do {
                let written = try csv.write(batch: batch.index, businessDate: batch.businessDate, tables: batch.tables)
                files += written.map { TableExporter.File(path: folder + "/" + $0.table + ".csv", rows: $0.info.rows, bytes: $0.info.bytes) }
                files[files.count - written.count].seconds = SystemInfo.now() - start
            } catch {
                throw CommandFailure(error.description)
            }
        } else {
            files += try exporter.write(batch.tables, to: folder)
        }
    }

    /// Writes the manifest (CSV); returns every file written.
    func finish() throws -> [TableExporter.File] {
        do { try csv?.finish() } catch { throw CommandFailure(error.description) }
        return files
    }
}
