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
        let lines = context.loadedRows(link)
        count = lines
        // The link holds each hub key as the row of that key in its hub.
        func hubRows(_ hub: String) -> [Int32] {
            let k = link.hubs.firstIndex { $0.name == hub }!
            return link.hubRows(k).withUnsafeValues(as: Int32.self) { Array($0.prefix(lines)) }
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
