// SourceRows.swift: source tables written by hand, as rows of text.

import VaultColumnar
import VaultGenerator

/// Builds a source table of the retail feed (``SourceSchemas``) from rows written as
/// `[column: text]`, in the text forms of the CSV feed: dates `YYYY-MM-DD`, times `HH:MM:SS`,
/// decimals with a point (`15.00`), integers in decimal. A column missing from a row is NULL.
///
/// For small hand-written datasets (the walkthrough, tests); every value is checked and a bad
/// one is an error naming the table, row and column.
public enum SourceRows {
    /// The table `name` of the feed, with the rows given.
    public static func table(_ name: String, _ rows: [[String: String]]) throws(SourceRowError) -> Table {
        guard let i = SourceSchemas.tableNames.firstIndex(of: name) else { throw .unknownTable(name) }
        let schema = SourceSchemas.all[i]
        for (r, row) in rows.enumerated() {
            for column in row.keys.sorted() where schema.index(of: column) == nil {
                throw .unknownColumn(table: name, row: r, column: column)
            }
        }
        var table = Table(name: name, schema: schema, dictionaryEncoded: SourceSchemas.dictionaryColumns[i])
        var failure: SourceRowError?
        table.withColumns { columns in
            for (r, row) in rows.enumerated() where failure == nil {
                for (k, field) in schema.fields.enumerated() {
                    // After a bad value the row is completed with NULLs (columns stay of equal length), then dropped.
                    guard failure == nil, let text = row[field.name] else { columns[k].appendNull(); continue }
                    do { try append(text, as: field.type, to: &columns[k]) } catch {
                        failure = .badValue(table: name, row: r, column: field.name, text: text, type: field.type)
                        columns[k].appendNull()
                    }
                }
            }
        }
        if let failure { throw failure }
        return table
    }

    /// A value that does not parse as its column's type.
    private struct Unparsable: Error {}

    private static func append(_ text: String, as type: ColumnType, to column: inout Column) throws(Unparsable) {
        switch type {
        case .string: column.append(string: text)
        case .int32:
            guard let value = Int32(text) else { throw Unparsable() }
            column.append(value)
        case .date:
            guard let date = CivilDate(iso: text), date.isValid else { throw Unparsable() }
            column.append(Int32(date.daysSinceEpoch))
        case .time:
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Int64($0) }
            guard parts.count == 3, let h = parts[0], let m = parts[1], let s = parts[2],
                (0..<24).contains(h), (0..<60).contains(m), (0..<60).contains(s)
            else { throw Unparsable() }
            column.append((h * 3600 + m * 60 + s) * 1_000_000)
        case .decimal(_, let scale):
            guard let units = decimalUnits(text, scale: scale) else { throw Unparsable() }
            column.append(units)
        default: throw Unparsable()
        }
    }

    /// `12.5` at scale 2 is 1250 units; more decimals than the scale, more than 15 integer digits, or
    /// anything but digits is nil.
    static func decimalUnits(_ text: String, scale: Int) -> Int64? {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative { digits.removeFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= scale, parts[0].count <= 15, let whole = Int64(parts[0]) else { return nil }
        var units = whole
        for _ in 0..<scale { units *= 10 }
        var fractionUnits = Int64(fraction) ?? 0
        for _ in fraction.count..<scale { fractionUnits *= 10 }
        units += fractionUnits
        return negative ? -units : units
    }
}

/// A hand-written source row that does not fit its table.
public enum SourceRowError: Error, Equatable, CustomStringConvertible {
    case unknownTable(String)
    case unknownColumn(table: String, row: Int, column: String)
    case badValue(table: String, row: Int, column: String, text: String, type: ColumnType)

    public var description: String {
        switch self {
        case .unknownTable(let name):
            return "no source table '\(name)' (the feed has \(SourceSchemas.tableNames.joined(separator: ", ")))"
        case .unknownColumn(let table, let row, let column): return "\(table) row \(row): no column '\(column)'"
        case .badValue(let table, let row, let column, let text, let type):
            return "\(table) row \(row): column \(column): '\(text)' is not a \(type)"
        }
    }
}
