// SnapshotWriter.swift: saving tables as a snapshot folder.

import VaultChecksum
import VaultColumnar

/// Saves tables as a snapshot: a folder holding `manifest.json`, `manifest.xxh64` and one file
/// per column (`<table>/<column>.col`), written atomically. See `docs/SNAPSHOT-FORMAT.md`.
public enum SnapshotWriter {
    /// Rows per chunk (and dictionary entries per dictionary chunk) of snapshots written by `save`.
    public static let defaultRowsPerChunk = 65_536

    /// Saves `tables` and `metadata` into the folder `directory`, replacing the snapshot there.
    ///
    /// The snapshot is written into `.DIR.tmp-<pid>` next to `directory`, every file and folder is
    /// fsynced, then it is renamed over `directory` (the old one is renamed aside first and
    /// removed last), so a kill at any moment leaves either the old or the new snapshot.
    ///
    /// Chunks (65,536 rows each) are encoded and zstd-compressed on `threads` workers; the bytes
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
                            threads: Int = 2, previous: String? = nil) throws -> SnapshotSaveReport {
        try save(tables: tables, metadata: metadata, to: directory, level: level, threads: threads,
                 previous: previous, rowsPerChunk: defaultRowsPerChunk, stop: nil)
    }

    /// One chunk to produce.
    struct Job: Sendable {
        var column: Int
        var kind: ChunkKind
        var entry: Int
        var first: Int
        var count: Int
    }

    /// A column of the previous snapshot whose footer checked out.
    struct PreviousColumn: Sendable {
        var path: String
        var bytes: [UInt8]
        var footer: ColumnFooter
    }

    final class ScratchPool: @unchecked Sendable {
        let items: [EncoderScratch]
        init(_ n: Int) { items = (0..<n).map { _ in EncoderScratch() } }
    }

    /// `save` with the chunk size and a stop point for tests.
    @discardableResult
    static func save(tables: [Table], metadata: SnapshotMetadata, to directory: String, level: Int, threads: Int,
                     previous: String?, rowsPerChunk: Int, stop: SavePhase?) throws -> SnapshotSaveReport {
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
        var jobs: [Job] = []
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
                    jobs.append(Job(column: index, kind: .dictionary, entry: i, first: i * rowsPerChunk,
                                    count: min(rowsPerChunk, column.dictionary!.count - i * rowsPerChunk)))
                }
                for i in 0..<counts.rows {
                    jobs.append(Job(column: index, kind: .rows, entry: counts.dictionary + i, first: i * rowsPerChunk,
                                    count: min(rowsPerChunk, column.count - i * rowsPerChunk)))
                }
            }
        }
        firstJob.append(jobs.count)
        let previousColumns = try loadPrevious(previous, tables: tables, columns: columns.map { ($0.table, $0.column) },
                                               level: level, rowsPerChunk: rowsPerChunk)

        // Encode (or reuse) every chunk.
        let results = ResultSlots<EncodedChunk>(count: jobs.count)
        let pool = ScratchPool(max(1, min(threads, jobs.count)))
        let columnList = columns
        let jobList = jobs
        try Parallel.forEach(count: jobList.count, threads: threads) { worker, i in
            let job = jobList[i]
            let (t, c, file) = columnList[job.column]
            let column = tables[t].columns[c]
            let content = ChunkEncoder.contentChecksum(column, kind: job.kind, first: job.first, count: job.count)
            if let old = previousColumns[job.column], job.entry < old.footer.entries.count {
                let e = old.footer.entries[job.entry]
                if e.kind == job.kind, e.first == job.first, e.count == job.count, e.contentChecksum == content {
                    let stored = Array(old.bytes[e.offset..<e.offset + e.storedLength])
                    if stored.withUnsafeBytes({ XXH64.hash($0) }) == e.storedChecksum {
                        results[i] = EncodedChunk(entry: e, stored: stored, reused: true)
                        return
                    }
                }
            }
            results[i] = try ChunkEncoder.encode(column, kind: job.kind, first: job.first, count: job.count,
                                                 content: content, level: level, scratch: pool.items[worker],
                                                 name: file, index: job.entry)
        }
        let chunks = results.all

        // Write.
        let folder = SnapshotFolder(directory)
        try folder.prepareForWriting()
        do {
            let report = try writeSnapshot(into: folder.temporary, tables: tables, metadata: metadata, level: level,
                                           threads: threads, rowsPerChunk: rowsPerChunk, columns: columns,
                                           chunks: chunks, firstJob: firstJob, previous: previousColumns, stop: stop)
            try folder.publish(stop: stop)
            return report
        } catch let error as SaveInterrupted {
            throw error
        } catch {
            try? FileSystem.removeTree(folder.temporary)
            throw error
        }
    }

    /// Writes column files and manifest into the temporary folder `root`, fsyncing everything.
    private static func writeSnapshot(into root: String, tables: [Table], metadata: SnapshotMetadata, level: Int,
                                      threads: Int, rowsPerChunk: Int,
                                      columns: [(table: Int, column: Int, file: String)], chunks: [EncodedChunk],
                                      firstJob: [Int], previous: [Int: PreviousColumn],
                                      stop: SavePhase?) throws -> SnapshotSaveReport {
        for table in tables { try FileSystem.makeDirectory(root + "/" + table.name) }
        struct Written: Sendable { var entry: Manifest.ColumnEntry; var linked: Bool; var reusedBytes: Int; var reusedChunks: Int }
        let written = ResultSlots<Written>(count: columns.count)
        let columnList = columns
        try Parallel.forEach(count: columns.count, threads: threads) { _, j in
            let (t, c, file) = columnList[j]
            let column = tables[t].columns[c]
            var entries: [ChunkEntry] = []
            var offset = ColumnFile.headerSize
            var payloadBytes = 0
            for chunk in chunks[firstJob[j]..<firstJob[j + 1]] {
                var entry = chunk.entry
                entry.offset = offset
                offset += entry.storedLength
                payloadBytes += entry.payloadLength
                entries.append(entry)
            }
            let footer = ColumnFooter(rowCount: column.count, dictionaryCount: column.dictionary?.count ?? 0,
                                      rowsPerChunk: rowsPerChunk, isDictionaryEncoded: column.isDictionaryEncoded,
                                      payloadBytes: payloadBytes, entries: entries)
            let tail = ColumnFile.footerAndTrailer(footer, footerOffset: offset)
            let footerChecksum = tail.withUnsafeBytes { XXH64.hash(UnsafeRawBufferPointer(rebasing: $0.prefix($0.count - ColumnFile.trailerSize))) }
            let path = root + "/" + file
            let reusedChunks = chunks[firstJob[j]..<firstJob[j + 1]].filter(\.reused)
            var linked = false
            if let old = previous[j], reusedChunks.count == entries.count, old.footer.checksum == footerChecksum,
               old.bytes.count == offset + tail.count {
                linked = FileSystem.hardLink(old.path, to: path)
                if !linked { try FileSystem.writeFile(path) { emit in try old.bytes.withUnsafeBytes { try emit($0) } } }
            } else {
                try FileSystem.writeFile(path) { emit in
                    try ColumnFile.header.withUnsafeBytes { try emit($0) }
                    for chunk in chunks[firstJob[j]..<firstJob[j + 1]] { try chunk.stored.withUnsafeBytes { try emit($0) } }
                    try tail.withUnsafeBytes { try emit($0) }
                }
            }
            var encodings: [String: Int] = [:]
            for entry in entries { encodings[entry.encoding.name, default: 0] += 1 }
            let field = tables[t].schema.fields[c]
            let raw = column.validity.words.count + column.values.count + column.bytes.count
                + (column.dictionary.map { $0.offsets.count + $0.bytes.count } ?? 0)
            let entry = Manifest.ColumnEntry(
                name: field.name, type: field.type.description, nullable: field.nullable,
                dictionaryEncoded: column.isDictionaryEncoded, file: file, fileSize: offset + tail.count,
                footerChecksum: XXH64.hex(footerChecksum), rawBytes: raw, encodings: encodings,
                rawChunks: entries.filter { !$0.isCompressed }.count,
                compressedChunks: entries.filter(\.isCompressed).count)
            let reusedBytes = linked ? offset + tail.count : reusedChunks.reduce(0) { $0 + $1.entry.storedLength }
            written[j] = Written(entry: entry, linked: linked, reusedBytes: reusedBytes, reusedChunks: reusedChunks.count)
        }
        let files = written.all
        if stop == .columnFilesWritten { throw SaveInterrupted() }

        var manifest = Manifest(formatVersion: Manifest.formatVersion, metadata: metadata, level: level,
                                rowsPerChunk: rowsPerChunk, tables: [])
        var next = 0
        for table in tables {
            let entries = files[next..<next + table.schema.count].map(\.entry)
            next += table.schema.count
            manifest.tables.append(Manifest.TableEntry(name: table.name, rowCount: table.count, columns: Array(entries)))
        }
        let (json, checksum) = try manifest.encoded()
        try FileSystem.writeFile(root + "/" + Manifest.fileName) { emit in try json.withUnsafeBytes { try emit($0) } }
        try FileSystem.writeFile(root + "/" + Manifest.checksumFileName) { emit in try checksum.withUnsafeBytes { try emit($0) } }
        if stop == .manifestWritten { throw SaveInterrupted() }
        for table in tables { try FileSystem.syncDirectory(root + "/" + table.name) }
        try FileSystem.syncDirectory(root)
        if stop == .temporaryFolderSynced { throw SaveInterrupted() }

        let totalFiles = files.reduce(0) { $0 + $1.entry.fileSize }
        let reused = files.reduce(0) { $0 + $1.reusedBytes }
        let total = totalFiles + json.count + checksum.count
        let rawBytes = files.reduce(0) { $0 + $1.entry.rawBytes }
        let reusedChunks = files.reduce(0) { $0 + $1.reusedChunks }
        return SnapshotSaveReport(rawBytes: rawBytes, totalBytes: total, writtenBytes: total - reused,
                                  reusedBytes: reused, chunksWritten: chunks.count - reusedChunks,
                                  chunksReused: reusedChunks, filesLinked: files.filter(\.linked).count)
    }

    /// The columns of `previous` that can lend chunks: same table, column, type and encoding,
    /// same level and chunk size, footer matching the previous manifest. Unusable ones are skipped.
    private static func loadPrevious(_ previous: String?, tables: [Table], columns: [(Int, Int)], level: Int,
                                     rowsPerChunk: Int) throws -> [Int: PreviousColumn] {
        guard let previous else { return [:] }
        let root = try SnapshotFolder(previous).resolveForReading()
        let manifest = try Manifest.read(from: root)
        guard manifest.level == level, manifest.rowsPerChunk == rowsPerChunk else { return [:] }
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
