// CSVWriter.swift: a Table as RFC 4180 CSV, streamed through one large buffer.

import VaultChecksum
import VaultColumnar
import VaultFiles

/// Writes tables as CSV in one documented dialect:
///
/// - RFC 4180 with **LF** line ends (`\n`, also after the last row), a header row of column
///   names, comma separators, UTF-8;
/// - a field is quoted (`"..."`, inner quotes doubled) when it contains a comma, a quote, CR or
///   LF, or starts or ends with a space or tab;
/// - NULL is an empty unquoted field; the empty string is `""`, so the two stay distinct
///   (DuckDB, PostgreSQL `COPY ... CSV` and Snowflake read them back that way);
/// - values use the text forms of `ValueText` (dates `YYYY-MM-DD`, times `HH:MM:SS`, decimals
///   with exactly their scale's digits).
///
/// Files are written to `.NAME.tmp-<pid>` and renamed to `NAME` only when complete, so an interrupted
/// or failed write never leaves a partial file under its final name.
public struct CSVWriter: Sendable {
    /// The size of the write buffer in bytes (a `write(2)` per full buffer).
    public var bufferSize: Int
    /// Test hook: fail with EIO after this many bytes have been written.
    var failAfterBytes: Int?

    public init(bufferSize: Int = 4 << 20) {
        precondition(bufferSize >= 4096, "CSV buffer must hold at least 4 KiB")
        self.bufferSize = bufferSize
    }

    /// Writes `table` to `path` (via `.NAME.tmp-<pid>` beside it), returning its size and XXH64 checksum.
    ///
    /// - Complexity: O(rows × columns) plus the bytes written; no allocation per row.
    @discardableResult
    public func write(_ table: Table, toFile path: String) throws(ExportError) -> CSVFileInfo {
        let temporary = Temporaries.file(beside: path)
        let fd = try FileSystem.create(temporary)
        Temporaries.add(temporary)
        defer { Temporaries.remove(temporary) }
        var checksum = XXH64()
        var written = 0
        do {
            try encode(table) { (chunk: UnsafeRawBufferPointer) throws(ExportError) in
                if let limit = failAfterBytes, written + chunk.count > limit {
                    throw ExportError.io(operation: "write", path: temporary, errno: 5, reason: "Input/output error (injected)")
                }
                try FileSystem.write(fd, chunk, path: temporary)
                checksum.update(chunk)
                written += chunk.count
            }
            try FileSystem.close(fd, path: temporary)
        } catch {
            _ = try? FileSystem.close(fd, path: temporary)
            FileSystem.removeQuietly(temporary)
            throw error
        }
        do {
            try FileSystem.rename(temporary, path)
        } catch {
            FileSystem.removeQuietly(temporary)
            throw error
        }
        return CSVFileInfo(rows: table.count, bytes: written, xxh64: checksum.finalize())
    }

    /// The CSV bytes of `table` (for tests and small tables).
    public func bytes(of table: Table) -> [UInt8] {
        var out = [UInt8]()
        encode(table) { (chunk: UnsafeRawBufferPointer) in out.append(contentsOf: chunk) }
        return out
    }

    /// Streams the CSV of `table` to `sink` in chunks of at most `bufferSize` bytes (plus one field).
    public func encode<E: Error>(_ table: Table, to sink: (UnsafeRawBufferPointer) throws(E) -> Void) throws(E) {
        var buffer = OutputBuffer(capacity: bufferSize)
        defer { buffer.release() }
        let flushMark = bufferSize - 256
        // Header.
        for (i, field) in table.schema.fields.enumerated() {
            if i > 0 { buffer.byte(UInt8(ascii: ",")) }
            var name = field.name
            name.withUTF8 { buffer.field(UnsafeRawBufferPointer($0)) }
        }
        buffer.byte(10)
        let columns = table.columns
        let cursors = UnsafeMutableBufferPointer<FieldCursor>.allocate(capacity: columns.count)
        for (i, column) in columns.enumerated() { (cursors.baseAddress! + i).initialize(to: FieldCursor(column)) }
        defer {
            for cursor in cursors { cursor.release() }
            cursors.deallocate()
        }
        try withExtendedLifetime(columns) { () throws(E) in
            for row in 0..<table.count {
                for i in 0..<cursors.count {
                    if i > 0 { buffer.byte(UInt8(ascii: ",")) }
                    cursors[i].write(row: row, of: columns[i], to: &buffer)
                }
                buffer.byte(10)
                if buffer.count >= flushMark {
                    try sink(buffer.contents)
                    buffer.count = 0
                }
            }
            if buffer.count > 0 { try sink(buffer.contents) }
        }
    }
}

/// What was written to one CSV file.
public struct CSVFileInfo: Equatable, Sendable {
    /// Data rows (the header is not counted).
    public var rows: Int
    /// File size in bytes.
    public var bytes: Int
    /// XXH64 (seed 0) of the file's bytes.
    public var xxh64: UInt64
}
