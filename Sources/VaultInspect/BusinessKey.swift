// BusinessKey.swift: a business key given by a person, standardised and hashed as the loader does.

import VaultColumnar
import VaultGenerator
import VaultHashing
import VaultModel

/// A business key typed on the command line (` c0000123 `), cleaned as hubs store it (trimmed,
/// uppercased: `C0000123`) and hashed under the vault's strategy exactly as staging hashes it, so
/// it can be found in every table that refers to it.
public struct BusinessKey: Sendable {
    /// The key as hubs store it.
    public let text: String
    /// The hub the key belongs to.
    public let hub: HubDefinition
    /// The key's bytes as the vault's key columns hold them (the digest, or its hex text).
    public let hashKey: [UInt8]

    /// The entity names (`customer`, ...): the vault's hubs without `hub_`.
    public static var entities: [String] { RetailVault.hubs.map { String($0.name.dropFirst("hub_".count)) } }

    /// Cleans and hashes `raw`; the entity is `entity` or inferred from the key's spelling (`C...` a customer).
    public init(_ raw: String, entity: String?, strategy: HashStrategy) throws(InspectError) {
        let name: String
        if let entity {
            name = entity.lowercased()
        } else if let kind = BusinessKeyKind(inferringFrom: raw) {
            name = kind.rawValue
        } else {
            throw .entityNotInferred(key: raw, valid: Self.entities)
        }
        guard let hub = RetailVault.hubs.first(where: { $0.name == "hub_\(name)" }) else {
            throw .unknownEntity(name, valid: Self.entities)
        }
        var column = Column(.string)
        column.append(string: raw)
        let hashed = BatchHasher(strategy: strategy).hash([HashInput(hub.businessKey, column)], kind: .key)
        guard hashed.nullCount == 0 && hashed.zeroKeyCount == 0 else { throw .nullKey(raw) }
        self.hub = hub
        hashKey = hashed.column.keyBytes(0)
        var clean = Substring(raw)
        while clean.first == " " { clean.removeFirst() }
        while clean.last == " " { clean.removeLast() }
        text = clean.uppercased()
    }

    /// The entity name (`customer`).
    public var entity: String { String(hub.name.dropFirst("hub_".count)) }
}
