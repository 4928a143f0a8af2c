// BusinessKeyText.swift: the business key as a hub stores it.

import VaultColumnar

/// Cleans business keys for storage in hubs: spaces trimmed and uppercased (ASCII fast path,
/// Unicode case mapping otherwise); NULL stays NULL and an empty key stays empty (whether it is
/// loaded at all is the hash profile's decision). This is the key part of AutomateDV's
/// standardisation without the cast, so `hub_customer.customer_id` reads `C0000123` whatever
/// dirt the source carried (` c0000123 `).
enum BusinessKeyText {
    static func clean(_ column: Column) -> Column {
        var out = Column(.string, capacity: column.count)
        out.reserve(rows: column.count, stringBytes: column.bytes.count)
        for i in 0..<column.count {
            guard column.validity.isValidUnchecked(i) else { out.appendNull(); continue }
            column.withBytes(at: i) { raw in
                var start = 0, end = raw.count
                while start < end && raw[start] == 0x20 { start += 1 }
                while end > start && raw[end - 1] == 0x20 { end -= 1 }
                let text = UnsafeRawBufferPointer(rebasing: raw[start..<end])
                if text.contains(where: { $0 >= 0x80 }) {
                    out.append(string: String(decoding: text, as: UTF8.self).uppercased())
                } else {
                    out.appendString(maximumLength: text.count) { target in
                        for (k, b) in text.enumerated() { target[k] = b >= 0x61 && b <= 0x7A ? b - 0x20 : b }
                        return text.count
                    }
                }
            }
        }
        return out
    }
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
