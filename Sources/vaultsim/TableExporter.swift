// TableExporter.swift: tables written as CSV or Parquet files, shared by `export` and `load --export`.

import ArgumentParser
import VaultColumnar
import VaultExport
import VaultParquet

/// The file formats of `export --format` and `load --export-format`.
enum ExportFormat: String, CaseIterable, ExpressibleByArgument {
    case csv
    case parquet

    /// The file name extension.
    var fileExtension: String { rawValue }
}

/// `--compression --zstd-level --row-group-rows`: how Parquet files are written.
struct ParquetOptions: ParsableArguments {
    @Option(help: "Parquet page compression: zstd or none.")
    var compression: ParquetCompressionChoice?

    @Option(help: "zstd level of Parquet pages (1-19; default 1, as pyarrow).")
    var zstdLevel: Int?

    @Option(help: "Rows per Parquet row group (default 1048576).")
    var rowGroupRows: Int?

    /// Whether any Parquet option was given.
    var anyGiven: Bool { compression != nil || zstdLevel != nil || rowGroupRows != nil }

    func validate() throws {
        if compression == ParquetCompressionChoice.none && zstdLevel != nil {
            throw ValidationError("--zstd-level applies to --compression zstd only.")
        }
        if let zstdLevel, !(1...19).contains(zstdLevel) {
            throw ValidationError("--zstd-level must be between 1 and 19 (got \(zstdLevel)).")
        }
        if let rowGroupRows, rowGroupRows < 1 {
            throw ValidationError("--row-group-rows must be at least 1 (got \(rowGroupRows)).")
        }
    }

    /// The writer options these flags describe, encoding columns on `threads` threads.
    func writerOptions(threads: Int) -> ParquetWriterOptions {
        var options = Self.defaultWriterOptions(threads: threads)
        if compression == ParquetCompressionChoice.none { options.compression = .none }
        if let zstdLevel { options.compression = .zstd(level: zstdLevel) }
        options.rowGroupRows = rowGroupRows ?? options.rowGroupRows
        return options
    }

    /// The writer options when no flag is given (zstd level 1, 1,048,576-row groups).
    static func defaultWriterOptions(threads: Int) -> ParquetWriterOptions {
        var options = ParquetWriterOptions()
        options.threads = threads
        options.createdBy = "vaultsim version \(VaultSimVersion.string)"
        return options
    }
}

/// What `--compression` accepts.
enum ParquetCompressionChoice: String, CaseIterable, ExpressibleByArgument {
    case zstd
    case none
}

/// Writes tables as `FOLDER/<table>.csv` or `FOLDER/<table>.parquet`, each file atomically
/// (a temporary name in the same folder, renamed when complete).
struct TableExporter {
    let format: ExportFormat
    let parquet: ParquetWriterOptions

    /// One written file.
    struct File {
        let path: String
        let rows: Int
        let bytes: Int
        /// Seconds spent encoding and writing this file.
        var seconds = 0.0
    }

    /// Writes every table into `folder` (created if missing).
    func write(_ tables: [Table], to folder: String) throws -> [File] {
        do {
            try FileSystem.makeFolders(folder)
        } catch {
            throw CommandFailure(error.description)
        }
        return try tables.map { try write($0, to: folder + "/" + $0.name + "." + format.fileExtension) }
    }

    /// Writes one table to `path`.
    func write(_ table: Table, to path: String) throws -> File {
        let start = SystemInfo.now()
        do {
            switch format {
            case .csv:
                let info = try CSVWriter().write(table, toFile: path)
                return File(path: path, rows: info.rows, bytes: info.bytes, seconds: SystemInfo.now() - start)
            case .parquet:
                let info = try ParquetWriter(parquet).write(table: table, to: path)
                return File(path: path, rows: info.rows, bytes: info.bytes, seconds: SystemInfo.now() - start)
            }
        } catch let error as ExportError {
            throw CommandFailure(error.description)
        } catch let error as ParquetError {
            throw CommandFailure(error.description)
        }
    }
}
