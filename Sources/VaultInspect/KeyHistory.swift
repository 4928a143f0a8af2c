// KeyHistory.swift: everything the vault recorded about one business key, in load-date order.

import VaultColumnar
import VaultModel

/// The full history of a business key: its hub row, every link row naming it, every version of
/// every satellite of it and of those links, one line each, ordered by load date (then by the
/// vault's table order and row). Each line shows the table, load date, derived end date (for
/// satellite versions), record source and the row's other values as `name=value`; a link's
/// other hub keys are shown as the business keys they stand for (`product=P000045`).
public enum KeyHistory {
    /// The history grid: `load_date, load_end_date, table, record_source, details`.
    /// `wide` keeps hash keys in full inside the details.
    public static func grid(_ lookup: KeyLookup, wide: Bool = false) -> Grid {
        let names = BusinessKeyNames(lookup.vault)
        var entries = [(date: Int64, order: Int, row: Int, cells: [String?])]()
        for (order, table) in lookup.vault.tables.enumerated() where lookup.refersToKey(table) {
            guard let dateIndex = table.schema.index(of: "load_date"), let rows = try? lookup.rows(in: table), !rows.isEmpty else { continue }
            let ends = LoadEndDates.derive(table, rows: rows)
            for (k, row) in rows.enumerated() {
                let date = table.columns[dateIndex].value(at: row, as: Int64.self)
                let details = table.schema.fields.enumerated().compactMap { i, field -> String? in
                    if field.name == "load_date" || field.name == "record_source" || field.name == lookup.key.hub.keyColumn { return nil }
                    return detail(field.name, table.columns[i], row, names: names, wide: wide)
                }
                entries.append((date, order, row, [
                    TableView.timestampText(date), ends.map { TableView.timestampText($0[k]) }, table.name,
                    table.schema.index(of: "record_source").flatMap { table.columns[$0].text(at: row) },
                    details.joined(separator: " "),
                ]))
            }
        }
        entries.sort { ($0.date, $0.order, $0.row) < ($1.date, $1.order, $1.row) }
        return Grid(columns: [GridColumn("load_date"), GridColumn(LoadEndDates.columnName), GridColumn("table"),
                              GridColumn("record_source"), GridColumn("details")],
                    rows: entries.map(\.cells))
    }

    /// `name=value` for one cell: another hub's key as its business key, other keys shortened unless wide.
    static func detail(_ name: String, _ column: Column, _ row: Int, names: BusinessKeyNames, wide: Bool) -> String {
        guard let text = column.text(at: row) else { return "\(name)=NULL" }
        guard TableView.isKeyName(name) || isBinary(column) else { return "\(name)=\(text)" }
        if let (entity, businessKey) = names.businessKey(column: name, bytes: column.keyBytes(row)) { return "\(entity)=\(businessKey)" }
        return "\(name)=\(wide ? text : Grid.shortened(text))"
    }

    static func isBinary(_ column: Column) -> Bool {
        if case .fixedBinary = column.type { return true }
        return false
    }
}

/// Hub keys back to the business keys they were computed from, for every hub of the vault.
struct BusinessKeyNames {
    private var byHubKeyColumn = [String: (entity: String, keys: [[UInt8]: String])]()

    init(_ vault: VaultTables) {
        for hub in RetailVault.hubs {
            guard let table = vault.tables.first(where: { $0.name == hub.name }),
                  let keyIndex = table.schema.index(of: hub.keyColumn), let bkIndex = table.schema.index(of: hub.businessKey) else { continue }
            var keys = [[UInt8]: String](minimumCapacity: table.count)
            for row in 0..<table.count { keys[table.columns[keyIndex].keyBytes(row)] = table.columns[bkIndex].string(at: row) }
            byHubKeyColumn[hub.keyColumn] = (String(hub.name.dropFirst("hub_".count)), keys)
        }
    }

    /// The entity and business key a hub key column's value stands for.
    func businessKey(column: String, bytes: [UInt8]) -> (String, String)? {
        guard let hub = byHubKeyColumn[column], let key = hub.keys[bytes] else { return nil }
        return (hub.entity, key)
    }
}
