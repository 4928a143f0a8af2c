// CSVReader+Errors.swift: the header check and the wording of every row error (cold paths).

import VaultColumnar

extension CSVReader {
    /// Checks that the header names the schema's columns in order; throws naming the first
    /// column that is missing, unexpected or out of place.
    func checkHeader(_ header: CSVRecord, _ fields: UnsafeMutablePointer<CSVFieldSpan>, file: String,
                     input: UnsafePointer<UInt8>) throws(CSVReadError) {
        func fail(_ column: String?, _ message: String) -> CSVReadError {
            CSVReadError(.header, file: file, line: header.line, column: column, message: message)
        }
        let expected = schema.names
        if let problem = header.problem {
            let column = header.problemField < expected.count ? expected[header.problemField] : nil
            throw fail(column, "header: " + problem.message)
        }
        // At most one name past the schema's is kept in `fields`; that is enough to name it.
        let kept = min(header.fieldCount, expected.count + 1)
        var names: [String] = []
        for i in 0..<kept {
            let span = fields[i]
            var bytes = [UInt8](repeating: 0, count: span.count)
            let n = bytes.withUnsafeMutableBytes {
                CSVColumnBuilder.copyUnescaping(input + span.start, span.count, escaped: span.escaped,
                                                to: $0.baseAddress!)
            }
            names.append(String(decoding: bytes[0..<n], as: UTF8.self))
        }
        if header.fieldCount == expected.count && names == expected { return }
        for i in 0..<max(names.count, expected.count) {
            let found = i < names.count ? names[i] : nil
            let wanted = i < expected.count ? expected[i] : nil
            if found == wanted { continue }
            if let found, names[..<i].contains(found) { throw fail(found, "appears twice in the header") }
            if let found, !expected.contains(found) {
                throw fail(found, "unexpected in the header (position \(i + 1)); expected columns: "
                           + expected.joined(separator: ","))
            }
            if let wanted, !names.contains(wanted) {
                throw fail(wanted, "missing from the header (expected at position \(i + 1))")
            }
            if let wanted, let at = names.firstIndex(of: wanted) {
                throw fail(wanted, "at position \(at + 1) of the header, expected at position \(i + 1)")
            }
        }
        throw fail(nil, "the header has \(header.fieldCount) columns, expected \(expected.count)")
    }

    /// The error for a row that failed, with the file, the line where the record starts and the column.
    func describe(_ failure: CSVRowFailure, record: CSVRecord, fields: UnsafeMutablePointer<CSVFieldSpan>,
                  file: String, input: UnsafePointer<UInt8>) -> CSVReadError {
        let names = schema.names
        func error(_ kind: CSVReadError.Kind, _ column: Int?, _ message: String) -> CSVReadError {
            let name = column.flatMap { $0 < names.count ? names[$0] : nil }
            return CSVReadError(kind, file: file, line: record.line, column: name, message: message)
        }
        switch failure {
        case .quoting(let problem, let field):
            return error(problem.kind, field, problem.message)
        case .fieldCount(let found):
            let plural = found == 1 ? "field" : "fields"
            if found < names.count {
                return error(.fieldCount, found, "missing: the row has \(found) \(plural), expected \(names.count)")
            }
            return error(.fieldCount, nil, "the row has \(found) \(plural), expected \(names.count)")
        case .emptyString(let column):
            let type = schema.fields[column].type
            return error(.invalidValue, column,
                         "'\"\"' (an empty quoted string) is not \(Self.article(type)) \(type); "
                             + "NULL is an empty unquoted field")
        case .value(let column, let fieldFailure):
            let span = fields[column]
            let type = schema.fields[column].type
            let text = "'" + Self.quote(input + span.start, span.count) + "'"
            switch fieldFailure {
            case .invalid:
                return error(.invalidValue, column, "\(text) is not \(Self.article(type)) \(Self.typeWithForm(type))")
            case .outOfRange:
                return error(.outOfRange, column, "\(text) is out of range for \(type)")
            case .tooManyDecimals, .tooManyDigits:
                guard case .decimal(let precision, let scale) = type else {
                    return error(.outOfRange, column, "\(text) is out of range for \(type)")
                }
                let limit = fieldFailure == .tooManyDecimals ? "\(scale) decimals"
                                                              : "\(precision - scale) integer digits"
                return error(.outOfRange, column, "\(text) has more than \(limit) for \(type)")
            case .invalidCalendar:
                let what = type == .time ? "a time of day"
                         : type == .date ? "a calendar date" : "a calendar date and time"
                return error(.invalidValue, column, "\(text) is not \(what)")
            case .invalidUTF8(let offset):
                return error(.invalidUTF8, column, "invalid UTF-8 at byte \(offset + 1) of the field")
            }
        }
    }

    static func article(_ type: ColumnType) -> String {
        switch type {
        case .int32, .int64: return "an"
        default: return "a"
        }
    }

    /// The type name with the text form expected, for messages.
    static func typeWithForm(_ type: ColumnType) -> String {
        switch type {
        case .date: return "date (YYYY-MM-DD)"
        case .time: return "time (HH:MM:SS)"
        case .timestamp: return "timestamp (YYYY-MM-DD HH:MM:SS.fff)"
        case .bool: return "bool (true or false)"
        case .fixedBinary(let width): return "\(type) (\(2 * width) hex digits)"
        default: return type.description
        }
    }

    /// Field bytes for a message: printable text as is, other bytes as escapes, at most 60 bytes.
    static func quote(_ p: UnsafePointer<UInt8>, _ count: Int) -> String {
        let limit = 60
        var out = ""
        var i = 0
        while i < min(count, limit) {
            let b = p[i]
            switch b {
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(b)); i += 1
            case 10: out += "\\n"; i += 1
            case 13: out += "\\r"; i += 1
            case 9: out += "\\t"; i += 1
            case 0x80...:
                var next = i
                if (try? CSVFieldParser.checkUTF8Sequence(p, count, at: &next)) != nil {
                    out += String(decoding: UnsafeBufferPointer(start: p + i, count: next - i), as: UTF8.self)
                    i = next
                } else {
                    out += hexEscape(b)
                    i += 1
                }
            default: out += hexEscape(b); i += 1
            }
        }
        return count > limit ? out + "..." : out
    }

    private static func hexEscape(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "\\x" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 15)])
    }
}
