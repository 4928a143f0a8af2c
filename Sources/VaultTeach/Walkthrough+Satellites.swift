// Walkthrough+Satellites.swift: step 4, each satellite row's hashdiff against the version in force.

import VaultColumnar
import VaultHashing
import VaultInspect
import VaultModel

/// What a satellite did with one source row of a batch, read from its table after the load.
struct VersionOutcome {
    var satellite: String
    var businessKey: String?
    /// The source row.
    var sourceRow: Int
    /// The satellite row in force before the batch (`nil`: the key had no version).
    var inForce: Int?
    var inForceHashdiff: String?
    var newHashdiff: String?
    /// `attribute old → new` for every payload column that differs from the version in force.
    var changes: [String]
    /// The satellite row this source row became (`nil`: not inserted).
    var insertedRow: Int?
    var result: String
}

extension Walkthrough {
    /// The satellites whose rows the walkthrough follows one by one (the others appear in the batch log).
    static let followedSatellites = ["sat_customer_details", "sat_product_pricing"]

    /// Each source row of `store`'s source table in the batch, with the version in force and the outcome.
    func versionOutcomes(_ store: SatelliteStore, _ batch: LoadedBatch) -> [VersionOutcome] {
        let definition = store.definition
        guard let source = batch.table(definition.source) else { return [] }
        let keyColumn = "\(definition.source).\(definition.parent.dropFirst("hub_".count))_id"
        let parents = batch.staged("hk:\(keyColumn)"), cleaned = batch.staged("bk:\(keyColumn)")
        let hashdiffs = batch.staged("hd:\(definition.name)")
        let table = store.table
        let old = SatelliteStore.ghostRows..<batch.oldRows(table).upperBound, new = batch.newRows(table)
        var outcomes = [VersionOutcome]()
        for row in 0..<source.count {
            var outcome = VersionOutcome(
                satellite: definition.name, businessKey: cleaned.string(at: row), sourceRow: row,
                newHashdiff: CellText.value(hashdiffs, row), changes: [], result: "")
            guard let key = CellText.keyBytes(parents, row) else {
                outcome.result = "rejected: no key"
                outcomes.append(outcome)
                continue
            }
            let diff = CellText.keyBytes(hashdiffs, row)
            if let later = (row + 1..<source.count).first(where: { CellText.keyBytes(parents, $0) == key }) {
                outcome.result =
                    CellText.keyBytes(hashdiffs, later) == diff
                    ? "duplicate of a later row" : "superseded by a later row"
                outcomes.append(outcome)
                continue
            }
            outcome.inForce = CellText.rows(of: key, in: table.columns[0], old).last
            if let current = outcome.inForce {
                outcome.inForceHashdiff = CellText.value(table["hash_diff"], current)
                outcome.changes = definition.payload.compactMap { field in
                    let was = CellText.value(table[field.name], current), now = CellText.value(source[field.name], row)
                    return was == now ? nil : "\(field.name) \(was ?? "NULL") → \(now ?? "NULL")"
                }
            }
            outcome.insertedRow = CellText.rows(of: key, in: table.columns[0], new).first
            let same = outcome.inForceHashdiff != nil && outcome.inForceHashdiff == outcome.newHashdiff
            switch (outcome.insertedRow != nil, outcome.inForce != nil) {
            case (true, false): outcome.result = "inserted: first version"
            case (true, true): outcome.result = "inserted: hashdiff differs"
            case (false, _): outcome.result = same ? "skipped: same hashdiff" : "skipped: version in force is as recent"
            }
            outcomes.append(outcome)
        }
        return outcomes
    }

    /// Step 4: change detection in the followed satellites, the multi-active and effectivity
    /// satellites, then the batch log.
    func satellitesStep(_ batch: LoadedBatch) -> WalkthroughSection {
        var blocks: [WalkthroughBlock] = [
            .paragraph(
                explain(
                    "satellites",
                    "For each row, staging hashed the satellite's payload columns into a hashdiff. "
                        + "Within a batch the last row of a key counts. It is inserted when the key has no version yet "
                        + "or "
                        + "its hashdiff differs from the version in force (the key's latest); an equal hashdiff means "
                        + "nothing changed and the row is skipped. Shown row by row: "
                        + "\(Self.followedSatellites.map { "`\($0)`" }.joined(separator: ", ")), then the multi-active "
                        + "and "
                        + "effectivity satellites; \(CellText.list(otherSatellites.map { "`\($0)`" })) follow the same "
                        + "rule "
                        + "(their counts are in the batch log).",
                    short: "Each satellite row's hashdiff against the version in force:"))
        ]
        for name in Self.followedSatellites {
            guard let store = vault.satelliteStore(name) else { continue }
            let outcomes = versionOutcomes(store, batch)
            guard !outcomes.isEmpty else { continue }
            var grid = Grid(columns: [
                GridColumn(String(store.definition.parent.dropFirst("hub_".count)) + "_id"),
                GridColumn("hashdiff in force", .hashKey), GridColumn("new hashdiff", .hashKey),
                GridColumn("change"), GridColumn("result"),
            ])
            for o in outcomes {
                let change = o.inForce == nil ? "" : (o.changes.isEmpty ? "none" : o.changes.joined(separator: "; "))
                grid.append([
                    o.businessKey, o.inForce == nil ? "none" : o.inForceHashdiff, o.newHashdiff, change, o.result,
                ])
            }
            blocks.append(.grid(name, grid))
            blocks += hashdiffNotes(store, outcomes, batch)
        }
        blocks += phoneBlocks(batch)
        blocks += effectivityBlocks(batch)
        blocks += batchLogBlocks(batch)
        return WalkthroughSection(
            id: "batch-\(batch.number)/satellites", level: .step,
            title: "Step 4: satellites, change detection", blocks: blocks)
    }

    /// The raw satellites not followed row by row.
    var otherSatellites: [String] {
        vault.satellites.map(\.definition.name).filter { !Self.followedSatellites.contains($0) }
    }

    /// For each changed version, the hashdiff's input strings, old and new.
    func hashdiffNotes(
        _ store: SatelliteStore, _ outcomes: [VersionOutcome], _ batch: LoadedBatch
    ) -> [WalkthroughBlock] {
        guard let source = batch.table(store.definition.source) else { return [] }
        let standardiser = stager.hasher.standardiser
        let payload = store.definition.payload
        let order = standardiser.ordered(payload.map { HashInput($0.name, source[$0.name]) }, kind: .hashdiff).map {
            "`\($0.name)`"
        }
        let batchStrings = standardiser.standardise(
            payload.map { HashInput($0.name, source[$0.name]) }, kind: .hashdiff)
        return outcomes.compactMap { o -> WalkthroughBlock? in
            if o.insertedRow == nil, o.inForce != nil, o.inForceHashdiff == o.newHashdiff {
                return .paragraph(
                    "`\(o.businessKey ?? "NULL")` in `\(store.definition.name)` was sent again unchanged: its hashdiff "
                        + "equals the version in force's, so nothing is inserted (the batch log counts the row as "
                        + "unchanged)."
                )
            }
            guard o.insertedRow != nil, let current = o.inForce else { return nil }
            let old = standardiser.standardise(
                payload.map { HashInput($0.name, store.payload($0.name).gather([Int32(current)])) },
                kind: .hashdiff)
            let ordering = options.strategy.profile.rules.sortHashdiffColumns ? "sorted by name" : "in table order"
            return .paragraph(
                "`\(o.businessKey ?? "NULL")` in `\(store.definition.name)`: the hashdiff hashes the payload columns "
                    + "(\(ordering): \(CellText.list(order))) joined with `||`. The version in force hashed "
                    + "`\(old.string(0))` (`\(CellText.short(o.inForceHashdiff))`), this batch's row hashes "
                    + "`\(batchStrings.string(o.sourceRow))` (`\(CellText.short(o.newHashdiff))`): they differ, so a "
                    + "new "
                    + "version is inserted with load date `\(CellText.timestamp(batch.source.loadDate))`.")
        }
    }

    /// The batch's rows of `etl_batch_log`, for every table offered rows.
    func batchLogBlocks(_ batch: LoadedBatch) -> [WalkthroughBlock] {
        let log = vault.batchLog.table
        let rows = (0..<log.count).filter { row in
            log["batch_id"].value(at: row, as: Int32.self) == Int32(batch.number)
                && (log["rows_in"].int64(at: row) ?? 0) > 0
        }
        let columns = [
            "table_name", "rows_in", "rows_inserted", "rows_unchanged", "rows_duplicate", "rows_superseded",
            "rows_rejected",
        ]
        guard let grid = try? TableView(log).grid(rows: rows, columns: columns) else { return [] }
        return [
            .paragraph(
                explain(
                    "batch log",
                    "The batch log (`etl_batch_log`) keeps the loader's own count of every table, "
                        + "the audit trail of the batch:", short: "The batch log:")),
            .grid("etl_batch_log, batch \(batch.number)", grid),
        ]
    }
}
