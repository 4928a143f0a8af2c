#!/usr/bin/env python3
"""Peer benchmark: seed 003's row-by-row pandas approach, with vaultsim's loading rules.

The approach of the seed's loaders: a hash column added with `DataFrame.apply` and `hashlib` one row at
a time, new hub and link keys found with `isin` against the set of existing keys, satellite changes found
by iterating the rows (`iterrows`) and looking up each key's current version in a DataFrame. The rules
are vaultsim's AutomateDV profile (trim, uppercase, `||` and `^^`, hashdiff columns sorted by name), its
multi-source hubs and links, and its insert-only satellites (last version of a key in a batch, inserted
when its hashdiff differs from the version in force), so the outputs can be compared.

The CSV batches written by `vaultsim generate` are read first (untimed); hashing and loading are timed.
Hubs, links and satellites are written as CSV under WORK/pandas (keys as uppercase hex; --work keeps them) and compared with
`vaultsim load --export`: row counts, and key sets (hubs, links) or (key, load date, hashdiff) sets
(satellites). Slow by design: keep --scale small (0.1 loads ~14,000 rows in ~10 s).
"""

import hashlib
import json
import os
import re
import sys
import time
from datetime import date, timedelta
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pandas as pd  # noqa: E402

import peer_common  # noqa: E402
from vaultcheck.pipeline import HUBS, LINKS, NO_PROMOTION, SATELLITES, SOURCE_TABLES, hashdiff_order, record_source  # noqa: E402


class Hasher:
    """Keys and hashdiffs, one value list at a time (AutomateDV rules)."""

    def __init__(self, algorithm):
        self.digest = getattr(hashlib, algorithm)

    @staticmethod
    def std(value):
        if value is None:
            return None
        text = str(value).strip(" ").upper()
        return text or None

    def key(self, values):
        parts = [self.std(v) for v in values]
        if all(p is None for p in parts):
            return None
        return self.digest("||".join(p if p is not None else "^^" for p in parts).encode()).hexdigest().upper()

    def hashdiff(self, row, columns):
        parts = [self.std(row[c]) for c in columns]
        return self.digest("||".join(p if p is not None else "^^" for p in parts).encode()).hexdigest().upper()


class PandasVault:
    """The raw vault as lists of rows and pandas frames, loaded batch by batch."""

    def __init__(self, algorithm, base_date):
        self.h = Hasher(algorithm)
        self.base_date = base_date
        self.rows = {name: [] for name, _, _ in HUBS}
        self.rows.update({name: [] for name, _, _ in LINKS})
        self.rows.update({name: [] for name, _, _, _ in SATELLITES})
        self.existing = {name: set() for name, _, _ in HUBS + LINKS}
        self.current = {name: pd.DataFrame({"pk": [], "hash_diff": []}) for name, _, _, _ in SATELLITES}
        self.unit_cost = {}  # hub_product_hk -> unit cost in force
        self.timings = {}

    def load_date(self, batch):
        return f"{(self.base_date + timedelta(days=batch)).isoformat()} 00:00:00.000"

    def add_key(self, df, columns, name):
        df[name] = df[columns].apply(lambda row: self.h.key(list(row)), axis=1)

    def load_keyed(self, name, frames, batch):
        """frames: DataFrames with columns k, attributes..., rs in source order; inserts each new key's first row."""
        candidates = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        if candidates.empty:
            return
        candidates = candidates.drop_duplicates(subset="k", keep="first")
        fresh = candidates[~candidates["k"].isin(self.existing[name])]
        ld = self.load_date(batch)
        for row in fresh.itertuples(index=False):
            self.rows[name].append(list(row[:-1]) + [ld, row[-1]])
        self.existing[name].update(fresh["k"])

    def load_hubs(self, batch, sources):
        for name, bk, tables in HUBS:
            frames = []
            for table in tables:
                df = sources[table][[bk]].copy()
                df["k"] = df[bk].apply(lambda v: self.h.key([v]))
                df["bk"] = df[bk].apply(self.h.std)
                df["rs"] = record_source(table)
                frames.append(df[df["k"].notna() & df["bk"].notna()][["k", "bk", "rs"]])
            self.load_keyed(name, frames, batch)

    def load_links(self, batch, sources):
        for name, hubs, link_sources in LINKS:
            frames = []
            for table, columns, skip_none in link_sources:
                df = sources[table][columns].copy()
                self.add_key(df, columns, "k")
                keys = []
                for c in columns:
                    df[f"hk_{c}"] = df[c].apply(lambda v: self.h.key([v]))
                    keys.append(f"hk_{c}")
                df["rs"] = record_source(table)
                keep = df["k"].notna()
                for k in keys:
                    keep &= df[k].notna()
                if skip_none:
                    keep &= df["promotion_id"].apply(self.h.std) != NO_PROMOTION
                frames.append(df[keep][["k"] + keys + ["rs"]])
            self.load_keyed(name, frames, batch)

    def load_satellite(self, batch, name, table, df, payload):
        """df: candidate rows with pk, hd and the payload; keeps each key's last row, inserts it when changed."""
        last = df.drop_duplicates(subset="pk", keep="last")
        current = self.current[name]
        ld = self.load_date(batch)
        inserted = []
        for _, row in last.iterrows():
            existing = current[current["pk"] == row["pk"]]
            if len(existing) == 0 or existing.iloc[0]["hash_diff"] != row["hd"]:
                inserted.append(row)
                self.rows[name].append([row["pk"], ld, row["hd"], record_source(table)] + [row[c] for c in payload])
        if inserted:
            new = pd.DataFrame({"pk": [r["pk"] for r in inserted], "hash_diff": [r["hd"] for r in inserted]})
            self.current[name] = pd.concat([current, new], ignore_index=True).drop_duplicates(subset="pk", keep="last")
        return inserted

    def load_satellites(self, batch, sources):
        for name, parent, table, payload in SATELLITES:
            if name == "sat_sales_metrics":
                continue
            columns = [c for c, _ in payload]
            order = hashdiff_order(columns)
            df = sources[table].copy()
            df["pk"] = df[parent[len("hub_"):] + "_id"].apply(lambda v: self.h.key([v]))
            df["hd"] = df.apply(lambda row: self.h.hashdiff(row, order), axis=1)
            inserted = self.load_satellite(batch, name, table, df[df["pk"].notna()], columns)
            if name == "sat_product_pricing":
                for row in inserted:
                    self.unit_cost[row["pk"]] = row["unit_cost"]

    @staticmethod
    def decimal(text):
        return None if text is None or text == "" else Decimal(text)

    def derive(self, row):
        """total = unit_price x quantity - discount + tax; cost = unit cost in force x quantity; profit."""
        price, quantity = self.decimal(row["unit_price"]), self.decimal(row["quantity"])
        discount, tax = self.decimal(row["discount_amount"]), self.decimal(row["tax_amount"])
        parts = (price, quantity, discount, tax)
        total = None if any(p is None for p in parts) else price * quantity - discount + tax
        unit_cost = self.decimal(self.unit_cost.get(row["hk_product_id"]))
        cost = None if unit_cost is None or quantity is None else unit_cost * quantity
        profit = None if total is None or cost is None else total - cost
        return pd.Series([total, cost, profit])

    def load_sales_metrics(self, batch, sources):
        name, _, table, payload = SATELLITES[-1]
        _, _, link_sources = LINKS[0]
        columns = link_sources[0][1]
        df = sources[table].copy()
        self.add_key(df, columns, "pk")
        keep = df["pk"].notna()
        for c in columns:
            df[f"hk_{c}"] = df[c].apply(lambda v: self.h.key([v]))
            keep &= df[f"hk_{c}"].notna()
        df[["total_amount", "cost", "profit"]] = df.apply(self.derive, axis=1)
        for c in ("total_amount", "cost", "profit"):
            df[c] = df[c].apply(lambda v: "" if v is None else str(v))
        order = hashdiff_order([c for c, _ in payload])
        df["hd"] = df.apply(lambda row: self.h.hashdiff(row, order), axis=1)
        self.load_satellite(batch, name, table, df[keep], [c for c, _ in payload])

    def load(self, batch, sources, clock):
        for phase, step in (("hubs", self.load_hubs), ("links", self.load_links), ("satellites", self.load_satellites),
                            ("sales_metrics", self.load_sales_metrics)):
            start = clock()
            step(batch, sources)
            self.timings[phase] = self.timings.get(phase, 0.0) + clock() - start


def read_batches(folder):
    batches = sorted(int(d[len("batch_"):]) for d in os.listdir(folder) if re.fullmatch(r"batch_\d+", d))
    frames = {}
    for batch in batches:
        frames[batch] = {t: pd.read_csv(os.path.join(folder, f"batch_{batch:03d}", f"{t}.csv"), dtype=str,
                                        keep_default_na=False) for t in SOURCE_TABLES}
    with open(os.path.join(folder, "manifest.json")) as f:
        base = json.load(f).get("options", {}).get("base_date", "2024-01-01")
    return frames, date.fromisoformat(base)


def table_columns():
    columns = {name: [f"{name}_hk", bk, "load_date", "record_source"] for name, bk, _ in HUBS}
    columns.update({name: [f"{name}_hk"] + [f"{h}_hk" for h in hubs] + ["load_date", "record_source"]
                    for name, hubs, _ in LINKS})
    columns.update({name: [f"{parent}_hk", "load_date", "hash_diff", "record_source"] + [c for c, _ in payload]
                    for name, parent, _, payload in SATELLITES})
    return columns


def identity(name, frame):
    """What is compared: the key (hubs, links), or (key, load date, hashdiff) (satellites)."""
    if name.startswith("sat_"):
        return set(zip(frame.iloc[:, 0], frame["load_date"], frame["hash_diff"]))
    return set(frame.iloc[:, 0])


def compare(vault, out, export):
    tables, notes = [], []
    for name, columns in table_columns().items():
        ours = pd.DataFrame(vault.rows[name], columns=columns)
        ours.to_csv(os.path.join(out, f"{name}.csv"), index=False)
        theirs = pd.read_csv(os.path.join(export, f"{name}.csv"), dtype=str, keep_default_na=False)
        a, b = identity(name, ours), identity(name, theirs)
        same = len(ours) == len(theirs) and a == b
        tables.append({"name": name, "peer_rows": len(ours), "vaultsim_rows": len(theirs), "identical": same})
        if not same:
            notes.append(f"{name}: {len(ours)} rows in pandas, {len(theirs)} in vaultsim; "
                         f"{len(a - b)} keys only in pandas, {len(b - a)} only in vaultsim")
    return tables, notes


class PandasPeer(peer_common.Peer):
    engine = "pandas"

    def prepare(self, source):
        self.batches, self.base_date = read_batches(source)

    def load(self):
        vault = PandasVault(self.args.hash, self.base_date)
        for batch, sources in self.batches.items():
            vault.load(batch, sources, time.perf_counter)
        return dict(vault.timings), vault

    def compare(self, result, export, work):
        out = os.path.join(work, "pandas")
        os.makedirs(out, exist_ok=True)
        return compare(result, out, export)

    def covers(self):
        return "hashing, hubs, links, satellites row by row in pandas (seed 003's approach), 1 thread; CSV reading untimed"


if __name__ == "__main__":
    sys.exit(peer_common.run(PandasPeer(peer_common.parse_args(__doc__, default_scale=0.1))))
