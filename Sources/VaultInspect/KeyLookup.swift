// KeyLookup.swift: the rows of every table that refer to one business key.

import VaultColumnar
import VaultModel

/// Finds the rows that refer to a business key, in any table, by column names alone:
///
/// - a table with the key's hub key column (`hub_customer_hk`): rows holding the key's hash
///   (the hub itself, its satellites, every link naming the hub, and business-vault tables that
///   carry the hub key);
/// - otherwise, a table with the key column of a link naming the hub (`link_sales_hk` in
///   `sat_sales_metrics`): rows whose link key is one of the links found for the key.
///
/// Tables added to the vault later are covered as long as they follow these column names.
public struct KeyLookup {
    public let key: BusinessKey
    public let vault: VaultTables
    /// For each link naming the key's hub: the link keys whose rows name the key.
    public let linkKeys: [String: Set<[UInt8]>]

    public init(key: BusinessKey, vault: VaultTables) {
        self.key = key
        self.vault = vault
        var linkKeys = [String: Set<[UInt8]>]()
        for link in RetailVault.links where link.hubs.contains(key.hub.name) {
            guard let table = vault.tables.first(where: { $0.name == link.name }),
                  table.schema.index(of: key.hub.keyColumn) != nil else { continue }
            let column = table[link.keyColumn]
            linkKeys[link.keyColumn] = Set(Self.rows(of: table[key.hub.keyColumn], equalTo: key.hashKey).map(column.keyBytes))
        }
        self.linkKeys = linkKeys
    }

    /// Whether `table` can refer to the key at all.
    public func refersToKey(_ table: Table) -> Bool {
        table.schema.index(of: key.hub.keyColumn) != nil || linkKeys.keys.contains { table.schema.index(of: $0) != nil }
    }

    /// The rows of `table` that refer to the key, ascending; an error when the table cannot.
    public func rows(in table: Table) throws(InspectError) -> [Int] {
        if table.schema.index(of: key.hub.keyColumn) != nil {
            return Self.rows(of: table[key.hub.keyColumn], equalTo: key.hashKey)
        }
        guard let (column, keys) = linkKeys.first(where: { table.schema.index(of: $0.key) != nil }) else {
            throw .tableDoesNotNameKey(table: table.name, entity: key.entity)
        }
        let links = table[column]
        return (0..<table.count).filter { links.isValid($0) && keys.contains(links.keyBytes($0)) }
    }

    /// Rows of a key column whose bytes are `value`.
    ///
    /// - Complexity: O(rows); no allocation per row.
    static func rows(of column: Column, equalTo value: [UInt8]) -> [Int] {
        value.withUnsafeBytes { wanted in
            column.withReader { reader in
                (0..<reader.count).filter { reader.isValid($0) && reader.bytes($0).elementsEqual(wanted) }
            }
        }
    }
}
