// CSVRecordScanner.swift: splits RFC 4180 bytes into records and field spans, in one pass.

/// Where one field's content lies in the input: `start..<end`, without the enclosing quotes of a
/// quoted field. `escaped` means the content holds doubled quotes (`""`) still to be undone.
struct CSVFieldSpan {
    var start = 0
    var end = 0
    var quoted = false
    var escaped = false

    var count: Int { end - start }
}

/// A quoting error found while splitting a record.
enum CSVQuotingProblem: Equatable {
    /// A `"` inside an unquoted field.
    case strayQuote
    /// Something other than a comma or a line end right after a closing quote.
    case textAfterClosingQuote
    /// A carriage return outside quotes that is not followed by a line feed.
    case bareCarriageReturn
    /// A quoted field that runs to the end of the input.
    case unterminatedQuote

    var kind: CSVReadError.Kind { self == .unterminatedQuote ? .unterminatedQuote : .malformedQuoting }

    var message: String {
        switch self {
        case .strayQuote: return "a quote (\") inside an unquoted field; quote the whole field and double inner quotes"
        case .textAfterClosingQuote: return "text after the closing quote of a quoted field"
        case .bareCarriageReturn: return "a carriage return outside quotes that is not part of a CRLF line end"
        case .unterminatedQuote: return "a quoted field is never closed (it runs to the end of the file)"
        }
    }
}

/// One record: its bytes `start..<end` (without the line end), the physical line it starts on,
/// how many fields it has, and the first quoting problem if any (with the field it is in).
struct CSVRecord {
    var start: Int
    var end: Int
    var line: Int
    var fieldCount: Int
    var problem: CSVQuotingProblem?
    var problemField: Int
}

/// Splits RFC 4180 text into records:
///
/// ```
///  field  = unquoted / quoted
///  unquoted: any bytes but , " CR LF            (empty and unquoted = NULL)
///  quoted:   " ( any bytes but " / "" )* "      (may hold , CR LF; "" is an empty string)
///  record = field ( , field )*   ended by LF, CRLF or the end of the input
/// ```
///
/// Malformed quoting does not stop the scanner: it notes the first problem and still finds the
/// record's end (a stray quote is taken as data, text after a closing quote is skipped to the
/// next comma or line end), so a reader can reject one record and go on with the next. Only an
/// unterminated quote takes the rest of the input with it.
///
/// - Complexity: O(bytes); unquoted fields are scanned eight bytes at a time.
struct CSVRecordScanner {
    let base: UnsafePointer<UInt8>
    let count: Int
    /// The offset of the next record.
    private(set) var position: Int
    /// The physical line (1-based) at `position`.
    private(set) var line = 1

    init(_ bytes: UnsafeRawBufferPointer) {
        precondition(bytes.baseAddress != nil, "the CSV scanner needs a non-empty buffer (check for empty input first)")
        base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        count = bytes.count
        position = 0
        // A UTF-8 byte order mark (Excel writes one) is not part of the first field.
        if count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { position = 3 }
    }

    var isAtEnd: Bool { position >= count }

    /// Scans the next record, storing up to `capacity` field spans in `fields`; nil at the end.
    mutating func next(into fields: UnsafeMutablePointer<CSVFieldSpan>, capacity: Int) -> CSVRecord? {
        guard position < count else { return nil }
        let p = base, n = count
        var record = CSVRecord(start: position, end: position, line: line, fieldCount: 0, problem: nil, problemField: 0)
        var i = position
        func note(_ problem: CSVQuotingProblem, _ field: Int) {
            if record.problem == nil { record.problem = problem; record.problemField = field }
        }
        while true {
            var span = CSVFieldSpan(start: i, end: i)
            let field = record.fieldCount
            if i < n && p[i] == 34 {
                span.quoted = true
                i += 1
                span.start = i
                var closed = false
                while i < n {
                    let b = p[i]
                    if b == 34 {
                        if i + 1 < n && p[i + 1] == 34 {
                            span.escaped = true
                            i += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    if b == 10 { line += 1 }
                    i += 1
                }
                span.end = i
                if !closed {
                    note(.unterminatedQuote, field)
                    record.fieldCount += 1
                    if field < capacity { fields[field] = span }
                    record.end = n
                    position = n
                    return record
                }
                i += 1  // the closing quote
                if i < n && p[i] != 44 && p[i] != 10 && !(p[i] == 13 && i + 1 < n && p[i + 1] == 10) {
                    note(.textAfterClosingQuote, field)
                    i = skipToDelimiter(from: i, field: field, note: note)
                }
            } else {
                i = skipToDelimiter(from: i, field: field, note: note)
                span.end = i
            }
            if field < capacity { fields[field] = span }
            record.fieldCount += 1
            // Here i is at a comma, a line end (LF or CRLF) or the end of the input.
            if i < n && p[i] == 44 {
                i += 1
                continue
            }
            record.end = i
            if i < n {
                i += p[i] == 13 ? 2 : 1
                line += 1
            }
            position = i
            return record
        }
    }

    /// Moves from `i` to the next comma, LF, CRLF or the end, noting quotes and lone CRs as problems.
    @inline(__always)
    private func skipToDelimiter(from start: Int, field: Int, note: (CSVQuotingProblem, Int) -> Void) -> Int {
        let p = base, n = count
        var i = start
        while true {
            // Eight bytes at a time: flag bytes below 45 (',' is 44, '"' 34, CR 13, LF 10). The
            // lowest flagged byte is exact; bytes of 0x80 and above are never flagged.
            while i + 8 <= n {
                let x = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
                let flagged = (x &- 0x2D2D_2D2D_2D2D_2D2D) & ~x & 0x8080_8080_8080_8080
                if flagged != 0 {
                    i += flagged.trailingZeroBitCount >> 3
                    break
                }
                i += 8
            }
            guard i < n else { return n }
            let b = p[i]
            if b > 44 { i += 1; continue }
            switch b {
            case 44, 10: return i
            case 13:
                if i + 1 < n && p[i + 1] == 10 { return i }
                note(.bareCarriageReturn, field)
            case 34:
                note(.strayQuote, field)
            default: break
            }
            i += 1
        }
    }
}
