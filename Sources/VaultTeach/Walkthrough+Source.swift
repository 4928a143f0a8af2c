// Walkthrough+Source.swift: step 1, the source rows of a batch.

import VaultColumnar
import VaultGenerator
import VaultInspect
import VaultModel

extension Walkthrough {
    /// The columns shown of each source table (the others are listed under the table): the
    /// business keys and the attributes whose changes the walkthrough follows.
    static let shownSourceColumns: [String: [String]] = [
        "customers": ["customer_id", "first_name", "last_name", "customer_segment", "email", "city"],
        "customer_phones": ["customer_id", "phone_type", "phone_number"],
        "products": ["product_id", "product_name", "category", "unit_cost", "unit_price"],
        "stores": ["store_id", "store_name", "city"],
        "promotions": ["promotion_id", "promotion_name", "discount_percentage", "start_date", "end_date"],
        "product_promotions": ["product_id", "promotion_id", "start_date", "end_date"],
        "transactions": [
            "transaction_id", "line_item_number", "transaction_date", "customer_id", "product_id", "store_id",
            "promotion_id", "quantity", "unit_price",
        ],
    ]

    /// Step 1: every row the batch brings, table by table.
    func sourceStep(_ batch: LoadedBatch) -> WalkthroughSection {
        let tables = SourceSchemas.tableNames.compactMap { batch.table($0) }
        let perTable = tables.map { "\($0.name) \($0.count)" }
        var text =
            "The source sends \(CellText.count(batch.source.rowCount, "row")) in "
                + "\(CellText.count(tables.count, "table")) "
            + "(\(perTable.joined(separator: ", "))). Every row the batch adds to the vault gets load date "
            + "`\(CellText.timestamp(batch.source.loadDate))`."
        if batch.number == 0, let first = tables.first {
            text +=
                " Its record source names the source table: `\(RetailVault.recordSource(of: first.name))` for "
                    + "`\(first.name)`, "
                + "and so on."
        }
        var blocks: [WalkthroughBlock] = [.paragraph(text)]
        for table in tables {
            let shown = Self.shownSourceColumns[table.name] ?? table.schema.names
            let hidden = table.schema.names.filter { !shown.contains($0) }
            let caption =
                hidden.isEmpty ? table.name : "\(table.name) (\(shown.count) of \(table.schema.count) columns)"
            blocks.append(.grid(caption, Self.sourceGrid(table, columns: shown)))
        }
        if batch.number == 0 {
            blocks.append(
                .paragraph(
                    "Columns not shown hold more attributes of the same satellites; they take part in the "
                        + "hashdiffs all the same."))
        }
        return WalkthroughSection(
            id: "batch-\(batch.number)/source", level: .step, title: "Step 1: source rows", blocks: blocks)
    }

    /// The rows of a source table, business keys quoted where they carry spaces.
    static func sourceGrid(_ table: Table, columns: [String]) -> Grid {
        var grid = Grid(
            columns: columns.map { name in
                switch table[name].type {
                case .int32, .int64, .decimal, .double: return GridColumn(name, .number)
                default: return GridColumn(name)
                }
            })
        for row in 0..<table.count {
            grid.append(
                columns.map { name in
                    let text = CellText.value(table[name], row)
                    return name.hasSuffix("_id") ? CellText.sent(text) : text
                })
        }
        return grid
    }
}
