// ParquetWriter.swift: a Table as one Parquet file, written atomically.

import Dispatch
import VaultRuntime
import VaultColumnar
import VaultFiles
import VaultExport

/// Writes a ``Table`` as a Parquet file (format 2, v1 data pages, flat schema):
///
/// ```
///  "PAR1"
///  row group 0: column chunk 0 | column chunk 1 | ...     (see ParquetColumnChunkWriter)
///  row group 1: ...
///  FileMetaData (Thrift compact)  | u32 LE length of FileMetaData | "PAR1"
/// ```
///
/// Column types map as ``ParquetColumnLayout`` documents; chunks carry min/max/null-count
/// statistics, and the footer declares `TYPE_ORDER` for every column. The same table and options
/// give the same bytes on any thread count.
///
/// ```swift
/// try ParquetWriter(options).write(table: table, to: "out/hub_customer.parquet")
/// ```
public struct ParquetWriter: Sendable {
    public let options: ParquetWriterOptions

    /// A writer with `options`, which must be valid (`options.problem == nil`; a programming error otherwise).
    public init(_ options: ParquetWriterOptions = ParquetWriterOptions()) {
        precondition(options.problem == nil, "invalid Parquet writer options: \(options.problem ?? "")")
        self.options = options
    }

    /// The 4-byte magic at both ends of a Parquet file.
    public static let magic: [UInt8] = Array("PAR1".utf8)

    /// Writes `table` to `path`: to `path.tmp` in the same folder, flushed to disk (fsync), then
    /// renamed, so `path` never holds a partial file. The folder must exist.
    @discardableResult
    public func write(table: Table, to path: String) throws(ParquetError) -> ParquetFileInfo {
        let temporary = Temporaries.file(beside: path)
        let fd: Int32
        do { fd = try FileSystem.create(temporary) } catch { throw .io(error) }
        var open = true
        do throws(ParquetError) {
            let info = try encode(table) { (chunk: UnsafeRawBufferPointer) throws(ParquetError) in
                do throws(ExportError) { try FileSystem.write(fd, chunk, path: temporary) } catch { throw .io(error) }
            }
            do throws(ExportError) {
                try FileSystem.sync(fd, path: temporary)
                open = false
                try FileSystem.close(fd, path: temporary)
                try FileSystem.rename(temporary, path)
            } catch { throw ParquetError.io(error) }
            return info
        } catch {
            if open { _ = try? FileSystem.close(fd, path: temporary) }
            FileSystem.removeQuietly(temporary)
            throw error
        }
    }

    /// The file's bytes, in memory (for tests and small tables).
    public func bytes(of table: Table) throws(ParquetError) -> [UInt8] {
        var out: [UInt8] = []
        _ = try encode(table) { (chunk: UnsafeRawBufferPointer) throws(ParquetError) in out.append(contentsOf: chunk) }
        return out
    }

    /// Streams the file to `sink`, row group by row group; returns what was written.
    ///
    /// - Complexity: O(rows × columns + bytes); the chunks of one row group are held in memory.
    public func encode(_ table: Table, to sink: (UnsafeRawBufferPointer) throws(ParquetError) -> Void) throws(ParquetError) -> ParquetFileInfo {
        let layouts = table.schema.fields.map(ParquetColumnLayout.init)
        var offset = 0
        func emit(_ bytes: [UInt8]) throws(ParquetError) {
            try bytes.withBytes { (raw) throws(ParquetError) in try sink(raw) }
            offset += bytes.count
        }
        try emit(Self.magic)
        var rowGroups: [ParquetRowGroup] = []
        let compressors = (0..<max(1, min(options.threads, layouts.count))).map { _ in ParquetZstd() }
        var start = 0
        while start < table.count {
            let rows = start..<min(start + options.rowGroupRows, table.count)
            let chunks = try encodeRowGroup(table, rows: rows, layouts: layouts, compressors: compressors)
            let groupStart = offset
            var columns: [ParquetColumnChunk] = []
            for chunk in chunks {
                columns.append(ParquetColumnChunk(metaData: chunk.metaData(at: offset)))
                try emit(chunk.bytes)
            }
            rowGroups.append(ParquetRowGroup(
                columns: columns, totalByteSize: Int64(chunks.reduce(0) { $0 + $1.uncompressedSize }), numRows: Int64(rows.count),
                fileOffset: Int64(groupStart), totalCompressedSize: Int64(offset - groupStart),
                ordinal: Int16(truncatingIfNeeded: rowGroups.count)))
            start = rows.upperBound
        }
        let root = ParquetSchemaElement(name: "schema", numChildren: Int32(layouts.count))
        let footer = ParquetFileMetaData(version: 2, schema: [root] + layouts.map(\.schemaElement), numRows: Int64(table.count),
                                         rowGroups: rowGroups, createdBy: options.createdBy, typeDefinedColumnOrders: layouts.count)
        let footerBytes = ThriftCompactEncoder.encode(footer)
        try emit(footerBytes + withUnsafeBytes(of: UInt32(footerBytes.count).littleEndian) { Array($0) } + Self.magic)
        return ParquetFileInfo(rows: table.count, rowGroups: rowGroups.count, bytes: offset)
    }

    /// Encodes the chunks of one row group, columns spread over the compressors' threads
    /// (column j on worker j mod workers, so the work split never depends on timing).
    private func encodeRowGroup(_ table: Table, rows: Range<Int>, layouts: [ParquetColumnLayout],
                                compressors: [ParquetZstd]) throws(ParquetError) -> [ParquetEncodedChunk] {
        let results = ResultSlots<Result<ParquetEncodedChunk, ParquetError>>(count: layouts.count)
        let workers = compressors.count
        // Read-only for the workers, except the compressors: worker w uses compressors[w] alone.
        let context = UncheckedBox((table, layouts, compressors, options))
        concurrentEach(count: workers, threads: workers) { worker in
            let (table, layouts, compressors, options) = context.value
            for j in stride(from: worker, to: layouts.count, by: workers) {
                results.set(j, Result { () throws(ParquetError) in
                    try ParquetColumnChunkWriter.encode(table[column: j], rows: rows, layout: layouts[j], table: table.name,
                                                        options: options, zstd: compressors[worker])
                })
            }
        }
        var chunks: [ParquetEncodedChunk] = []
        for j in 0..<layouts.count { chunks.append(try results.get(j).get()) }
        return chunks
    }
}

extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for a body with a typed error.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws(ParquetError) -> R) throws(ParquetError) -> R {
        try withUnsafeBytes { raw in Result { () throws(ParquetError) in try body(raw) } }.get()
    }
}

/// What was written to one Parquet file.
public struct ParquetFileInfo: Equatable, Sendable {
    public var rows: Int
    public var rowGroups: Int
    /// File size in bytes.
    public var bytes: Int
}
