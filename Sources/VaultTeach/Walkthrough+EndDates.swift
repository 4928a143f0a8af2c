// Walkthrough+EndDates.swift: step 5, load end dates derived from the next version.

import VaultColumnar
import VaultInspect
import VaultModel

extension Walkthrough {
    /// The attribute shown beside the versions of each followed satellite.
    static let followedAttribute = ["sat_customer_details": "customer_segment", "sat_product_pricing": "unit_price"]

    /// Step 5: every version of the followed satellites with its derived `load_end_date`.
    func endDatesStep() -> WalkthroughSection {
        var blocks: [WalkthroughBlock] = [
            .paragraph(
                "Satellites are insert-only, so a version's end is never stored: its `load_end_date` is the "
                    + "`load_date` "
                    + "of the same key's next version, and the current version's is "
                    + "`\(CellText.timestamp(LoadEndDates.endOfTime))`. "
                    + "It is derived with one backward sweep over the table (`SatelliteStore.nextVersionRows()`). Row "
                    + "0 is the "
                    + "ghost record, which is no version of any key.")
        ]
        for name in Self.followedSatellites {
            guard let store = vault.satelliteStore(name) else { continue }
            let table = store.table, next = store.nextVersionRows()
            let attribute = Self.followedAttribute[name] ?? table.schema.names[4]
            let keyName = String(store.definition.parent.dropFirst("hub_".count)) + "_id"
            var grid = Grid(columns: [
                GridColumn(keyName), GridColumn("load_date"), GridColumn("load_end_date"),
                GridColumn(attribute, TableView(table).kind(of: attribute)), GridColumn("hash_diff", .hashKey),
                GridColumn("record_source"),
            ])
            var versions = [String: [Int]]()
            var order = [String]()
            for row in 0..<table.count {
                let isGhost = row < SatelliteStore.ghostRows
                let key =
                    isGhost ? "(ghost)" : businessKey(table.columns[0], row, hub: store.definition.parent) ?? "NULL"
                let end: String? =
                    isGhost
                    ? nil
                    : CellText.timestamp(
                        next[row] >= 0
                            ? table["load_date"].value(at: Int(next[row]), as: Int64.self) : LoadEndDates.endOfTime)
                grid.append([
                    key, CellText.value(table["load_date"], row), end, CellText.value(table[attribute], row),
                    CellText.value(table["hash_diff"], row), CellText.value(table["record_source"], row),
                ])
                if !isGhost {
                    if versions[key] == nil { order.append(key) }
                    versions[key, default: []].append(row)
                }
            }
            blocks.append(.grid(name, grid))
            let notes = order.compactMap { key -> String? in
                guard let rows = versions[key], rows.count > 1 else { return nil }
                let spans = rows.map { row in
                    let end =
                        next[row] >= 0
                        ? "ends \(CellText.dayOf(table["load_date"].value(at: Int(next[row]), as: Int64.self)))"
                        : "is in force"
                    return
                        "\(CellText.value(table[attribute], row) ?? "NULL") from "
                            + "\(CellText.dayOf(table["load_date"].value(at: row, as: Int64.self))) \(end)"
                }
                return "`\(key)` has \(rows.count) versions in `\(name)`: \(CellText.list(spans))."
            }
            if !notes.isEmpty { blocks.append(.list(notes)) }
        }
        return WalkthroughSection(id: "end-dates", level: .step, title: "Step 5: end dates", blocks: blocks)
    }
}
