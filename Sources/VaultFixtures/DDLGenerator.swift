// DDLGenerator.swift: CREATE TABLE statements for every table of a vault, in one SQL dialect.

import VaultColumnar
import VaultHashing
import VaultModel

/// Writes the DDL of a vault catalog: one `CREATE TABLE` per table with its columns (SQL types of
/// the dialect, NOT NULL where the schema says so), its primary key (UNIQUE when a key column is
/// nullable), and comments on the table and its columns.
///
/// DuckDB and PostgreSQL get `COMMENT ON TABLE/COLUMN ... IS '...'` statements after each table;
/// Snowflake gets inline `COMMENT '...'` on columns and `COMMENT = '...'` on the table. Hash
/// columns follow the catalog's strategy: binary keys become BLOB / BYTEA / BINARY(n), hex keys
/// CHAR(2n).
///
/// ```sql
/// CREATE TABLE hub_customer (
///     hub_customer_hk BLOB NOT NULL,
///     customer_id VARCHAR NOT NULL,
///     load_date TIMESTAMP WITH TIME ZONE NOT NULL,
///     record_source VARCHAR NOT NULL,
///     CONSTRAINT hub_customer_pk PRIMARY KEY (hub_customer_hk)
/// );
/// ```
public struct DDLGenerator: Sendable {
    public let dialect: SQLDialect
    public let catalog: VaultCatalog

    public init(dialect: SQLDialect, catalog: VaultCatalog) {
        self.dialect = dialect
        self.catalog = catalog
    }

    /// The whole script: a header comment, then every table in catalog order.
    public func script(version: String) -> String {
        let strategy = catalog.strategy
        var out = "-- vaultsim \(version): \(dialect.displayName) DDL of the retail vault (raw and business) and its batch log.\n"
        out += "-- Hash keys and hashdiffs: \(strategy.algorithm.rawValue), \(strategy.keyFormat.rawValue) keys, "
            + "\(strategy.profile.rawValue) profile.\n"
        out += "-- Timestamps are UTC instants; CSV exports (vaultsim load --export) write them without offset, in UTC.\n"
        for table in catalog.tables {
            out += "\n" + statements(for: table).joined(separator: "\n") + "\n"
        }
        return out
    }

    /// The statements for one table: `CREATE TABLE`, then (DuckDB, PostgreSQL) its comments.
    public func statements(for table: VaultTableDescription) -> [String] {
        let name = dialect.identifier(table.name)
        var lines = table.schema.fields.map { "    " + columnDefinition($0, in: table) }
        if let constraint = keyConstraint(for: table) { lines.append("    " + constraint) }
        var create = "CREATE TABLE \(name) (\n" + lines.joined(separator: ",\n") + "\n)"
        if dialect == .snowflake {
            create += " COMMENT = \(dialect.literal(table.comment))"
        }
        var statements = [create + ";"]
        if dialect != .snowflake {
            statements.append("COMMENT ON TABLE \(name) IS \(dialect.literal(table.comment));")
            for field in table.schema.fields {
                guard let comment = table.columnComments[field.name] else { continue }
                statements.append("COMMENT ON COLUMN \(name).\(dialect.identifier(field.name)) IS \(dialect.literal(comment));")
            }
        }
        return statements
    }

    /// The table's key: `CONSTRAINT t_pk PRIMARY KEY (...)`, or `CONSTRAINT t_key UNIQUE (...)` when a
    /// key column may be NULL (a primary key implies NOT NULL; `sat_customer_phone_ma`'s ghost record
    /// has a NULL `phone_type`). UNIQUE treats NULLs as distinct in DuckDB, PostgreSQL and Snowflake,
    /// so the real rows are still unique on the key. `nil` when the table has no key.
    func keyConstraint(for table: VaultTableDescription) -> String? {
        guard !table.primaryKey.isEmpty else { return nil }
        let columns = table.primaryKey.map(dialect.identifier).joined(separator: ", ")
        let nullable = table.primaryKey.contains { name in table.schema.fields.contains { $0.name == name && $0.nullable } }
        return nullable ? "CONSTRAINT \(dialect.identifier(table.name + "_key")) UNIQUE (\(columns))"
                        : "CONSTRAINT \(dialect.identifier(table.name + "_pk")) PRIMARY KEY (\(columns))"
    }

    /// `name TYPE [NOT NULL] [COMMENT '...']`
    func columnDefinition(_ field: Field, in table: VaultTableDescription) -> String {
        let hexLength = table.hashColumns.contains(field.name) && catalog.strategy.keyFormat == .hex
            ? catalog.strategy.algorithm.digestLength * 2 : nil
        var text = dialect.identifier(field.name) + " " + dialect.typeName(field.type, hexKeyLength: hexLength)
        if !field.nullable { text += " NOT NULL" }
        if dialect == .snowflake, let comment = table.columnComments[field.name] {
            text += " COMMENT " + dialect.literal(comment)
        }
        return text
    }
}
