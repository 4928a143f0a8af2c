// SatelliteModel.swift: a satellite of a model: parent, source, payload and derived columns.

/// A satellite: insert-only versions of descriptive columns of one hub or link, a new version
/// whenever the hashdiff of the payload differs from the version in force.
public struct SatelliteModel: Sendable, Equatable {
    /// `sat_customer_details`
    public var name: String
    /// What the payload describes (optional).
    public var description: String
    /// The hub or link it describes; its key column (`src_pk`) is the parent's.
    public var parent: String
    /// The source table (one the parent loads from).
    public var source: String
    /// The hashdiff column (`src_hashdiff`).
    public var srcHashdiff: String
    /// The stored columns (`src_payload`), in table order: source columns and derived columns.
    public var payload: [String]
    /// Columns computed from the source row (``DerivedColumn``), in file order.
    public var derivedColumns: [DerivedColumn]

    public init(name: String, description: String = "", parent: String, source: String, srcHashdiff: String = "hash_diff",
                payload: [String], derivedColumns: [DerivedColumn] = []) {
        self.name = name
        self.description = description
        self.parent = parent
        self.source = source
        self.srcHashdiff = srcHashdiff
        self.payload = payload
        self.derivedColumns = derivedColumns
    }

    /// The satellites whose versions this one's derived columns look up.
    public var lookedUpSatellites: [String] {
        var seen = [String]()
        for lookup in derivedColumns.flatMap({ $0.expression.lookups }) where !seen.contains(lookup.satellite) {
            seen.append(lookup.satellite)
        }
        return seen
    }
}

/// A multi-active satellite: per parent key, a group of rows in force at once, one per value of
/// the child-dependent key (`src_cdk`); any change in the group inserts the whole group again.
public struct MultiActiveSatelliteModel: Sendable, Equatable {
    /// `sat_customer_phone_ma`
    public var name: String
    /// What a group holds (optional).
    public var description: String
    /// The hub or link it describes.
    public var parent: String
    /// The source table (one the parent loads from).
    public var source: String
    /// The hashdiff column (`src_hashdiff`); the hashdiff covers the child keys and the payload.
    public var srcHashdiff: String
    /// The child-dependent key columns (`src_cdk`), stored first.
    public var srcCdk: [String]
    /// The other stored columns (`src_payload`), after the child keys.
    public var payload: [String]

    public init(name: String, description: String = "", parent: String, source: String, srcHashdiff: String = "hash_diff",
                srcCdk: [String], payload: [String]) {
        self.name = name
        self.description = description
        self.parent = parent
        self.source = source
        self.srcHashdiff = srcHashdiff
        self.srcCdk = srcCdk
        self.payload = payload
    }

    /// The stored columns: the child-dependent keys, then the payload.
    public var storedColumns: [String] { srcCdk + payload }
}
