// LinkModel.swift: a link of a model: the hubs it joins and where their keys come from.

/// A link: one row per distinct combination of its hubs' keys.
public struct LinkModel: Sendable, Equatable {
    /// `link_sales`
    public var name: String
    /// What a row relates (optional).
    public var description: String
    /// The link's hash-key column (`src_pk`: `link_sales_hk`).
    public var srcPk: String
    /// The hubs it joins, in key order (`src_fk`): the link key hashes their business keys in
    /// this order.
    public var srcFk: [String]
    /// The sources in load order.
    public var sources: [LinkSourceModel]

    public init(name: String, description: String = "", srcPk: String, srcFk: [String], sources: [LinkSourceModel]) {
        self.name = name
        self.description = description
        self.srcPk = srcPk
        self.srcFk = srcFk
        self.sources = sources
    }
}

/// One source of a link: the table, the business-key columns of each hub there, and an optional
/// filter on the rows that may form links.
public struct LinkSourceModel: Sendable, Equatable {
    /// The source table.
    public var table: String
    /// Per hub of the link's `src_fk`, in that order, its business-key columns in this table.
    public var columns: [[String]]
    /// Rows that do not pass are not candidates for the link.
    public var filter: RowFilter?

    public init(table: String, columns: [[String]], filter: RowFilter? = nil) {
        self.table = table
        self.columns = columns
        self.filter = filter
    }
}
