"""PIT build time and memory: DuckDB's classic LEAD-based PIT SQL beside vaultsim's `pit` stage.

The vault's customer and product hubs and their four satellites are rebuilt in DuckDB from the generated
CSVs (untimed) and saved to a DuckDB file with the hash keys as UHUGEINT (16 bytes, like vaultsim's
binary MD5 keys).  A fresh child process copies them into an in-memory database (untimed), then times
CREATE TABLE pit_customer / pit_product AS <LEAD ranges joined to hub x snapshot dates>, counts the rows,
and reports its own peak resident memory (getrusage) and DuckDB's memory.  vaultsim's figures come from
`vaultsim load --json` (stage `pit`, which also refreshes the bridge; `peak_resident_bytes` is the whole
run's peak: sources, raw vault, business vault).
"""

import json
import os
import subprocess
import sys
import time

from .business import PITS
from .pipeline import Pipeline

PIT_TABLES = frozenset(["hub_customer", "hub_product"] + [s for _, _, sats in PITS for s in sats])
# The source columns the PIT inputs need (hub keys from every source naming them, satellite payloads).
PIT_SOURCE_COLUMNS = {
    "customers": None, "products": None, "customer_phones": ["customer_id"],
    "product_promotions": ["product_id"], "transactions": ["customer_id", "product_id"],
}


def build_input(con, batches, base_date, path):
    """Loads the PIT inputs batch by batch in SQL and saves them to `path` with UHUGEINT keys."""
    pipeline = Pipeline(con, "md5", count_everything=False, base_date=base_date, business=False,
                        only=PIT_TABLES)
    pipeline.run(batches)
    if os.path.exists(path):
        os.remove(path)
    con.execute(f"ATTACH '{path}' AS bench")
    for table in sorted(PIT_TABLES):
        key = "hub_customer_hk" if "customer" in table else "hub_product_hk"
        con.execute(f"CREATE TABLE bench.{table} AS SELECT CAST('0x' || {key} AS UHUGEINT) AS {key}, load_date "
                    f"FROM {table}")
    rows = {t: con.execute(f"SELECT count(*) FROM bench.{t}").fetchone()[0] for t in sorted(PIT_TABLES)}
    con.execute("DETACH bench")
    return rows


CHILD = r'''
import json, resource, sys, time
import duckdb
path, threads, memory_limit, temp, dates_json = sys.argv[1:6]
sys.path.insert(0, sys.argv[6])
from vaultcheck.business import PITS, create_snapshots, pit_sql
from datetime import date
con = duckdb.connect()
if threads != "0":
    con.execute(f"SET threads = {threads}")
con.execute(f"SET memory_limit = '{memory_limit}'")
con.execute(f"SET temp_directory = '{temp}'")
con.execute("SET preserve_insertion_order = false")
con.execute("SET enable_progress_bar = false")
con.execute(f"ATTACH '{path}' AS bench (READ_ONLY)")
for (t,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'bench'").fetchall():
    con.execute(f"CREATE TABLE {t} AS SELECT * FROM bench.{t}")
con.execute("DETACH bench")
create_snapshots(con, [date.fromisoformat(d) for d in json.loads(dates_json)])
rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
out = {"threads": con.execute("SELECT current_setting('threads')").fetchone()[0], "pits": []}
zero, ghost = "CAST(0 AS UHUGEINT)", "TIMESTAMP '1900-01-01 00:00:00'"
for pit, hub, sats in PITS:
    start = time.perf_counter()
    counted = con.execute(f"SELECT count(*) FROM ({pit_sql(pit, hub, sats, zero, ghost, materialise=False)})").fetchone()[0]
    count_seconds = time.perf_counter() - start
    start = time.perf_counter()
    con.execute(pit_sql(pit, hub, sats, zero, ghost))
    seconds = time.perf_counter() - start
    rows = con.execute(f"SELECT count(*) FROM {pit}").fetchone()[0]
    hub_rows = con.execute(f"SELECT count(*) FROM {hub}").fetchone()[0]
    out["pits"].append({"pit": pit, "seconds": seconds, "rows": rows, "hub_rows": hub_rows,
                        "count_seconds": count_seconds, "counted": counted})
mem = con.execute("SELECT sum(memory_usage_bytes), sum(temporary_storage_bytes) FROM duckdb_memory()").fetchone()
out["duckdb_memory_bytes"], out["duckdb_temp_bytes"] = mem
out["rss_before_pit_bytes"] = rss_before
out["peak_rss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps(out))
'''


def run_duckdb(path, dates, threads, memory_limit, temp):
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.makedirs(temp, exist_ok=True)
    argv = [sys.executable, "-c", CHILD, path, str(threads or 0), memory_limit, temp,
            json.dumps([d.isoformat() for d in dates]), here]
    start = time.perf_counter()
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        return None, f"DuckDB PIT process failed with status {result.returncode}: {result.stderr.strip()[-800:]}"
    out = json.loads(result.stdout.strip().splitlines()[-1])
    out["process_seconds"] = wall
    return out, None


def run_vaultsim(argv):
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        return None, f"{' '.join(argv)} failed with status {result.returncode}: {result.stderr.strip()[-800:]}"
    report = json.loads(result.stdout)
    pit_micros = report["stage_micros"].get("pit")
    if pit_micros is None:
        return None, f"{' '.join(argv)}: no stage 'pit' in stage_micros ({sorted(report['stage_micros'])})"
    per_batch = [b["stage_micros"].get("pit", 0) for b in report.get("batches", [])]
    hubs = {t["table"]: t["rows"] for t in report["tables"]}
    return {"pit_seconds": pit_micros / 1e6, "per_batch": [m / 1e6 for m in per_batch],
            "seconds": report["seconds"], "peak_rss_bytes": report["peak_resident_bytes"],
            "hub_rows": {h: hubs.get(h) for _, h, _ in PITS}, "threads": report.get("threads")}, None


def gib(n):
    return f"{n / 2**30:.2f} GiB" if n is not None else "-"


def report(duck, runs, dates, scale, days):
    print()
    print(f"PIT over {len(dates)} snapshot dates ({dates[0]} .. {dates[-1]}), scale {scale}, {days} loaded days")
    if duck:
        total = sum(p["seconds"] for p in duck["pits"])
        rows = sum(p["rows"] for p in duck["pits"])
        for p in duck["pits"]:
            expected = p["hub_rows"] * len(dates)
            mark = "" if p["rows"] == expected else f"  (expected hub rows x dates = {expected:,})"
            print(f"  DuckDB {p['pit']:<14} {p['seconds']:9.3f} s  {p['rows']:>14,} rows{mark} (CREATE TABLE AS); "
                  f"count(*) over the same SELECT {p['count_seconds']:.3f} s ({p['counted']:,} rows)")
        print(f"  DuckDB both PITs      {total:9.3f} s  {rows:>14,} rows; threads {duck['threads']}; "
              f"RSS before the PITs {gib(duck['rss_before_pit_bytes'])}, peak {gib(duck['peak_rss_bytes'])}; "
              f"DuckDB memory after {gib(duck['duckdb_memory_bytes'])} (+ {gib(duck['duckdb_temp_bytes'])} "
              f"spilled)")
    for label, vs in runs:
        rows = sum((vs["hub_rows"][h] or 0) * len(dates) for _, h, _ in PITS)
        batches = ", ".join(f"{s:.3f}" for s in vs["per_batch"])
        line = (f"  vaultsim {label:<12} {vs['pit_seconds']:9.3f} s  {rows:>14,} rows (hub rows x dates); "
                f"threads {vs['threads']}; whole run {vs['seconds']:.1f} s, peak {gib(vs['peak_rss_bytes'])}; "
                f"per batch [{batches}]")
        if duck:
            line += f"; DuckDB / vaultsim {sum(p['seconds'] for p in duck['pits']) / vs['pit_seconds']:.1f}x"
        print(line)
    print("  vaultsim's pit stage also refreshes bridge_customer_product; its peak covers the whole load. Its PITs are")
    print("  compact (one Int32 satellite row per hub row, date and satellite; a date without new versions shares")
    print("  the previous date's block), materialised as rows only for export and queries.")
    print("  DuckDB's peak covers its process: the six input tables, the snapshot dates and both PITs.")
