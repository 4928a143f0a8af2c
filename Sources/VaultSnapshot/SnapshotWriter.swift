// SnapshotWriter.swift: saving tables as a snapshot folder.

import VaultChecksum
import VaultColumnar
import VaultFiles

/// Saves tables as a snapshot: a folder holding `manifest.json`, `manifest.xxh64` and one file
/// per column (`<table>/<column>.col`), written atomically. See `docs/SNAPSHOT-FORMAT.md`.
public enum SnapshotWriter {
    /// Rows per chunk (and dictionary entries per dictionary chunk) of snapshots written by `save`.
    public static let defaultRowsPerChunk = 262_144

    /// Saves `tables` and `metadata` into the folder `directory`, replacing the snapshot there.
    ///
    /// The snapshot is written into `.DIR.tmp-<pid>` next to `directory`, every file and folder is
    /// fsynced, then it replaces `directory` in one atomic rename (``OutputFolder``), so a kill at
    /// any moment leaves either the old or the new snapshot. A `directory` that holds anything but
    /// a snapshot is refused unless `force`.
    ///
    /// Chunks (262,144 rows each) are encoded and zstd-compressed on `threads` workers; the bytes
    /// written do not depend on `threads`. With `previous` (a snapshot of the same tables with
    /// fewer rows appended, possibly `directory` itself), chunks whose rows are unchanged are
    /// copied from it after their checksum is checked, and column files that are unchanged are
    /// hard-linked; the result is byte for byte the snapshot a full save would write.
    ///
    /// - Parameters:
    ///   - level: the zstd level (default 3).
    ///   - threads: workers that encode chunks (default 2).
    /// - Throws: ``SnapshotError`` (invalid names or levels, I/O failures, an unreadable `previous`).
    /// - Complexity: O(total bytes of the tables).
    @discardableResult
    public static func save(tables: [Table], metadata: SnapshotMetadata, to directory: String, level: Int = 3,
                            threads: Int = 2, previous: String? = nil, force: Bool = false) throws -> SnapshotSaveReport {
        try save(tables: tables, metadata: metadata, to: directory, level: level, threads: threads,
                 previous: previous, rowsPerChunk: defaultRowsPerChunk, stop: nil, force: force)
    }

    /// A column of the previous snapshot whose footer checked out.
    struct PreviousColumn: Sendable {
        var path: String
        var bytes: [UInt8]
        var footer: ColumnFooter
    }

    /// `save` with the chunk size and a stop point for tests.
    @discardableResult
    static func save(tables: [Table], metadata: SnapshotMetadata, to directory: String, level: Int, threads: Int,
                     previous: String?, rowsPerChunk: Int, stop: SavePhase?, force: Bool = false) throws -> SnapshotSaveReport {
        guard Zstd.levelRange.contains(level) else {
            throw SnapshotError.invalidArgument("level \(level) is outside zstd's \(Zstd.levelRange)")
        }
        guard threads >= 1 else { throw SnapshotError.invalidArgument("threads must be at least 1, not \(threads)") }
        guard ColumnFile.rowsPerChunkRange.contains(rowsPerChunk), rowsPerChunk % 64 == 0 else {
            throw SnapshotError.invalidArgument("rows per chunk \(rowsPerChunk) must be a multiple of 64")
        }
        var tableNames = Set<String>()
        for table in tables {
            try SnapshotNames.check(table: table.name)
            guard tableNames.insert(table.name).inserted else { throw SnapshotError.invalidArgument("two tables are named \(table.name)") }
            for field in table.schema.fields { try SnapshotNames.check(column: field.name) }
        }
        // Plan: one file per column, dictionary chunks first, then row chunks.
        var columns: [(table: Int, column: Int, file: String)] = []
        var jobs: [SavePlan.Job] = []
        var firstJob: [Int] = []
        for (t, table) in tables.enumerated() {
            for (c, field) in table.schema.fields.enumerated() {
                let column = table.columns[c]
                let index = columns.count
                columns.append((t, c, SnapshotNames.columnFile(table: table.name, column: field.name)))
                firstJob.append(jobs.count)
                let counts = ColumnFooter.chunkCounts(rows: column.count, dictionary: column.dictionary?.count ?? 0,
                                                      rowsPerChunk: rowsPerChunk)
                for i in 0..<counts.dictionary {
                    jobs.append(SavePlan.Job(column: index, kind: .dictionary, entry: i, first: i * rowsPerChunk,
                                    count: min(rowsPerChunk, column.dictionary!.count - i * rowsPerChunk)))
                }
                for i in 0..<counts.rows {
                    jobs.append(SavePlan.Job(column: index, kind: .rows, entry: counts.dictionary + i, first: i * rowsPerChunk,
                                    count: min(rowsPerChunk, column.count - i * rowsPerChunk)))
                }
            }
        }
        firstJob.append(jobs.count)
        let previousColumns = try loadPrevious(previous, tables: tables, columns: columns.map { ($0.table, $0.column) },
                                               level: level, rowsPerChunk: rowsPerChunk)

        let output = try SnapshotFolder.prepareForWriting(directory, force: force)
        let plan = SavePlan(tables: tables, columns: columns, jobs: jobs, firstJob: firstJob, level: level,
                            rowsPerChunk: rowsPerChunk, previous: previousColumns, root: output.staging)
        let report: SnapshotSaveReport
        do {
            report = try plan.write(metadata: metadata, threads: threads, stop: stop)
        } catch let error as SaveInterrupted {
            output.abandonAsKilled()
            throw error
        }
        var timed = report
        var stopwatch = Stopwatch()
        try SnapshotFolder.publish(output, stop: stop)
        timed.phases.publishSeconds = stopwatch.lap()
        return timed
    }

    /// The columns of `previous` that can lend chunks: same table, column, type and encoding,
    /// same level and chunk size, footer matching the previous manifest. Unusable ones are skipped.
    private static func loadPrevious(_ previous: String?, tables: [Table], columns: [(Int, Int)], level: Int,
                                     rowsPerChunk: Int) throws -> [Int: PreviousColumn] {
        guard let previous else { return [:] }
        let root = try SnapshotFolder(previous).resolveForReading()
        let manifest = try Manifest.read(from: root)
        // Chunks of another format version would not be the bytes a full save writes.
        guard manifest.formatVersion == Manifest.formatVersion, manifest.level == level,
              manifest.rowsPerChunk == rowsPerChunk else { return [:] }
        var result: [Int: PreviousColumn] = [:]
        for (j, (t, c)) in columns.enumerated() {
            let table = tables[t]
            let field = table.schema.fields[c]
            guard let oldTable = manifest.tables.first(where: { $0.name == table.name }),
                  let oldColumn = oldTable.columns.first(where: { $0.name == field.name }),
                  oldColumn.type == field.type.description,
                  oldColumn.dictionaryEncoded == table.columns[c].isDictionaryEncoded else { continue }
            let path = root + "/" + oldColumn.file
            guard let bytes = try? FileSystem.readFile(path, limit: oldColumn.fileSize), bytes.count == oldColumn.fileSize,
                  let footer = try? bytes.withUnsafeBytes({
                      try ColumnFile.parse($0, name: oldColumn.file, expected: manifest.expectation(oldTable, oldColumn))
                  }),
                  XXH64.hex(footer.checksum) == oldColumn.footerChecksum else { continue }
            result[j] = PreviousColumn(path: path, bytes: bytes, footer: footer)
        }
        return result
    }
}
