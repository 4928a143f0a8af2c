// DBTModels.swift: the staging and raw vault models of the dbt project, as plain DuckDB SQL.

import VaultColumnar
import VaultModel

/// Writes the SQL of every model: `stg_<source>` (views) and the hubs, links and satellites
/// (tables), all batches at once with window functions.
///
/// Batches are processed set-wise, which gives exactly vaultsim's batch-by-batch insert-only load:
///
/// - hub and link: the first occurrence of a key, ordered by batch, source (in the load order of
///   the definition) and line, gives the row (its batch's `load_date`, its record source);
/// - satellite: per key and batch, the last line wins; that version is inserted when its hashdiff
///   differs from the previous batch's surviving version (`lag`). This equals "differs from the
///   version in force", because a version that was not inserted had the hashdiff in force;
/// - `sat_sales_metrics`: `cost` takes the product's pricing in force at the batch's load date
///   (an `ASOF` join on `sat_product_pricing`), so it sees the pricing loaded in the same batch;
/// - every satellite model starts with the ghost record (``DBTGhostRecord``).
///
/// The multi-active and effectivity satellites, the as-of dates, the point-in-time tables and the
/// bridge are in `DBTModels+BusinessVault.swift`.
public struct DBTModels: Sendable {
    public let hashing: DBTHashSQL
    /// Source table name to its schema (the seed columns after `batch, line`).
    public let sources: [(name: String, schema: Schema)]
    /// The ghost row of every satellite.
    public let ghost: DBTGhostRecord
    /// The vault's table layouts under the strategy (column names, order and payload types).
    let schemas: VaultSchemas

    public init(hashing: DBTHashSQL, sources: [(name: String, schema: Schema)]) {
        self.hashing = hashing
        self.sources = sources
        ghost = DBTGhostRecord(strategy: hashing.strategy)
        schemas = VaultSchemas(strategy: hashing.strategy)
    }

    /// The satellites whose hashdiff staging computes (all but `sat_sales_metrics`, which hashes
    /// derived amounts in its own model).
    static var stagedSatellites: [SatelliteDefinition] {
        RetailVault.satellites.filter { $0.name != salesMetrics } + [RetailVault.phoneSatellite]
    }

    /// Seed name of a source table (`raw_customers`).
    public static func rawSeed(_ table: String) -> String { "raw_" + table }

    /// `lk_<link>` in a staging model (one per link and source table).
    static func linkKeyColumn(_ link: LinkDefinition) -> String { "lk_" + link.name }

    /// The hub business-key columns a source table carries, in schema order.
    func hubKeyColumns(of table: String) -> [String] {
        let keys = Set(RetailVault.hubs.flatMap { $0.sources.filter { $0.table == table }.map(\.column) })
        return (sources.first { $0.name == table }?.schema.names ?? []).filter(keys.contains)
    }

    /// `models/staging/stg_<table>.sql`
    public func staging(_ table: String, schema: Schema) -> String {
        var columns = ["batch", "line", "CAST(DATE '{{ var(\"base_date\") }}' + CAST(batch AS INTEGER) AS TIMESTAMP) AS load_date",
                       "'\(RetailVault.recordSource(of: table))' AS record_source"]
        columns += schema.names
        for column in hubKeyColumns(of: table) {
            columns.append("\(hashing.key([column])) AS hk_\(column)")
            columns.append("\(hashing.standardised(column)) AS bk_\(column)")
        }
        for link in RetailVault.links {
            for source in link.sources where source.table == table {
                columns.append("\(hashing.key(source.columns)) AS \(Self.linkKeyColumn(link))")
            }
        }
        for satellite in Self.stagedSatellites where satellite.source == table {
            columns.append("\(hashing.hashdiff(satellite.payload.map(\.name))) AS hd_\(satellite.name)")
        }
        return """
            -- Every batch of \(table) with its load date, record source, hash keys (hk_), cleaned business
            -- keys (bk_), link keys (lk_) and hashdiffs (hd_). `line` is the row's position in its batch.
            SELECT
                \(columns.joined(separator: ",\n    "))
            FROM {{ ref('\(Self.rawSeed(table))') }}

            """
    }

    /// `models/raw_vault/<hub>.sql`
    public func hub(_ hub: HubDefinition) -> String {
        let parts = hub.sources.enumerated().map { order, source in
            """
                SELECT hk_\(source.column) AS \(hub.keyColumn), bk_\(source.column) AS \(hub.businessKey), load_date,
                       record_source, batch, \(order) AS source_order, line
                FROM {{ ref('stg_\(source.table)') }}
                WHERE hk_\(source.column) IS NOT NULL AND bk_\(source.column) IS NOT NULL
            """
        }
        return firstOccurrence(of: hub.keyColumn, columns: [hub.keyColumn, hub.businessKey], parts: parts,
                               what: "\(hub.name): the first occurrence of each \(hub.businessKey)")
    }

    /// `models/raw_vault/<link>.sql`
    public func link(_ link: LinkDefinition) -> String {
        let keyColumns = link.hubs.map { "\($0)_hk" }
        let parts = link.sources.enumerated().map { order, source in
            let hubKeys = zip(source.columns, keyColumns).map { "hk_\($0) AS \($1)" }.joined(separator: ", ")
            var conditions = [Self.linkKeyColumn(link)] + source.columns.map { "hk_" + $0 }
            conditions = conditions.map { "\($0) IS NOT NULL" }
            if let filter = source.excluding { conditions.append("bk_\(filter.column) <> '\(filter.value)'") }
            return """
                    SELECT \(Self.linkKeyColumn(link)) AS \(link.keyColumn), \(hubKeys), load_date, record_source,
                           batch, \(order) AS source_order, line
                    FROM {{ ref('stg_\(source.table)') }}
                    WHERE \(conditions.joined(separator: " AND "))
                """
        }
        return firstOccurrence(of: link.keyColumn, columns: [link.keyColumn] + keyColumns, parts: parts,
                               what: "\(link.name): the first occurrence of each combination of hub keys")
    }

    func firstOccurrence(of key: String, columns: [String], parts: [String], what: String) -> String {
        """
        -- \(what) over all batches (batch, then source, then line): the row vaultsim inserts.
        WITH candidates AS (
        \(parts.joined(separator: "\n    UNION ALL\n"))
        )
        SELECT \(columns.joined(separator: ", ")), load_date, record_source
        FROM candidates
        QUALIFY row_number() OVER (PARTITION BY \(key) ORDER BY batch, source_order, line) = 1

        """
    }

    static let salesMetrics = "sat_sales_metrics"

    /// `models/raw_vault/<satellite>.sql`
    public func satellite(_ satellite: SatelliteDefinition) -> String {
        let payload = satellite.payload.map(\.name)
        let typed = satellite.payload.map { "CAST(\($0.name) AS \(DBTTypes.sql($0.type))) AS \($0.name)" }
        let rows: String
        if satellite.name == Self.salesMetrics {
            rows = salesMetricsRows(satellite)
        } else {
            let hub = RetailVault.hubs.first { $0.name == satellite.parent }!
            rows = """
                rows AS (
                    SELECT hk_\(hub.businessKey) AS pk, hd_\(satellite.name) AS hd, batch, line, load_date, record_source,
                           \(payload.joined(separator: ", "))
                    FROM {{ ref('stg_\(satellite.source)') }}
                    WHERE hk_\(hub.businessKey) IS NOT NULL
                ),
                """
        }
        let inserted = """
                SELECT pk AS \(satellite.parentKeyColumn), load_date, hd AS hash_diff, record_source,
                       \(typed.joined(separator: ",\n           "))
                FROM changes
                WHERE previous_hd IS NULL OR previous_hd <> hd
            """
        return """
            -- \(satellite.name): per key and batch the last line wins; it is inserted when its hashdiff
            -- differs from the previous batch's surviving version (the version in force).
            WITH \(rows)
            latest_in_batch AS (
                SELECT * FROM rows
                QUALIFY row_number() OVER (PARTITION BY pk, batch ORDER BY line DESC) = 1
            ),
            changes AS (
                SELECT *, lag(hd) OVER (PARTITION BY pk ORDER BY batch) AS previous_hd FROM latest_in_batch
            ),

            """ + ghost.recordsToInsert(schemas.satellite(satellite), inserted: inserted)
    }

    /// The rows of `sat_sales_metrics`: derived amounts with the pricing in force, then the hashdiff.
    func salesMetricsRows(_ satellite: SatelliteDefinition) -> String {
        let link = RetailVault.links.first { $0.name == satellite.parent }!
        let source = link.sources[0]
        let keys = ([Self.linkKeyColumn(link)] + source.columns.map { "hk_" + $0 }).map { "\($0) IS NOT NULL" }
        let payload = satellite.payload.map(\.name)
        return """
            pricing AS (
                SELECT hub_product_hk, load_date, unit_cost FROM {{ ref('sat_product_pricing') }}
            ),
            derived AS (
                SELECT t.*,
                       CAST(t.unit_price * t.quantity - t.discount_amount + t.tax_amount AS DECIMAL(18,2)) AS total_amount,
                       CAST(p.unit_cost * t.quantity AS DECIMAL(18,2)) AS cost
                FROM {{ ref('stg_\(source.table)') }} t
                ASOF LEFT JOIN pricing p ON p.hub_product_hk = t.hk_product_id AND t.load_date >= p.load_date
            ),
            measured AS (
                SELECT *, CAST(total_amount - cost AS DECIMAL(18,2)) AS profit FROM derived
            ),
            rows AS (
                SELECT \(Self.linkKeyColumn(link)) AS pk, \(hashing.hashdiff(payload)) AS hd,
                       batch, line, load_date, record_source, \(payload.joined(separator: ", "))
                FROM measured
                WHERE \(keys.joined(separator: " AND "))
            ),
            """
    }
}

/// DuckDB types of the dbt project's columns (timestamps without time zone: UTC by convention).
enum DBTTypes {
    static func sql(_ type: ColumnType) -> String {
        type == .timestamp ? "TIMESTAMP" : SQLDialect.duckdb.typeName(type)
    }
}
