#!/usr/bin/env python3
"""Independent cross-check of vaultsim's raw vault in DuckDB SQL, and a timed peer comparison.

Check mode (default): `vaultsim generate` writes the source CSVs and `vaultsim load --export` the vault
for the same options; DuckDB rebuilds all 15 vault tables from the CSVs batch by batch (plain SQL:
standardise + md5()/sha1()/sha256(), ROW_NUMBER over source order, NOT EXISTS anti-joins) and compares each
table row for row (as multisets) plus the batch log's counts; this runs for the default dirt rates and
again with heavy dirt (NULL/blank/noisy keys, NULL attributes, re-sends, late rows), and `vaultsim hash`
is compared with the same SQL on edge-case inputs.  The business vault (docs/BUSINESS-VAULT.md) is rebuilt
too: ghost rows, the multi-active and effectivity satellites, the PITs and the bridge, compared with the
export, plus the seven `vaultsim query` queries compared in order, a feed of hand-made edge cases loaded
with `load --from`, and the datavault4dbt ghosts and PITs.  Exit status 1 on any difference.

PIT time mode (--time-pit): DuckDB's LEAD-based PIT SQL over N snapshot dates beside vaultsim's `pit`
stage and peak memory (see vaultcheck/pitbench.py).

Time mode (--time): the sources are loaded into DuckDB tables first (untimed), then only the SQL
load pipeline is timed, and set beside `vaultsim load --json` for the same options.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import duckdb  # noqa: E402

from vaultcheck.business_check import (PitOptions, build_business, check_profile_ghosts,  # noqa: E402
                                       compare_queries)
from vaultcheck.edgefeed import write_edge_feed  # noqa: E402
from vaultcheck.folders import compare_vault, load_sources  # noqa: E402
from vaultcheck.pipeline import Pipeline  # noqa: E402
from vaultcheck.runner import run_vaultsim as run_command  # noqa: E402
from vaultcheck.pitbench import PIT_SOURCE_COLUMNS, build_input, report, run_duckdb, run_vaultsim  # noqa: E402
from vaultcheck.vectors import check_vectors  # noqa: E402

ALGORITHMS = {"md5": "md5", "sha1": "sha1", "sha256": "sha256", "sha": "sha256"}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("vaultsim", help="path of the vaultsim binary")
    p.add_argument("--scale", type=float, default=None, help="volume (default 0.5; 10 with --time)")
    p.add_argument("--days", type=int, default=None, help="daily batches (default 4; 7 with --time)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--hash", default=None,
                   help="comma-separated algorithms: md5, sha1, sha256 (default md5,sha1,sha256)")
    p.add_argument("--threads", type=int, default=None, help="threads for vaultsim and DuckDB (default: all cores)")
    p.add_argument("--work", default=None, help="working folder (default: a temporary folder, removed)")
    p.add_argument("--keep", action="store_true", help="keep the working folder")
    p.add_argument("--no-heavy-dirt", action="store_true", help="check the default-dirt feed only")
    p.add_argument("--time", action="store_true", help="peer benchmark instead of the check")
    p.add_argument("--repeat", type=int, default=1, help="--time: runs of each engine, best is reported")
    p.add_argument("--time-pit", action="store_true",
                   help="PIT benchmark instead of the check: DuckDB's LEAD-based PIT SQL beside vaultsim's pit stage "
                        "(default --pit-from the base date, --pit-to 364 days later)")
    p.add_argument("--memory-limit", default="12GB", help="--time-pit: DuckDB memory_limit (spills beyond it)")
    p.add_argument("--pit-modes", default="at-end,refreshed",
                   help="--time-pit: vaultsim runs, comma-separated: at-end (--pit-at-end: one build after the last "
                        "batch), refreshed (the PITs refreshed after every batch)")
    p.add_argument("--pit-from", type=date.fromisoformat, default=None, help="first snapshot date (YYYY-MM-DD)")
    p.add_argument("--pit-to", type=date.fromisoformat, default=None, help="last snapshot date (YYYY-MM-DD)")
    p.add_argument("--pit-grain", choices=["day", "week", "month"], default=None, help="snapshot spacing")
    p.add_argument("--no-queries", action="store_true", help="skip the comparison of vaultsim query")
    p.add_argument("--no-dv4dbt", action="store_true", help="skip the datavault4dbt ghost and PIT check")
    p.add_argument("--no-edge-cases", action="store_true",
                   help="skip the feed with hand-made multi-active and effectivity edge cases")
    p.add_argument("--vaultsim-arg", action="append", default=[],
                   help="extra argument for vaultsim generate and load (e.g. --vaultsim-arg=--no-dirt)")
    args = p.parse_args()
    timed = args.time or args.time_pit
    args.scale = args.scale if args.scale is not None else (10 if timed else 0.5)
    args.days = args.days if args.days is not None else (7 if timed else 4)
    names = (args.hash or "md5,sha1,sha256").split(",")
    bad = [n for n in names if n.strip().lower() not in ALGORITHMS]
    if bad:
        p.error(f"--hash: unsupported {bad} (md5, sha1, sha256)")
    args.algorithms = [n.strip().lower() for n in names]
    args.pit = PitOptions(args.pit_from, args.pit_to, args.pit_grain)
    bad = [m for m in args.pit_modes.split(",") if m not in ("at-end", "refreshed")]
    if bad:
        p.error(f"--pit-modes: unknown {bad} (at-end, refreshed)")
    return args


def generation_args(args):
    return ["--scale", str(args.scale), "--days", str(args.days), "--seed", str(args.seed), *args.vaultsim_arg]


def vaultsim(args, *command):
    """Runs vaultsim with the generation options; returns stdout."""
    return run_command(args, *command)


def load_options(algorithm):
    return ["--hash", algorithm, "--key-format", "binary", "--profile", "automatedv"]


def connect(args):
    con = duckdb.connect()
    if args.threads:
        con.execute(f"SET threads = {args.threads}")
    con.execute("SET preserve_insertion_order = true")
    return con


HEAVY_DIRT = ["--dirt-key-noise", "0.3", "--dirt-blank-keys", "0.05", "--dirt-null-attributes", "0.1",
              "--dirt-resend", "0.3", "--dirt-late-transactions", "0.1", "--dirt-early-customers", "0.05"]


def check(args, work):
    """Default dirt, then (unless --no-heavy-dirt or --vaultsim-arg) the same volume with heavy dirt:
    NULL/blank/noisy keys, NULL attributes, re-sends and late rows at rates the default leaves rare."""
    started = time.perf_counter()
    configurations = [("default dirt", [])]
    if not args.no_heavy_dirt and not args.vaultsim_arg:
        configurations.append(("heavy dirt", HEAVY_DIRT))
    base_args = list(args.vaultsim_arg)
    failures = 0
    for n, (feed, extra) in enumerate(configurations):
        args.vaultsim_arg = base_args + extra
        source = os.path.join(work, f"src_{n}")
        vaultsim(args, "generate", "--out", source)
        con = connect(args)
        batches, base_date = load_sources(con, source)
        print(f"vault_duckdb: {feed}: scale {args.scale}, {args.days} days, seed {args.seed}: {len(batches)} batches, "
              + ", ".join(f"{t} {con.execute(f'SELECT count(*) FROM src_{t}').fetchone()[0]}"
                          for t in ("customers", "products", "transactions")) + " source rows")
        for i, name in enumerate(args.algorithms):
            algorithm = ALGORITHMS[name]
            export = os.path.join(work, f"vault_{n}_{algorithm}")
            options = load_options(algorithm) + args.pit.vaultsim_args()
            vaultsim(args, "load", *options, "--export", export)
            pipeline = Pipeline(con, algorithm, count_everything=True, base_date=base_date)
            pipeline.run(batches)
            build_business(con, args.pit, algorithm, base_date, batches)
            label = f"{algorithm}, {feed}"
            failures += compare_vault(con, export, pipeline.log, label)
            if n == 0:
                failures += check_vectors(con, args.vaultsim, algorithm, label)
            if i == 0 and not args.no_queries:
                argv = [args.vaultsim, *generation_args(args), *options]
                failures += compare_queries(con, argv, algorithm, args.pit, base_date, batches, work, label)
            if i == 0 and n == 0 and not args.no_dv4dbt:
                failures += check_datavault4dbt(args, work, algorithm, base_date, batches, f"{algorithm}, {feed}")
        con.close()
        if n == 0 and not args.no_edge_cases:
            failures += check_edge_feed(args, work, source, ALGORITHMS[args.algorithms[0]], base_date)
    elapsed = time.perf_counter() - started
    if failures:
        print(f"vault_duckdb: FAILED: {failures} check(s) differ between DuckDB and vaultsim ({elapsed:.1f} s)")
        return 1
    print(f"vault_duckdb: OK: all 15 raw vault tables with their ghost rows, the 2 business satellites, 2 PITs, "
          f"the bridge, the batch log, vaultsim hash and vaultsim query agree with DuckDB for "
          f"{', '.join(args.algorithms)} ({', '.join(f for f, _ in configurations)}"
          f"{'' if args.no_edge_cases else ', edge cases'}; {elapsed:.1f} s)")
    return 0


def check_edge_feed(args, work, source, algorithm, base_date):
    """The default feed plus hand-made business-vault edge cases, loaded by vaultsim with --from."""
    if args.days < 4:
        print("note [edge cases] skipped: the edge-case feed needs --days 4 or more")
        return 0
    edge = write_edge_feed(source, os.path.join(work, "src_edge"), base_date)
    export = os.path.join(work, f"vault_edge_{algorithm}")
    argv = [args.vaultsim, "load", "--from", edge, *load_options(algorithm), *args.pit.vaultsim_args(),
            "--export", export]
    if args.threads:
        argv += ["--threads", str(args.threads)]
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        print(f"FAIL [edge cases] {' '.join(argv)} failed with status {result.returncode}: {result.stderr.strip()}")
        return 1
    con = connect(args)
    try:
        batches, _ = load_sources(con, edge)
        pipeline = Pipeline(con, algorithm, count_everything=True, base_date=base_date)
        pipeline.run(batches)
        build_business(con, args.pit, algorithm, base_date, batches)
        return compare_vault(con, export, pipeline.log, f"{algorithm}, edge cases")
    finally:
        con.close()


def check_datavault4dbt(args, work, algorithm, base_date, batches, label):
    """The datavault4dbt profile's ghost rows, PITs and bridge, over vaultsim's own export."""
    export = os.path.join(work, f"vault_dv4dbt_{algorithm}")
    vaultsim(args, "load", "--hash", algorithm, "--key-format", "binary", "--profile", "datavault4dbt",
             *args.pit.vaultsim_args(), "--export", export)
    con = connect(args)
    try:
        return check_profile_ghosts(con, export, algorithm, args.pit, base_date, batches, "datavault4dbt",
                                    f"{label}, datavault4dbt")
    finally:
        con.close()


def time_pit(args, work):
    """PIT benchmark: see vaultcheck/pitbench.py."""
    source = os.path.join(work, "src")
    t0 = time.perf_counter()
    vaultsim(args, "generate", "--out", source)
    # A file-backed database under the memory limit: at large scales the sources do not fit in memory.
    con = duckdb.connect(os.path.join(work, "pit_build.duckdb"))
    con.execute(f"SET memory_limit = '{args.memory_limit}'")
    if args.threads:
        con.execute(f"SET threads = {args.threads}")
    con.execute("SET preserve_insertion_order = true")
    batches, base_date = load_sources(con, source, PIT_SOURCE_COLUMNS)
    t1 = time.perf_counter()
    path = os.path.join(work, "pit_input.duckdb")
    rows = build_input(con, batches, base_date, path)
    con.close()
    t2 = time.perf_counter()
    first = args.pit.first or base_date
    pit = PitOptions(first, args.pit.last or first + timedelta(days=364), args.pit.grain)
    dates = pit.dates(base_date, batches)
    print(f"scale {args.scale}, {args.days} days, seed {args.seed}: generate + DuckDB CSV import {t1 - t0:.1f} s, "
          f"DuckDB SQL load of the PIT inputs {t2 - t1:.1f} s (untimed): "
          + ", ".join(f"{t} {n:,}" for t, n in rows.items()))
    runs = []
    modes = {"at-end": ("--pit-at-end", ["--pit-at-end"]), "refreshed": ("refreshed", [])}
    for label, extra in (modes[m] for m in args.pit_modes.split(",")):
        argv = [args.vaultsim, "load", *generation_args(args), *load_options("md5"), *pit.vaultsim_args(), *extra,
                "--json"]
        if args.threads:
            argv += ["--threads", str(args.threads)]
        result, error = run_vaultsim(argv)
        if error:
            print(f"vault_duckdb: {error}")
            return 1
        runs.append((label, result))
    duck, error = run_duckdb(path, dates, args.threads, args.memory_limit, os.path.join(work, "duckdb_tmp"))
    if error:
        print(f"vault_duckdb: {error}")
    report(duck, runs, dates, args.scale, args.days)
    return 0 if duck else 1


def benchmark(args, work):
    source = os.path.join(work, "src")
    t0 = time.perf_counter()
    vaultsim(args, "generate", "--out", source)
    t1 = time.perf_counter()
    con = connect(args)
    batches, base_date = load_sources(con, source)
    t2 = time.perf_counter()
    lines = con.execute("SELECT count(*) FROM src_transactions").fetchone()[0]
    rows = sum(con.execute(f"SELECT count(*) FROM src_{t}").fetchone()[0]
               for t in ("customers", "customer_phones", "products", "stores", "promotions",
                         "product_promotions", "transactions"))
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    print(f"scale {args.scale}, {args.days} days, seed {args.seed}: {rows:,} source rows ({lines:,} sales lines); "
          f"generate CSV {t1 - t0:.1f} s, DuckDB CSV import {t2 - t1:.1f} s (both untimed); DuckDB threads {threads}")
    # vaultsim runs first, for every algorithm: once the DuckDB pipeline has run, this process
    # still holds the vault DuckDB built (gigabytes at scale 1000), and a vaultsim run beside it
    # would time the machine's memory pressure rather than the load. Each side runs with the other
    # idle.
    ours = {}
    for name in args.algorithms:
        algorithm = ALGORITHMS[name]
        best_vs = None
        for _ in range(args.repeat):
            report = json.loads(vaultsim(args, "load", *load_options(algorithm), "--json"))
            stages = {k: v / 1e6 for k, v in report["stage_micros"].items()}
            if best_vs is None or report["seconds"] < best_vs[0]:
                best_vs = (report["seconds"], stages, report.get("threads"))
        ours[name] = best_vs
    results = []
    for name in args.algorithms:
        algorithm = ALGORITHMS[name]
        best_duck = None
        for _ in range(args.repeat):
            pipeline = Pipeline(con, algorithm, count_everything=False, base_date=base_date)
            start = time.perf_counter()
            pipeline.run(batches, clock=time.perf_counter)
            total = time.perf_counter() - start
            if best_duck is None or total < best_duck[0]:
                best_duck = (total, dict(pipeline.timings))
        results.append((algorithm, best_duck, ours[name]))
    print_table(results)
    return 0


def print_table(results):
    print()
    print(f"{'hash':<7} {'engine':<30} {'seconds':>9} {'stage':>8} {'hubs':>8} {'links':>8} {'sats':>8} "
          f"{'audits':>8} {'ratio':>7}")
    for algorithm, (duck_total, duck), (vs_seconds, vs, vs_threads) in results:
        sats = duck.get("satellites", 0) + duck.get("sales_metrics", 0)
        # The PITs and bridge (vaultsim's `pit` stage) are timed by --time-pit, not here.
        vs_load = sum(v for k, v in vs.items() if k not in ("generate", "audits", "pit"))
        vs_audited = vs_load + vs.get("audits", 0)

        def row(engine, seconds, stage, hubs, links, satellites, audits, base):
            cells = [f"{x:8.3f}" if isinstance(x, float) else f"{'-':>8}" for x in (stage, hubs, links, satellites, audits)]
            print(f"{algorithm:<7} {engine:<30} {seconds:9.3f} {' '.join(cells)} {seconds / base:6.2f}x")

        row("DuckDB SQL pipeline", duck_total, duck.get("stage", 0.0), duck.get("hubs", 0.0), duck.get("links", 0.0),
            sats, None, vs_load)
        row("vaultsim load (excl gen+audit)", vs_load, vs.get("stage", 0.0), vs.get("hubs", 0.0),
            vs.get("links", 0.0), vs.get("satellites", 0.0), None, vs_load)
        row("vaultsim load (excl generate)", vs_audited, vs.get("stage", 0.0), vs.get("hubs", 0.0),
            vs.get("links", 0.0), vs.get("satellites", 0.0), vs.get("audits", 0.0), vs_load)
        row(f"vaultsim whole run ({vs_threads} thr)", vs_seconds, None, None, None, None, None, vs_load)
    print()
    print("ratio = seconds / vaultsim's load stages excluding generation, audits and the PITs and bridge "
          "(stage+hubs+links+satellites).")
    print("Both sides load the ghost rows and the multi-active and effectivity satellites; the 'whole run' also "
          "builds the PITs and the bridge (see --time-pit).")
    print("DuckDB times exclude the CSV import; vaultsim's 'whole run' includes generating the data in memory.")


def main():
    args = parse_args()
    work = args.work or tempfile.mkdtemp(prefix="vault_duckdb.")
    os.makedirs(work, exist_ok=True)
    try:
        if args.time_pit:
            return time_pit(args, work)
        return benchmark(args, work) if args.time else check(args, work)
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
        elif args.keep:
            print(f"vault_duckdb: kept {work}")


if __name__ == "__main__":
    sys.exit(main())
