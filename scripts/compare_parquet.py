#!/usr/bin/env python3
"""vaultsim snapshots beside Parquet (pyarrow, zstd at the same level) for the same vault, in one run.

1. `vaultsim snapshot bench --json` loads the vault, times save and restore (median of --repeats)
   and leaves the last snapshot in the work folder.
2. `vaultsim load --export` writes the same vault (same options, deterministic) as CSV; pyarrow
   reads each table with the snapshot manifest's types: hex hash keys become fixed_size_binary(w),
   decimal(p,s) decimal128(p,s), date date32, time time64[us], timestamp timestamp[us, UTC].
3. pyarrow writes every table as one Parquet file (zstd, same level, dictionary on, statistics on),
   two tables at a time on two threads, and fsyncs each file and the folder (a snapshot save fsyncs
   too); then reads them back with `pq.read_table(use_threads=True)` on 2 CPUs. Median of --repeats.

Bytes on disk are compared per table and in total; speeds are GB/s of the same raw column bytes
(vaultsim's count), so their ratio is the ratio of times.
"""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq


def arrow_type(text):
    """The Arrow type for a vaultsim column type (as written in a snapshot manifest)."""
    if m := re.fullmatch(r"fixed_binary\((\d+)\)", text):
        return pa.binary(int(m.group(1)))
    if m := re.fullmatch(r"decimal\((\d+),(\d+)\)", text):
        return pa.decimal128(int(m.group(1)), int(m.group(2)))
    return {
        "int32": pa.int32(), "int64": pa.int64(), "double": pa.float64(), "bool": pa.bool_(),
        "string": pa.string(), "date": pa.date32(), "time": pa.time64("us"),
        "timestamp": pa.timestamp("us"),
    }[text]


def hex_to_fixed(column, width):
    """Hex strings (2 x width characters, or NULL) as fixed_size_binary(width), vectorised."""
    column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    valid = column.is_valid()
    filled = column.fill_null("0" * (2 * width))
    offsets = np.frombuffer(filled.buffers()[1], dtype=np.int32)[filled.offset:filled.offset + len(filled) + 1]
    if len(filled) and not np.all(np.diff(offsets) == 2 * width):
        raise ValueError(f"hash keys are not all {2 * width} hex digits")
    data = np.frombuffer(filled.buffers()[2], dtype=np.uint8)[offsets[0]:offsets[0] + len(filled) * 2 * width]
    digits = data.reshape(-1, 2)
    lut = np.full(256, 255, dtype=np.uint8)
    for i, ch in enumerate(b"0123456789abcdef"):
        lut[ch] = i
    for i, ch in enumerate(b"ABCDEF"):
        lut[ch] = 10 + i
    high, low = lut[digits[:, 0]], lut[digits[:, 1]]
    if np.any(high == 255) or np.any(low == 255):
        raise ValueError("a hash key is not hexadecimal")
    raw = (high << 4 | low).astype(np.uint8).tobytes()
    mask = None if valid.false_count == 0 else pa.compute.invert(valid)
    array = pa.FixedSizeBinaryArray.from_buffers(pa.binary(width), len(filled), [None, pa.py_buffer(raw)])
    return array if mask is None else pa.compute.if_else(mask, pa.scalar(None, pa.binary(width)), array)


def read_table(csv_path, columns):
    """Reads one exported CSV with the snapshot's column types."""
    types = {}
    for c in columns:
        t = arrow_type(c["type"])
        types[c["name"]] = pa.string() if pa.types.is_fixed_size_binary(t) else t
    table = pacsv.read_csv(csv_path, convert_options=pacsv.ConvertOptions(
        column_types=types, strings_can_be_null=False, quoted_strings_can_be_null=False))
    arrays, fields = [], []
    for c in columns:
        t = arrow_type(c["type"])
        array = table[c["name"]]
        if pa.types.is_fixed_size_binary(t):
            array = hex_to_fixed(array, t.byte_width)
        elif pa.types.is_timestamp(t):
            array = array.cast(pa.timestamp("us", tz="UTC"))
        arrays.append(array)
        fields.append(pa.field(c["name"], array.type, nullable=c["nullable"]))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def write_all(tables, folder, level):
    """Writes every table as folder/<name>.parquet (two at a time), fsyncs files and folder; seconds."""
    os.makedirs(folder)

    def write(item):
        name, table = item
        path = os.path.join(folder, name + ".parquet")
        pq.write_table(table, path, compression="zstd", compression_level=level)
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(write, tables.items()))
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    return time.perf_counter() - start


def read_all(folder, names):
    start = time.perf_counter()
    tables = {name: pq.read_table(os.path.join(folder, name + ".parquet"), use_threads=True) for name in names}
    return time.perf_counter() - start, tables


def run(cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("vaultsim", help="the vaultsim binary")
    parser.add_argument("--scale", default="100")
    parser.add_argument("--days", default="7")
    parser.add_argument("--hash", default="md5")
    parser.add_argument("--key-format", default="binary")
    parser.add_argument("--level", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args()
    pa.set_cpu_count(args.threads)
    pa.set_io_thread_count(args.threads)
    options = ["--scale", args.scale, "--days", args.days, "--hash", args.hash, "--key-format", args.key_format,
               "--threads", str(args.threads)]

    work = tempfile.mkdtemp(prefix="vaultsim-compare-parquet-")
    try:
        print("compare-parquet: vaultsim snapshot bench ...", file=sys.stderr)
        bench = json.loads(subprocess.run(
            [args.vaultsim, "snapshot", "bench", "--json", "--repeats", str(args.repeats), "--level", str(args.level),
             "--dir", work + "/bench"] + options, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout)
        with open(work + "/bench/snapshot/manifest.json") as f:
            manifest = json.load(f)
        print("compare-parquet: vaultsim load --export ...", file=sys.stderr)
        run([args.vaultsim, "load", "--export", work + "/csv"] + options)

        tables = {}
        for entry in manifest["tables"]:
            table = read_table(os.path.join(work, "csv", entry["name"] + ".csv"), entry["columns"])
            if table.num_rows != entry["rowCount"]:
                raise SystemExit(f"{entry['name']}: {table.num_rows} rows in the CSV, {entry['rowCount']} in the snapshot")
            tables[entry["name"]] = table
        shutil.rmtree(work + "/csv")

        print(f"compare-parquet: pyarrow {pa.__version__} write/read x {args.repeats} ...", file=sys.stderr)
        writes, reads = [], []
        for k in range(args.repeats + 1):
            folder = work + "/parquet"
            shutil.rmtree(folder, ignore_errors=True)
            w = write_all(tables, folder, args.level)
            r, back = read_all(folder, list(tables))
            if k == 0:
                for name, table in tables.items():
                    if not back[name].equals(table):
                        raise SystemExit(f"{name}: the Parquet round trip differs")
                continue  # warm-up, like the bench's
            writes.append(w)
            reads.append(r)

        raw = bench["rawBytes"]
        per_table = []
        for entry in manifest["tables"]:
            snap = sum(c["fileSize"] for c in entry["columns"])
            parquet = os.path.getsize(os.path.join(work, "parquet", entry["name"] + ".parquet"))
            per_table.append({"table": entry["name"], "rows": entry["rowCount"], "vaultsimBytes": snap,
                              "parquetBytes": parquet, "ratio": snap / parquet})
        parquet_total = sum(t["parquetBytes"] for t in per_table)
        write_s, read_s = statistics.median(writes), statistics.median(reads)
        result = {
            "options": options + ["--level", str(args.level)], "repeats": args.repeats, "pyarrow": pa.__version__,
            "rawBytes": raw, "vaultsimBytes": bench["diskBytes"], "parquetBytes": parquet_total,
            "bytesRatio": bench["diskBytes"] / parquet_total,
            "save": {"vaultsimSeconds": bench["save"]["medianSeconds"], "pyarrowSeconds": write_s,
                     "vaultsimGBps": bench["save"]["gigabytesPerSecond"], "pyarrowGBps": raw / write_s / 1e9,
                     "speedup": write_s / bench["save"]["medianSeconds"]},
            "restore": {"vaultsimSeconds": bench["restore"]["medianSeconds"], "pyarrowSeconds": read_s,
                        "vaultsimGBps": bench["restore"]["gigabytesPerSecond"], "pyarrowGBps": raw / read_s / 1e9,
                        "speedup": read_s / bench["restore"]["medianSeconds"]},
            "tables": per_table,
        }
        if args.json:
            print(json.dumps(result, indent=2))
            return
        print(f"{' '.join(result['options'])}, median of {args.repeats}, pyarrow {pa.__version__}, "
              f"{raw:,} raw column bytes")
        print(f"{'table':<26}{'rows':>9}{'vaultsim bytes':>16}{'parquet bytes':>15}{'ratio':>7}")
        for t in per_table:
            print(f"{t['table']:<26}{t['rows']:>9}{t['vaultsimBytes']:>16,}{t['parquetBytes']:>15,}{t['ratio']:>7.2f}")
        print(f"{'total (files)':<26}{'':>9}{bench['diskBytes']:>16,}{parquet_total:>15,}{result['bytesRatio']:>7.2f}")
        print()
        print(f"{'':<10}{'vaultsim s':>11}{'GB/s':>7}{'pyarrow s':>11}{'GB/s':>7}{'vaultsim faster':>17}")
        for op in ("save", "restore"):
            o = result[op]
            print(f"{op:<10}{o['vaultsimSeconds']:>11.3f}{o['vaultsimGBps']:>7.2f}{o['pyarrowSeconds']:>11.3f}"
                  f"{o['pyarrowGBps']:>7.2f}{o['speedup']:>16.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
