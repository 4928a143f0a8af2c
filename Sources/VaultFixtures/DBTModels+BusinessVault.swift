// DBTModels+BusinessVault.swift: the multi-active and effectivity satellites, the as-of dates, the
// point-in-time tables and the bridge as DuckDB SQL (rules: docs/BUSINESS-VAULT.md).

import VaultColumnar
import VaultModel

extension DBTModels {
    /// The model of the as-of dates (AutomateDV's `as_of_dates_table`).
    public static let asOfDates = "as_of_dates"

    /// `models/raw_vault/sat_customer_phone_ma.sql`: group-level change detection, all batches at once.
    ///
    /// A key's group in a batch is its rows, one per child-dependent key (the last line of each).
    /// The group is inserted when the key has no group yet, when the member count differs from the
    /// group in force, or when a member's hashdiff is not among the group in force's. The previous
    /// batch's group stands for the group in force: a group that was not inserted has the same count
    /// and every member among the group in force, and members' hashdiffs are distinct (the child key
    /// is hashed), so it has exactly the hashdiffs of the group in force.
    public func multiActiveSatellite(_ satellite: SatelliteDefinition, childKey: String) -> String {
        let hub = RetailVault.hubs.first { $0.name == satellite.parent }!
        let payload = satellite.payload.map(\.name)
        let typed = satellite.payload.map { "CAST(m.\($0.name) AS \(DBTTypes.sql($0.type))) AS \($0.name)" }
        let inserted = """
                SELECT m.pk AS \(satellite.parentKeyColumn), m.load_date, m.hd AS hash_diff, m.record_source,
                       \(typed.joined(separator: ",\n           "))
                FROM members m
                JOIN changes c ON c.pk = m.pk AND c.batch = m.batch
                WHERE c.previous_hashdiffs IS NULL
                   OR len(c.hashdiffs) <> len(c.previous_hashdiffs)
                   OR NOT list_has_all(c.previous_hashdiffs, c.hashdiffs)
            """
        return """
            -- \(satellite.name): multi-active (AutomateDV ma_sat), child-dependent key \(childKey). A key's group
            -- in a batch is one row per \(childKey), the last line of each; the whole group is inserted with the
            -- batch's load_date when the key has no group yet, when the member count differs from the group in
            -- force, or when a member's hashdiff is not among the group in force's. The previous batch's group
            -- is the group in force: a group not inserted has the same hashdiffs (same count, each among them,
            -- distinct because \(childKey) is hashed).
            WITH rows AS (
                SELECT hk_\(hub.businessKey) AS pk, hd_\(satellite.name) AS hd, batch, line, load_date, record_source,
                       \(payload.joined(separator: ", "))
                FROM {{ ref('stg_\(satellite.source)') }}
                WHERE hk_\(hub.businessKey) IS NOT NULL
            ),
            members AS (
                SELECT * FROM rows
                QUALIFY row_number() OVER (PARTITION BY pk, batch, \(childKey) ORDER BY line DESC) = 1
            ),
            groups AS (
                SELECT pk, batch, list(hd) AS hashdiffs FROM members GROUP BY pk, batch
            ),
            changes AS (
                SELECT *, lag(hashdiffs) OVER (PARTITION BY pk ORDER BY batch) AS previous_hashdiffs FROM groups
            ),

            """ + ghost.recordsToInsert(schemas.satellite(satellite), inserted: inserted)
    }

    /// `models/raw_vault/sat_product_promotion_eff.sql`: driving-key end dating, one recursive step
    /// per batch.
    ///
    /// A link's version in force depends on closings that other links' new versions caused in
    /// earlier batches, so no window over batches can stand for it. The recursive CTE `state` holds
    /// every link's version in force after each batch (batch -1: none yet) and whether that batch
    /// inserted it; each step applies one batch exactly as vaultsim does (docs/BUSINESS-VAULT.md).
    public func effectivitySatellite(_ effectivity: EffectivitySatelliteDefinition) -> String {
        let link = RetailVault.links.first { $0.name == effectivity.link }!
        let source = link.sources.first { $0.table == effectivity.source }!
        let driving = "hk_" + source.columns[link.hubs.firstIndex(of: effectivity.drivingHub)!]
        let other = "hk_" + source.columns[link.hubs.firstIndex(of: effectivity.otherHub)!]
        let linkKey = Self.linkKeyColumn(link)
        let open = "DATE '9999-12-31'"
        let inserted = """
                SELECT link_hk AS \(effectivity.link)_hk, load_date, driving_hk AS \(effectivity.drivingHub)_hk,
                       other_hk AS \(effectivity.otherHub)_hk, start_date, end_date, record_source
                FROM state
                WHERE inserted
            """
        return """
            -- \(effectivity.name): effectivity satellite of \(effectivity.link); \(effectivity.drivingHub) is the
            -- driving key. Per batch: the last row of each link (source order) is inserted when the link has no
            -- version yet or its (start_date, end_date) differs from the version in force (end_date NULL: open,
            -- 9999-12-31); when a batch inserts an open version for a driving key, every other link of that key
            -- whose version in force is open and which has no row in the batch gets a closing version: same keys
            -- and start_date, end_date = the start_date of the key's first (in source order) newly opened link.
            -- Closings change the version in force of later batches, so the batches are applied one by one by
            -- the recursive CTE `state`: every link's version in force after each batch, and whether the batch
            -- inserted it.
            WITH RECURSIVE kept AS (
                SELECT \(linkKey) AS link_hk, \(driving) AS driving_hk, \(other) AS other_hk,
                       CAST(start_date AS DATE) AS start_date, coalesce(CAST(end_date AS DATE), \(open)) AS end_date,
                       batch, line, load_date, record_source
                FROM {{ ref('stg_\(effectivity.source)') }}
                WHERE \(linkKey) IS NOT NULL AND \(driving) IS NOT NULL AND \(other) IS NOT NULL
                QUALIFY row_number() OVER (PARTITION BY \(linkKey), batch ORDER BY line DESC) = 1
            ),
            state AS (
                SELECT -1 AS batch, link_hk, any_value(driving_hk) AS driving_hk, any_value(other_hk) AS other_hk,
                       CAST(NULL AS DATE) AS start_date, CAST(NULL AS DATE) AS end_date,
                       CAST(NULL AS TIMESTAMP) AS load_date, CAST(NULL AS VARCHAR) AS record_source, false AS inserted
                FROM kept
                GROUP BY link_hk
                UNION ALL
                SELECT batch, link_hk, driving_hk, other_hk,
                       CASE WHEN changed THEN new_start ELSE start_date END,
                       CASE WHEN changed THEN new_end WHEN closed THEN closing_end ELSE end_date END,
                       CASE WHEN changed THEN new_load_date WHEN closed THEN closing_load_date ELSE load_date END,
                       CASE WHEN changed THEN new_record_source ELSE record_source END,
                       changed OR closed
                FROM (
                    SELECT *, NOT has_row AND load_date IS NOT NULL AND end_date = \(open) AND closing_end IS NOT NULL AS closed
                    FROM (
                        SELECT *,
                               arg_min(new_start, new_line) FILTER (WHERE changed AND new_end = \(open))
                                   OVER (PARTITION BY driving_hk) AS closing_end,
                               min(new_load_date) FILTER (WHERE changed AND new_end = \(open))
                                   OVER (PARTITION BY driving_hk) AS closing_load_date
                        FROM (
                            SELECT s.batch + 1 AS batch, s.link_hk, s.driving_hk, s.other_hk, s.start_date, s.end_date,
                                   s.load_date, s.record_source, k.link_hk IS NOT NULL AS has_row,
                                   k.start_date AS new_start, k.end_date AS new_end, k.line AS new_line,
                                   k.load_date AS new_load_date, k.record_source AS new_record_source,
                                   k.link_hk IS NOT NULL AND (s.load_date IS NULL OR k.start_date IS DISTINCT FROM s.start_date
                                                              OR k.end_date <> s.end_date) AS changed
                            FROM state s
                            LEFT JOIN kept k ON k.link_hk = s.link_hk AND k.batch = s.batch + 1
                            WHERE s.batch < (SELECT max(batch) FROM kept)
                        ) step
                    ) with_closing_end
                ) decided
            ),

            """ + ghost.recordsToInsert(schemas.effectivity(effectivity), inserted: inserted)
    }

    /// `models/business_vault/as_of_dates.sql`: every business date from the first to the last
    /// loaded batch, daily (vaultsim's default snapshot calendar).
    public func asOfDatesModel() -> String {
        let batches = sources.map { "SELECT batch FROM {{ ref('stg_\($0.name)') }}" }
        return """
            -- The snapshot dates of the point-in-time tables and the bridge (AutomateDV's as_of_dates_table):
            -- every business date from the first to the last loaded batch, daily, as vaultsim's default
            -- --pit-from, --pit-to and --pit-grain day.
            WITH batches AS (
                \(batches.joined(separator: "\n    UNION\n    "))
            )
            SELECT CAST(DATE '{{ var("base_date") }}' + CAST(b AS INTEGER) AS DATE) AS as_of_date
            FROM (SELECT unnest(range(min(batch), max(batch) + 1)) AS b FROM batches)

            """
    }

    /// `models/business_vault/<pit>.sql`: hub keys × as-of dates, each satellite's version in force
    /// through validity ranges (`lead` of the load dates), the ghost record where none is.
    public func pointInTime(_ pit: PointInTimeDefinition) -> String {
        let hubKey = "\(pit.hub)_hk"
        let ranges = pit.satellites.map { satellite in
            """
            \(satellite)_ranges AS (
                SELECT \(hubKey) AS pk, load_date,
                       lead(load_date) OVER (PARTITION BY \(hubKey) ORDER BY load_date) AS next_load_date
                FROM {{ ref('\(satellite)') }}
            )
            """
        }
        var columns = ["h.\(hubKey)", "a.as_of_date AS snapshot_date"]
        var joins = [String]()
        for (k, satellite) in pit.satellites.enumerated() {
            columns.append("coalesce(s\(k).pk, \(ghost.keyLiteral)) AS \(satellite)_hk")
            columns.append("coalesce(s\(k).load_date, \(ghost.loadDateLiteral)) AS \(satellite)_load_date")
            joins.append("""
                LEFT JOIN \(satellite)_ranges s\(k)
                       ON s\(k).pk = h.\(hubKey) AND s\(k).load_date <= a.as_of_timestamp
                      AND (s\(k).next_load_date IS NULL OR a.as_of_timestamp < s\(k).next_load_date)
                """)
        }
        return """
            -- \(pit.name): every \(pit.hub) key × every as-of date (AutomateDV's pit). Per satellite, the version
            -- in force on the date: the key's version whose validity range [load_date, next load_date) holds the
            -- date's midnight; where none does (a key loaded later, or no version yet), the ghost record's key
            -- and load date. The ghost row itself never matches: its zero key is in no hub.
            WITH as_of AS (
                SELECT as_of_date, CAST(as_of_date AS TIMESTAMP) AS as_of_timestamp FROM {{ ref('\(Self.asOfDates)') }}
            ),
            \(ranges.joined(separator: ",\n"))
            SELECT \(columns.joined(separator: ",\n       "))
            FROM {{ ref('\(pit.hub)') }} h
            CROSS JOIN as_of a
            \(joins.joined(separator: "\n"))

            """
    }

    /// `models/business_vault/<bridge>.sql`: per as-of date, every link row loaded by then.
    public func bridge(_ bridge: BridgeDefinition) -> String {
        """
        -- \(bridge.name): per as-of date, every \(bridge.link) row loaded on or before it (the link has no
        -- effectivity satellite: a row, once loaded, stays), with the \(bridge.fromHub) and \(bridge.toHub) keys.
        SELECT l.\(bridge.fromHub)_hk, a.as_of_date AS snapshot_date, l.\(bridge.link)_hk, l.\(bridge.toHub)_hk
        FROM {{ ref('\(bridge.link)') }} l
        JOIN {{ ref('\(Self.asOfDates)') }} a ON l.load_date <= CAST(a.as_of_date AS TIMESTAMP)

        """
    }
}
