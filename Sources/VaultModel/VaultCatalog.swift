// VaultCatalog.swift: every table a vault holds, with its role, primary key and descriptions.

import VaultColumnar
import VaultHashing

/// The role of a table in the vault.
public enum VaultTableKind: String, Sendable, Equatable {
    case hub
    case link
    case satellite
    /// A satellite with a group of rows in force per key (one per child-dependent key).
    case multiActiveSatellite = "multi-active satellite"
    /// A satellite on a link holding when the link starts and ends.
    case effectivitySatellite = "effectivity satellite"
    /// A business-vault table: per hub key and snapshot date, the satellite versions in force.
    case pointInTime = "point-in-time table"
    /// A business-vault table: per snapshot date, the rows of a link loaded by then.
    case bridge
    case batchLog = "batch log"
    /// A table the catalog has no role for (described by its schema only).
    case other
}

/// One table of the vault as other tools see it: schema, role, primary key and comments.
public struct VaultTableDescription: Sendable, Equatable {
    public var name: String
    public var kind: VaultTableKind
    public var schema: Schema
    /// Primary-key columns, in order (empty when the table has none).
    public var primaryKey: [String]
    /// One sentence on what a row is.
    public var comment: String
    /// A sentence per column (columns without one are left undescribed).
    public var columnComments: [String: String]
    /// The columns holding hash keys or hashdiffs (binary or hex under the vault's strategy).
    public var hashColumns: Set<String>
}

/// Describes every table of a vault: hubs, links, satellites, the multi-active and effectivity
/// satellites, the point-in-time tables and the bridge (from their definitions), any other table
/// the vault lists, and the batch log.
///
/// Built in the order of ``Vault/allTables()`` (the stored tables, then the business vault), so a
/// table added to the vault appears here (as ``VaultTableKind/other`` until it is given a role).
public struct VaultCatalog: Sendable {
    public let strategy: HashStrategy
    public let tables: [VaultTableDescription]

    /// The catalog of `vault` (its tables need not hold rows). The business-vault tables are taken
    /// from an empty vault of the same strategy: their schemas, without materialising any rows.
    public init(vault: Vault) {
        strategy = vault.strategy
        let context = DescriptionContext(strategy: vault.strategy)
        let business = Vault(strategy: vault.strategy, threads: 1).businessTables()
        tables = (vault.tables + business).map { Self.describe($0, context) }
            + [Self.describeBatchLog(vault.batchLog.table)]
    }

    /// The catalog of an empty vault under `strategy`.
    public init(strategy: HashStrategy) {
        self.init(vault: Vault(strategy: strategy, threads: 1))
    }

    /// The table called `name`.
    public func table(_ name: String) -> VaultTableDescription? { tables.first { $0.name == name } }

    /// `MD5 digest (16 bytes)` or `MD5 digest as 32 uppercase hex characters`, plus the profile.
    static func keyText(_ strategy: HashStrategy) -> String {
        let algorithm = strategy.algorithm.rawValue.uppercased()
        let length = strategy.algorithm.digestLength
        let form = strategy.keyFormat == .binary
            ? "\(algorithm) digest (\(length) bytes)"
            : "\(algorithm) digest as \(length * 2) \(strategy.effectiveHexCase.rawValue)case hex characters"
        return "\(form), \(strategy.profile.rawValue) profile"
    }

    static let loadDateComment = "when the row was loaded: the batch's business date at 00:00:00 UTC"
    static let recordSourceComment = "source system and table the row came from (RETAIL.<TABLE>)"

    static func describe(_ table: Table, _ context: DescriptionContext) -> VaultTableDescription {
        let keyText = context.keyText
        if let hub = RetailVault.hubs.first(where: { $0.name == table.name }) {
            let sources = hub.sources.map(\.table).joined(separator: ", ")
            return VaultTableDescription(
                name: hub.name, kind: .hub, schema: table.schema, primaryKey: [hub.keyColumn],
                comment: "Hub: one row per \(hub.businessKey) ever seen (from \(sources)); insert-only.",
                columnComments: [
                    hub.keyColumn: "hash key of the standardised \(hub.businessKey): \(keyText)",
                    hub.businessKey: "business key, trimmed and upper-cased",
                    "load_date": loadDateComment, "record_source": recordSourceComment,
                ], hashColumns: [hub.keyColumn])
        }
        if let link = RetailVault.links.first(where: { $0.name == table.name }) {
            var columns = [link.keyColumn: "hash key of the combined hub business keys: \(keyText)",
                           "load_date": loadDateComment, "record_source": recordSourceComment]
            for hub in link.hubs { columns["\(hub)_hk"] = "hash key of \(hub)" }
            return VaultTableDescription(
                name: link.name, kind: .link, schema: table.schema, primaryKey: [link.keyColumn],
                comment: "Link: one row per distinct combination of \(link.hubs.joined(separator: ", ")); insert-only.",
                columnComments: columns, hashColumns: Set([link.keyColumn] + link.hubs.map { "\($0)_hk" }))
        }
        if let satellite = RetailVault.satellites.first(where: { $0.name == table.name }) {
            var columns = [
                satellite.parentKeyColumn: "hash key of the parent \(satellite.parent)",
                "load_date": loadDateComment + "; the version is in force until the next version's load_date",
                "hash_diff": "hash of the payload columns (change detection): \(keyText)",
                "record_source": recordSourceComment,
            ]
            for field in satellite.payload { columns[field.name] = "from \(satellite.source).\(field.name)" }
            if satellite.name == "sat_sales_metrics" {
                columns["total_amount"] = "unit_price * quantity - discount_amount + tax_amount"
                columns["cost"] = "unit_cost of the product pricing in force * quantity"
                columns["profit"] = "total_amount - cost"
            }
            return VaultTableDescription(
                name: satellite.name, kind: .satellite, schema: table.schema,
                primaryKey: [satellite.parentKeyColumn, "load_date"],
                comment: "Satellite of \(satellite.parent) from \(satellite.source): insert-only versions, "
                    + "a new row when the hash_diff differs from the version in force. " + context.ghostText,
                columnComments: columns, hashColumns: [satellite.parentKeyColumn, "hash_diff"])
        }
        if let description = describeBusiness(table, context) { return description }
        // A table without a role: hash columns are recognised by name (`..._hk`, `hash_diff`).
        let hashColumns = table.schema.names.filter { $0.hasSuffix("_hk") || $0 == "hash_diff" }
        return VaultTableDescription(name: table.name, kind: .other, schema: table.schema, primaryKey: [],
                                     comment: "Vault table \(table.name).", columnComments: [:],
                                     hashColumns: Set(hashColumns))
    }

    static func describeBatchLog(_ table: Table) -> VaultTableDescription {
        VaultTableDescription(
            name: table.name, kind: .batchLog, schema: table.schema, primaryKey: ["batch_id", "table_name"],
            comment: "Batch log: per batch and vault table, what loading did.",
            columnComments: [
                "batch_id": "batch number, 0 for the initial full extract", "load_date": loadDateComment,
                "table_name": "vault table", "rows_in": "source rows offered to the table",
                "rows_inserted": "rows inserted", "rows_rejected": "rows with a NULL key (not loaded)",
                "rows_duplicate": "rows identical to an earlier row of the batch",
                "rows_superseded": "rows replaced by a later, different row of the same key in the batch",
                "rows_unchanged": "keys already present, or satellite versions equal to the version in force",
                "duration_us": "time spent loading the table, microseconds",
            ], hashColumns: [])
    }
}
