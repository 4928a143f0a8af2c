// SalesQueries.swift: sales lines with their context, as of a date, and per customer segment.

import VaultColumnar
import VaultModel

extension QueryContext {
    /// `sales-context` (every line) and `sales-as-of` (lines with transaction_date <= D, with the
    /// customer segment, product name and price in force at D).
    func sales(_ kind: QueryKind, limit: Int) -> Table {
        let lines = SalesLines(self)
        let transactionDetails = satellite("sat_transaction_details")
        let txRow = lines.through(lines.transaction, inForce("sat_transaction_details"))
        let txDate = transactionDetails["transaction_date"]
        var order = (0..<lines.count).filter { i in
            kind == .salesContext || (txRow[i] > 0 && txDate.isValid(Int(txRow[i])) && txDate.value(at: Int(txRow[i]), as: Int32.self) <= day)
        }
        let ids = store("hub_transaction").table.columns[1]
        let lineNumber = lines.metricsTable["line_item_number"]
        order.sort { a, b in
            // transaction_date descending, NULL last
            let va = txDate.isValid(Int(txRow[a])), vb = txDate.isValid(Int(txRow[b]))
            if va != vb { return va }
            let d = va ? txDate.compareRows(Int(txRow[a]), Int(txRow[b])) : 0
            if d != 0 { return d > 0 }
            let t = ids.compareRows(Int(lines.transaction[a]), Int(lines.transaction[b]))
            if t != 0 { return t < 0 }
            let l = lineNumber.compareRows(Int(lines.metrics[a]), Int(lines.metrics[b]))
            return l != 0 ? l < 0 : a < b
        }
        if limit > 0 && order.count > limit { order.removeSubrange(limit...) }
        func pick(_ rows: [Int32]) -> [Int32] { order.map { rows[$0] } }
        let metrics = pick(lines.metrics), tx = pick(txRow)
        let customers = store("hub_customer").table.columns[1], products = store("hub_product").table.columns[1]
        let customerDetails = satellite("sat_customer_details"), productDetails = satellite("sat_product_details")
        let cd = pick(lines.through(lines.customer, inForce("sat_customer_details")))
        let pd = pick(lines.through(lines.product, inForce("sat_product_details")))
        let m = lines.metricsTable
        var columns: [(String, Column)] = [
            ("transaction_id", ids.gather(pick(lines.transaction))), ("line_item_number", lineNumber.gather(metrics)),
            ("transaction_date", txDate.gather(tx)), ("customer_id", customers.gather(pick(lines.customer))),
        ]
        if kind == .salesContext {
            let stores = store("hub_store").table.columns[1], storeDetails = satellite("sat_store_details")
            let sd = pick(lines.through(lines.store, inForce("sat_store_details")))
            columns += [
                ("first_name", customerDetails["first_name"].gather(cd)), ("last_name", customerDetails["last_name"].gather(cd)),
                ("product_id", products.gather(pick(lines.product))), ("product_name", productDetails["product_name"].gather(pd)),
                ("category", productDetails["category"].gather(pd)),
                ("store_id", stores.gather(pick(lines.store))), ("store_name", storeDetails["store_name"].gather(sd)),
                ("store_city", storeDetails["city"].gather(sd)),
                ("quantity", m["quantity"].gather(metrics)), ("unit_price", m["unit_price"].gather(metrics)),
                ("total_amount", m["total_amount"].gather(metrics)), ("profit", m["profit"].gather(metrics)),
            ]
        } else {
            let pricing = satellite("sat_product_pricing")
            let pp = pick(lines.through(lines.product, inForce("sat_product_pricing")))
            columns += [
                ("customer_segment", customerDetails["customer_segment"].gather(cd)),
                ("product_id", products.gather(pick(lines.product))), ("product_name", productDetails["product_name"].gather(pd)),
                ("historical_price", pricing["unit_price"].gather(pp)),
                ("quantity", m["quantity"].gather(metrics)), ("total_amount", m["total_amount"].gather(metrics)),
            ]
        }
        return ResultColumns.table(kind.rawValue, columns)
    }

    /// `sales-by-segment`: lines grouped by the customer's segment in force at D.
    func salesBySegment(limit: Int) -> Table {
        let lines = SalesLines(self)
        let details = satellite("sat_customer_details"), segment = details["customer_segment"]
        let cd = lines.through(lines.customer, inForce("sat_customer_details"))
        struct Group { var customers = Set<Int32>(), transactions = Set<Int32>(), lines: Int64 = 0, revenue: Int64 = 0, profit: Int64 = 0 }
        var groups = [String?: Group]()
        for i in 0..<lines.count {
            let name = segment.string(at: Int(cd[i]))
            var g = groups[name] ?? Group()
            g.customers.insert(lines.customer[i])
            g.transactions.insert(lines.transaction[i])
            g.lines += 1
            g.revenue += lines.money("total_amount", i) ?? 0
            g.profit += lines.money("profit", i) ?? 0
            groups[name] = g
        }
        var rows = groups.sorted { a, b in
            if a.value.revenue != b.value.revenue { return a.value.revenue > b.value.revenue }
            switch (a.key, b.key) {
            case (nil, _): return false
            case (_, nil): return true
            case let (x?, y?): return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
            }
        }
        if limit > 0 && rows.count > limit { rows.removeSubrange(limit...) }
        return ResultColumns.table("sales-by-segment", [
            ("customer_segment", ResultColumns.strings(rows.map(\.key))),
            ("customers", ResultColumns.integers(rows.map { Int64($0.value.customers.count) })),
            ("transactions", ResultColumns.integers(rows.map { Int64($0.value.transactions.count) })),
            ("lines", ResultColumns.integers(rows.map { $0.value.lines })),
            ("revenue", ResultColumns.decimals(rows.map { $0.value.revenue }, scale: 2)),
            ("profit", ResultColumns.decimals(rows.map { $0.value.profit }, scale: 2)),
            ("avg_line_value", ResultColumns.decimals(rows.map { Self.roundedQuotient($0.value.revenue, $0.value.lines) }, scale: 2)),
        ])
    }

    /// `a / b` rounded half away from zero.
    static func roundedQuotient(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b, r = a % b
        return 2 * abs(r) >= abs(b) ? q + ((a < 0) != (b < 0) ? -1 : 1) : q
    }
}
