// BusinessKeyText.swift: the business key as a hub stores it.

import VaultColumnar

/// Cleans business keys for storage in hubs: spaces trimmed and uppercased (ASCII fast path,
/// Unicode case mapping otherwise); NULL stays NULL and an empty key stays empty (whether it is
/// loaded at all is the hash profile's decision). This is the key part of AutomateDV's
/// standardisation without the cast, so `hub_customer.customer_id` reads `C0000123` whatever
/// dirt the source carried (` c0000123 `).
enum BusinessKeyText {
    static func clean(_ column: Column) -> Column { clean(column, rows: Array(0..<Int32(column.count))) }

    /// The cleaned keys of rows `rows` of `column`, in that order.
    static func clean(_ column: Column, rows: [Int32]) -> Column {
        var out = Column(.string, capacity: rows.count)
        out.reserve(rows: rows.count, stringBytes: rows.count == column.count ? column.bytes.count : rows.count * 16)
        for row in rows {
            let i = Int(row)
            guard column.validity.isValidUnchecked(i) else { out.appendNull(); continue }
            column.withBytes(at: i) { raw in
                let text = trimmed(raw)
                if text.contains(where: { $0 >= 0x80 }) {
                    out.append(string: String(decoding: text, as: UTF8.self).uppercased())
                } else {
                    out.appendString(maximumLength: text.count) { target in
                        for (k, b) in text.enumerated() { target[k] = upper(b) }
                        return text.count
                    }
                }
            }
        }
        return out
    }

    /// Whether row `row` of `column` cleans to the ASCII text `wanted` (NULL never does), without
    /// building the cleaned string unless the key holds non-ASCII bytes.
    static func equals(_ column: Column, row: Int, _ wanted: [UInt8]) -> Bool {
        guard column.validity.isValidUnchecked(row) else { return false }
        return column.withBytes(at: row) { raw in
            let text = trimmed(raw)
            if text.contains(where: { $0 >= 0x80 }) {
                return Array(String(decoding: text, as: UTF8.self).uppercased().utf8) == wanted
            }
            guard text.count == wanted.count else { return false }
            for (k, b) in text.enumerated() where upper(b) != wanted[k] { return false }
            return true
        }
    }

    /// `raw` without leading and trailing spaces.
    private static func trimmed(_ raw: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0, end = raw.count
        while start < end && raw[start] == 0x20 { start += 1 }
        while end > start && raw[end - 1] == 0x20 { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: raw[start..<end])
    }

    /// An ASCII byte upper-cased.
    @inline(__always)
    private static func upper(_ b: UInt8) -> UInt8 { b >= 0x61 && b <= 0x7A ? b - 0x20 : b }
}

extension Column {
    /// A dictionary-encoded string column of `count` copies of `value`.
    static func constant(string value: String, count: Int) -> Column {
        var column = Column(.string, capacity: count, dictionaryEncoded: true)
        let code = column.intern(value)
        column.append(code: code, count: count)
        return column
    }
}
