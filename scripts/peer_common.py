"""What the peer scripts share: options, the run (generate, time, export, compare) and the JSON report.

Report (stdout with --json), read by `vaultsim bench --peers`:
  {"engine", "algorithm", "scale", "days", "seconds", "stage_seconds": {phase: s}, "covers",
   "tables": [{"name", "peer_rows", "vaultsim_rows", "identical"}], "differences": ["..."]}
"""

import argparse
import json
import os
import shutil
import tempfile
import time

from vaultcheck.runner import run_vaultsim


def parse_args(description, default_scale):
    p = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("vaultsim", help="path of the vaultsim binary")
    p.add_argument("--scale", type=float, default=default_scale)
    p.add_argument("--days", type=int, default=7)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--hash", default="md5", choices=["md5", "sha1", "sha256"])
    p.add_argument("--threads", type=int, default=None, help="threads for vaultsim (and DuckDB)")
    p.add_argument("--repeat", type=int, default=1, help="timed runs; the best is reported")
    p.add_argument("--work", default=None, help="working folder, kept (default: a temporary folder, removed)")
    p.add_argument("--json", action="store_true", help="print the report as JSON (what vaultsim bench --peers reads)")
    return p.parse_args()


class Peer:
    """One engine. Subclasses set `engine` and implement prepare, load and compare."""
    engine = "peer"

    def __init__(self, args):
        self.args = args

    def prepare(self, source):
        """Reads the generated source folder (untimed)."""

    def load(self):
        """Loads every batch once; returns (per-phase seconds, result)."""
        raise NotImplementedError

    def compare(self, result, export, work):
        """Compares `result` with vaultsim's export folder; returns (tables, differences)."""
        raise NotImplementedError

    def covers(self):
        """What the time covers, in words."""
        raise NotImplementedError


def run(peer):
    """Generates the feed, times the peer's load (best of --repeat), exports vaultsim's vault, compares, reports."""
    args = peer.args
    work = args.work or tempfile.mkdtemp(prefix=f"peer-{peer.engine}.")
    os.makedirs(work, exist_ok=True)
    try:
        source = os.path.join(work, "src")
        run_vaultsim(args, "generate", "--out", source)
        peer.prepare(source)
        best = None
        for _ in range(args.repeat):
            start = time.perf_counter()
            timings, result = peer.load()
            total = time.perf_counter() - start
            if best is None or total < best[0]:
                best = (total, timings, result)
        export = os.path.join(work, "vaultsim")
        run_vaultsim(args, "load", "--hash", args.hash, "--key-format", "binary", "--profile", "automatedv",
                     "--export", export)
        tables, differences = peer.compare(best[2], export, work)
        emit(args, peer.engine, best[0], best[1], peer.covers(), tables, differences)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def emit(args, engine, seconds, stage_seconds, covers, tables, differences):
    report = {"engine": engine, "algorithm": args.hash, "scale": args.scale, "days": args.days, "seconds": seconds,
              "stage_seconds": stage_seconds, "covers": covers, "tables": tables, "differences": differences}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{engine}: scale {args.scale}, {args.days} days, {args.hash}: {seconds:.3f} s ({covers})")
    for phase, s in stage_seconds.items():
        print(f"    {phase:<14} {s:8.3f} s")
    for t in tables:
        mark = "same" if t["identical"] else "DIFFERENT"
        print(f"    {t['name']:<26} {t['peer_rows']:>9} rows, vaultsim {t['vaultsim_rows']:>9}: {mark}")
    print("outputs identical" if not differences else "outputs differ:\n    " + "\n    ".join(differences))
