// HubModel.swift: a hub of a model: its key, business key and sources.

/// A hub: one row per business key ever seen, keyed by the hash of the business key.
public struct HubModel: Sendable, Equatable {
    /// `hub_customer`
    public var name: String
    /// What the business key identifies (optional).
    public var description: String
    /// The hash-key column (`src_pk`: `hub_customer_hk`).
    public var srcPk: String
    /// The business-key columns (`src_nk`: `customer_id`); several make a composite key.
    public var srcNk: [String]
    /// The sources in load order (a key's first source in this order gives its record source).
    public var sources: [HubSourceModel]

    public init(name: String, description: String = "", srcPk: String, srcNk: [String], sources: [HubSourceModel]) {
        self.name = name
        self.description = description
        self.srcPk = srcPk
        self.srcNk = srcNk
        self.sources = sources
    }
}

/// One source of a hub: the table and its business-key columns (the hub's `src_nk` unless the
/// table names them differently).
public struct HubSourceModel: Sendable, Equatable {
    /// The source table.
    public var table: String
    /// The business-key columns in that table, one per `src_nk` column.
    public var columns: [String]

    public init(table: String, columns: [String]) {
        self.table = table
        self.columns = columns
    }
}
