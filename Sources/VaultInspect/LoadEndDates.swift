// LoadEndDates.swift: the derived end of each satellite version (the next version's load date).

import VaultColumnar

/// Derives `load_end_date` for rows of a versioned table: a table with `load_date` and
/// `hash_diff` whose first column is the parent key (every satellite, and multi-active ones,
/// where all rows of a parent sharing a load date end together). A version ends at the earliest
/// later `load_date` of the same parent; the current version ends at ``endOfTime``. The vault
/// never stores this column (insert-only), so it is computed when shown.
public enum LoadEndDates {
    /// `9999-12-31 23:59:59.999999`, the end date of versions in force (AutomateDV's convention).
    public static let endOfTime: Int64 = Int64(CivilDate(year: 9999, month: 12, day: 31).daysSinceEpoch + 1) * 86_400_000_000 - 1

    /// The name of the derived column.
    public static let columnName = "load_end_date"

    /// Whether `table` holds versions whose end dates can be derived.
    public static func applies(to table: Table) -> Bool {
        guard table.schema.index(of: "hash_diff") != nil, let date = table.schema.index(of: "load_date") else { return false }
        return table.columns[date].type == .timestamp && date > 0
    }

    /// The end date of each of `rows` (microseconds since the epoch), or `nil` when the table is not versioned.
    ///
    /// - Complexity: one pass over the table, looking up each row's parent among those of `rows`.
    public static func derive(_ table: Table, rows: [Int]) -> [Int64]? {
        guard applies(to: table), let dateColumn = table.schema.index(of: "load_date") else { return nil }
        let parents = table.columns[0], dates = table.columns[dateColumn]
        var later = [[UInt8]: [Int64]]()
        for row in rows { later[parents.keyBytes(row), default: []] = [] }
        for row in 0..<table.count {
            let key = parents.keyBytes(row)
            if later[key] != nil { later[key]!.append(dates.value(at: row, as: Int64.self)) }
        }
        return rows.map { row in
            let own = dates.value(at: row, as: Int64.self)
            return later[parents.keyBytes(row)]!.filter { $0 > own }.min() ?? endOfTime
        }
    }
}

extension Column {
    /// The bytes of row `i` of a key column (binary digest or hex text).
    func keyBytes(_ i: Int) -> [UInt8] { withBytes(at: i) { Array($0) } }
}
