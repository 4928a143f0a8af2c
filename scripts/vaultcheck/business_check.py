"""The business-vault half of the check: snapshot dates and PIT options, PITs and bridge over the
rebuilt vault, the query comparison, and the datavault4dbt ghost check over vaultsim's own export."""

import os
import subprocess
from dataclasses import dataclass
from datetime import date, timedelta

from .business import (BRIDGE, EFF_SATELLITE, GHOSTS, MA_SATELLITE, PITS, build_pits_and_bridge,
                       business_columns, create_snapshots, snapshot_dates)
from .folders import compare_table, csv_reader, vault_columns
from .pipeline import SATELLITES
from .queries import QUERIES, compare_rows, run_ours, run_theirs


@dataclass
class PitOptions:
    """--pit-from / --pit-to / --pit-grain; None = vaultsim's default (base date, last loaded date, day)."""
    first: date | None = None
    last: date | None = None
    grain: str | None = None

    def vaultsim_args(self):
        out = []
        if self.first:
            out += ["--pit-from", self.first.isoformat()]
        if self.last:
            out += ["--pit-to", self.last.isoformat()]
        if self.grain:
            out += ["--pit-grain", self.grain]
        return out

    def dates(self, base_date, batches):
        last_loaded = base_date + timedelta(days=max(batches))
        return snapshot_dates(self.first or base_date, self.last or last_loaded, self.grain or "day")


def last_loaded(base_date, batches):
    return base_date + timedelta(days=max(batches))


def build_business(con, pit, algorithm, base_date, batches, profile="automatedv"):
    """Snapshot dates, then the PITs and the bridge over the vault on `con`."""
    create_snapshots(con, pit.dates(base_date, batches))
    build_pits_and_bridge(con, algorithm, profile)


def history_keys(con):
    """A customer with the most details+contact versions and a product with the most pricing versions."""
    customer = con.execute("""
        SELECT h.customer_id FROM hub_customer h
        JOIN (SELECT hub_customer_hk, load_date FROM sat_customer_details
              UNION ALL SELECT hub_customer_hk, load_date FROM sat_customer_contact) v USING (hub_customer_hk)
        GROUP BY h.customer_id ORDER BY count(*) DESC, count(DISTINCT v.load_date) DESC, h.customer_id
        LIMIT 1""").fetchone()[0]
    product = con.execute("""
        SELECT h.product_id FROM hub_product h JOIN sat_product_pricing p USING (hub_product_hk)
        GROUP BY h.product_id ORDER BY count(*) DESC, h.product_id LIMIT 1""").fetchone()[0]
    return customer, product


def as_of_dates(pit, base_date, batches):
    """One or two snapshot dates strictly inside the loaded range (so later versions are excluded)."""
    dates = [d for d in pit.dates(base_date, batches) if d < last_loaded(base_date, batches)]
    picks = sorted({dates[len(dates) // 2], dates[0]}) if dates else []
    return picks


def compare_queries(con, vaultsim_argv, algorithm, pit, base_date, batches, work, label):
    """Every query without --as-of and at one or two as-of dates; history queries for two keys."""
    probe = subprocess.run([vaultsim_argv[0], "query", "--help"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
    if probe.returncode != 0 or "vaultsim query" not in probe.stdout:
        print(f"FAIL [{label}] vaultsim has no query command ({vaultsim_argv[0]} query --help)")
        return 1
    failures = 0
    customer, product = history_keys(con)
    default_date = last_loaded(base_date, batches)
    path = os.path.join(work, "query.csv")
    for query in QUERIES:
        keys = [None]
        if query.needs_key:
            keys = [customer] if query.name == "customer-history" else [product]
        limits = [0, 3] if query.name == "top-products" else [0]
        for as_of in [None] + as_of_dates(pit, base_date, batches):
            for key in keys:
                for limit in limits:
                    tag = f"{label}] [{query.name}" + (f" --as-of {as_of}" if as_of else "") + \
                          (f" --key {key}" if key else "") + (f" --limit {limit}" if limit else "")
                    theirs, error = run_theirs(con, vaultsim_argv, query, path, as_of, key, limit)
                    if error:
                        print(f"FAIL [{tag}] {error}")
                        failures += 1
                        continue
                    ours = run_ours(con, query, as_of or default_date, algorithm, key, limit)
                    failures += compare_rows(tag, query.columns, ours, theirs)
    return failures


# ---- datavault4dbt ghosts ------------------------------------------------------------------------

def check_profile_ghosts(con, export, algorithm, pit, base_date, batches, profile, label):
    """With another profile's hashing (not rebuilt here), checks over vaultsim's own export: each satellite
    holds exactly one ghost row with the profile's values, and the PITs and bridge recomputed in SQL from
    the exported hubs, satellites and link_sales are vaultsim's PITs and bridge."""
    from .business import zero_key  # noqa: PLC0415
    failures = 0
    zero = zero_key(algorithm).upper()
    ghost = GHOSTS[profile]
    columns = vault_columns()
    satellites = [s[0] for s in SATELLITES] + [MA_SATELLITE[0], EFF_SATELLITE]
    needed = sorted({h for _, h, _ in PITS} | {s for _, _, sats in PITS for s in sats} | {"link_sales"})
    for table in sorted(set(satellites) | set(needed)):
        cols = columns[table][0]
        types = [(c, "TIMESTAMP" if c == "load_date" else "VARCHAR") for c in cols]
        con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM "
                    f"{csv_reader(os.path.join(export, table + '.csv'), types)}")
    for table in satellites:
        cols = columns[table][0]
        ghosts = con.execute(f"SELECT * FROM {table} WHERE {cols[0]} = '{zero}'").fetchall()
        expected = []
        for c in cols:
            if c == cols[0] or c == "hash_diff" or c.endswith("_hk"):
                expected.append(zero)
            elif c == "load_date":
                expected.append(ghost.load_date)
            elif c == "record_source":
                expected.append(ghost.record_source)
            else:
                expected.append(None)
        got = [[str(v) if v is not None else None for v in row] for row in ghosts]
        if got != [expected]:
            failures += 1
            print(f"FAIL [{label}] {table} ghost rows: expected {[expected]}, got {got}")
    if failures == 0:
        print(f"OK   [{label}] one ghost row ({ghost.load_date}, {ghost.record_source}) in each of the "
              f"{len(satellites)} satellites")
    # Keys are uppercase hex here: the zero key compares the same.
    create_snapshots(con, pit.dates(base_date, batches))
    build_pits_and_bridge(con, algorithm, profile)
    width = max(len(t) for t in business_columns())
    for table in [p for p, _, _ in PITS] + [BRIDGE]:
        cols, keys = business_columns()[table]
        failures += compare_table(con, label, table, cols, keys, export, width,
                                  source=" (recomputed from vaultsim's hubs and satellites)")
    return failures
