// Walkthrough+Groups.swift: step 4 for the multi-active phone satellite and the effectivity satellite.

import VaultColumnar
import VaultInspect
import VaultModel

/// One customer's phone group in a batch and what the multi-active satellite did with it.
struct PhoneGroupOutcome {
    var customer: String?
    /// Source rows of the group (the last row of each phone type).
    var members: [Int]
    /// Satellite rows of the group in force before the batch.
    var inForce: [Int]
    /// Members whose hashdiff is among the group in force's.
    var unchangedMembers: Set<Int>
    /// Satellite rows the batch inserted for the key.
    var inserted: [Int]
    var result: String
}

/// One effectivity row of a batch (or a closing the driving key caused) and its outcome.
struct EffectivityOutcome {
    var product: String?
    var promotion: String?
    var start: String?
    var end: String?
    var inForce: String
    var inserted: Bool
    var result: String
}

extension Walkthrough {
    /// The phone groups of the batch, compared with the groups in force.
    func phoneOutcomes(_ batch: LoadedBatch) -> [PhoneGroupOutcome] {
        guard let source = batch.table(RetailVault.phoneSatellite.source) else { return [] }
        let parents = batch.staged("hk:customer_phones.customer_id"),
            cleaned = batch.staged("bk:customer_phones.customer_id")
        let hashdiffs = batch.staged("hd:\(RetailVault.phoneSatellite.name)")
        let childKeys = source[RetailVault.phoneChildKey]
        let table = vault.phones.table
        let old = SatelliteStore.ghostRows..<batch.oldRows(table).upperBound, new = batch.newRows(table)
        var groups = [[UInt8]: Int](), outcomes = [PhoneGroupOutcome]()
        for row in 0..<source.count {
            guard let key = CellText.keyBytes(parents, row) else { continue }
            if let g = groups[key] {
                outcomes[g].members.removeAll { childKeys.string(at: $0) == childKeys.string(at: row) }
                outcomes[g].members.append(row)
                continue
            }
            groups[key] = outcomes.count
            let versions = CellText.rows(of: key, in: table.columns[0], old)
            let latest = versions.map { table["load_date"].value(at: $0, as: Int64.self) }.max()
            let inForce = versions.filter { table["load_date"].value(at: $0, as: Int64.self) == latest }
            outcomes.append(
                PhoneGroupOutcome(
                    customer: cleaned.string(at: row), members: [row], inForce: inForce, unchangedMembers: [],
                    inserted: CellText.rows(of: key, in: table.columns[0], new), result: ""))
        }
        for g in outcomes.indices {
            let inForceDiffs = Set(outcomes[g].inForce.compactMap { CellText.keyBytes(table["hash_diff"], $0) })
            outcomes[g].unchangedMembers = Set(
                outcomes[g].members.filter { inForceDiffs.contains(CellText.keyBytes(hashdiffs, $0) ?? []) })
            let o = outcomes[g]
            let changed = o.members.count - o.unchangedMembers.count
            let why =
                o.inForce.isEmpty
                ? "first group"
                : o.inForce.count != o.members.count
                    ? "group of \(o.inForce.count) → \(o.members.count)"
                    : changed == 0 ? "every member as in force" : "\(CellText.count(changed, "member")) changed"
            outcomes[g].result =
                o.inserted.isEmpty
                ? "skipped: \(why)" : "group inserted (\(CellText.count(o.inserted.count, "row"))): \(why)"
        }
        return outcomes
    }

    func phoneBlocks(_ batch: LoadedBatch) -> [WalkthroughBlock] {
        let outcomes = phoneOutcomes(batch)
        guard let source = batch.table(RetailVault.phoneSatellite.source), !outcomes.isEmpty else { return [] }
        var grid = Grid(columns: [
            GridColumn("customer_id"), GridColumn("phone_type"), GridColumn("phone_number"),
            GridColumn("in group in force"), GridColumn("result"),
        ])
        for o in outcomes {
            for member in o.members {
                grid.append([
                    o.customer, source["phone_type"].string(at: member), source["phone_number"].string(at: member),
                    o.inForce.isEmpty ? "no group" : (o.unchangedMembers.contains(member) ? "yes" : "no"), o.result,
                ])
            }
        }
        return [
            .paragraph(
                explain(
                    "multi-active",
                    "`\(RetailVault.phoneSatellite.name)` is a multi-active satellite: a customer "
                        + "has several phone rows in force at once, one per `\(RetailVault.phoneChildKey)` (the "
                        + "child-dependent key). Change detection compares the whole group: when a member's hashdiff "
                        + "is "
                        + "not in the group in force, or the group grows or shrinks, every member of the batch's group "
                        + "is "
                        + "inserted with the new load date.",
                    short: "The multi-active satellite compares whole phone groups:")),
            .grid(RetailVault.phoneSatellite.name, grid),
        ]
    }

    /// The product-promotion rows of the batch and the closings the driving key caused.
    func effectivityOutcomes(_ batch: LoadedBatch) -> [EffectivityOutcome] {
        let definition = RetailVault.promotionEffectivity
        let table = vault.promotionEffectivity.table
        let old = SatelliteStore.ghostRows..<batch.oldRows(table).upperBound, new = batch.newRows(table)
        var outcomes = [EffectivityOutcome](), batchLinks = Set<[UInt8]>()
        let date = { (column: Column, row: Int) in
            CellText.value(column, row) ?? CellText.day(EffectivitySatelliteStore.openEnd)
        }
        let span = { (row: Int) in "\(date(table["start_date"], row)) to \(date(table["end_date"], row))" }
        if let source = batch.table(definition.source) {
            let links = batch.staged("lk:\(definition.link).\(definition.source)")
            for row in 0..<source.count {
                let start = date(source["start_date"], row), end = date(source["end_date"], row)
                var o = EffectivityOutcome(
                    product: batch.staged("bk:\(definition.source).product_id").string(at: row),
                    promotion: batch.staged("bk:\(definition.source).promotion_id").string(at: row),
                    start: start, end: end, inForce: "none", inserted: false, result: "rejected: no key")
                if let key = CellText.keyBytes(links, row) {
                    batchLinks.insert(key)
                    let current = CellText.rows(of: key, in: table.columns[0], old).last
                    o.inForce = current.map(span) ?? "none"
                    o.inserted = CellText.rows(of: key, in: table.columns[0], new).contains {
                        date(table["start_date"], $0) == start && date(table["end_date"], $0) == end
                    }
                    o.result =
                        o.inserted
                        ? (current == nil ? "inserted: new link" : "inserted: dates changed")
                        : "skipped: same dates"
                }
                outcomes.append(o)
            }
        }
        for row in new {
            guard let key = CellText.keyBytes(table.columns[0], row), !batchLinks.contains(key) else { continue }
            let product = businessKey(table["\(definition.drivingHub)_hk"], row, hub: definition.drivingHub)
            outcomes.append(
                EffectivityOutcome(
                    product: product,
                    promotion: businessKey(table["\(definition.otherHub)_hk"], row, hub: definition.otherHub),
                    start: date(table["start_date"], row), end: date(table["end_date"], row),
                    inForce: CellText.rows(of: key, in: table.columns[0], old).last.map(span) ?? "none", inserted: true,
                    result: "inserted: closed by the driving key \(product ?? "NULL")"))
        }
        return outcomes
    }

    func effectivityBlocks(_ batch: LoadedBatch) -> [WalkthroughBlock] {
        let outcomes = effectivityOutcomes(batch)
        guard !outcomes.isEmpty else { return [] }
        let definition = RetailVault.promotionEffectivity
        var grid = Grid(columns: [
            GridColumn("product_id"), GridColumn("promotion_id"), GridColumn("start_date"),
            GridColumn("end_date"), GridColumn("in force before"), GridColumn("result"),
        ])
        for o in outcomes { grid.append([o.product, o.promotion, o.start, o.end, o.inForce, o.result]) }
        return [
            .paragraph(
                explain(
                    "effectivity",
                    "`\(definition.name)` is an effectivity satellite on `\(definition.link)`: "
                        + "each version says from when to when the link is in effect (`end_date` "
                        + "`\(CellText.day(EffectivitySatelliteStore.openEnd))` while open). The product is the "
                        + "driving "
                        + "key: when a product opens a new promotion, its other open links are closed on the new start "
                        + "date.",
                    short: "The effectivity satellite compares each link's dates with the version in force:")),
            .grid(definition.name, grid),
        ]
    }

    /// The business key of the hub row holding the key in row `row` of `column`.
    func businessKey(_ column: Column, _ row: Int, hub: String) -> String? {
        guard let key = CellText.keyBytes(column, row), let store = vault.keyedStore(hub),
            let hubRow = CellText.rows(of: key, in: store.keys, 0..<store.count).first
        else { return nil }
        return store.businessKeys.string(at: hubRow)
    }
}
