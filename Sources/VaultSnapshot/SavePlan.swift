// SavePlan.swift: encoding chunks and writing column files into the temporary folder of a save.

import VaultRuntime
import VaultChecksum
import VaultColumnar

/// One save's work, planned: which chunks make which column file, and where they go.
///
/// `write` runs in three phases:
///
/// ```
///  encode   workers take chunks in order; the worker that finishes a column's last chunk writes
///           that column file at once and starts its writeback (no fsync yet), so writing and
///           disk I/O overlap encoding and a column's encoded chunks are freed as soon as its
///           file is written
///  write    manifest.json and manifest.xxh64
///  fsync    every column file (on the workers), the manifest files, then the folders
/// ```
///
/// Nothing is renamed here: the caller publishes the temporary folder once `write` returns.
struct SavePlan: Sendable {
    /// One chunk to produce.
    struct Job: Sendable {
        var column: Int
        var kind: ChunkKind
        var entry: Int
        var first: Int
        var count: Int
    }

    /// What writing one column file produced.
    struct WrittenColumn: Sendable {
        var entry: Manifest.ColumnEntry
        var linked: Bool
        var reusedBytes: Int
        var reusedChunks: Int
        var chunks: Int
    }

    let tables: [Table]
    let columns: [(table: Int, column: Int, file: String)]
    let jobs: [Job]
    /// `jobs[firstJob[j]..<firstJob[j + 1]]` are the chunks of column `j`.
    let firstJob: [Int]
    let level: Int
    let rowsPerChunk: Int
    let previous: [Int: SnapshotWriter.PreviousColumn]
    /// The temporary folder the files go to.
    let root: String

    /// Per-worker encoder state.
    final class ScratchPool: @unchecked Sendable {
        let items: [EncoderScratch]
        init(_ n: Int) { items = (0..<n).map { _ in EncoderScratch() } }
    }

    /// Writes every column file and the manifest into `root` and fsyncs them all.
    func write(metadata: SnapshotMetadata, threads: Int, stop: SavePhase?) throws -> SnapshotSaveReport {
        var stopwatch = Stopwatch()
        var phases = SnapshotSavePhases()
        for table in tables { try FileSystem.makeDirectory(root + "/" + table.name) }
        let results = ResultSlots<EncodedChunk>(count: jobs.count)
        let written = ResultSlots<WrittenColumn>(count: columns.count)
        let pending = CountdownLatches(firstJob.indices.dropLast().map { firstJob[$0 + 1] - firstJob[$0] })
        let pool = ScratchPool(max(1, min(threads, jobs.count)))
        try Parallel.forEach(count: jobs.count, threads: threads) { worker, i in
            let job = jobs[i]
            results[i] = try encode(job, scratch: pool.items[worker])
            guard pending.countDown(job.column) else { return }
            let range = firstJob[job.column]..<firstJob[job.column + 1]
            written[job.column] = try writeColumn(job.column, chunks: range.map { results.take($0) })
        }
        // Columns without chunks (no rows, no dictionary).
        for j in columns.indices where firstJob[j] == firstJob[j + 1] { written[j] = try writeColumn(j, chunks: []) }
        let files = written.all
        phases.encodeSeconds = stopwatch.lap()
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
        phases.writeSeconds = stopwatch.lap()
        if stop == .manifestWritten { throw SaveInterrupted() }

        let columnFiles = columns.map { root + "/" + $0.file }
        try Parallel.forEach(count: columnFiles.count, threads: threads) { _, j in try FileSystem.syncFile(columnFiles[j]) }
        for table in tables { try FileSystem.syncDirectory(root + "/" + table.name) }
        try FileSystem.syncDirectory(root)
        phases.syncSeconds = stopwatch.lap()
        if stop == .temporaryFolderSynced { throw SaveInterrupted() }

        let totalFiles = files.reduce(0) { $0 + $1.entry.fileSize }
        let reused = files.reduce(0) { $0 + $1.reusedBytes }
        let total = totalFiles + json.count + checksum.count
        let reusedChunks = files.reduce(0) { $0 + $1.reusedChunks }
        return SnapshotSaveReport(rawBytes: files.reduce(0) { $0 + $1.entry.rawBytes }, totalBytes: total,
                                  writtenBytes: total - reused, reusedBytes: reused,
                                  chunksWritten: files.reduce(0) { $0 + $1.chunks } - reusedChunks,
                                  chunksReused: reusedChunks, filesLinked: files.filter(\.linked).count, phases: phases)
    }

    /// Encodes one chunk, or takes it from the previous snapshot when its rows are unchanged
    /// (same content checksum) and its stored bytes still match their checksum.
    private func encode(_ job: Job, scratch: EncoderScratch) throws -> EncodedChunk {
        let (t, c, file) = columns[job.column]
        let column = tables[t].columns[c]
        let content = ChunkEncoder.contentChecksum(column, kind: job.kind, first: job.first, count: job.count)
        if let old = previous[job.column], job.entry < old.footer.entries.count {
            let e = old.footer.entries[job.entry]
            if e.kind == job.kind, e.first == job.first, e.count == job.count, e.contentChecksum == content {
                let stored = Array(old.bytes[e.offset..<e.offset + e.storedLength])
                if stored.withUnsafeBytes({ XXH64.hash($0) }) == e.storedChecksum {
                    return EncodedChunk(entry: e, stored: StoredBytes(stored), reused: true)
                }
            }
        }
        return try ChunkEncoder.encode(column, kind: job.kind, first: job.first, count: job.count, content: content,
                                       level: level, scratch: scratch, name: file, index: job.entry)
    }

    /// Writes column `j`'s file from its chunks (or hard-links the previous one when identical).
    private func writeColumn(_ j: Int, chunks: [EncodedChunk]) throws -> WrittenColumn {
        let (t, c, file) = columns[j]
        let column = tables[t].columns[c]
        var entries: [ChunkEntry] = []
        entries.reserveCapacity(chunks.count)
        var offset = ColumnFile.headerSize
        var payloadBytes = 0
        for chunk in chunks {
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
        let footerChecksum = tail.withUnsafeBytes {
            XXH64.hash(UnsafeRawBufferPointer(rebasing: $0.prefix($0.count - ColumnFile.trailerSize)))
        }
        let path = root + "/" + file
        let reusedChunks = chunks.filter(\.reused).count
        var linked = false
        if let old = previous[j], reusedChunks == entries.count, old.footer.checksum == footerChecksum,
           old.bytes.count == offset + tail.count {
            linked = FileSystem.hardLink(old.path, to: path)
            if !linked { try FileSystem.createFile(path, parts: [StoredBytes(old.bytes)]) }
        } else {
            try FileSystem.createFile(path, parts: [StoredBytes(ColumnFile.header)] + chunks.map(\.stored) + [StoredBytes(tail)])
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
        let reusedBytes = linked
            ? offset + tail.count : chunks.filter(\.reused).reduce(0) { $0 + $1.entry.storedLength }
        return WrittenColumn(entry: entry, linked: linked, reusedBytes: reusedBytes, reusedChunks: reusedChunks,
                             chunks: chunks.count)
    }
}
