"""Compares a `vaultsim export --format parquet` folder with the `--format csv` folder of the same
run, reading every Parquet file with DuckDB, pyarrow and polars (used by scripts/check-parquet).

Usage: python3 scripts/parquet_compare.py CSV_DIR PARQUET_DIR [CSV_DIR=PARQUET_DIR[=hex]...]

For every Parquet file: each reader's column types must be the ones the vaultsim type maps to
(the types sample's schema is stated below; source types come from the CSV manifest; vault
tables must agree across readers, with binary hash keys as 16-byte fixed binary); every value,
rendered in vaultsim's CSV text form, must equal the CSV field (NULL = empty unquoted field);
and pyarrow's row-group min/max/null-count statistics must match the values.
"""
import datetime
import decimal
import glob
import json
import os
import re
import sys

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

TYPES_SAMPLE = {
    "id": ("int32", False), "int32_value": ("int32", True), "int64_value": ("int64", True),
    "double_value": ("double", True), "small_decimal": ("decimal(5,2)", True), "money": ("decimal(18,4)", True),
    "date_value": ("date", True), "time_value": ("time", True), "timestamp_value": ("timestamp", True),
    "bool_value": ("bool", True), "text": ("string", True), "category": ("string", True),
    "hash_key": ("fixed_binary(16)", False), "parent_key": ("fixed_binary(16)", True),
}
EPOCH = datetime.date(1970, 1, 1)
failures = []


def fail(message):
    failures.append(message)
    if len(failures) > 20:
        report()


def report():
    for message in failures[:20]:
        print(f"check-parquet: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def read_csv(path):
    """RFC 4180 with LF ends; returns (header, rows), a field is None when empty and unquoted."""
    text = open(path, "rb").read().decode("utf-8")
    rows, row, field, quoted, i, n = [], [], [], False, 0, len(text)
    at_start = True
    while i < n:
        c = text[i]
        if at_start and c == '"':
            quoted, at_start = True, False
            i += 1
            while True:
                j = text.index('"', i)
                field.append(text[i:j])
                if j + 1 < n and text[j + 1] == '"':
                    field.append('"')
                    i = j + 2
                else:
                    i = j + 1
                    break
            continue
        if c == "," or c == "\n":
            value = "".join(field)
            row.append(value if (value or quoted) else None)
            field, quoted, at_start = [], False, True
            if c == "\n":
                rows.append(row)
                row = []
        else:
            field.append(c)
            at_start = False
        i += 1
    header = rows[0]
    return header, rows[1:]


# Per vaultsim type: the type each reader must report.
def expected_types(vtype):
    m = re.fullmatch(r"decimal\((\d+),(\d+)\)", vtype)
    if m:
        p, s = int(m.group(1)), int(m.group(2))
        return pa.decimal128(p, s), f"DECIMAL({p},{s})", pl.Decimal(p, s)
    m = re.fullmatch(r"fixed_binary\((\d+)\)", vtype)
    if m:
        return pa.binary(int(m.group(1))), "BLOB", pl.Binary
    return {
        "int32": (pa.int32(), "INTEGER", pl.Int32), "int64": (pa.int64(), "BIGINT", pl.Int64),
        "double": (pa.float64(), "DOUBLE", pl.Float64), "date": (pa.date32(), "DATE", pl.Date),
        "time": (pa.time64("us"), "TIME", pl.Time), "timestamp": (pa.timestamp("us", tz="UTC"), "TIMESTAMP WITH TIME ZONE", pl.Datetime("us", "UTC")),
        "bool": (pa.bool_(), "BOOLEAN", pl.Boolean), "string": (pa.string(), "VARCHAR", pl.String),
    }[vtype]


def vaultsim_type(arrow_type):
    """The vaultsim type an Arrow type stands for (for vault tables, whose types no manifest states)."""
    if pa.types.is_decimal(arrow_type):
        return f"decimal({arrow_type.precision},{arrow_type.scale})"
    if pa.types.is_fixed_size_binary(arrow_type):
        return f"fixed_binary({arrow_type.byte_width})"
    for name in ["int32", "int64", "double", "date", "time", "timestamp", "bool", "string"]:
        if expected_types(name)[0] == arrow_type:
            return name
    return str(arrow_type)


# Canonical Python values per reader: ints for dates (days), times and timestamps (microseconds).
def canonical_pyarrow(column, vtype):
    if vtype in ("date", "time", "timestamp"):
        column = column.cast({"date": pa.int32(), "time": pa.int64(), "timestamp": pa.int64()}[vtype])
    return column.to_pylist()


def canonical_duckdb(con, path, name, vtype):
    quoted = '"' + name.replace('"', '""') + '"'
    expr = {"date": f"{quoted} - DATE '1970-01-01'", "time": f"epoch_us({quoted})", "timestamp": f"epoch_us({quoted})"}.get(vtype, quoted)
    if vtype == "time":
        expr = f"(extract('hour' from {quoted}) * 3600 + extract('minute' from {quoted}) * 60) * 1000000 + extract('microsecond' from {quoted})"
    return [r[0] for r in con.execute(f"SELECT {expr} FROM read_parquet('{path}')").fetchall()]


def canonical_polars(series, vtype):
    if vtype == "date":
        series = series.cast(pl.Int32)
    elif vtype == "time":
        series = series.cast(pl.Int64) // 1000
    elif vtype == "timestamp":
        series = series.dt.epoch("us")
    return series.to_list()


def text(value, vtype):
    """A canonical value in vaultsim's CSV text form (see ValueText.swift)."""
    if value is None:
        return None
    if vtype in ("int32", "int64"):
        return str(value)
    if vtype.startswith("decimal"):
        scale = int(vtype[:-1].split(",")[1])
        return f"{decimal.Decimal(value):.{scale}f}"
    if vtype == "date":
        d = EPOCH + datetime.timedelta(days=value)
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    if vtype == "time":
        s = value // 1_000_000
        return f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"
    if vtype == "timestamp":
        t = datetime.datetime(1970, 1, 1) + datetime.timedelta(microseconds=value)
        return f"{t.year:04d}-{t:%m-%d %H:%M:%S}.{t.microsecond // 1000:03d}"
    if vtype == "bool":
        return "true" if value else "false"
    if vtype == "string":
        return value
    if vtype.startswith("fixed_binary"):
        return bytes(value).hex().upper()
    raise ValueError(vtype)


def same(value, field, vtype):
    if vtype == "double":
        return (value is None and field is None) or (value is not None and field is not None and float(field) == value)
    return text(value, vtype) == field


def physical(value, vtype):
    """A canonical value as pyarrow's raw statistics hold it."""
    if vtype.startswith("decimal"):
        scale = int(vtype[:-1].split(",")[1])
        return int(decimal.Decimal(value).scaleb(scale))
    if vtype == "string":
        return value.encode()
    if vtype.startswith("fixed_binary"):
        return bytes(value)
    return value


def check_statistics(path, rel, types):
    file = pq.ParquetFile(path)
    metadata = file.metadata
    for g in range(metadata.num_row_groups):
        group = file.read_row_group(g)
        for j, name in enumerate(group.column_names):
            vtype = types[name]
            stats = metadata.row_group(g).column(j).statistics
            values = [v for v in canonical_pyarrow(group.column(j), vtype) if v is not None]
            if stats is None or stats.null_count != group.num_rows - len(values):
                fail(f"{rel} row group {g} {name}: null_count {stats and stats.null_count}, expected {group.num_rows - len(values)}")
                continue
            if vtype == "double":
                values = [v for v in values if v == v]
            if not values:
                continue
            raw = [physical(v, vtype) for v in values]
            if not stats.has_min_max or stats.min_raw != min(raw) or stats.max_raw != max(raw):
                fail(f"{rel} row group {g} {name}: min/max {stats.min_raw!r}/{stats.max_raw!r}, expected {min(raw)!r}/{max(raw)!r}")


def table_name(rel):
    return os.path.basename(rel)[:-len(".parquet")]


def check_file(parquet_path, csv_path, rel, declared, con):
    """declared: column -> (vaultsim type, nullable) or None when no source states the types."""
    header, rows = read_csv(csv_path)
    arrow = pq.read_table(parquet_path)
    if arrow.column_names != header:
        return fail(f"{rel}: columns {arrow.column_names}, CSV header {header}")
    if arrow.num_rows != len(rows):
        return fail(f"{rel}: {arrow.num_rows} rows, CSV {len(rows)}")
    frame = pl.read_parquet(parquet_path)
    described = {r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{parquet_path}')").fetchall()}
    types = {}
    for j, name in enumerate(header):
        field = arrow.schema.field(name)
        vtype, nullable = declared[name] if declared else (vaultsim_type(field.type), field.nullable)
        types[name] = vtype
        want_arrow, want_duckdb, want_polars = expected_types(vtype)
        if field.type != want_arrow or field.nullable != nullable:
            fail(f"{rel}.{name}: pyarrow {field.type} nullable={field.nullable}, expected {want_arrow} nullable={nullable}")
        if described[name] != want_duckdb:
            fail(f"{rel}.{name}: DuckDB {described[name]}, expected {want_duckdb}")
        if frame.schema[name] != want_polars:
            fail(f"{rel}.{name}: polars {frame.schema[name]}, expected {want_polars}")
        if table_name(rel) == "etl_batch_log" and name == "duration_us":
            continue  # measured time: differs between the CSV run and the Parquet run
        csv_values = [r[j] for r in rows]
        for reader, values in (("pyarrow", canonical_pyarrow(arrow.column(name), vtype)),
                               ("duckdb", canonical_duckdb(con, parquet_path, name, vtype)),
                               ("polars", canonical_polars(frame[name], vtype))):
            for i, (value, expected) in enumerate(zip(values, csv_values)):
                if not same(value, expected, vtype):
                    fail(f"{rel}.{name} row {i}: {reader} read {text(value, vtype) if vtype != 'double' else value!r}, CSV has {expected!r}")
                    break
    check_statistics(parquet_path, rel, types)
    return vtype


def main():
    """Arguments: CSV_DIR PARQUET_DIR, then more CSV_DIR=PARQUET_DIR pairs; a pair ending in =hex was
    exported with --key-format hex (hash keys are strings)."""
    pairs = [(sys.argv[1], sys.argv[2], False)] + [
        (p.split("=")[0], p.split("=")[1], p.endswith("=hex")) for p in sys.argv[3:]]
    con = duckdb.connect()
    source_types = {}
    manifest = os.path.join(pairs[0][0], "sources", "manifest.json")
    for table in json.load(open(manifest))["tables"]:
        source_types[table["name"]] = {c["name"]: (c["type"], True) for c in table["columns"]}
    checked = 0
    seen_types = set()
    for csv_dir, parquet_dir, hex_keys in pairs:
        for parquet_path in sorted(glob.glob(os.path.join(parquet_dir, "**", "*.parquet"), recursive=True)):
            rel = os.path.relpath(parquet_path, parquet_dir)
            csv_path = os.path.join(csv_dir, rel[:-len(".parquet")] + ".csv")
            if not os.path.exists(csv_path):
                fail(f"{rel}: no CSV counterpart {csv_path}")
                continue
            table = table_name(rel)
            declared = TYPES_SAMPLE if table == "types_sample" else source_types.get(table) if rel.startswith("sources/") else None
            if declared is None:
                schema = pq.read_schema(parquet_path)
                want = pa.string() if hex_keys else pa.binary(16)
                for name in schema.names:
                    if (name.endswith("_hk") or name == "hash_diff") and schema.field(name).type != want:
                        fail(f"{rel}.{name}: hash key read as {schema.field(name).type}, expected {want}")
            check_file(parquet_path, csv_path, f"{parquet_dir}:{rel}", declared, con)
            seen_types.update(expected_types(t[0])[1] for t in (declared or {}).values())
            checked += 1
    if failures:
        report()
    print(f"check-parquet: {checked} Parquet files match their CSV in DuckDB {duckdb.__version__}, "
          f"pyarrow {pa.__version__} and polars {pl.__version__} ({len(seen_types)} column types)")


if __name__ == "__main__":
    main()
