// Vault+SalesMetrics.swift: the link satellite sat_sales_metrics and its derived measures.

import VaultColumnar
import VaultHashing

extension Vault {
    /// Derives `total_amount`, `cost` and `profit` for each sales line, hashes the payload and
    /// loads `sat_sales_metrics` under `link_sales_hk`.
    ///
    /// - `total_amount = unit_price * quantity - discount_amount + tax_amount`
    /// - `cost = unit_cost * quantity`, with the `unit_cost` of the product's pricing version in
    ///   force after this batch's products were loaded (NULL when the product has no pricing yet)
    /// - `profit = total_amount - cost`
    ///
    /// Any NULL input makes the derived value NULL.
    func loadSalesMetrics(_ i: Int, _ staged: StagedBatch) -> (String, LoadCounts) {
        let definition = satellites[i].definition
        return timedLoad(definition.name) {
            var counts = LoadCounts()
            guard let lines = staged.table("transactions"), lines.count > 0 else { return counts }
            let link = RetailVault.links.first { $0.name == definition.parent }!
            let linkKey = staged.column("lk:\(link.name).transactions")
            let hubKeys = link.sources[0].columns.map { staged.column("hk:transactions.\($0)") }
            let derived = deriveMeasures(lines, productKeys: staged.column("hk:transactions.product_id"))
            let payload = definition.payload.map { field in derived[field.name] ?? lines[field.name] }
            let inputs = zip(definition.payload, payload).map { HashInput($0.name, $1) }
            // This phase loads one table: the hashdiffs use every core.
            let hashdiff = BatchHasher(strategy: strategy, threads: threads).hash(inputs, kind: .hashdiff).column
            counts = loadSatelliteRows(i, parent: linkKey, keysToCheck: [linkKey] + hubKeys, hashdiff: hashdiff,
                                       payload: payload, recordSource: RetailVault.recordSource(of: "transactions"),
                                       loadDate: staged.source.loadDate)
            return counts
        }
    }

    /// The derived money columns of the sales lines.
    func deriveMeasures(_ lines: Table, productKeys: Column) -> [String: Column] {
        let pricing = satellite("sat_product_pricing")
        let unitCosts = pricing.table["unit_cost"]
        let pricingRows = pricing.latestRows(of: productKeys)
        let n = lines.count
        var total = Column(RetailVault.money, capacity: n), cost = Column(RetailVault.money, capacity: n)
        var profit = Column(RetailVault.money, capacity: n)
        withReaders([lines["quantity"], lines["unit_price"], lines["discount_amount"], lines["tax_amount"], unitCosts]) { r in
            let (quantity, price, discount, tax, unitCost) = (r[0], r[1], r[2], r[3], r[4])
            for row in 0..<n {
                var totalValue: Int64? = nil
                var costValue: Int64? = nil
                if quantity.isValid(row) {
                    let q = Int64(quantity.value(row, as: Int32.self))
                    if price.isValid(row) && discount.isValid(row) && tax.isValid(row) {
                        totalValue = price.value(row, as: Int64.self) * q - discount.value(row, as: Int64.self)
                            + tax.value(row, as: Int64.self)
                    }
                    let current = Int(pricingRows[row])
                    if current >= 0 && unitCost.isValid(current) { costValue = unitCost.value(current, as: Int64.self) * q }
                }
                if let totalValue { total.append(totalValue) } else { total.appendNull() }
                if let costValue { cost.append(costValue) } else { cost.appendNull() }
                if let totalValue, let costValue { profit.append(totalValue - costValue) } else { profit.appendNull() }
            }
        }
        return ["total_amount": total, "cost": cost, "profit": profit]
    }
}
