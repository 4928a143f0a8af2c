#!/usr/bin/env python3
"""Peer benchmark: the raw-vault load in DuckDB SQL on the data `vaultsim generate` writes.

Reuses the independent rebuild of scripts/vaultcheck (the cross-check's pipeline): the CSV batches are
imported into DuckDB first (untimed), then staging with hashing, hubs, links and satellites run batch
by batch in SQL (timed, best of --repeat). The 15 tables are then compared row for row (as multisets)
with `vaultsim load --export` for the same options.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import duckdb  # noqa: E402

import peer_common  # noqa: E402
from vaultcheck.folders import as_text, differences, load_sources, read_export, vault_columns  # noqa: E402
from vaultcheck.pipeline import Pipeline  # noqa: E402


def compare(con, export):
    tables, notes = [], []
    for table, (columns, keys) in vault_columns().items():
        ours = f"(SELECT {', '.join(as_text(c, keys) + ' AS ' + c for c in columns)} FROM {table})"
        theirs = read_export(con, os.path.join(export, f"{table}.csv"), columns)
        (only_ours, _), (only_theirs, _) = differences(con, ours, theirs, columns, show=0)
        peer_rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        vaultsim_rows = con.execute(f"SELECT count(*) FROM {theirs}").fetchone()[0]
        same = only_ours == 0 and only_theirs == 0
        tables.append({"name": table, "peer_rows": peer_rows, "vaultsim_rows": vaultsim_rows, "identical": same})
        if not same:
            notes.append(f"{table}: {only_ours} rows only in DuckDB, {only_theirs} only in vaultsim")
    return tables, notes


class DuckDBPeer(peer_common.Peer):
    engine = "duckdb"

    def prepare(self, source):
        self.con = duckdb.connect()
        if self.args.threads:
            self.con.execute(f"SET threads = {self.args.threads}")
        self.con.execute("SET preserve_insertion_order = true")
        self.batches, self.base_date = load_sources(self.con, source)

    def load(self):
        pipeline = Pipeline(self.con, self.args.hash, count_everything=False, base_date=self.base_date)
        pipeline.run(self.batches, clock=time.perf_counter)
        return dict(pipeline.timings), None

    def compare(self, result, export, work):
        return compare(self.con, export)

    def covers(self):
        threads = self.con.execute("SELECT current_setting('threads')").fetchone()[0]
        return f"stage+hash, hubs, links, satellites in DuckDB SQL, {threads} threads; CSV import untimed"


if __name__ == "__main__":
    sys.exit(peer_common.run(DuckDBPeer(peer_common.parse_args(__doc__, default_scale=1))))
