// CSVReader.swift: RFC 4180 bytes back into a Table of a given schema, in one pass.

import VaultColumnar

/// Reads CSV in the dialect ``CSVWriter`` writes back into a ``Table`` of a given schema:
///
/// - RFC 4180: comma separators, fields quoted with `"` (inner quotes doubled) may hold commas,
///   CR and LF; records end with LF or CRLF; the last line end is optional; a UTF-8 byte order
///   mark at the start is skipped; blank lines are skipped when the schema has more than one
///   column (they cannot be a row);
/// - a header row naming the schema's columns, in order;
/// - NULL is an empty unquoted field; `""` is the empty string (an error for non-string columns);
/// - values in the text forms of ``ValueText``, checked as described in ``CSVFieldParser``
///   (range-checked integers, decimals with at most their scale's decimals and precision's
///   digits, real calendar dates, valid UTF-8 strings, hex binary).
///
/// Every malformed row is reported as ``CSVReadError`` naming the file, the physical line where
/// the record starts and the column; in ``CSVErrorMode/stop`` mode the first one is thrown, in
/// ``CSVErrorMode/reject(maxErrors:)`` mode the row is skipped and returned with its raw bytes.
/// A row is appended only when all its fields parsed, so a rejected row leaves no trace.
///
/// - Complexity: O(bytes) in a single pass; no allocation per row or field (string columns grow
///   their byte buffers, dictionary columns intern new values).
public struct CSVReader: Sendable {
    /// The name of the tables this reader produces.
    public let tableName: String
    /// The expected columns: the header must list exactly these names, in this order.
    public let schema: Schema
    /// String columns to build dictionary encoded (for example `SourceSchemas.dictionaryColumns`).
    public let dictionaryEncoded: Set<String>

    public init(tableName: String, schema: Schema, dictionaryEncoded: Set<String> = []) {
        self.tableName = tableName
        self.schema = schema
        self.dictionaryEncoded = dictionaryEncoded
    }

    /// Reads `bytes`, the whole content of a CSV file; `file` is the name used in errors.
    public func read(_ bytes: [UInt8], file: String, mode: CSVErrorMode = .stop) throws(CSVReadError) -> CSVReadResult {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(CSVReadError) in try read(raw, file: file, mode: mode) }
        }
        return try result.get()
    }

    /// Reads `bytes`, the whole content of a CSV file; `file` is the name used in errors.
    public func read(_ bytes: UnsafeRawBufferPointer, file: String,
                     mode: CSVErrorMode = .stop) throws(CSVReadError) -> CSVReadResult {
        try read(bytes, file: file, mode: mode, alreadyRejected: 0)
    }

    /// Reads `bytes`; in `.reject(maxErrors:)` mode, `alreadyRejected` rows of earlier files count
    /// against the same budget (a source folder's budget covers all its files).
    func read(_ bytes: UnsafeRawBufferPointer, file: String, mode: CSVErrorMode,
              alreadyRejected: Int) throws(CSVReadError) -> CSVReadResult {
        let columnCount = schema.count
        guard bytes.count > 0 else {
            throw CSVReadError(.header, file: file, line: 1, message: "the file is empty; expected a header row")
        }
        var scanner = CSVRecordScanner(bytes)
        // One span more than the schema's columns, to see the first extra field.
        let fields = UnsafeMutablePointer<CSVFieldSpan>.allocate(capacity: columnCount + 1)
        fields.initialize(repeating: CSVFieldSpan(), count: columnCount + 1)
        defer { fields.deallocate() }
        guard let header = scanner.next(into: fields, capacity: columnCount + 1) else {
            throw CSVReadError(.header, file: file, line: 1, message: "the file is empty; expected a header row")
        }
        try checkHeader(header, fields, file: file, input: scanner.base)

        let estimatedRows = bytes.count / max(16, header.end - header.start)
        let builders = UnsafeMutableBufferPointer<CSVColumnBuilder>.allocate(capacity: columnCount)
        for (i, field) in schema.fields.enumerated() {
            (builders.baseAddress! + i).initialize(to: CSVColumnBuilder(
                field.type, dictionaryEncoded: field.type == .string && dictionaryEncoded.contains(field.name),
                estimatedRows: estimatedRows))
        }
        let kinds = UnsafeMutableBufferPointer<CSVColumnBuilder.Kind>.allocate(capacity: columnCount)
        for i in 0..<columnCount { (kinds.baseAddress! + i).initialize(to: builders[i].kind) }
        let parsed = UnsafeMutablePointer<Int64>.allocate(capacity: max(columnCount, 1))
        let isNull = UnsafeMutablePointer<Bool>.allocate(capacity: max(columnCount, 1))
        defer {
            for builder in builders { builder.release() }
            builders.deinitialize().deallocate()
            kinds.deinitialize().deallocate()
            parsed.deallocate()
            isNull.deallocate()
        }

        var rejects: [CSVReject] = []
        var records = 0
        let input = scanner.base
        while let record = scanner.next(into: fields, capacity: columnCount + 1) {
            if columnCount > 1 && record.fieldCount == 1 && record.problem == nil
                && !fields[0].quoted && fields[0].count == 0 { continue }
            records += 1
            let failure = parseRow(record, fields, kinds, input: input, parsed: parsed, isNull: isNull)
            if let failure {
                let error = describe(failure, record: record, fields: fields, file: file, input: input)
                guard case .reject(let maxErrors) = mode else { throw error }
                guard alreadyRejected + rejects.count < maxErrors else {
                    throw CSVReadError(.tooManyRejects, file: file, line: record.line,
                                       message: "more than \(maxErrors) rejected rows; this one: \(error.description)")
                }
                rejects.append(CSVReject(error: error, record: Array(UnsafeBufferPointer(
                    start: input + record.start, count: record.end - record.start))))
                continue
            }
            for c in 0..<columnCount {
                if isNull[c] {
                    builders[c].appendNull()
                } else {
                    let span = fields[c]
                    builders[c].append(parsed[c], input + span.start, span.count, escaped: span.escaped)
                }
            }
        }
        guard builders.first.map({ $0.rows <= Int(Int32.max) }) ?? true else {
            throw CSVReadError(.outOfRange, file: file,
                               message: "more than \(Int32.max) rows; a table cannot hold them")
        }
        let columns = builders.map { $0.finish() }
        let table: Table
        do {
            table = try Table(name: tableName, schema: schema, columns: columns)
        } catch {
            preconditionFailure("CSV reader built mismatched columns: \(error)")
        }
        return CSVReadResult(table: table, rejects: rejects, records: records)
    }

    /// Checks every field of a record into `parsed`/`isNull`; nil when the row is good.
    @inline(__always)
    private func parseRow(_ record: CSVRecord, _ fields: UnsafeMutablePointer<CSVFieldSpan>,
                          _ kinds: UnsafeMutableBufferPointer<CSVColumnBuilder.Kind>, input: UnsafePointer<UInt8>,
                          parsed: UnsafeMutablePointer<Int64>, isNull: UnsafeMutablePointer<Bool>) -> CSVRowFailure? {
        if let problem = record.problem { return .quoting(problem, field: record.problemField) }
        guard record.fieldCount == kinds.count else { return .fieldCount(record.fieldCount) }
        for c in 0..<kinds.count {
            let span = fields[c]
            if span.count == 0 {
                if !span.quoted {
                    isNull[c] = true
                    continue
                }
                guard CSVColumnBuilder.isString(kinds[c]) else { return .emptyString(column: c) }
            }
            isNull[c] = false
            do {
                parsed[c] = try CSVColumnBuilder.parse(kinds[c], input + span.start, span.count)
            } catch {
                return .value(column: c, error)
            }
        }
        return nil
    }
}

/// Why a row was not appended (turned into a ``CSVReadError`` only on the error path).
enum CSVRowFailure {
    case quoting(CSVQuotingProblem, field: Int)
    case fieldCount(Int)
    case emptyString(column: Int)
    case value(column: Int, CSVFieldFailure)
}
