// ProductQueries.swift: one product's price history and the top products of each category.

import VaultColumnar
import VaultModel

extension QueryContext {
    /// `product-price-history`: every pricing version of one product with the details in force.
    func productPriceHistory(key: String?, limit: Int) throws -> Table {
        let row = try hubRow(key, hub: "hub_product", kind: .productPriceHistory)
        let hub = store("hub_product").table
        let pricing = satellite("sat_product_pricing"), details = satellite("sat_product_details")
        let detailsRow = inForce("sat_product_details")[row]
        var versions = versions(of: hub.columns[0], row: row, in: pricing)
        let loads = versions.map { pricing["load_date"].value(at: $0, as: Int64.self) }
        var ends: [Int64?] = loads.indices.map { $0 + 1 < loads.count ? loads[$0 + 1] : nil }
        versions.reverse()
        ends.reverse()
        if limit > 0 && versions.count > limit { versions.removeSubrange(limit...); ends.removeSubrange(limit...) }
        let rows = versions.map { Int32($0) }
        var endColumn = Column(.timestamp)
        for end in ends { if let end { endColumn.append(end) } else { endColumn.appendNull() } }
        let n = rows.count
        return ResultColumns.table("product-price-history", [
            ("product_id", ResultColumns.strings(Array(repeating: hub.columns[1].string(at: row), count: n))),
            ("product_name", details["product_name"].gather(Array(repeating: detailsRow, count: n))),
            ("category", details["category"].gather(Array(repeating: detailsRow, count: n))),
            ("unit_cost", pricing["unit_cost"].gather(rows)), ("unit_price", pricing["unit_price"].gather(rows)),
            ("effective_date", pricing["load_date"].gather(rows)), ("load_end_date", endColumn),
            ("status", ResultColumns.strings(ends.map { $0 == nil ? "Current" : "Historical" })),
        ])
    }

    /// `top-products`: per category in force, the `limit` products with the highest revenue.
    func topProducts(limit: Int) -> Table {
        let perCategory = limit > 0 ? limit : Int.max
        let sales = SalesLines(self)
        let products = store("hub_product").table
        let details = satellite("sat_product_details")
        let detailsRow = inForce("sat_product_details")
        var units = [Int64](repeating: 0, count: products.count), revenue = units, profit = units
        var sold = [Bool](repeating: false, count: products.count)
        for line in 0..<sales.count {
            let p = Int(sales.product[line])
            guard p >= 0 else { continue }
            sold[p] = true
            units[p] += sales.quantity(line) ?? 0
            revenue[p] += sales.money("total_amount", line) ?? 0
            profit[p] += sales.money("profit", line) ?? 0
        }
        let category = details["category"], ids = products.columns[1]
        var ranked = (0..<products.count).filter { sold[$0] }
        ranked.sort { a, b in
            let c = category.compareNullsLast(Int(detailsRow[a]), Int(detailsRow[b]))
            if c != 0 { return c < 0 }
            if revenue[a] != revenue[b] { return revenue[a] > revenue[b] }
            return ids.compareRows(a, b) < 0
        }
        var picked = [Int](), ranks = [Int64]()
        var previous: Int? = nil, rank = 0
        for p in ranked {
            if let q = previous, category.compareNullsLast(Int(detailsRow[q]), Int(detailsRow[p])) == 0 { rank += 1 } else { rank = 1 }
            previous = p
            if rank <= perCategory { picked.append(p); ranks.append(Int64(rank)) }
        }
        let rows = picked.map { Int32($0) }, dr = picked.map { detailsRow[$0] }
        return ResultColumns.table("top-products", [
            ("category", category.gather(dr)), ("rank", ResultColumns.integers(ranks)),
            ("product_id", ids.gather(rows)), ("product_name", details["product_name"].gather(dr)),
            ("brand", details["brand"].gather(dr)),
            ("units_sold", ResultColumns.integers(picked.map { units[$0] })),
            ("revenue", ResultColumns.decimals(picked.map { revenue[$0] }, scale: 2)),
            ("profit", ResultColumns.decimals(picked.map { profit[$0] }, scale: 2)),
        ])
    }
}

extension Column {
    /// Three-way comparison with NULLs after every value.
    func compareNullsLast(_ a: Int, _ b: Int) -> Int {
        let va = isValid(a), vb = isValid(b)
        if !va || !vb { return va == vb ? 0 : (va ? -1 : 1) }
        return compareRows(a, b)
    }
}
