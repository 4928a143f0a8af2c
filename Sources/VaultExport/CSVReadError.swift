// CSVReadError.swift: what can go wrong reading CSV files and source folders, and how to react.

import VaultColumnar

/// A failure reading a CSV file or a source folder. The message names the file, the physical
/// line (1-based, where the record starts) and the column concerned:
///
/// ```
///  batch_002/transactions.csv:118: column quantity: 'x2' is not an int32
///  batch_002/transactions.csv:7: the row has 14 fields, expected 13
///  manifest.json: table products: column unit_cost is decimal(12,2), expected decimal(10,2)
/// ```
public struct CSVReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of failure this is (for tests and for callers that react per kind).
    public enum Kind: String, Equatable, Sendable {
        /// The file or folder cannot be read (missing, permissions, not a folder).
        case io
        /// The header row is missing or does not match the schema.
        case header
        /// A row has more or fewer fields than the schema has columns.
        case fieldCount
        /// A field is not text of its column's type (`x2` in an int32 column, `2024-02-30`).
        case invalidValue
        /// A number does not fit its column (int32 overflow, too many decimals or digits).
        case outOfRange
        /// A string field is not valid UTF-8.
        case invalidUTF8
        /// A quoted field is never closed: the rest of the file belongs to it.
        case unterminatedQuote
        /// A quote inside an unquoted field, text after a closing quote, or a lone carriage return.
        case malformedQuoting
        /// More rows were rejected than the caller allowed.
        case tooManyRejects
        /// `manifest.json` is not valid JSON or does not describe the expected tables.
        case manifest
        /// A CSV file the manifest or the table list expects is not there.
        case missingFile
        /// A file's XXH64 or size differs from the manifest (checked only when asked).
        case checksumMismatch
    }

    public var kind: Kind
    /// The file, relative to the source folder when read through ``SourceFolderReader``.
    public var file: String
    /// The physical line (1-based) where the offending record starts, when there is one.
    public var line: Int?
    /// The column concerned, when there is one.
    public var column: String?
    /// What is wrong, as a sentence fragment without the location.
    public var message: String

    public init(_ kind: Kind, file: String, line: Int? = nil, column: String? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `FILE:LINE: column NAME: message`, leaving out the parts that do not apply.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let column { text += "column \(column): " }
        return text + message
    }
}

/// What a reader does with a malformed row.
public enum CSVErrorMode: Equatable, Sendable {
    /// Throw at the first malformed row.
    case stop
    /// Skip malformed rows, recording each in ``CSVReadResult/rejects`` with its raw bytes;
    /// throw ``CSVReadError/Kind/tooManyRejects`` when more than `maxErrors` rows are rejected.
    case reject(maxErrors: Int)
}

/// A row that was skipped in ``CSVErrorMode/reject(maxErrors:)`` mode.
public struct CSVReject: Equatable, Sendable {
    /// Why the row was rejected (file, line, column, message).
    public var error: CSVReadError
    /// The record's bytes as they were in the file, without the line end (a quoted field may
    /// span lines, so this may hold line feeds).
    public var record: [UInt8]

    public init(error: CSVReadError, record: [UInt8]) {
        self.error = error
        self.record = record
    }
}

/// A table read from CSV, and the rows that were rejected on the way.
public struct CSVReadResult: Sendable {
    /// The rows that parsed, in file order.
    public var table: Table
    /// The rows that did not, in file order (always empty in ``CSVErrorMode/stop`` mode).
    public var rejects: [CSVReject]
    /// The number of data records seen (parsed plus rejected; blank lines are not records).
    public var records: Int
}
