// SnapshotReader.swift: restoring, verifying and describing snapshots.

import VaultRuntime
import VaultChecksum
import VaultColumnar

/// Reads snapshots written by ``SnapshotWriter``. Files are untrusted: every length, offset and
/// count is checked against the file size and the manifest before use, decompressed sizes are
/// checked (`ZSTD_getFrameContentSize`) before allocating, and names that would leave the folder
/// are refused. Every error is a ``SnapshotError`` naming the file and offset.
///
/// When `directory` is missing because a save was interrupted between its two renames, the
/// reader opens the complete snapshot that save left aside (`.DIR.old-<pid>`).
public enum SnapshotReader {
    /// Restores the tables and metadata saved in `directory`, equal bit for bit to what was saved.
    ///
    /// - Parameter threads: workers that check and decode chunks (default 2).
    /// - Complexity: O(total bytes of the snapshot and of the tables).
    public static func restore(from directory: String, threads: Int = 2) throws -> (tables: [Table], metadata: SnapshotMetadata) {
        let restored = try restoreMeasured(from: directory, threads: threads)
        return (restored.tables, restored.metadata)
    }

    /// ``restore(from:threads:)``, also reporting how long each phase took.
    public static func restoreMeasured(from directory: String, threads: Int = 2)
        throws -> (tables: [Table], metadata: SnapshotMetadata, report: SnapshotRestoreReport) {
        guard threads >= 1 else { throw SnapshotError.invalidArgument("threads must be at least 1, not \(threads)") }
        var stopwatch = Stopwatch()
        var report = SnapshotRestoreReport()
        let (manifest, files) = try open(directory, threads: threads)
        report.readSeconds = stopwatch.lap()
        // Every column's final buffers first, then every chunk decoded into them (string and
        // dictionary chunks into slots), then the columns built.
        let targets = files.map { ColumnTarget($0.footer, expected: $0.expected) }
        var jobs: [(file: Int, entry: Int)] = []
        var firstChunk: [Int] = [0]
        for (j, file) in files.enumerated() {
            for e in file.footer.entries.indices { jobs.append((j, e)) }
            firstChunk.append(jobs.count)
        }
        let decoded = ResultSlots<DecodedChunk>(count: jobs.count)
        let scratch = DecoderScratchPool(max(1, min(threads, jobs.count)))
        let jobList = jobs
        try Parallel.forEach(count: jobList.count, threads: threads) { worker, i in
            let (j, e) = jobList[i]
            let file = files[j], target = targets[j], entry = file.footer.entries[e]
            try file.bytes.withUnsafeBytes { bytes in
                if entry.kind == .rows && target.width > 0 {
                    try ChunkDecoder.decode(entry, index: e, in: bytes, name: file.name, expected: file.expected,
                                            scratch: scratch.items[worker], into: target)
                } else {
                    decoded[i] = try ChunkDecoder.decodeStrings(entry, index: e, in: bytes, name: file.name,
                                                                decompressor: scratch.items[worker].decompressor,
                                                                target: target)
                }
            }
        }
        report.decodeSeconds = stopwatch.lap()
        // Assemble columns.
        let columns = ResultSlots<Column>(count: files.count)
        let chunkStarts = firstChunk
        try Parallel.forEach(count: files.count, threads: threads) { _, j in
            let chunks = (chunkStarts[j]..<chunkStarts[j + 1]).map { decoded[$0] }
            columns[j] = try ColumnAssembler.assemble(files[j], target: targets[j], chunks: chunks)
        }
        let built = columns.all
        var tables: [Table] = []
        var next = 0
        for table in manifest.tables {
            let schema = Schema(table.columns.map { Field($0.name, ColumnType(parsing: $0.type)!, nullable: $0.nullable) })
            let tableColumns = Array(built[next..<next + table.columns.count])
            next += table.columns.count
            do {
                tables.append(try Table(name: table.name, schema: schema, columns: tableColumns))
            } catch {
                throw SnapshotError.corrupt(file: Manifest.fileName, offset: 0, reason: "table \(table.name): \(error)")
            }
        }
        report.assembleSeconds = stopwatch.lap()
        return (tables, manifest.metadata, report)
    }

    /// Checks every checksum of the snapshot in `directory` (manifest, footers, chunks) and that
    /// every compressed chunk declares its footer length, without decompressing or building tables.
    public static func verify(_ directory: String) throws -> SnapshotVerifyReport {
        let (manifest, files) = try open(directory, threads: 1)
        var chunks = 0, bytes = 0
        for file in files {
            try file.bytes.withUnsafeBytes { raw in
                for (i, entry) in file.footer.entries.enumerated() {
                    let stored = UnsafeRawBufferPointer(rebasing: raw[entry.offset..<entry.offset + entry.storedLength])
                    guard XXH64.hash(stored) == entry.storedChecksum else {
                        throw SnapshotError.checksumMismatch(file: file.name, chunk: i, offset: entry.offset)
                    }
                    if entry.isCompressed {
                        guard Zstd.frameContentSize(stored) == UInt64(entry.payloadLength),
                              Zstd.frameCompressedSize(stored) == stored.count else {
                            throw SnapshotError.corrupt(file: file.name, offset: entry.offset,
                                                        reason: "chunk \(i): the zstd frame does not match its footer entry")
                        }
                    }
                }
            }
            chunks += file.footer.entries.count
            bytes += file.bytes.count
        }
        _ = manifest
        return SnapshotVerifyReport(files: files.count, chunks: chunks, bytes: bytes + files.manifestBytes)
    }

    /// Describes the snapshot in `directory` from its manifest (tables, rows, raw and stored bytes,
    /// encodings per column), checking the manifest's checksum and the column files' sizes.
    public static func info(_ directory: String) throws -> SnapshotInfo {
        let root = try SnapshotFolder(directory).resolveForReading()
        let manifest = try Manifest.read(from: root)
        var tables: [SnapshotInfo.TableInfo] = []
        for table in manifest.tables {
            var columns: [SnapshotInfo.ColumnInfo] = []
            for column in table.columns {
                let size = try FileSystem.regularFileSize(root + "/" + column.file)
                guard size == column.fileSize else {
                    throw SnapshotError.corrupt(file: column.file, offset: size, reason: "file is \(size) bytes, the manifest says \(column.fileSize)")
                }
                columns.append(SnapshotInfo.ColumnInfo(
                    name: column.name, type: column.type, dictionaryEncoded: column.dictionaryEncoded,
                    rawBytes: column.rawBytes, storedBytes: column.fileSize, encodings: column.encodings,
                    rawChunks: column.rawChunks, compressedChunks: column.compressedChunks))
            }
            tables.append(SnapshotInfo.TableInfo(name: table.name, rows: table.rowCount, columns: columns))
        }
        return SnapshotInfo(formatVersion: manifest.formatVersion, metadata: manifest.metadata, level: manifest.level,
                            rowsPerChunk: manifest.rowsPerChunk, tables: tables)
    }

    /// A column file read into memory, its footer checked against the manifest.
    struct OpenFile: Sendable {
        var name: String
        var bytes: [UInt8]
        var footer: ColumnFooter
        var expected: ColumnExpectation
    }

    /// Per-worker decoding state.
    final class DecoderScratchPool: @unchecked Sendable {
        let items: [DecoderScratch]
        init(_ n: Int) { items = (0..<n).map { _ in DecoderScratch() } }
    }

    /// Reads the manifest and every column file, checking sizes, headers, trailers and footers.
    static func open(_ directory: String, threads: Int) throws -> (Manifest, OpenFiles) {
        let root = try SnapshotFolder(directory).resolveForReading()
        let manifest = try Manifest.read(from: root)
        var specs: [(Manifest.TableEntry, Manifest.ColumnEntry)] = []
        for table in manifest.tables { for column in table.columns { specs.append((table, column)) } }
        let opened = ResultSlots<OpenFile>(count: specs.count)
        let specList = specs
        try Parallel.forEach(count: specList.count, threads: threads) { _, j in
            let (table, column) = specList[j]
            let path = root + "/" + column.file
            let size = try FileSystem.regularFileSize(path)
            guard size == column.fileSize else {
                throw SnapshotError.corrupt(file: column.file, offset: min(size, column.fileSize),
                                            reason: "file is \(size) bytes, the manifest says \(column.fileSize)")
            }
            let bytes = try FileSystem.readFile(path, limit: column.fileSize)
            guard bytes.count == column.fileSize else {
                throw SnapshotError.corrupt(file: column.file, offset: bytes.count, reason: "file changed size while read")
            }
            let expected = manifest.expectation(table, column)
            let footer = try bytes.withUnsafeBytes { try ColumnFile.parse($0, name: column.file, expected: expected) }
            guard XXH64.hex(footer.checksum) == column.footerChecksum else {
                throw SnapshotError.corrupt(file: column.file, offset: bytes.count - ColumnFile.trailerSize + 16,
                                            reason: "footer checksum \(XXH64.hex(footer.checksum)) differs from the manifest's \(column.footerChecksum)")
            }
            opened[j] = OpenFile(name: column.file, bytes: bytes, footer: footer, expected: expected)
        }
        let manifestBytes = (try? FileSystem.regularFileSize(root + "/" + Manifest.fileName)) ?? 0
        return (manifest, OpenFiles(files: opened.all, manifestBytes: manifestBytes + 17))
    }

    /// The opened column files and the manifest's size.
    struct OpenFiles: Sendable, RandomAccessCollection {
        var files: [OpenFile]
        var manifestBytes: Int
        var startIndex: Int { files.startIndex }
        var endIndex: Int { files.endIndex }
        subscript(i: Int) -> OpenFile { files[i] }
    }
}
