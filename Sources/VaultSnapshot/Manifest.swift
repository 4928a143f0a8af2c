// Manifest.swift: the snapshot's table of contents, as checksummed JSON.

import VaultChecksum
import Foundation
import VaultColumnar

/// The manifest of a snapshot: `manifest.json` (JSON, sorted keys) and `manifest.xxh64` (the
/// XXH64 of `manifest.json` as 16 lowercase hex digits and a newline, exactly 17 bytes).
///
/// It pins each column file by size and footer checksum; each footer pins its chunks by XXH64.
/// So a changed byte anywhere in the snapshot is found by checking the manifest's checksum, then
/// the footers it names, then the chunks they name.
struct Manifest: Codable, Equatable, Sendable {
    static let formatVersion = Int(ColumnFile.version)
    static let fileName = "manifest.json"
    static let checksumFileName = "manifest.xxh64"
    /// The largest manifest a reader accepts.
    static let sizeLimit = 64 << 20

    struct TableEntry: Codable, Equatable, Sendable {
        var name: String
        var rowCount: Int
        var columns: [ColumnEntry]
    }

    struct ColumnEntry: Codable, Equatable, Sendable {
        var name: String
        /// `ColumnType.description`, e.g. `fixed_binary(16)`.
        var type: String
        var nullable: Bool
        var dictionaryEncoded: Bool
        /// The column file, relative to the snapshot folder: `<table>/<column>.col`.
        var file: String
        var fileSize: Int
        /// The XXH64 of the column file's footer, 16 lowercase hex digits.
        var footerChecksum: String
        /// Bytes of the column's buffers in memory.
        var rawBytes: Int
        /// Chunks per encoding name.
        var encodings: [String: Int]
        var rawChunks: Int
        var compressedChunks: Int
    }

    var formatVersion: Int
    var metadata: SnapshotMetadata
    /// The zstd level of every compressed chunk.
    var level: Int
    var rowsPerChunk: Int
    var tables: [TableEntry]

    /// The manifest's JSON bytes and the content of `manifest.xxh64`.
    func encoded() throws -> (json: [UInt8], checksum: [UInt8]) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let json = [UInt8](try encoder.encode(self))
        let hash = json.withUnsafeBytes { XXH64.hash($0) }
        return (json, Array((XXH64.hex(hash) + "\n").utf8))
    }

    /// Reads and checks the manifest of the snapshot in `directory`.
    static func read(from directory: String) throws -> Manifest {
        let sumBytes = try FileSystem.readFile(directory + "/" + checksumFileName, limit: 1 << 10)
        guard sumBytes.count == 17 else {
            throw SnapshotError.corrupt(file: checksumFileName, offset: min(sumBytes.count, 17),
                                        reason: "\(sumBytes.count) bytes, expected 16 hex digits and a newline")
        }
        if let bad = sumBytes.prefix(16).firstIndex(where: { !((0x30...0x39).contains($0) || (0x61...0x66).contains($0)) }) {
            throw SnapshotError.corrupt(file: checksumFileName, offset: bad, reason: "not a lowercase hex digit")
        }
        guard sumBytes[16] == 0x0A else { throw SnapshotError.corrupt(file: checksumFileName, offset: 16, reason: "missing newline") }
        let expected = XXH64.parseHex(Substring(decoding: sumBytes.prefix(16), as: UTF8.self))!
        let json = try FileSystem.readFile(directory + "/" + fileName, limit: sizeLimit)
        let actual = json.withUnsafeBytes { XXH64.hash($0) }
        guard actual == expected else {
            throw SnapshotError.corrupt(file: fileName, offset: 0,
                                        reason: "checksum mismatch over its \(json.count) bytes (XXH64 \(XXH64.hex(actual)), \(checksumFileName) says \(XXH64.hex(expected)))")
        }
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: Data(json))
        } catch {
            throw SnapshotError.corrupt(file: fileName, offset: 0, reason: "not a valid manifest (\(error))")
        }
        try manifest.validate()
        return manifest
    }

    /// Checks every value a reader will rely on: versions, ranges, names, types, file paths.
    func validate() throws {
        func bad(_ reason: String) -> SnapshotError { .corrupt(file: Self.fileName, offset: 0, reason: reason) }
        guard ColumnFile.readableVersions.contains(UInt32(clamping: formatVersion)) else {
            throw SnapshotError.unsupportedVersion(file: Self.fileName, offset: 0, version: formatVersion)
        }
        guard Zstd.levelRange.contains(level) else { throw bad("zstd level \(level) out of range") }
        guard ColumnFile.rowsPerChunkRange.contains(rowsPerChunk), rowsPerChunk % 64 == 0 else {
            throw bad("rows per chunk \(rowsPerChunk) is not a multiple of 64 in \(ColumnFile.rowsPerChunkRange)")
        }
        var tableNames = Set<String>()
        for table in tables {
            try SnapshotNames.check(table: table.name)
            guard tableNames.insert(table.name).inserted else { throw bad("table \(table.name) appears twice") }
            guard (0...Int(Int32.max)).contains(table.rowCount) else { throw bad("table \(table.name): row count \(table.rowCount) out of range") }
            var columnNames = Set<String>()
            for column in table.columns {
                try SnapshotNames.check(column: column.name)
                guard columnNames.insert(column.name).inserted else { throw bad("\(table.name).\(column.name) appears twice") }
                guard let type = ColumnType(parsing: column.type) else { throw bad("\(table.name).\(column.name): unknown type \(column.type)") }
                guard !column.dictionaryEncoded || type == .string else { throw bad("\(table.name).\(column.name): a dictionary on a \(type) column") }
                guard column.file == SnapshotNames.columnFile(table: table.name, column: column.name) else {
                    throw bad("\(table.name).\(column.name): file '\(column.file)' is not where the column belongs")
                }
                guard column.fileSize >= 0, column.rawBytes >= 0, XXH64.parseHex(Substring(column.footerChecksum)) != nil else {
                    throw bad("\(table.name).\(column.name): bad size or checksum")
                }
            }
        }
    }

    /// What the column file of `column` in `table` must hold.
    func expectation(_ table: TableEntry, _ column: ColumnEntry) -> ColumnExpectation {
        // Validated by `validate()`.
        ColumnExpectation(type: ColumnType(parsing: column.type)!, rowCount: table.rowCount,
                          isDictionaryEncoded: column.dictionaryEncoded, rowsPerChunk: rowsPerChunk,
                          formatVersion: UInt32(formatVersion))
    }
}

/// The rules for names that become paths inside a snapshot folder.
enum SnapshotNames {
    /// Throws ``SnapshotError/unsafeName(_:)`` unless `name` is one path component that stays
    /// inside the folder: non-empty, at most 200 UTF-8 bytes, no `/`, `\` or NUL, not starting with `.`.
    static func check(column name: String) throws {
        let utf8 = name.utf8
        guard !utf8.isEmpty, utf8.count <= 200, utf8.first != UInt8(ascii: "."),
              !utf8.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") || $0 == 0 }) else {
            throw SnapshotError.unsafeName(name)
        }
    }

    /// As ``check(column:)``, and not one of the manifest's file names.
    static func check(table name: String) throws {
        try check(column: name)
        guard name != Manifest.fileName && name != Manifest.checksumFileName else { throw SnapshotError.unsafeName(name) }
    }

    static func columnFile(table: String, column: String) -> String { "\(table)/\(column).col" }
}
