// SalesLines.swift: the link_sales rows of a query, with their hub rows and metrics in force.

import VaultColumnar
import VaultModel

/// The `link_sales` rows loaded by D (a prefix of the link), each with the rows of its customer,
/// product, store and transaction in their hubs and its `sat_sales_metrics` version in force.
struct SalesLines {
    let count: Int
    let customer: [Int32], product: [Int32], store: [Int32], transaction: [Int32]
    /// Row of `sat_sales_metrics` in force per line (0: none).
    let metrics: [Int32]
    let metricsTable: Table

    init(_ context: QueryContext) {
        let link = context.store("link_sales")
        count = context.loadedRows(link.table)
        let vault = context.vault
        let prefix = count < link.table.count ? link.table.gather((0..<Int32(count)).map { $0 }) : link.table
        func hubRows(_ hub: String) -> [Int32] {
            vault.parentRows(of: prefix, column: prefix.schema.index(of: "\(hub)_hk")!, from: 0, in: context.store(hub))
        }
        customer = hubRows("hub_customer")
        product = hubRows("hub_product")
        store = hubRows("hub_store")
        transaction = hubRows("hub_transaction")
        metrics = Array(context.inForce("sat_sales_metrics").prefix(count))
        metricsTable = context.satellite("sat_sales_metrics")
    }

    /// `quantity` of line `i`, if a metrics version is in force.
    func quantity(_ i: Int) -> Int64? {
        let row = Int(metrics[i])
        guard row > 0, let q = metricsTable["quantity"].int32(at: row) else { return nil }
        return Int64(q)
    }

    /// A money column of the metrics of line `i`, in cents.
    func money(_ column: String, _ i: Int) -> Int64? {
        let row = Int(metrics[i])
        return row > 0 ? metricsTable[column].int64(at: row) : nil
    }

    /// `rows[hubRow]` for each line's hub row in `hubRows` (0 where the line has none).
    func through(_ hubRows: [Int32], _ rows: [Int32]) -> [Int32] {
        hubRows.map { $0 >= 0 ? rows[Int($0)] : 0 }
    }
}
