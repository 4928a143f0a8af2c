// ParquetReader.swift: reads back the Parquet files ParquetWriter writes (footer, schema, values).

import Foundation
import VaultColumnar

/// Reads a Parquet file of the kind ``ParquetWriter`` writes: a flat schema of the types in
/// ``ParquetColumnLayout``, v1 data pages, PLAIN or RLE_DICTIONARY values, uncompressed or zstd.
/// Anything else is refused with an error naming the file and what was not understood.
///
/// The reader trusts nothing: offsets, lengths and counts are checked against the file before use.
/// It reads whole files into memory; it exists for round-trip checks, not for bulk loading.
public struct ParquetReader {
    /// The name used in error messages (the path, or a caller's label).
    public let name: String
    let bytes: [UInt8]
    /// The decoded footer.
    public let metadata: ParquetFileMetaData
    /// The size of the Thrift footer in bytes (the u32 before the closing magic).
    public let footerLength: Int

    /// Parses the footer of `bytes`.
    public init(bytes: [UInt8], name: String = "<memory>") throws(ParquetError) {
        self.name = name
        self.bytes = bytes
        let magic = ParquetWriter.magic
        guard bytes.count >= 12 else { throw .malformedFile(path: name, reason: "\(bytes.count) bytes is too short for a Parquet file") }
        guard Array(bytes[0..<4]) == magic else { throw .malformedFile(path: name, reason: "no PAR1 magic at the start") }
        guard Array(bytes[(bytes.count - 4)...]) == magic else { throw .malformedFile(path: name, reason: "no PAR1 magic at the end") }
        let length = bytes[(bytes.count - 8)..<(bytes.count - 4)].reversed().reduce(0) { $0 << 8 | Int($1) }
        guard length <= bytes.count - 12 else {
            throw .malformedFile(path: name, reason: "footer length \(length) exceeds the file (\(bytes.count) bytes)")
        }
        footerLength = length
        let start = bytes.count - 8 - length
        let fields = try Self.decodeStruct(bytes, at: start, limit: bytes.count - 8, name: name).fields
        do {
            metadata = try ParquetFileMetaData(fields: fields)
        } catch {
            throw .malformedFile(path: name, reason: "footer at offset \(start): \(error.description)")
        }
    }

    /// Reads and parses the file at `path`.
    public init(path: String) throws(ParquetError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .malformedFile(path: path, reason: "cannot be read")
        }
        try self.init(bytes: [UInt8](data), name: path)
    }

    /// Decodes one Thrift struct at `offset` that must end by `limit`; returns it and its end.
    static func decodeStruct(_ bytes: [UInt8], at offset: Int, limit: Int, name: String) throws(ParquetError) -> (fields: ThriftFields, end: Int) {
        let result: Result<(ThriftFields, Int), ParquetError> = bytes.withUnsafeBytes { raw in
            var decoder = ThriftCompactDecoder(UnsafeRawBufferPointer(rebasing: raw[..<limit]), offset: offset)
            return Result { () throws(ParquetError) in (try decoder.readStruct(), decoder.position) }
        }
        do {
            return try result.get()
        } catch {
            throw .malformedFile(path: name, reason: error.description)
        }
    }

    /// The leaf columns' layouts (the schema root's children), as vaultsim fields.
    public func fields() throws(ParquetError) -> [Field] {
        let elements = metadata.schema
        guard let root = elements.first, root.numChildren == Int32(elements.count - 1) else {
            throw .malformedFile(path: name, reason: "the schema is not one flat group")
        }
        var fields: [Field] = []
        for element in elements.dropFirst() {
            guard element.numChildren == nil, let type = ColumnType(parquet: element),
                  element.repetition == .required || element.repetition == .optional else {
                throw .malformedFile(path: name, reason: "column \(element.name) has a form vaultsim does not read")
            }
            guard !fields.contains(where: { $0.name == element.name }) else {
                throw .malformedFile(path: name, reason: "column name \(element.name) appears twice")
            }
            fields.append(Field(element.name, type, nullable: element.repetition == .optional))
        }
        return fields
    }

    /// Every row of the file as a table called `tableName`.
    public func table(named tableName: String) throws(ParquetError) -> Table {
        let fields = try fields()
        let layouts = fields.map(ParquetColumnLayout.init)
        guard metadata.numRows >= 0 else { throw .malformedFile(path: name, reason: "negative row count \(metadata.numRows)") }
        // Only a capacity hint: the rows come from the pages, and a file may declare more than it holds.
        var columns = fields.map { Column($0.type, capacity: Int(min(metadata.numRows, Int64(bytes.count)))) }
        for (g, group) in metadata.rowGroups.enumerated() {
            guard group.columns.count == fields.count else {
                throw .malformedFile(path: name, reason: "row group \(g) has \(group.columns.count) columns, the schema \(fields.count)")
            }
            for (j, chunk) in group.columns.enumerated() {
                guard chunk.metaData.numValues == group.numRows else {
                    throw .malformedFile(path: name, reason: "row group \(g) column \(fields[j].name): \(chunk.metaData.numValues) values for \(group.numRows) rows")
                }
                try readChunk(chunk.metaData, layout: layouts[j], into: &columns[j], where: "row group \(g) column \(fields[j].name)")
            }
        }
        do {
            return try Table(name: tableName, schema: Schema(fields), columns: columns)
        } catch {
            throw .malformedFile(path: name, reason: "\(error)")
        }
    }
}
