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
    /// This model as the loader's definition values.
    ///
    /// - Throws: ``ModelConversionError`` for what the values cannot hold: composite business
    ///   keys, link filters on more than one column, several child keys, effectivity satellites of
    ///   links of more than two hubs.
    public func engineDefinitions() throws(ModelConversionError) -> EngineDefinitions {
        var reasons = [String]()
        let hubs = self.hubs.map { hub in
            if hub.srcNk.count != 1 { reasons.append("\(hub.name) has a composite business key; a HubDefinition holds one column") }
            return HubDefinition(name: hub.name, keyColumn: hub.srcPk, businessKey: hub.srcNk.first ?? "",
                                 sources: hub.sources.map { KeySource(table: $0.table, column: $0.columns.first ?? "") })
        }
        let links = self.links.map { link in
            LinkDefinition(name: link.name, keyColumn: link.srcPk, hubs: link.srcFk, sources: link.sources.map { source in
                LinkSource(table: source.table, columns: source.columns.map { $0.first ?? "" },
                           excluding: source.filter.map { LinkSourceFilter(column: $0.column, value: $0.notEqual) })
            })
        }
        let satellites = self.satellites.map { satellite in
            SatelliteDefinition(name: satellite.name, parent: satellite.parent, parentKeyColumn: keyColumn(ofParent: satellite.parent) ?? "",
                                source: satellite.source, payload: payloadFields(of: satellite))
        }
        let multiActive = multiActiveSatellites.map { satellite in
            if satellite.srcCdk.count != 1 { reasons.append("\(satellite.name) has \(satellite.srcCdk.count) child-key columns; the loader takes one") }
            let fields = satellite.storedColumns.compactMap { source(satellite.source)?.field($0) }
            return EngineDefinitions.MultiActive(
                definition: SatelliteDefinition(name: satellite.name, parent: satellite.parent,
                                                parentKeyColumn: keyColumn(ofParent: satellite.parent) ?? "",
                                                source: satellite.source, payload: fields),
                childKey: satellite.srcCdk.first ?? "")
        }
        let effectivity = effectivitySatellites.map { satellite in
            if satellite.srcSfk.count != 1 {
                reasons.append("\(satellite.name) has \(satellite.srcSfk.count) other hubs; an EffectivitySatelliteDefinition holds one")
            }
            let other = satellite.srcSfk.first ?? ""
            // The business-key columns of the driving and the other hub in the satellite's source.
            let link = self.links.first { $0.name == satellite.link }
            let source = link?.sources.first { $0.table == satellite.source }
            func column(_ hub: String) -> String {
                guard let link, let source, let k = link.srcFk.firstIndex(of: hub), k < source.columns.count else { return "" }
                return source.columns[k].first ?? ""
            }
            return EffectivitySatelliteDefinition(
                name: satellite.name, link: satellite.link, source: satellite.source, drivingHub: satellite.srcDfk, otherHub: other,
                drivingKeyColumn: column(satellite.srcDfk), otherKeyColumn: column(other),
                startDateColumn: satellite.srcStartDate, endDateColumn: satellite.srcEndDate)
        }
        guard reasons.isEmpty else { throw ModelConversionError(reasons: reasons) }
        let sourceDictionaries = sources.flatMap(\.dictionary)
        return EngineDefinitions(
            sources: sources.map { EngineDefinitions.Source(name: $0.name, schema: $0.schema, dictionaryColumns: Set($0.dictionary)) },
            hubs: hubs, links: links, satellites: satellites, multiActiveSatellites: multiActive,
            effectivitySatellites: effectivity,
            pointInTimeTables: pointInTimeTables.map { PointInTimeDefinition(name: $0.name, hub: $0.hub, satellites: $0.satellites) },
            bridges: bridges.map { BridgeDefinition(name: $0.name, link: $0.link, fromHub: $0.fromHub, toHub: $0.toHub) },
            dictionaryColumns: Set(sourceDictionaries + vaultDictionary),
            strategy: hashing.strategy, recordSourceRule: recordSource)
    }
}
