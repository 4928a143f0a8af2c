// Walkthrough+Keys.swift: step 3, which hub and link keys a batch inserted and which were known.

import VaultColumnar
import VaultInspect
import VaultModel

/// What a hub or link did with one distinct key of a batch, read from its table after the load.
struct KeyOutcome {
    var table: String
    /// The business key (hub) or the hubs' business keys joined with ` · ` (link).
    var businessKey: String
    /// The hash key's text; `nil` for a row without key (rejected).
    var keyText: String?
    /// The table row holding the key after the load.
    var row: Int?
    /// Whether this batch appended that row.
    var inserted: Bool

    /// `inserted`, `known since YYYY-MM-DD`, or `rejected: ...`.
    var result: String
}

extension Walkthrough {
    /// The distinct keys each hub was offered, and whether the batch inserted them.
    func hubOutcomes(_ batch: LoadedBatch) -> [KeyOutcome] {
        var outcomes = [KeyOutcome]()
        var seen = Set<[UInt8]>()
        var spellings = [[UInt8]: [String]]()
        let keys = stagedKeys(batch)
        for key in keys {
            if let k = key.key, let sent = key.sent { spellings[k, default: []].append(CellText.sent(sent)!) }
        }
        for key in keys {
            guard let hashed = key.key, seen.insert(hashed).inserted, let store = vault.keyedStore(key.hub) else {
                continue
            }
            let sent = spellings[hashed] ?? []
            let label =
                sent == [key.cleaned ?? ""]
                ? (key.cleaned ?? "") : "\(key.cleaned ?? "") (sent \(sent.joined(separator: ", ")))"
            outcomes.append(outcome(of: hashed, label: label, keyText: key.keyText, in: store.table, batch))
        }
        return outcomes
    }

    /// The distinct keys each link was offered (rows whose every hub key is non-NULL) and the rejected rows.
    func linkOutcomes(_ batch: LoadedBatch) -> [KeyOutcome] {
        var outcomes = [KeyOutcome]()
        for definition in RetailVault.links {
            guard let store = vault.keyedStore(definition.name) else { continue }
            var seen = Set<[UInt8]>()
            for source in definition.sources {
                guard let table = batch.table(source.table) else { continue }
                let linkKeys = batch.staged("lk:\(definition.name).\(source.table)")
                let cleaned = source.columns.map { batch.staged("bk:\(source.table).\($0)") }
                let hashed = source.columns.map { batch.staged("hk:\(source.table).\($0)") }
                for row in 0..<table.count {
                    let parts = cleaned.map { $0.string(at: row) }
                    if let filter = source.excluding, let k = source.columns.firstIndex(of: filter.column),
                       parts[k] == filter.value { continue }
                    let label = parts.map { $0 ?? "NULL" }.joined(separator: " · ")
                    // The loader takes a row only when the link key and every hub key are non-NULL.
                    let missing = zip(source.columns, hashed).filter { !$0.1.isValid(row) }.map(\.0)
                    guard let key = CellText.keyBytes(linkKeys, row), missing.isEmpty else {
                        let why = missing.isEmpty ? "no link key" : "no \(CellText.list(missing))"
                        outcomes.append(
                            KeyOutcome(
                                table: definition.name, businessKey: label, keyText: CellText.value(linkKeys, row),
                                row: nil, inserted: false, result: "rejected: \(why)"))
                        continue
                    }
                    guard seen.insert(key).inserted else { continue }
                    outcomes.append(
                        outcome(of: key, label: label, keyText: CellText.value(linkKeys, row), in: store.table, batch))
                }
            }
        }
        return outcomes
    }

    private func outcome(
        of key: [UInt8], label: String, keyText: String?, in table: Table, _ batch: LoadedBatch
    ) -> KeyOutcome {
        guard let row = CellText.rows(of: key, in: table.columns[0], 0..<table.count).first else {
            return KeyOutcome(
                table: table.name, businessKey: label, keyText: keyText, row: nil, inserted: false, result: "not loaded"
            )
        }
        let inserted = batch.newRows(table).contains(row)
        let result =
            inserted ? "inserted" : "known since \(CellText.dayOf(table["load_date"].value(at: row, as: Int64.self)))"
        return KeyOutcome(
            table: table.name, businessKey: label, keyText: keyText, row: row, inserted: inserted, result: result)
    }

    /// Step 3: hub and link rows inserted or already known.
    func keysStep(_ batch: LoadedBatch) -> WalkthroughSection {
        let hubs = hubOutcomes(batch), links = linkOutcomes(batch)
        var hubGrid = Grid(columns: [
            GridColumn("hub"), GridColumn("business key"), GridColumn("hash key", .hashKey),
            GridColumn("result"), GridColumn("record_source"),
        ])
        for o in hubs {
            let source = o.row.flatMap { vault.keyedStore(o.table)?.table["record_source"].string(at: $0) }
            hubGrid.append([o.table, o.businessKey, o.keyText, o.result, source])
        }
        var linkGrid = Grid(columns: [
            GridColumn("link"), GridColumn("business keys"), GridColumn("link key", .hashKey),
            GridColumn("result"),
        ])
        for o in links { linkGrid.append([o.table, o.businessKey, o.keyText, o.result]) }

        var blocks: [WalkthroughBlock] = [
            .paragraph(
                explain(
                    "hubs",
                    "A hub inserts the hash keys it does not hold yet and ignores the others: a hub row is "
                        + "never updated, so its load date and record source say when and where the key was first "
                        + "seen.",
                    short: "Each hub inserts the keys it does not hold yet:")),
            .grid("hub keys of batch \(batch.number)", hubGrid),
            .list(RetailVault.hubs.compactMap { countSentence($0.name, batch) }),
        ]
        blocks += lateArrivingNotes(hubs, batch)
        if !links.isEmpty {
            blocks += [
                .paragraph(
                    explain(
                        "links",
                        "A link row records that its hub keys occurred together. It loads only when every "
                            + "hub key is non-NULL; the same combination sent again is already known.",
                        short: "Each link inserts the combinations it does not hold yet:")),
                .grid("link keys of batch \(batch.number)", linkGrid),
                .list(RetailVault.links.compactMap { countSentence($0.name, batch) }),
            ]
        }
        return WalkthroughSection(
            id: "batch-\(batch.number)/keys", level: .step, title: "Step 3: hubs and links", blocks: blocks)
    }

    /// The batch report's counts for a hub or link, as a sentence; `nil` when it was offered nothing.
    func countSentence(_ table: String, _ batch: LoadedBatch) -> String? {
        let c = batch.counts(table)
        guard c.rowsIn > 0 else { return nil }
        var parts = ["\(c.inserted) inserted", "\(c.unchanged) already known"]
        if c.duplicates > 0 { parts.append("\(c.duplicates) repeated within the batch") }
        if c.rejected > 0 { parts.append("\(c.rejected) rejected (a NULL key)") }
        return "`\(table)`: \(CellText.count(c.rowsIn, "row")) offered, \(CellText.list(parts))."
    }

    /// Keys a hub inserted from a table other than its satellites' sources, with no satellite version yet.
    func lateArrivingNotes(_ hubs: [KeyOutcome], _ batch: LoadedBatch) -> [WalkthroughBlock] {
        hubs.compactMap { o -> WalkthroughBlock? in
            guard o.inserted, let row = o.row, let store = vault.keyedStore(o.table) else { return nil }
            let satellites = vault.satellites.filter { $0.definition.parent == o.table }
            guard !satellites.isEmpty else { return nil }
            // Satellites and links hold the hub's row, not its key.
            func refers(_ rows: Column, _ range: Range<Int>) -> Bool { range.contains { rows.value(at: $0, as: Int32.self) == Int32(row) } }
            guard !satellites.contains(where: { refers($0.parentRowColumn, SatelliteStore.ghostRows..<$0.count) }) else { return nil }
            let source = store.recordSource(ofRow: row)
            let linked = vault.links.filter { link in
                guard let k = link.hubs.firstIndex(where: { $0 === store }) else { return false }
                return refers(link.hubRows(k), batch.newRows(name: link.name, count: link.count))
            }
            let facts =
                linked.isEmpty
                ? ""
                : " Because a hub takes its keys from every source that names them, the batch's "
                    + "\(CellText.list(linked.map { "`\($0.name)`" })) row for it loads all the same."
            return .paragraph(
                "`\(o.businessKey)` entered `\(o.table)` from `\(source)` before any row of its own master data "
                    + "(a late-arriving key): it has no version in "
                    + "\(CellText.list(satellites.map { "`\($0.definition.name)`" })) yet.\(facts)")
        }
    }
}
