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
            let hashdiff = stager.hasher.hash(inputs, kind: .hashdiff).column
            counts = loadSatelliteRows(i, parent: linkKey, keysToCheck: [linkKey] + hubKeys, hashdiff: hashdiff,
                                       payload: payload, recordSource: RetailVault.recordSource(of: "transactions"),
                                       loadDate: staged.source.loadDate)
            return counts
        }
    }

    /// The derived money columns of the sales lines.
    func deriveMeasures(_ lines: Table, productKeys: Column) -> [String: Column] {
        let pricing = satellite("sat_product_pricing")
        let costIndex = pricing.table.schema.index(of: "unit_cost")!
        let unitCosts = pricing.table.columns[costIndex]
        let n = lines.count
        let quantity = lines["quantity"], price = lines["unit_price"], discount = lines["discount_amount"], tax = lines["tax_amount"]
        var total = Column(RetailVault.money, capacity: n), cost = Column(RetailVault.money, capacity: n)
        var profit = Column(RetailVault.money, capacity: n)
        let width = productKeys.type.fixedWidth ?? (2 * strategy.algorithm.digestLength)
        for row in 0..<n {
            var totalValue: Int64? = nil
            if quantity.isValid(row) && price.isValid(row) && discount.isValid(row) && tax.isValid(row) {
                let q = Int64(quantity.value(at: row, as: Int32.self))
                totalValue = price.value(at: row, as: Int64.self) * q - discount.value(at: row, as: Int64.self)
                    + tax.value(at: row, as: Int64.self)
            }
            var costValue: Int64? = nil
            if productKeys.isValid(row) && quantity.isValid(row) {
                let current = productKeys.withBytes(at: row) { pricing.latestRow(of: $0.baseAddress!, width: width) }
                if let current, unitCosts.isValid(Int(current)) {
                    costValue = unitCosts.value(at: Int(current), as: Int64.self) * Int64(quantity.value(at: row, as: Int32.self))
                }
            }
            if let totalValue { total.append(totalValue) } else { total.appendNull() }
            if let costValue { cost.append(costValue) } else { cost.appendNull() }
            if let totalValue, let costValue { profit.append(totalValue - costValue) } else { profit.appendNull() }
        }
        return ["total_amount": total, "cost": cost, "profit": profit]
    }
}
