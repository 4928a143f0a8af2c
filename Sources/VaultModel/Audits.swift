// Audits.swift: integrity rules checked after every batch, over the rows the batch added.

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
            if let link = RetailVault.links.first(where: { $0.name == store.name }) {
                for (k, hubName) in link.hubs.enumerated() {
                    jobs.append { hubKeyExists(store, column: 1 + k, hub: vault.hub(hubName)) }
                }
            }
        }
        for store in vault.satellites { jobs.append { satellite(store, vault: vault) } }
        let phones = vault.phones, eff = vault.promotionEffectivity
        let link = vault.links.first { $0.name == eff.definition.link }!
        jobs.append { parentsExist(phones.table, from: phones.auditedRows, parent: vault.hub("hub_customer"), vault: vault) }
        jobs.append { parentsExist(eff.table, from: eff.auditedRows, parent: link, vault: vault) }
        jobs.append { parentsExist(eff.table, from: eff.auditedRows, parent: vault.hub(eff.definition.drivingHub), column: 2, vault: vault) }

        let results = ResultSlots<[AuditFailure]>(count: jobs.count)
        let box = UncheckedBox(jobs)
        concurrentEachOnThreads(count: jobs.count, threads: threads) { j in results.set(j, box.value[j]()) }

        for store in vault.hubs + vault.links { store.auditedRows = store.table.count }
        for store in vault.satellites { store.auditedRows = store.table.count }
        phones.auditedRows = phones.table.count
        eff.auditedRows = eff.table.count
        return (0..<jobs.count).flatMap(results.get)
    }

    static func keyText(_ column: Column, _ row: Int) -> String { column.text(at: row) ?? "NULL" }

    /// Uniqueness and not-NULL of new hub/link keys.
    static func keyedStore(_ store: KeyedStore) -> [AuditFailure] {
        let table = store.table
        let new = store.auditedRows..<table.count
        guard !new.isEmpty else { return [] }
        var failures = [AuditFailure]()
        for (k, column) in table.columns.enumerated() where table.schema.fields[k].name.hasSuffix("_hk") {
            if let row = new.first(where: { !column.isValid($0) }) {
                failures.append(AuditFailure(table: table.name, rule: "\(table.schema.fields[k].name) is NULL", exampleKey: keyText(table.columns[0], row)))
            }
        }
        table.columns[0].withFixedKeys { keys in
            if let row = new.first(where: { store.index.row(of: keys.key($0), hash: keys.hash($0), in: keys) != Int32($0) }) {
                failures.append(AuditFailure(table: table.name, rule: "key is not unique", exampleKey: keyText(table.columns[0], row)))
            }
        }
        return failures
    }

    /// That every new link row's hub key in column `column` has a row in `hub`.
    static func hubKeyExists(_ store: KeyedStore, column k: Int, hub: KeyedStore) -> [AuditFailure] {
        let table = store.table, column = table.columns[k]
        guard let row = firstMissing(column, rows: store.auditedRows..<table.count, in: hub) else { return [] }
        return [AuditFailure(table: table.name, rule: "\(hub.name)_hk has no row in \(hub.name)", exampleKey: keyText(column, row))]
    }

    /// Parent existence and temporal consistency of new satellite rows.
    static func satellite(_ store: SatelliteStore, vault: Vault) -> [AuditFailure] {
        let table = store.table
        let new = store.auditedRows..<table.count
        guard !new.isEmpty else { return [] }
        var failures = [AuditFailure]()
        let parentKeys = table.columns[0], loadDates = table.columns[1], diffs = table.columns[2]
        let parent = (vault.hubs + vault.links).first { $0.name == store.definition.parent }!
        if let row = new.first(where: { !parentKeys.isValid($0) || !diffs.isValid($0) }) {
            failures.append(AuditFailure(table: table.name, rule: "parent key or hash_diff is NULL", exampleKey: keyText(parentKeys, row)))
        }
        if let row = firstMissing(parentKeys, rows: new, in: parent) {
            failures.append(AuditFailure(table: table.name, rule: "parent has no row in \(parent.name)", exampleKey: keyText(parentKeys, row)))
        }
        for (k, previous) in store.previousVersions.enumerated() where previous >= 0 {
            let row = store.auditedRows + k
            guard row < table.count else { break }
            let p = Int(previous)
            if loadDates.value(at: p, as: Int64.self) >= loadDates.value(at: row, as: Int64.self) {
                failures.append(AuditFailure(table: table.name, rule: "two versions share a load date, or are out of order", exampleKey: keyText(parentKeys, row)))
                break
            }
            let same = diffs.withBytes(at: p) { a in diffs.withBytes(at: row) { b in a.elementsEqual(b) } }
            if same {
                failures.append(AuditFailure(table: table.name, rule: "two consecutive versions have the same hash_diff", exampleKey: keyText(parentKeys, row)))
                break
            }
        }
        return failures
    }

    /// Every new row's key in `column` has a row in `parent` (multi-active and effectivity satellites).
    static func parentsExist(_ table: Table, from start: Int, parent: KeyedStore, column k: Int = 0, vault: Vault) -> [AuditFailure] {
        let keys = table.columns[k]
        guard let row = firstMissing(keys, rows: start..<table.count, in: parent) else { return [] }
        return [AuditFailure(table: table.name, rule: "\(table.schema.fields[k].name) has no row in \(parent.name)", exampleKey: keyText(keys, row))]
    }

    /// The first of `rows` whose key in `column` has no row in `parent` (a NULL key counts as
    /// missing). One view of each key column for the whole range, no per-row closures.
    static func firstMissing(_ column: Column, rows: Range<Int>, in parent: KeyedStore) -> Int? {
        guard !rows.isEmpty else { return nil }
        if column.nullCount > 0, let row = rows.first(where: { !column.isValid($0) }) { return row }
        guard parent.table.count > 0 else { return rows.first }
        return column.withFixedKeys { keys in
            parent.table.columns[0].withFixedKeys { parentKeys in
                rows.first { parent.index.row(of: keys.key($0), hash: keys.hash($0), in: parentKeys) < 0 }
            }
        }
    }
}
