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
        latestLoadDate = self.tables.reduce(Int64.min) { latest, table in
            guard let i = table.schema.index(of: "load_date") else { return latest }
            return table.columns[i].withReader { r in (0..<r.count).reduce(latest) { max($0, r.value($1, as: Int64.self)) } }
        }
    }
}
