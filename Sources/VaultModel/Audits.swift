// Audits.swift: integrity rules checked after every batch, over the rows the batch added.

import VaultRuntime
import VaultColumnar

/// A broken integrity rule, with an example key.
public struct AuditFailure: Sendable, Equatable, CustomStringConvertible {
    public var table: String
    public var rule: String
    /// The offending key as uppercase hex (binary keys) or text (hex keys).
    public var exampleKey: String

    public var description: String { "\(table): \(rule) (example key \(exampleKey))" }
}

/// The audits: hub and link key uniqueness, not-NULL keys, referential integrity (every link's
/// hub keys exist; every satellite's parent exists) and satellite temporal consistency (no two rows
/// with one key and load date; no two consecutive versions with one hashdiff).
///
/// Each audit looks at the rows appended since the previous audit, so the cost per batch is
/// proportional to the batch, not to the vault (cheap enough to leave on).
enum Audits {
    /// Runs every audit over the rows added since the last run, on up to `threads` cores (one
    /// job per table and rule; the failures come back in job order, whatever the thread count).
    static func run(_ vault: Vault, threads: Int) -> [AuditFailure] {
        var jobs = [() -> [AuditFailure]]()
        for store in vault.hubs + vault.links {
            jobs.append { keyedStore(store) }
            for k in store.hubs.indices { jobs.append { hubKeyExists(store, hub: k) } }
        }
        for store in vault.satellites { jobs.append { satellite(store) } }
        let phones = vault.phones, eff = vault.promotionEffectivity
        let link = vault.links.first { $0.name == eff.definition.link }!
        jobs.append { parentRowsExist(phones.definition.name, phones.parentRowColumn, from: phones.auditedRows, parent: phones.parent) }
        jobs.append { parentsExist(eff.table, from: eff.auditedRows, parent: link) }
        jobs.append { parentsExist(eff.table, from: eff.auditedRows, parent: vault.hub(eff.definition.drivingHub), column: 2) }

        let results = ResultSlots<[AuditFailure]>(count: jobs.count)
        let box = UncheckedBox(jobs)
        concurrentEachOnThreads(count: jobs.count, threads: threads) { j in results.set(j, box.value[j]()) }

        for store in vault.hubs + vault.links { store.auditedRows = store.count }
        for store in vault.satellites { store.auditedRows = store.count }
        phones.auditedRows = phones.count
        eff.auditedRows = eff.table.count
        return (0..<jobs.count).flatMap(results.get)
    }

    static func keyText(_ column: Column, _ row: Int) -> String { column.text(at: row) ?? "NULL" }

    /// Uniqueness and not-NULL of new hub/link keys.
    static func keyedStore(_ store: KeyedStore) -> [AuditFailure] {
        let keys = store.keys
        let new = store.auditedRows..<store.count
        guard !new.isEmpty else { return [] }
        var failures = [AuditFailure]()
        if let row = new.first(where: { !keys.isValid($0) }) {
            failures.append(AuditFailure(table: store.name, rule: "\(store.schema.fields[0].name) is NULL", exampleKey: keyText(keys, row)))
        }
        keys.withFixedKeys { fixed in
            if let row = new.first(where: { store.index.row(of: fixed.key($0), hash: fixed.hash($0), in: fixed) != Int32($0) }) {
                failures.append(AuditFailure(table: store.name, rule: "key is not unique", exampleKey: keyText(keys, row)))
            }
        }
        return failures
    }

    /// That every new link row's key of hub `k` has a row in that hub: the link holds the hub row,
    /// which must be one of the hub's rows (the key itself is that row's key, so it exists and is
    /// not NULL).
    static func hubKeyExists(_ store: KeyedStore, hub k: Int) -> [AuditFailure] {
        let rows = store.hubRows(k), hub = store.hubs[k]
        guard let row = firstOutside(rows, rows: store.auditedRows..<store.count, below: hub.count) else { return [] }
        return [AuditFailure(table: store.name, rule: "\(hub.name)_hk has no row in \(hub.name)", exampleKey: keyText(store.keys, row))]
    }

    /// The first of `rows` whose value in the `int32` column `references` is not a row below `limit`.
    static func firstOutside(_ references: Column, rows: Range<Int>, below limit: Int) -> Int? {
        references.withUnsafeValues(as: Int32.self) { values in
            rows.first { !references.isValid($0) || values[$0] < 0 || Int(values[$0]) >= limit }
        }
    }

    /// Parent existence and temporal consistency of new satellite rows.
    static func satellite(_ store: SatelliteStore) -> [AuditFailure] {
        let name = store.definition.name
        let new = store.auditedRows..<store.count
        guard !new.isEmpty else { return [] }
        var failures = [AuditFailure]()
        let parentRows = store.parentRowColumn, diffs = store.hashdiffs
        let parent = store.parent
        // The example key of a row: its parent key, or its hashdiff when it has no parent row.
        func example(_ row: Int) -> String {
            parentRows.withUnsafeValues(as: Int32.self) { parents in
                let p = Int(parents[row])
                return p >= 0 && p < parent.count ? keyText(parent.keys, p) : keyText(diffs, row)
            }
        }
        if let row = new.first(where: { !diffs.isValid($0) }) {
            failures.append(AuditFailure(table: name, rule: "parent key or hash_diff is NULL", exampleKey: example(row)))
        }
        failures += parentRowsExist(name, parentRows, from: store.auditedRows, parent: parent, example: example)
        for (k, previous) in store.previousVersions.enumerated() where previous >= 0 {
            let row = store.auditedRows + k
            guard row < store.count else { break }
            let p = Int(previous)
            if store.loadDate(ofRow: p) >= store.loadDate(ofRow: row) {
                failures.append(AuditFailure(table: name, rule: "two versions share a load date, or are out of order", exampleKey: example(row)))
                break
            }
            let same = diffs.withBytes(at: p) { a in diffs.withBytes(at: row) { b in a.elementsEqual(b) } }
            if same {
                failures.append(AuditFailure(table: name, rule: "two consecutive versions have the same hash_diff", exampleKey: example(row)))
                break
            }
        }
        return failures
    }

    /// That every new row's parent row (from `start` on) is a row of `parent`; `example` gives the
    /// key shown for a row (by default its parent key when it has one, else the row number).
    static func parentRowsExist(_ table: String, _ parentRows: Column, from start: Int, parent: KeyedStore,
                                example: ((Int) -> String)? = nil) -> [AuditFailure] {
        guard let row = firstOutside(parentRows, rows: start..<parentRows.count, below: parent.count) else { return [] }
        let p = Int(parentRows.value(at: row, as: Int32.self))
        let key = example?(row) ?? (p >= 0 && p < parent.count ? keyText(parent.keys, p) : "row \(row)")
        return [AuditFailure(table: table, rule: "parent has no row in \(parent.name)", exampleKey: key)]
    }

    /// Every new row's key in `column` has a row in `parent` (the effectivity satellite).
    static func parentsExist(_ table: Table, from start: Int, parent: KeyedStore, column k: Int = 0) -> [AuditFailure] {
        let keys = table.columns[k]
        guard let row = firstMissing(keys, rows: start..<table.count, in: parent) else { return [] }
        return [AuditFailure(table: table.name, rule: "\(table.schema.fields[k].name) has no row in \(parent.name)", exampleKey: keyText(keys, row))]
    }

    /// The first of `rows` whose key in `column` has no row in `parent` (a NULL key counts as
    /// missing). One view of each key column for the whole range, no per-row closures.
    static func firstMissing(_ column: Column, rows: Range<Int>, in parent: KeyedStore) -> Int? {
        guard !rows.isEmpty else { return nil }
        if column.nullCount > 0, let row = rows.first(where: { !column.isValid($0) }) { return row }
        guard parent.count > 0 else { return rows.first }
        return column.withFixedKeys { keys in
            parent.keys.withFixedKeys { parentKeys in
                rows.first { parent.index.row(of: keys.key($0), hash: keys.hash($0), in: parentKeys) < 0 }
            }
        }
    }
}
