// Vault+SalesMetrics.swift: the link satellite sat_sales_metrics and its derived measures.

import VaultRuntime
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
            let linkKey = staged.column(StagedName.linkKey(link.name, "transactions"))
            let hubKeys = link.sources[0].columns.map { staged.column(StagedName.hubKey("transactions", $0)) }
            let derived = deriveMeasures(lines, productRows: staged.rows.get("hub_product.transactions"))
            let payload = definition.payload.map { field in derived[field.name] ?? lines[field.name] }
            let inputs = zip(definition.payload, payload).map { HashInput($0.name, $1) }
            // The largest table of a batch: its hashdiffs use every core.
            let hashdiff = BatchHasher(strategy: strategy, threads: threads).hash(inputs, kind: .hashdiff).column
            counts = loadSatelliteRows(i, keysToCheck: [linkKey] + hubKeys, hashdiff: hashdiff,
                                       payload: payload, recordSource: RetailVault.recordSource(of: "transactions"),
                                       staged: staged)
            return counts
        }
    }

    /// The derived money columns of the sales lines. Large batches are cut into one slice of rows
    /// per core (at multiples of 64 rows, so that each slice owns whole validity words).
    /// `productRows` holds each line's `hub_product` row (-1 where its product key is NULL).
    func deriveMeasures(_ lines: Table, productRows: SharedArray<Int32>) -> [String: Column] {
        let pricing = satellite("sat_product_pricing")
        let unitCosts = pricing.payload("unit_cost")
        let n = lines.count
        let words = (n + 63) / 64
        var (totals, costs, profits) = (AlignedBuffer(zeroedCount: n * 8), AlignedBuffer(zeroedCount: n * 8), AlignedBuffer(zeroedCount: n * 8))
        var (totalWords, costWords, profitWords) = (AlignedBuffer(zeroedCount: words * 8), AlignedBuffer(zeroedCount: words * 8),
                                                   AlignedBuffer(zeroedCount: words * 8))
        let slices = n >= 65_536 ? threads : 1
        withReaders([lines["quantity"], lines["unit_price"], lines["discount_amount"], lines["tax_amount"], unitCosts]) { r in
            let (quantity, price, discount, tax, unitCost) = (r[0], r[1], r[2], r[3], r[4])
            totals.withUnsafeMutableBytes { total in costs.withUnsafeMutableBytes { cost in profits.withUnsafeMutableBytes { profit in
            totalWords.withUnsafeMutableBytes { totalValid in costWords.withUnsafeMutableBytes { costValid in
            profitWords.withUnsafeMutableBytes { profitValid in
                let out = [total, cost, profit].map { $0.bindMemory(to: Int64.self) }
                let valid = [totalValid, costValid, profitValid].map { $0.bindMemory(to: UInt64.self) }
                concurrentEach(count: slices, threads: threads) { s in
                    let lo = words * s / slices * 64, hi = min(words * (s + 1) / slices * 64, n)
                    for row in lo..<hi {
                        guard quantity.isValid(row) else { continue }
                        let q = Int64(quantity.value(row, as: Int32.self))
                        let bit = UInt64(1) << UInt64(row & 63)
                        var totalValue: Int64? = nil
                        if price.isValid(row) && discount.isValid(row) && tax.isValid(row) {
                            let t = price.value(row, as: Int64.self) * q - discount.value(row, as: Int64.self) + tax.value(row, as: Int64.self)
                            out[0][row] = t
                            valid[0][row >> 6] |= bit
                            totalValue = t
                        }
                        let current = Int(pricing.latestRow(ofParent: productRows[row]))
                        guard current >= 0 && unitCost.isValid(current) else { continue }
                        let c = unitCost.value(current, as: Int64.self) * q
                        out[1][row] = c
                        valid[1][row >> 6] |= bit
                        if let totalValue {
                            out[2][row] = totalValue - c
                            valid[2][row >> 6] |= bit
                        }
                    }
                }
            }
            }
            }
            }
            }
            }
        }
        let columns = [(totals, totalWords), (costs, costWords), (profits, profitWords)].map { values, words in
            Column(builtType: RetailVault.money, validity: ValidityBitmap(words: words, count: n), values: values)
        }
        return ["total_amount": columns[0], "cost": columns[1], "profit": columns[2]]
    }
}
