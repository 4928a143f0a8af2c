"""The business vault rebuilt in DuckDB SQL from the rules of docs/BUSINESS-VAULT.md.

Per batch (called by the raw-vault Pipeline after its satellites): the multi-active satellite
`sat_customer_phone_ma` (group-level change detection) and the effectivity satellite
`sat_product_promotion_eff` (driving-key end dating).  After the last batch: the point-in-time tables,
written the classic way (LEAD(load_date) validity ranges joined to the snapshot dates cross joined with
the hub), and the bridge.  Every satellite starts with one ghost row.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

ZERO_DIGITS = {"md5": 32, "sha1": 40, "sha256": 64}


@dataclass(frozen=True)
class GhostProfile:
    """The ghost row's load date and record source of a hashing profile."""
    load_date: str
    record_source: str


GHOSTS = {
    "automatedv": GhostProfile("1900-01-01 00:00:00", "AUTOMATE_DV_SYSTEM"),
    "datavault4dbt": GhostProfile("0001-01-01 00:00:01", "SYSTEM"),
}

MA_SATELLITE = ("sat_customer_phone_ma", "hub_customer", "customer_phones",
                [("phone_type", "VARCHAR"), ("phone_number", "VARCHAR")])
EFF_SATELLITE = "sat_product_promotion_eff"
OPEN_END = "DATE '9999-12-31'"

# PIT name, hub, satellites
PITS = [
    ("pit_customer", "hub_customer", ["sat_customer_details", "sat_customer_contact"]),
    ("pit_product", "hub_product", ["sat_product_details", "sat_product_pricing"]),
]
BRIDGE = "bridge_customer_product"


def zero_key(algorithm):
    return "0" * ZERO_DIGITS[algorithm]


def ghost_timestamp(profile):
    return f"TIMESTAMP '{GHOSTS[profile].load_date}'"


# ---- snapshot dates -------------------------------------------------------------------------------

def add_months(day, months, anchor):
    """The anchor's day of month `months` months after `day`'s month, clamped to the month's last day."""
    month_index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(anchor, last))


def snapshot_dates(first, last, grain="day"):
    """Every snapshot date from `first` to `last` inclusive: day, week (every 7 days from `first`) or
    month (the same day of month as `first`, clamped to each month's last day)."""
    out = []
    if grain in ("day", "week"):
        step = timedelta(days=1 if grain == "day" else 7)
        d = first
        while d <= last:
            out.append(d)
            d += step
    elif grain == "month":
        k = 0
        while True:
            d = add_months(first, k, first.day)
            if d > last:
                break
            out.append(d)
            k += 1
    else:
        raise SystemExit(f"vault_duckdb: --pit-grain {grain!r}: expected day, week or month")
    return out


def create_snapshots(con, dates, table="snapshots"):
    con.execute(f"CREATE OR REPLACE TABLE {table} (snapshot_date DATE)")
    con.executemany(f"INSERT INTO {table} VALUES (?)", [[d] for d in dates])


# ---- tables and ghosts ----------------------------------------------------------------------------

def create_business_satellites(con):
    name, parent, _, payload = MA_SATELLITE
    cols = ", ".join(f"{c} {t}" for c, t in payload)
    con.execute(f"CREATE OR REPLACE TABLE {name} ({parent}_hk VARCHAR, load_date TIMESTAMP, hash_diff VARCHAR, "
                f"record_source VARCHAR, {cols})")
    con.execute(f"CREATE OR REPLACE TABLE {EFF_SATELLITE} (link_product_promotion_hk VARCHAR, load_date TIMESTAMP, "
                f"hub_product_hk VARCHAR, hub_promotion_hk VARCHAR, start_date DATE, end_date DATE, "
                f"record_source VARCHAR)")


def insert_ghosts(con, satellites, algorithm, profile):
    """One ghost row per satellite: zero parent key (and zero hashdiff), the profile's load date and
    record source, NULL payload and dates.  The effectivity satellite has no hashdiff; its hub keys are
    zero keys too (a key column is never NULL)."""
    zero, ghost = zero_key(algorithm), GHOSTS[profile]
    for name in satellites:
        columns = [r[0] for r in con.execute(f"DESCRIBE {name}").fetchall()]
        values = []
        for i, column in enumerate(columns):
            if i == 0 or column == "hash_diff" or column.endswith("_hk"):
                values.append(f"'{zero}'")
            elif column == "load_date":
                values.append(f"TIMESTAMP '{ghost.load_date}'")
            elif column == "record_source":
                values.append(f"'{ghost.record_source}'")
            else:
                values.append("NULL")
        con.execute(f"INSERT INTO {name} VALUES ({', '.join(values)})")


# ---- the two business satellites, per batch -------------------------------------------------------

def load_multi_active(p, batch, ld):
    """`sat_customer_phone_ma`: last row per (key, phone_type) in source order; the whole group is
    inserted when the key has no group, the member count differs or a hashdiff is not in the group in
    force (the key's rows with its latest load_date)."""
    from .pipeline import concat, hashdiff_order  # noqa: PLC0415 (pipeline imports this module)
    name, parent, table, payload = MA_SATELLITE
    pk = f"{parent}_hk"
    cols = [c for c, _ in payload]
    hd = p.h(concat(hashdiff_order(cols)))
    p.con.execute(f"""
        CREATE OR REPLACE TEMP TABLE ma_rows AS
            SELECT hk_customer_id AS pk, {hd} AS hd, rn, {", ".join(cols)} FROM stg_{table};
        CREATE OR REPLACE TEMP TABLE ma_cand AS SELECT * FROM ma_rows WHERE pk IS NOT NULL;
        CREATE OR REPLACE TEMP TABLE ma_kept AS
            SELECT * FROM ma_cand QUALIFY row_number() OVER (PARTITION BY pk, phone_type ORDER BY rn DESC) = 1;
        CREATE OR REPLACE TEMP TABLE ma_force AS
            SELECT {pk} AS pk, hash_diff FROM {name}
            WHERE {pk} IN (SELECT pk FROM ma_kept)
            QUALIFY load_date = max(load_date) OVER (PARTITION BY {pk});
        CREATE OR REPLACE TEMP TABLE ma_changed AS
            WITH kept AS (SELECT pk, count(*) AS n FROM ma_kept GROUP BY pk),
                 force AS (SELECT pk, count(*) AS n FROM ma_force GROUP BY pk)
            SELECT k.pk FROM kept k LEFT JOIN force f ON f.pk = k.pk
            WHERE f.pk IS NULL OR f.n <> k.n
               OR EXISTS (SELECT 1 FROM ma_kept m WHERE m.pk = k.pk
                          AND NOT EXISTS (SELECT 1 FROM ma_force g WHERE g.pk = m.pk AND g.hash_diff = m.hd));
        INSERT INTO {name}
            SELECT pk, {ld}, hd, 'RETAIL.{table.upper()}', {", ".join(cols)} FROM ma_kept
            WHERE pk IN (SELECT pk FROM ma_changed) ORDER BY rn""")
    if not p.count_everything:
        return
    offered, rows, kept, dup, sup, inserted = p.con.execute(f"""
        WITH ordered AS (SELECT hd, lag(hd) OVER (PARTITION BY pk, phone_type ORDER BY rn) AS prev FROM ma_cand)
        SELECT (SELECT count(*) FROM ma_rows), (SELECT count(*) FROM ma_cand), (SELECT count(*) FROM ma_kept),
               (SELECT count(*) FILTER (WHERE prev = hd) FROM ordered),
               (SELECT count(*) FILTER (WHERE prev <> hd) FROM ordered),
               (SELECT count(*) FROM {name} WHERE load_date = {ld})""").fetchone()
    p.record(batch, name, offered, inserted, offered - rows, dup, sup, kept - inserted)


def load_effectivity(p, batch, ld):
    """`sat_product_promotion_eff`: last row per link key in source order; inserted when new or its
    (start_date, end_date) differs from the version in force; an inserted open row of product P closes
    every other open link of P that has no row in the batch (end_date = the open row's start_date;
    with several open rows of P in one batch, the first in source order)."""
    from .pipeline import link_name_in_source  # noqa: PLC0415
    name = EFF_SATELLITE
    lk = link_name_in_source("link_product_promotion", "product_promotions")
    rs = "'RETAIL.PRODUCT_PROMOTIONS'"
    p.con.execute(f"""
        CREATE OR REPLACE TEMP TABLE eff_rows AS
            SELECT {lk} AS pk, hk_product_id AS hp, hk_promotion_id AS hq, start_date,
                   coalesce(end_date, {OPEN_END}) AS end_date, rn
            FROM stg_product_promotions;
        CREATE OR REPLACE TEMP TABLE eff_cand AS
            SELECT * FROM eff_rows WHERE pk IS NOT NULL AND hp IS NOT NULL AND hq IS NOT NULL;
        CREATE OR REPLACE TEMP TABLE eff_kept AS
            SELECT * FROM eff_cand QUALIFY row_number() OVER (PARTITION BY pk ORDER BY rn DESC) = 1;
        CREATE OR REPLACE TEMP TABLE eff_force AS
            SELECT * FROM {name} WHERE link_product_promotion_hk <> '{zero_key(p.algorithm)}'
            QUALIFY row_number() OVER (PARTITION BY link_product_promotion_hk ORDER BY load_date DESC) = 1;
        CREATE OR REPLACE TEMP TABLE eff_new AS
            SELECT k.* FROM eff_kept k LEFT JOIN eff_force f ON f.link_product_promotion_hk = k.pk
            WHERE f.link_product_promotion_hk IS NULL
               OR f.start_date IS DISTINCT FROM k.start_date OR f.end_date IS DISTINCT FROM k.end_date;
        CREATE OR REPLACE TEMP TABLE eff_opening AS
            SELECT hp, start_date FROM eff_new WHERE end_date = {OPEN_END}
            QUALIFY row_number() OVER (PARTITION BY hp ORDER BY rn) = 1;
        INSERT INTO {name}
            SELECT pk, {ld}, hp, hq, start_date, end_date, {rs} FROM eff_new ORDER BY rn;
        INSERT INTO {name}
            SELECT f.link_product_promotion_hk, {ld}, f.hub_product_hk, f.hub_promotion_hk, f.start_date,
                   o.start_date, {rs}
            FROM eff_force f JOIN eff_opening o ON o.hp = f.hub_product_hk
            WHERE f.end_date = {OPEN_END}
              AND f.link_product_promotion_hk NOT IN (SELECT pk FROM eff_kept)""")
    if not p.count_everything:
        return
    offered, rows, kept, dup, sup, new, inserted = p.con.execute(f"""
        WITH ordered AS (
            SELECT start_date, end_date,
                   lag(start_date) OVER w AS prev_start, lag(end_date) OVER w AS prev_end,
                   lag(rn) OVER w AS prev_rn
            FROM eff_cand WINDOW w AS (PARTITION BY pk ORDER BY rn))
        SELECT (SELECT count(*) FROM eff_rows), (SELECT count(*) FROM eff_cand), (SELECT count(*) FROM eff_kept),
               (SELECT count(*) FILTER (WHERE prev_rn IS NOT NULL AND prev_start IS NOT DISTINCT FROM start_date
                                        AND prev_end = end_date) FROM ordered),
               (SELECT count(*) FILTER (WHERE prev_rn IS NOT NULL AND (prev_start IS DISTINCT FROM start_date
                                        OR prev_end <> end_date)) FROM ordered),
               (SELECT count(*) FROM eff_new),
               (SELECT count(*) FROM {name} WHERE load_date = {ld})""").fetchone()
    p.record(batch, name, offered, inserted, offered - rows, dup, sup, kept - new)


# ---- point-in-time tables and bridge --------------------------------------------------------------

def pit_sql(pit, hub, satellites, zero, ghost_ts, snapshots="snapshots", materialise=True):
    """The classic PIT: validity ranges [load_date, next load_date) per key from LEAD, joined to every
    (hub key, snapshot date); no version in force -> the ghost's (zero key, ghost load date).
    `zero` is the zero key as an SQL literal."""
    ranges, columns, joins = [], [], []
    for i, sat in enumerate(satellites):
        ranges.append(f"""v{i} AS (
            SELECT {hub}_hk AS pk, load_date,
                   lead(load_date) OVER (PARTITION BY {hub}_hk ORDER BY load_date) AS next_load_date
            FROM {sat} WHERE {hub}_hk <> {zero})""")
        columns.append(f"coalesce(v{i}.pk, {zero}) AS {sat}_hk, "
                       f"coalesce(v{i}.load_date, {ghost_ts}) AS {sat}_load_date")
        joins.append(f"""LEFT JOIN v{i} ON v{i}.pk = h.{hub}_hk
            AND CAST(v{i}.load_date AS DATE) <= s.snapshot_date
            AND (v{i}.next_load_date IS NULL OR CAST(v{i}.next_load_date AS DATE) > s.snapshot_date)""")
    body = (f"WITH {', '.join(ranges)}\n"
            f"SELECT h.{hub}_hk, s.snapshot_date, {', '.join(columns)}\n"
            f"FROM {hub} h CROSS JOIN {snapshots} s\n" + "\n".join(joins))
    return f"CREATE OR REPLACE TABLE {pit} AS {body}" if materialise else body


def bridge_sql(snapshots="snapshots"):
    return (f"CREATE OR REPLACE TABLE {BRIDGE} AS "
            f"SELECT l.hub_customer_hk, s.snapshot_date, l.link_sales_hk, l.hub_product_hk "
            f"FROM link_sales l JOIN {snapshots} s ON CAST(l.load_date AS DATE) <= s.snapshot_date")


def build_pits_and_bridge(con, algorithm, profile, snapshots="snapshots"):
    zero, ghost_ts = zero_key(algorithm), ghost_timestamp(profile)
    for pit, hub, satellites in PITS:
        con.execute(pit_sql(pit, hub, satellites, f"'{zero}'", ghost_ts, snapshots))
    con.execute(bridge_sql(snapshots))


def business_columns():
    """Column list and key columns of every business-vault table, as exported."""
    name, parent, _, payload = MA_SATELLITE
    tables = {
        name: ([f"{parent}_hk", "load_date", "hash_diff", "record_source"] + [c for c, _ in payload],
               {f"{parent}_hk", "hash_diff"}),
        EFF_SATELLITE: (["link_product_promotion_hk", "load_date", "hub_product_hk", "hub_promotion_hk",
                         "start_date", "end_date", "record_source"],
                        {"link_product_promotion_hk", "hub_product_hk", "hub_promotion_hk"}),
    }
    for pit, hub, satellites in PITS:
        cols, keys = [f"{hub}_hk", "snapshot_date"], {f"{hub}_hk"}
        for sat in satellites:
            cols += [f"{sat}_hk", f"{sat}_load_date"]
            keys.add(f"{sat}_hk")
        tables[pit] = (cols, keys)
    tables[BRIDGE] = (["hub_customer_hk", "snapshot_date", "link_sales_hk", "hub_product_hk"],
                      {"hub_customer_hk", "link_sales_hk", "hub_product_hk"})
    return tables
