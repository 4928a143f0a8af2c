// VaultSchemas.swift: the column layout of hubs, links and satellites under a hash strategy.

import VaultColumnar
import VaultHashing

/// Builds the schemas of vault tables; the key columns' type depends on the hash strategy
/// (fixed_binary(digest) for binary keys, string for hex keys).
public struct VaultSchemas: Sendable {
    public let keyType: ColumnType

    public init(strategy: HashStrategy) {
        keyType = strategy.keyFormat == .binary ? .fixedBinary(width: strategy.algorithm.digestLength) : .string
    }

    /// `hub_x_hk, x_id, load_date, record_source`
    public func hub(_ hub: HubDefinition) -> Schema {
        Schema([Field(hub.keyColumn, keyType, nullable: false), Field(hub.businessKey, .string, nullable: false),
                Field("load_date", .timestamp, nullable: false), Field("record_source", .string, nullable: false)])
    }

    /// `link_x_hk, hub keys..., load_date, record_source`
    public func link(_ link: LinkDefinition) -> Schema {
        Schema([Field(link.keyColumn, keyType, nullable: false)]
               + link.hubs.map { Field(RetailVault.hub(named: $0).keyColumn, keyType, nullable: false) }
               + [Field("load_date", .timestamp, nullable: false), Field("record_source", .string, nullable: false)])
    }

    /// `parent_hk, load_date, hash_diff, record_source, payload...`
    public func satellite(_ satellite: SatelliteDefinition) -> Schema {
        Schema([Field(satellite.parentKeyColumn, keyType, nullable: false), Field("load_date", .timestamp, nullable: false),
                Field("hash_diff", keyType, nullable: false), Field("record_source", .string, nullable: false)]
               + satellite.payload)
    }

    /// `link_hk, load_date, driving hub key, other hub key, start_date, end_date, record_source`
    public func effectivity(_ eff: EffectivitySatelliteDefinition) -> Schema {
        Schema([Field(RetailVault.links.first { $0.name == eff.link }!.keyColumn, keyType, nullable: false),
                Field("load_date", .timestamp, nullable: false),
                Field(RetailVault.hub(named: eff.drivingHub).keyColumn, keyType, nullable: false),
                Field(RetailVault.hub(named: eff.otherHub).keyColumn, keyType, nullable: false),
                Field(eff.startDateColumn, .date), Field(eff.endDateColumn, .date), Field("record_source", .string, nullable: false)])
    }

    /// `hub_hk, snapshot_date, then per satellite <sat>_hk, <sat>_load_date`
    public func pointInTime(_ pit: PointInTimeDefinition) -> Schema {
        Schema([Field(RetailVault.hub(named: pit.hub).keyColumn, keyType, nullable: false), Field("snapshot_date", .date, nullable: false)]
               + pit.satellites.flatMap { [Field("\($0)_hk", keyType, nullable: false), Field("\($0)_load_date", .timestamp, nullable: false)] })
    }

    /// `from hub key, snapshot_date, link key, to hub key`
    public func bridge(_ bridge: BridgeDefinition) -> Schema {
        Schema([Field(RetailVault.hub(named: bridge.fromHub).keyColumn, keyType, nullable: false),
                Field("snapshot_date", .date, nullable: false),
                Field(RetailVault.links.first { $0.name == bridge.link }!.keyColumn, keyType, nullable: false),
                Field(RetailVault.hub(named: bridge.toHub).keyColumn, keyType, nullable: false)])
    }

    /// An empty table with the vault's dictionary-encoded columns.
    public static func emptyTable(_ name: String, _ schema: Schema) -> Table {
        Table(name: name, schema: schema,
              dictionaryEncoded: Set(schema.names).intersection(RetailVault.dictionaryColumns))
    }
}
