// Vault+Restore.swift: rebuilding a vault from restored tables (a snapshot).

import VaultColumnar

extension Vault {
    /// Replaces every table with `tables` (by name; each must have this vault's schema) and rebuilds
    /// the key indexes, so loading can continue where the snapshot left off.
    public func restore(_ tables: [Table]) throws {
        let byName = Dictionary(tables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for store in hubs + links {
            guard let table = byName[store.name] else { throw VaultError.restoreMismatch("the snapshot has no table \(store.name)") }
            guard table.schema == store.schema else {
                throw VaultError.restoreMismatch("\(store.name) has another schema than a \(strategy) vault's")
            }
            try store.restore(table)
        }
        for store in satellites {
            let name = store.definition.name
            guard let table = byName[name] else { throw VaultError.restoreMismatch("the snapshot has no table \(name)") }
            guard table.schema == store.schema else {
                throw VaultError.restoreMismatch("\(name) has another schema than a \(strategy) vault's")
            }
            try store.restore(table)
        }
        for (name, schema, restore) in [(phones.definition.name, phones.rows.schema, phones.restore),
                                        (promotionEffectivity.definition.name, promotionEffectivity.table.schema, promotionEffectivity.restore)] {
            guard let table = byName[name] else { throw VaultError.restoreMismatch("the snapshot has no table \(name)") }
            guard table.schema == schema else { throw VaultError.restoreMismatch("\(name) has another schema than a \(strategy) vault's") }
            try restore(table)
        }
        // Hubs hold every load date a batch inserted anything with; satellites add nothing new.
        latestLoadDate = hubs.compactMap(\.stamps.latestLoadDate).max() ?? .min
        firstLoadDate = hubs.compactMap(\.stamps.earliestLoadDate).min() ?? .max
        business.rebuild(self)
    }
}
