// EngineDefinitions.swift: a model as the loader's definition values (HubDefinition, ...).

import VaultColumnar
import VaultHashing
import VaultModel

/// A model expressed in the definition values the loader is built on (``HubDefinition``,
/// ``LinkDefinition``, ``SatelliteDefinition``, ...), for comparing a model file with the vault
/// the loader builds (``RetailVault``).
public struct EngineDefinitions: Sendable {
    /// A source table: its schema and dictionary-encoded columns.
    public struct Source: Sendable, Equatable {
        public var name: String
        public var schema: Schema
        public var dictionaryColumns: Set<String>
    }

    /// A multi-active satellite and its child-dependent key column.
    public struct MultiActive: Sendable, Equatable {
        public var definition: SatelliteDefinition
        public var childKey: String
    }

    /// The source tables, in file order.
    public var sources: [Source]
    /// Hubs in load order.
    public var hubs: [HubDefinition]
    /// Links in load order (``LinkDefinition``'s `==` compares names only; compare `sources` too).
    public var links: [LinkDefinition]
    /// Satellites in load order.
    public var satellites: [SatelliteDefinition]
    public var multiActiveSatellites: [MultiActive]
    public var effectivitySatellites: [EffectivitySatelliteDefinition]
    public var pointInTimeTables: [PointInTimeDefinition]
    public var bridges: [BridgeDefinition]
    /// The value a link source's filter leaves out (`PROMO000`), when a link has a filter.
    public var noPromotion: String?
    /// Vault columns stored dictionary encoded: every source dictionary column and `vault_dictionary`.
    public var dictionaryColumns: Set<String>
    /// The default hash strategy.
    public var strategy: HashStrategy
    /// The record-source rule.
    public var recordSourceRule: RecordSourceRule

    /// The record source of rows from `table`.
    public func recordSource(of table: String) -> String { recordSourceRule.recordSource(of: table) }
}

/// What the definition values cannot hold of a model: one sentence each.
public struct ModelConversionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reasons: [String]
    public var description: String { reasons.joined(separator: "\n") }
}

extension DataVaultModel {
    /// The column ``LinkDefinition``'s `skipPromotionNone` flag filters on.
    static let promotionColumn = "promotion_id"

    /// This model as the loader's definition values.
    ///
    /// - Throws: ``ModelConversionError`` for what the values cannot hold: composite business
    ///   keys, link filters other than `promotion_id <> one code`, several child keys, effectivity
    ///   satellites of links of more than two hubs.
    public func engineDefinitions() throws(ModelConversionError) -> EngineDefinitions {
        var reasons = [String]()
        let hubs = self.hubs.map { hub in
            if hub.srcNk.count != 1 { reasons.append("\(hub.name) has a composite business key; a HubDefinition holds one column") }
            return EngineValues.hub(name: hub.name, keyColumn: hub.srcPk, businessKey: hub.srcNk.first ?? "",
                                    sources: hub.sources.map { EngineValues.keySource(table: $0.table, column: $0.columns.first ?? "") })
        }
        let filters = links.flatMap { $0.sources.compactMap(\.filter) }
        for filter in filters where filter.column != Self.promotionColumn || filter.notEqual != filters[0].notEqual {
            reasons.append("the filter \(filter) cannot be expressed: a LinkDefinition's one filter is "
                           + "'\(Self.promotionColumn) <> \(filters[0].notEqual)'")
        }
        let links = self.links.map { link in
            EngineValues.link(name: link.name, keyColumn: link.srcPk, hubs: link.srcFk,
                              sources: link.sources.map { (table: $0.table, columns: $0.columns.map { $0.first ?? "" },
                                                           skipPromotionNone: $0.filter != nil) })
        }
        let satellites = self.satellites.map { satellite in
            EngineValues.satellite(name: satellite.name, parent: satellite.parent, parentKeyColumn: keyColumn(ofParent: satellite.parent) ?? "",
                                   source: satellite.source, payload: payloadFields(of: satellite))
        }
        let multiActive = multiActiveSatellites.map { satellite in
            if satellite.srcCdk.count != 1 { reasons.append("\(satellite.name) has \(satellite.srcCdk.count) child-key columns; the loader takes one") }
            let fields = satellite.storedColumns.compactMap { source(satellite.source)?.field($0) }
            return EngineDefinitions.MultiActive(
                definition: EngineValues.satellite(name: satellite.name, parent: satellite.parent,
                                                   parentKeyColumn: keyColumn(ofParent: satellite.parent) ?? "",
                                                   source: satellite.source, payload: fields),
                childKey: satellite.srcCdk.first ?? "")
        }
        let effectivity = effectivitySatellites.map { satellite in
            if satellite.srcSfk.count != 1 {
                reasons.append("\(satellite.name) has \(satellite.srcSfk.count) other hubs; an EffectivitySatelliteDefinition holds one")
            }
            return EngineValues.effectivity(name: satellite.name, link: satellite.link, source: satellite.source,
                                            drivingHub: satellite.srcDfk, otherHub: satellite.srcSfk.first ?? "")
        }
        guard reasons.isEmpty else { throw ModelConversionError(reasons: reasons) }
        let sourceDictionaries = sources.flatMap(\.dictionary)
        return EngineDefinitions(
            sources: sources.map { EngineDefinitions.Source(name: $0.name, schema: $0.schema, dictionaryColumns: Set($0.dictionary)) },
            hubs: hubs, links: links, satellites: satellites, multiActiveSatellites: multiActive,
            effectivitySatellites: effectivity,
            pointInTimeTables: pointInTimeTables.map { EngineValues.pointInTime(name: $0.name, hub: $0.hub, satellites: $0.satellites) },
            bridges: bridges.map { EngineValues.bridge(name: $0.name, link: $0.link, fromHub: $0.fromHub, toHub: $0.toHub) },
            noPromotion: filters.first?.notEqual,
            dictionaryColumns: Set(sourceDictionaries + vaultDictionary),
            strategy: hashing.strategy, recordSourceRule: recordSource)
    }
}

/// Builds the loader's definition values. Those types have public properties but no public
/// initialisers, so each value starts as a copy of one of ``RetailVault``'s and has every
/// property set.
enum EngineValues {
    static func keySource(table: String, column: String) -> KeySource {
        var value = RetailVault.hubs[0].sources[0]
        value.table = table
        value.column = column
        return value
    }

    static func hub(name: String, keyColumn: String, businessKey: String, sources: [KeySource]) -> HubDefinition {
        var value = RetailVault.hubs[0]
        value.name = name
        value.keyColumn = keyColumn
        value.businessKey = businessKey
        value.sources = sources
        return value
    }

    static func link(name: String, keyColumn: String, hubs: [String],
                     sources: [(table: String, columns: [String], skipPromotionNone: Bool)]) -> LinkDefinition {
        var value = RetailVault.links[0]
        value.name = name
        value.keyColumn = keyColumn
        value.hubs = hubs
        value.sources = sources
        return value
    }

    static func satellite(name: String, parent: String, parentKeyColumn: String, source: String, payload: [Field]) -> SatelliteDefinition {
        var value = RetailVault.satellites[0]
        value.name = name
        value.parent = parent
        value.parentKeyColumn = parentKeyColumn
        value.source = source
        value.payload = payload
        return value
    }

    static func effectivity(name: String, link: String, source: String, drivingHub: String, otherHub: String) -> EffectivitySatelliteDefinition {
        var value = RetailVault.promotionEffectivity
        value.name = name
        value.link = link
        value.source = source
        value.drivingHub = drivingHub
        value.otherHub = otherHub
        return value
    }

    static func pointInTime(name: String, hub: String, satellites: [String]) -> PointInTimeDefinition {
        var value = RetailVault.pointInTimeTables[0]
        value.name = name
        value.hub = hub
        value.satellites = satellites
        return value
    }

    static func bridge(name: String, link: String, fromHub: String, toHub: String) -> BridgeDefinition {
        var value = RetailVault.bridge
        value.name = name
        value.link = link
        value.fromHub = fromHub
        value.toHub = toHub
        return value
    }
}
