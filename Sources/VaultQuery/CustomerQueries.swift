// CustomerQueries.swift: the current customer view and one customer's history.

import VaultColumnar
import VaultModel

extension QueryContext {
    /// `current-customers`: every customer loaded by D with the details and contact in force.
    func currentCustomers(limit: Int) -> Table {
        let hub = store("hub_customer").table
        let details = satellite("sat_customer_details"), contact = satellite("sat_customer_contact")
        let d = inForce("sat_customer_details"), c = inForce("sat_customer_contact")
        let ids = hub.columns[1]
        var order = (0..<Int32(loadedRows(hub))).map { $0 }
        order.sort { a, b in
            let c = ids.compareRows(Int(a), Int(b))
            return c != 0 ? c < 0 : a < b
        }
        if limit > 0 && order.count > limit { order.removeSubrange(limit...) }
        let dr = order.map { d[Int($0)] }, cr = order.map { c[Int($0)] }
        return ResultColumns.table("current-customers", [
            ("customer_id", ids.gather(order)),
            ("first_name", details["first_name"].gather(dr)), ("last_name", details["last_name"].gather(dr)),
            ("gender", details["gender"].gather(dr)), ("birth_date", details["birth_date"].gather(dr)),
            ("customer_segment", details["customer_segment"].gather(dr)),
            ("email", contact["email"].gather(cr)), ("phone", contact["phone"].gather(cr)),
            ("city", contact["city"].gather(cr)), ("state", contact["state"].gather(cr)),
            ("details_last_updated", ResultColumns.loadDates(details["load_date"], dr)),
            ("contact_last_updated", ResultColumns.loadDates(contact["load_date"], cr)),
        ])
    }

    /// `customer-history`: every version of one customer in the details and contact satellites.
    func customerHistory(key: String?, limit: Int) throws -> Table {
        let row = try hubRow(key, hub: "hub_customer", kind: .customerHistory)
        let hubKey = store("hub_customer").table.columns[0]
        var entries = [(satellite: String, row: Int, end: Int64?, table: Table)]()
        for (label, name) in [("details", "sat_customer_details"), ("contact", "sat_customer_contact")] {
            let table = satellite(name)
            let versions = versions(of: hubKey, row: row, in: table)
            for (k, v) in versions.enumerated() {
                let end = k + 1 < versions.count ? table["load_date"].value(at: versions[k + 1], as: Int64.self) : nil
                entries.append((label, v, end, table))
            }
        }
        entries.sort { a, b in
            let la = a.table["load_date"].value(at: a.row, as: Int64.self), lb = b.table["load_date"].value(at: b.row, as: Int64.self)
            return la != lb ? la > lb : a.satellite < b.satellite
        }
        if limit > 0 && entries.count > limit { entries.removeSubrange(limit...) }
        var loads = Column(.timestamp), ends = Column(.timestamp)
        for e in entries {
            loads.append(e.table["load_date"].value(at: e.row, as: Int64.self))
            if let end = e.end { ends.append(end) } else { ends.appendNull() }
        }
        func text(_ column: String, in label: String) -> [String?] {
            entries.map { $0.satellite == label ? $0.table[column].string(at: $0.row) : nil }
        }
        return ResultColumns.table("customer-history", [
            ("satellite", ResultColumns.strings(entries.map(\.satellite))),
            ("load_date", loads), ("load_end_date", ends),
            ("customer_segment", ResultColumns.strings(text("customer_segment", in: "details"))),
            ("email", ResultColumns.strings(text("email", in: "contact"))),
            ("phone", ResultColumns.strings(text("phone", in: "contact"))),
        ])
    }

    /// The rows of `table` (a satellite of the hub whose key column is `hubKey`) holding versions
    /// of hub row `row` loaded by D, in load order.
    func versions(of hubKey: Column, row: Int, in table: Table) -> [Int] {
        let bound = isAsOf ? Vault.rowsLoaded(by: day, in: table, from: SatelliteStore.ghostRows) : table.count
        let keys = table.columns[0]
        return hubKey.withBytes(at: row) { wanted in
            (SatelliteStore.ghostRows..<bound).filter { r in keys.withBytes(at: r) { $0.elementsEqual(wanted) } }
        }
    }
}
