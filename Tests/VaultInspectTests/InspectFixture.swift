import VaultColumnar
import VaultGenerator
import VaultHashing
import VaultInspect
import VaultModel

/// A small generated and loaded vault, built once per strategy, and direct scans of its tables
/// (the independent reference the inspection code is checked against).
enum InspectFixture {
    static func vault(_ strategy: HashStrategy) throws -> Vault {
        let options = GeneratorOptions(scale: 0.5, days: 12, seed: 7)
        let generator = RetailGenerator(options: options)
        let vault = Vault(strategy: strategy, threads: 2)
        for k in 0..<options.days {
            let batch = generator.batch(k, threads: 2)
            try vault.load(SourceTables(batch: k, loadDate: Int64(batch.businessDate) * 86_400_000_000, tables: batch.tables))
        }
        return vault
    }

    static func tables(_ vault: Vault) -> VaultTables {
        VaultTables(tables: vault.tables + [vault.batchLog.table], strategy: vault.strategy)
    }

    /// The bytes of row `i` of a key column.
    static func bytes(_ column: Column, _ i: Int) -> [UInt8] { column.withBytes(at: i) { Array($0) } }

    /// Rows of `table` whose column `name` holds `value`.
    static func rows(_ table: Table, _ name: String, in values: Set<[UInt8]>) -> [Int] {
        (0..<table.count).filter { values.contains(bytes(table[name], $0)) }
    }

    /// The hub key of a business key, read from the hub table (not recomputed).
    static func hubKey(_ vault: Vault, hub: String, businessKey: String) -> [UInt8]? {
        let table = vault.table(hub)!
        let entity = String(hub.dropFirst("hub_".count))
        guard let row = (0..<table.count).first(where: { table["\(entity)_id"].string(at: $0) == businessKey }) else { return nil }
        return bytes(table["\(hub)_hk"], row)
    }

    /// A customer with at least `versions` versions in `sat_customer_details`, and its business key.
    static func customerWithVersions(_ vault: Vault, atLeast versions: Int) -> (key: String, hashKey: [UInt8])? {
        let details = vault.satellites.first { $0.definition.name == "sat_customer_details" }!.table
        var counts = [[UInt8]: Int]()
        for row in 0..<details.count { counts[bytes(details[column: 0], row), default: 0] += 1 }
        let hub = vault.table("hub_customer")!
        for row in 0..<hub.count {
            let key = bytes(hub[column: 0], row)
            if counts[key, default: 0] >= versions { return (hub["customer_id"].string(at: row)!, key) }
        }
        return nil
    }
}
