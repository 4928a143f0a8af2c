// Vault+Restore.swift: rebuilding a vault from restored tables (a snapshot).

import VaultColumnar

extension Vault {
    /// Replaces every table with `tables` (by name; each must have this vault's schema) and rebuilds
    /// the key indexes, so loading can continue where the snapshot left off.
    public func restore(_ tables: [Table]) throws {
        let byName = Dictionary(tables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for store in hubs + links {
            guard let table = byName[store.name] else { throw VaultError.restoreMismatch("the snapshot has no table \(store.name)") }
            guard table.schema == store.table.schema else {
                throw VaultError.restoreMismatch("\(store.name) has another schema than a \(strategy) vault's")
            }
            store.restore(table)
        }
        for store in satellites {
            let name = store.definition.name
            guard let table = byName[name] else { throw VaultError.restoreMismatch("the snapshot has no table \(name)") }
            guard table.schema == store.table.schema else {
                throw VaultError.restoreMismatch("\(name) has another schema than a \(strategy) vault's")
            }
            store.restore(table)
        }
        for (name, schema, restore) in [(phones.definition.name, phones.table.schema, phones.restore),
                                        (promotionEffectivity.definition.name, promotionEffectivity.table.schema, promotionEffectivity.restore)] {
            guard let table = byName[name] else { throw VaultError.restoreMismatch("the snapshot has no table \(name)") }
            guard table.schema == schema else { throw VaultError.restoreMismatch("\(name) has another schema than a \(strategy) vault's") }
            restore(table)
        }
        // Hubs hold every load date a batch inserted anything with; satellites add nothing new.
        let hubDates = hubs.map { $0.table["load_date"] }
        latestLoadDate = hubDates.reduce(Int64.min) { latest, column in
            column.withReader { r in (0..<r.count).reduce(latest) { max($0, r.value($1, as: Int64.self)) } }
        }
        firstLoadDate = hubDates.reduce(Int64.max) { first, column in
            column.withReader { r in (0..<r.count).reduce(first) { min($0, r.value($1, as: Int64.self)) } }
        }
        business.rebuild(self)
    }
}
