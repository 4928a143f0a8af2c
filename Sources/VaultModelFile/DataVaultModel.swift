// DataVaultModel.swift: a whole Data Vault as a model file declares it.

import VaultColumnar

/// A Data Vault read from a model file (see docs/MODEL-FILES.md): its sources, the rules every
/// table shares (hashing, load date, record source), and its tables in load order.
///
/// Produced by ``ModelFile/read(_:fileName:)``, which has checked every reference, column and
/// type; a value built by hand is not checked (``ModelValidator`` checks one).
public struct DataVaultModel: Sendable, Equatable {
    /// The model's name (`retail`).
    public var name: String
    /// What the vault holds, in a sentence or two.
    public var description: String
    /// How keys and hashdiffs are hashed unless a command says otherwise.
    public var hashing: HashingRule
    /// The load-date column and how its value is chosen.
    public var loadDate: LoadDateRule
    /// The record-source column and how its value is made from a source table's name.
    public var recordSource: RecordSourceRule
    /// The source tables, in file order.
    public var sources: [SourceModel]
    /// Hubs, in load order.
    public var hubs: [HubModel]
    /// Links, in load order.
    public var links: [LinkModel]
    /// Satellites of hubs and links, in load order.
    public var satellites: [SatelliteModel]
    /// Multi-active satellites.
    public var multiActiveSatellites: [MultiActiveSatelliteModel]
    /// Effectivity satellites of links.
    public var effectivitySatellites: [EffectivitySatelliteModel]
    /// Point-in-time tables.
    public var pointInTimeTables: [PointInTimeModel]
    /// Bridges.
    public var bridges: [BridgeModel]
    /// Vault columns stored dictionary encoded besides those dictionary encoded in their source.
    public var vaultDictionary: [String]

    public init(name: String, description: String = "", hashing: HashingRule = HashingRule(),
                loadDate: LoadDateRule = LoadDateRule(), recordSource: RecordSourceRule,
                sources: [SourceModel] = [], hubs: [HubModel] = [], links: [LinkModel] = [],
                satellites: [SatelliteModel] = [], multiActiveSatellites: [MultiActiveSatelliteModel] = [],
                effectivitySatellites: [EffectivitySatelliteModel] = [], pointInTimeTables: [PointInTimeModel] = [],
                bridges: [BridgeModel] = [], vaultDictionary: [String] = []) {
        self.name = name
        self.description = description
        self.hashing = hashing
        self.loadDate = loadDate
        self.recordSource = recordSource
        self.sources = sources
        self.hubs = hubs
        self.links = links
        self.satellites = satellites
        self.multiActiveSatellites = multiActiveSatellites
        self.effectivitySatellites = effectivitySatellites
        self.pointInTimeTables = pointInTimeTables
        self.bridges = bridges
        self.vaultDictionary = vaultDictionary
    }

    /// The source table called `name`.
    public func source(_ name: String) -> SourceModel? { sources.first { $0.name == name } }

    /// The hub called `name`.
    public func hub(_ name: String) -> HubModel? { hubs.first { $0.name == name } }

    /// The link called `name`.
    public func link(_ name: String) -> LinkModel? { links.first { $0.name == name } }

    /// The satellite called `name` (not a multi-active or effectivity satellite).
    public func satellite(_ name: String) -> SatelliteModel? { satellites.first { $0.name == name } }

    /// The key column of the hub or link called `name`.
    public func keyColumn(ofParent name: String) -> String? { hub(name)?.srcPk ?? link(name)?.srcPk }

    /// The names of every vault table the model declares, grouped as in the file.
    public var tableNames: [String] {
        hubs.map(\.name) + links.map(\.name) + satellites.map(\.name) + multiActiveSatellites.map(\.name)
            + effectivitySatellites.map(\.name) + pointInTimeTables.map(\.name) + bridges.map(\.name)
    }

    /// The stored columns of satellite `satellite`, in payload order, with their types: source
    /// columns keep their source type (and nullability), derived columns have their declared type.
    public func payloadFields(of satellite: SatelliteModel) -> [Field] {
        let source = self.source(satellite.source)
        return satellite.payload.compactMap { name in
            if let derived = satellite.derivedColumns.first(where: { $0.name == name }) { return Field(name, derived.type) }
            return source?.field(name)
        }
    }
}
