// TableView.swift: chosen rows and columns of a vault table as a grid, with derived end dates.

import VaultColumnar

/// Turns rows of a vault table into a ``Grid``: every value in its text form (the CSV export's),
/// hash keys and hashdiffs as uppercase hex marked as keys, numbers marked as numbers, and for
/// satellites the derived `load_end_date` right after `load_date`.
public struct TableView {
    public let table: Table
    /// Whether the table gets a derived `load_end_date` column.
    public let hasEndDates: Bool

    public init(_ table: Table) {
        self.table = table
        hasEndDates = LoadEndDates.applies(to: table)
    }

    /// The columns that can be shown, in order (stored columns, and `load_end_date` where derived).
    public var columnNames: [String] {
        var names = table.schema.names
        if hasEndDates, let date = names.firstIndex(of: "load_date") { names.insert(LoadEndDates.columnName, at: date + 1) }
        return names
    }

    /// Checks a column selection; `nil` means all columns.
    public func resolve(columns: [String]?) throws(InspectError) -> [String] {
        guard let columns else { return columnNames }
        for name in columns where !columnNames.contains(name) {
            throw .unknownColumn(name, table: table.name, valid: columnNames)
        }
        return columns
    }

    /// The grid of `rows` (table row numbers, in the order given) and `columns` (all when `nil`).
    public func grid(rows: [Int], columns: [String]? = nil) throws(InspectError) -> Grid {
        let names = try resolve(columns: columns)
        // A stored `load_end_date` (a query result's) is shown as stored; only satellites derive one.
        let endDates = hasEndDates && names.contains(LoadEndDates.columnName) ? LoadEndDates.derive(table, rows: rows) : nil
        var grid = Grid(columns: names.map { GridColumn($0, kind(of: $0)) })
        for (k, row) in rows.enumerated() {
            grid.append(names.map { name in
                if name == LoadEndDates.columnName, let endDates { return Self.timestampText(endDates[k]) }
                return table[name].text(at: row)
            })
        }
        return grid
    }

    /// How the column called `name` is shown.
    public func kind(of name: String) -> GridColumn.Kind {
        if name == LoadEndDates.columnName && hasEndDates { return .text }
        switch table[name].type {
        case .fixedBinary: return .hashKey
        case .string: return Self.isKeyName(name) ? .hashKey : .text
        case .int32, .int64, .double, .decimal: return .number
        default: return .text
        }
    }

    /// Whether a column name is a hash key's or a hashdiff's (`..._hk`, `hash_diff`).
    public static func isKeyName(_ name: String) -> Bool { name.hasSuffix("_hk") || name == "hash_diff" }

    /// `YYYY-MM-DD HH:MM:SS.fff`.
    static func timestampText(_ microseconds: Int64) -> String {
        var out = [UInt8]()
        ValueText.appendTimestamp(microseconds: microseconds, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
