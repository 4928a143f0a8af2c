// CellText.swift: how the walkthrough writes keys, dates and values, and finds rows by key.

import VaultColumnar
import VaultModel

/// Text forms shared by the walkthrough's steps: every value in the CSV export's text form
/// (``Column/text(at:)``: binary keys as uppercase hex), business keys with stray spaces quoted so
/// they stay visible, keys in prose shortened to 8 characters and `…`.
enum CellText {
    /// Characters of a key kept in prose.
    static let keyPrefix = 8

    /// Row `row` of `column` as text, `nil` for NULL.
    static func value(_ column: Column, _ row: Int) -> String? { column.text(at: row) }

    /// A business key as sent: quoted (`' c001 '`) when it has leading or trailing spaces or is
    /// empty, so the dirt is visible in a table; `nil` for NULL.
    static func sent(_ text: String?) -> String? {
        guard let text else { return nil }
        return text.isEmpty || text.first == " " || text.last == " " ? "'\(text)'" : text
    }

    /// A key shortened for prose: its first ``keyPrefix`` characters and `…`.
    static func short(_ key: String?) -> String {
        guard let key else { return "NULL" }
        return key.count > keyPrefix + 1 ? String(key.prefix(keyPrefix)) + "…" : key
    }

    /// `YYYY-MM-DD HH:MM:SS.fff` of a timestamp (microseconds since the epoch, UTC).
    static func timestamp(_ microseconds: Int64) -> String {
        var out = [UInt8]()
        ValueText.appendTimestamp(microseconds: microseconds, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `YYYY-MM-DD` of a day (days since the epoch).
    static func day(_ day: Int32) -> String { CivilDate(daysSinceEpoch: Int(day)).description }

    /// `YYYY-MM-DD` of the calendar day of a timestamp.
    static func dayOf(_ microseconds: Int64) -> String { day(BusinessVault.day(of: microseconds)) }

    /// The bytes of row `row` of a key column, `nil` for NULL.
    static func keyBytes(_ column: Column, _ row: Int) -> [UInt8]? {
        column.isValid(row) ? column.withBytes(at: row) { Array($0) } : nil
    }

    /// The rows in `range` of a key column holding `key`, ascending.
    static func rows(of key: [UInt8], in column: Column, _ range: Range<Int>) -> [Int] {
        range.filter { column.isValid($0) && column.withBytes(at: $0) { $0.elementsEqual(key) } }
    }

    /// A count with its noun, singular or plural (`1 row`, `2 rows`).
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
    }

    /// Items joined as prose: `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}
