// SourceFolderReader.swift: a folder of CSV batches (with or without manifest) back into tables.

import VaultChecksum
import VaultColumnar

/// One table a source folder must hold in every batch: its name (the CSV file is `<name>.csv`),
/// its columns, and which string columns to build dictionary encoded.
public struct SourceTableSpec: Sendable {
    public var name: String
    public var schema: Schema
    public var dictionaryEncoded: Set<String>

    public init(name: String, schema: Schema, dictionaryEncoded: Set<String> = []) {
        self.name = name
        self.schema = schema
        self.dictionaryEncoded = dictionaryEncoded
    }
}

/// Reads a source folder batch by batch, in either of two layouts:
///
/// ```
///  DIR/manifest.json             written by `vaultsim generate` (SourceFolderWriter): tables,
///  DIR/batch_000/customers.csv   columns and types; per batch its index, business date and per
///  DIR/batch_000/...             file rows, bytes and XXH64
///  DIR/batch_001/...
/// ```
///
/// or the same without `manifest.json`, for data users bring themselves: every folder named
/// `batch_` followed by digits is a batch (in numeric order) and must hold one CSV file per
/// expected table, named `<table>.csv`, with a header row naming the table's columns in order.
/// The schemas then come only from the caller; business dates are unknown (`nil`).
///
/// With a manifest, the reader checks that it describes exactly the expected tables with the
/// expected column types, and compares each CSV file with the size and XXH64 the manifest
/// recorded. Users edit CSV files, so a difference is an error only with `verifyChecksums`;
/// otherwise the batch lists the file in ``SourceFolderBatch/changedFiles`` and the caller warns.
///
/// Batches are read one at a time (``batch(_:)``), so memory holds one batch of sources.
public final class SourceFolderReader {
    /// How to read.
    public struct Options: Sendable {
        /// Treat a file whose size or XXH64 differs from the manifest as an error.
        public var verifyChecksums: Bool
        /// What to do with malformed rows; a `.reject(maxErrors:)` budget covers the whole folder.
        public var errorMode: CSVErrorMode

        public init(verifyChecksums: Bool = false, errorMode: CSVErrorMode = .stop) {
            self.verifyChecksums = verifyChecksums
            self.errorMode = errorMode
        }
    }

    /// One CSV file of a batch, with what the manifest says about it (nil without manifest).
    public struct File: Sendable, Equatable {
        public var table: String
        /// The path relative to the folder (`batch_000/customers.csv`).
        public var path: String
        public var rows: Int?
        public var bytes: Int?
        public var xxh64: UInt64?
    }

    /// One batch: its index (from the manifest or the folder name), folder, date and files in
    /// the order of the expected tables.
    public struct Entry: Sendable, Equatable {
        public var index: Int
        public var folder: String
        /// Days since 1970-01-01, from the manifest; nil without manifest.
        public var businessDate: Int?
        public var files: [File]
    }

    /// The source folder.
    public let root: String
    /// The expected tables, in the order batches return them.
    public let tables: [SourceTableSpec]
    public let options: Options
    /// Whether the folder has a `manifest.json`.
    public let hasManifest: Bool
    /// The batches, in ascending index order.
    public let batches: [Entry]
    /// CSV files in batch folders that belong to no expected table (read by nobody; worth a warning).
    public let unexpectedFiles: [String]
    /// Rows rejected so far, over every batch read.
    public private(set) var rejectedRows = 0

    /// Opens `root`: reads and checks the manifest, or lists the batch folders when there is none.
    public init(root: String, tables: [SourceTableSpec], options: Options = Options()) throws(CSVReadError) {
        precondition(!tables.isEmpty, "a source folder needs at least one expected table")
        let root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        self.root = root
        self.tables = tables
        self.options = options
        guard SourceFiles.isFolder(root) else {
            throw CSVReadError(.io, file: root, message: "is not a folder (or does not exist)")
        }
        if SourceFiles.exists(root + "/manifest.json") {
            hasManifest = true
            let bytes = try SourceFiles.contents(of: root + "/manifest.json", name: "manifest.json")
            batches = try SourceManifest.batches(fromJSON: bytes, tables: tables)
            // A batch folder the manifest does not list belongs to another feed: refuse the mix.
            let listed = Set(batches.map(\.folder))
            for name in SourceFiles.list(root) where name.hasPrefix("batch_") && !listed.contains(name)
                && SourceFiles.isFolder(root + "/" + name) {
                throw CSVReadError(.manifest, file: name, message: "is a batch folder that manifest.json does not list: "
                                   + "the folder mixes two feeds; remove it or write the feed again")
            }
        } else {
            hasManifest = false
            batches = try Self.listBatches(root: root, tables: tables)
        }
        var unexpected: [String] = []
        let expectedNames = Set(tables.map { $0.name + ".csv" })
        for entry in batches {
            for name in SourceFiles.list(root + "/" + entry.folder)
            where name.hasSuffix(".csv") && !expectedNames.contains(name) {
                unexpected.append(entry.folder + "/" + name)
            }
        }
        unexpectedFiles = unexpected
    }

    /// The number of batches.
    public var batchCount: Int { batches.count }

    /// The largest batch number a folder or manifest may use (a batch a day for over 2,700 years).
    public static let maximumBatchIndex = 1_000_000

    /// Reads the `position`-th batch (0-based, in index order): one table per expected table.
    ///
    /// Throws on a missing file, an unreadable file, a bad header, a malformed row in `.stop`
    /// mode, too many rejects, or (with `verifyChecksums`) a file that differs from the manifest.
    public func batch(_ position: Int) throws(CSVReadError) -> SourceFolderBatch {
        precondition(batches.indices.contains(position), "batch \(position) out of range 0..<\(batches.count)")
        let entry = batches[position]
        var result = SourceFolderBatch(index: entry.index, folder: entry.folder, businessDate: entry.businessDate,
                                       tables: [], rejects: [], changedFiles: [])
        for (spec, file) in zip(tables, entry.files) {
            let path = root + "/" + file.path
            guard SourceFiles.exists(path) else {
                let names = tables.map { $0.name + ".csv" }.joined(separator: ", ")
                let why = hasManifest ? "listed in manifest.json" : "every batch folder needs " + names
                throw CSVReadError(.missingFile, file: file.path, message: "missing (\(why))")
            }
            let data = try SourceFiles.mapped(path, name: file.path)
            let reader = CSVReader(tableName: spec.name, schema: spec.schema, dictionaryEncoded: spec.dictionaryEncoded)
            let outcome = data.withUnsafeBytes { raw in
                Result { () throws(CSVReadError) -> CSVReadResult in
                    try checkUnchanged(file, raw, into: &result)
                    return try reader.read(raw, file: file.path, mode: options.errorMode, alreadyRejected: rejectedRows)
                }
            }
            let read = try outcome.get()
            rejectedRows += read.rejects.count
            result.tables.append(read.table)
            result.rejects += read.rejects
        }
        return result
    }

    /// Compares a file with the manifest's size and XXH64 (when the manifest has them).
    private func checkUnchanged(_ file: File, _ bytes: UnsafeRawBufferPointer,
                                into result: inout SourceFolderBatch) throws(CSVReadError) {
        guard let expectedHash = file.xxh64 else { return }
        let hash = XXH64.hash(bytes)
        guard hash != expectedHash || (file.bytes.map { $0 != bytes.count } ?? false) else { return }
        if options.verifyChecksums {
            let expectedBytes = file.bytes.map(String.init) ?? "?"
            throw CSVReadError(.checksumMismatch, file: file.path,
                               message: "differs from manifest.json: \(bytes.count) bytes with xxh64 "
                                   + "\(XXH64.hex(hash)), "
                                   + "expected \(expectedBytes) bytes with xxh64 \(XXH64.hex(expectedHash))")
        }
        result.changedFiles.append(file.path)
    }

    /// The `batch_NNN` folders of `root`, in numeric order, each with one file per table.
    private static func listBatches(root: String, tables: [SourceTableSpec]) throws(CSVReadError) -> [Entry] {
        var entries: [Entry] = []
        for name in SourceFiles.list(root) where name.hasPrefix("batch_") {
            let digits = name.dropFirst("batch_".count)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  SourceFiles.isFolder(root + "/" + name) else { continue }
            guard let index = Int(digits), index <= maximumBatchIndex else {
                throw CSVReadError(.io, file: name, message: "batch number \(digits) is larger than \(maximumBatchIndex)")
            }
            let files = tables.map { File(table: $0.name, path: name + "/" + $0.name + ".csv") }
            entries.append(Entry(index: index, folder: name, businessDate: nil, files: files))
        }
        entries.sort { $0.index < $1.index }
        for (a, b) in zip(entries, entries.dropFirst()) where a.index == b.index {
            throw CSVReadError(.io, file: root,
                               message: "folders \(a.folder) and \(b.folder) are both batch \(a.index)")
        }
        guard !entries.isEmpty else {
            throw CSVReadError(.io, file: root, message: "has no manifest.json and no batch_NNN folders")
        }
        return entries
    }
}

/// One batch read from a source folder.
public struct SourceFolderBatch: Sendable {
    /// The batch index (from the manifest, or the number in the folder name).
    public var index: Int
    public var folder: String
    /// Days since 1970-01-01, when the manifest gives it.
    public var businessDate: Int?
    /// One table per expected table, in the expected order.
    public var tables: [Table]
    /// Rows skipped in `.reject` mode, in file order, table by table.
    public var rejects: [CSVReject]
    /// Files whose size or XXH64 differs from the manifest (read anyway: verification was off).
    public var changedFiles: [String]
}
