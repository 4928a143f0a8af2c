// DBTProject+Readme.swift: the generated project's README.

extension DBTProject {
    func readme() -> String {
        let hashing = models.hashing
        let algorithm = hashing.strategy.algorithm.rawValue
        return """
            # \(Self.name): vaultsim's vault in dbt-duckdb

            Written by `\(command)`.

            The source batches that vaultsim loaded are seeds; the staging, raw vault and business vault models
            rebuild vaultsim's hubs, links, satellites (with their ghost records), multi-active and effectivity
            satellites, point-in-time tables and bridge in plain DuckDB SQL; vaultsim's own tables are seeds too,
            and a test compares every model with them. Keys are \(algorithm) digests as \(hashing.upperCase ? "upper" : "lower")case hex
            text, AutomateDV profile.

            ## Run

            ```sh
            pip install 'dbt-duckdb==1.11.1' 'dbt-core<1.12'
            cd THIS_FOLDER
            dbt build          # seeds, models and tests; the database is vaultsim.duckdb here
            ```

            `dbt build` fails when any model differs from vaultsim's table.

            ## Layout

            | path | what |
            |---|---|
            | `seeds/source/raw_<table>.csv` | every batch of a source table: `batch` (0 = the full extract), `line` (1-based position in the batch's file, i.e. source order), then the source columns |
            | `seeds/expected/expected_<table>.csv` | vaultsim's vault table (`vaultsim load --export`), keys as hex |
            | `models/staging/stg_<table>.sql` | views: `load_date` (`base_date` + batch days, midnight UTC), `record_source`, hash keys `hk_<column>`, cleaned business keys `bk_<column>`, link keys `lk_<link>`, hashdiffs `hd_<satellite>` |
            | `models/raw_vault/hub_*.sql, link_*.sql, sat_*.sql` | tables with vaultsim's columns, in vaultsim's order; `sat_customer_phone_ma` (multi-active), `sat_product_promotion_eff` (effectivity) |
            | `models/business_vault/as_of_dates.sql` | the snapshot dates: every loaded business date |
            | `models/business_vault/pit_*.sql, bridge_*.sql` | point-in-time tables and the bridge over the as-of dates |
            | `models/*/schema.yml` | tests: `equals_expected` per model, `unique` and `not_null` on hub and link keys and the as-of dates |
            | `tests/generic/equals_expected.sql` | rows only in the model plus rows only in the seed (EXCEPT ALL both ways); must be none |

            ## Hashing (AutomateDV)

            ```sql
            std(x)    = NULLIF(upper(trim(CAST(x AS VARCHAR), ' ')), '')
            key(x)    = \(algorithm)(std(x))                                   -- NULL or blank: NULL key, row not loaded
            key(a, b) = \(algorithm)(NULLIF(concat_ws('||', coalesce(std(a), '^^'), coalesce(std(b), '^^')), '^^||^^'))
            hashdiff  = \(algorithm)(concat_ws('||', coalesce(std(c), '^^'), ...))  -- columns sorted by name, no NULL rule
            ```

            DuckDB's digest functions return lowercase hex; the models upper-case it where vaultsim prints
            uppercase (binary keys are exported as uppercase hex).

            ## How batches are processed: all at once, with window functions

            vaultsim loads batch by batch, insert-only. The models process every batch in one run instead,
            and give exactly the same rows:

            - **hubs, links**: a key's row is its first occurrence ordered by batch, then source table (in the
              load order: for `hub_customer` customers, customer_phones, transactions), then line. Its batch
              gives `load_date`, its source the `record_source`. Rows with a NULL key are not loaded;
              `link_product_promotion` takes sales lines only with a promotion other than `PROMO000`.
            - **satellites**: within a batch the last line of a key wins. That version is inserted when its
              hashdiff differs from the one of the key's previous surviving version (`lag` over batches).
              This is "differs from the version in force": a version that was not inserted had the
              hashdiff in force, so the previous version's hashdiff is always the one in force.
            - **sat_sales_metrics**: `total_amount = unit_price * quantity - discount_amount + tax_amount`,
              `cost = unit_cost * quantity` with the product's pricing in force at the batch's load date
              (an `ASOF` join on `sat_product_pricing`, which includes that batch's prices), `profit =
              total_amount - cost`; a line needs its link key and every hub key.
            - **ghost records**: every satellite model starts with one ghost row, as AutomateDV's `sat` does
              with `enable_ghost_records`: a `ghost` CTE (zero key and `hash_diff`, `\(models.ghost.loadDate)`,
              `\(models.ghost.recordSource)`, NULL payload) then `records_to_insert` = the ghost `UNION ALL` the
              inserted versions. The ghost's parent is in no hub, so no rule ever treats it as a version.
            - **sat_customer_phone_ma** (multi-active, child-dependent key `phone_type`): a key's group in a
              batch is one row per `phone_type` (its last line). The whole group is inserted when the key has
              no group yet, when its member count differs from the group in force, or when a member's hashdiff
              is not among those of the group in force. The previous batch's group (`lag`) stands for the group
              in force: a group that was not inserted has the same count and every member among the group in
              force, and the members' hashdiffs are distinct (`phone_type` is hashed), so it has exactly the
              hashdiffs in force.
            - **sat_product_promotion_eff** (effectivity, driving key `hub_product`): per batch the last row of
              each link is inserted when the link has no version or its `(start_date, end_date)` differs from
              the version in force (NULL end: `9999-12-31`); a product that opens a link closes its other open
              links without a row in the batch (end = the start of its first opened link in source order).
              Such closings change the version in force of later batches, which no window over batches can
              see, so this model applies the batches one by one in a recursive CTE (`state`: every link's
              version in force after each batch, and whether that batch inserted it).
            - **as_of_dates, pit_customer, pit_product**: the as-of dates run from the first to the last loaded
              business date, daily (vaultsim's default snapshot calendar). A PIT row is every hub key × every
              date (a cross join, as AutomateDV's `pit`); per satellite, the version whose validity range
              `[load_date, lead(load_date))` holds the date's midnight, else the ghost record's key and load date.
            - **bridge_customer_product**: per as-of date, every `link_sales` row loaded on or before it.

            One `dbt build` is therefore enough: no incremental model has to run once per batch (which would
            cost a dbt invocation per batch), and the result does not depend on run order. An incremental
            version per batch would select `WHERE batch = {{ var('batch') }}` in staging and compare with the
            version in force in `{{ this }}`; it yields the same tables.

            """
    }
}
