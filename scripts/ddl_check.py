#!/usr/bin/env python3
"""Checks `vaultsim ddl` against real engines and parsers, loading `vaultsim load --export` CSVs.

For each hash strategy (md5 binary, sha256 hex, sha1 binary):

DuckDB      executes the DuckDB DDL, loads every exported CSV into its table (binary keys through
            unhex(), everything else cast by the INSERT to the declared type), and checks: one DDL
            table per exported file and back, the row counts, the keys (a duplicate would
            fail the INSERT, and a copy of each table's last row must), key lengths, load_date equal to
            the CSV text read as UTC, and the comments.
PostgreSQL  when a PostgreSQL server binary is installed (Debian: postgresql): starts a throw-away
            server on a Unix socket in a temporary folder, executes the DDL with psql and loads the
            same CSVs with \\copy (binary keys through decode(x, 'hex')), then compares row counts.
            Without the binaries, the DDL is only parsed with pglast (PostgreSQL's own parser,
            libpg_query); the parse runs in every case.
Snowflake   parsed with sqlglot's Snowflake dialect: every statement parses, one CREATE TABLE per
            table with its columns, key (PRIMARY KEY, or UNIQUE when a key column is nullable) and comment.

Exit status 1 on any failure.
"""

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time

import duckdb
import pglast
import sqlglot
from sqlglot import exp

STRATEGIES = [("md5", "binary"), ("sha256", "hex"), ("sha1", "binary")]
DIGEST = {"md5": 16, "sha1": 20, "sha256": 32}


def run(argv, **kw):
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    if result.returncode != 0:
        sys.stderr.write(result.stderr + result.stdout)
        raise SystemExit(f"check-ddl: {' '.join(argv)} failed with status {result.returncode}")
    return result.stdout


class Checker:
    def __init__(self):
        self.failures = 0

    def expect(self, condition, message):
        if not condition:
            self.failures += 1
            print(f"FAIL {message}")
        return condition


def exported_tables(folder):
    """{table: (header, rows)} of every CSV in an export folder."""
    tables = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".csv"):
            with open(os.path.join(folder, name), newline="") as f:
                rows = list(csv.reader(f))
            tables[name[:-4]] = (rows[0], len(rows) - 1)
    return tables


def csv_reader(path, header):
    spec = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in header) + "}"
    return (f"read_csv('{path}', header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
            f"columns = {spec}, allow_quoted_nulls = false, nullstr = '')")


def check_duckdb(check, label, ddl, folder, tables, algorithm, key_format):
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute(ddl)
    declared = {r[0]: r[1] for r in con.execute("SELECT table_name, comment FROM duckdb_tables()").fetchall()}
    check.expect(set(declared) == set(tables),
                 f"[duckdb {label}] DDL tables {sorted(declared)} differ from exported {sorted(tables)}")
    for table, (header, rows) in tables.items():
        if table not in declared:
            continue
        check.expect(bool(declared[table]), f"[duckdb {label}] {table} has no comment")
        types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                                 "WHERE table_name = ?", [table]).fetchall())
        if not check.expect(list(types) == header, f"[duckdb {label}] {table} columns {list(types)} != CSV {header}"):
            continue
        select = ", ".join(f"unhex({c})" if types[c] == "BLOB" else c for c in header)
        path = os.path.join(folder, table + ".csv")
        try:
            con.execute(f"INSERT INTO {table} SELECT {select} FROM {csv_reader(path, header)}")
        except duckdb.Error as error:
            check.expect(False, f"[duckdb {label}] loading {path} into {table}: {error}")
            continue
        loaded = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        check.expect(loaded == rows, f"[duckdb {label}] {table}: {loaded} rows loaded, CSV has {rows}")
        if rows > 0:
            # The key is declared and enforced: a copy of the last row (never a ghost record) is refused.
            try:
                con.execute(f"INSERT INTO {table} SELECT * FROM {table} LIMIT 1 OFFSET {rows - 1}")
                check.expect(False, f"[duckdb {label}] {table}: a duplicate of its last row was accepted (no key)")
            except duckdb.ConstraintException:
                pass
        for column, typ in types.items():
            if typ == "BLOB":
                bad = con.execute(f"SELECT count(*) FROM {table} WHERE octet_length({column}) <> "
                                  f"{DIGEST[algorithm]}").fetchone()[0]
                check.expect(bad == 0, f"[duckdb {label}] {table}.{column}: {bad} keys not {DIGEST[algorithm]} bytes")
            if column.endswith("_hk") or column == "hash_diff":
                want = "BLOB" if key_format == "binary" else "VARCHAR"
                check.expect(typ == want, f"[duckdb {label}] {table}.{column} is {typ}, expected {want}")
        if "load_date" in header:
            differing = con.execute(f"""
                SELECT count(*) FROM (SELECT strftime(load_date AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S.%g') AS t
                                      FROM {table}) ours
                WHERE t NOT IN (SELECT load_date FROM {csv_reader(path, header)})""").fetchone()[0]
            check.expect(differing == 0, f"[duckdb {label}] {table}: {differing} load_date values moved")
    con.close()
    print(f"duckdb [{label}]: {len(tables)} tables created and loaded from the CSV export")


def postgres_binaries():
    for version in sorted(os.listdir("/usr/lib/postgresql"), reverse=True) if os.path.isdir("/usr/lib/postgresql") else []:
        folder = f"/usr/lib/postgresql/{version}/bin"
        if os.path.exists(f"{folder}/initdb") and os.path.exists(f"{folder}/psql"):
            return folder
    return None


class PostgresServer:
    """A throw-away PostgreSQL server on a Unix socket; run as the postgres user when we are root."""

    def __init__(self, binaries, work):
        self.bin = binaries
        self.data = os.path.join(work, "pgdata")
        self.socket = work
        self.prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        os.chmod(work, 0o777)

    def start(self):
        run(self.prefix + [f"{self.bin}/initdb", "-D", self.data, "-A", "trust", "-U", "vaultsim", "--no-sync",
                           "-E", "UTF8", "--locale", "C"])
        run(self.prefix + [f"{self.bin}/pg_ctl", "-D", self.data, "-w", "-l", os.path.join(self.socket, "pg.log"),
                           "-o", f"-k {self.socket} -c listen_addresses='' -c fsync=off", "start"])

    def psql(self, script):
        return subprocess.run(self.prefix + [f"{self.bin}/psql", "-h", self.socket, "-U", "vaultsim", "-d", "postgres",
                                             "-v", "ON_ERROR_STOP=1", "-q", "-A", "-t", "-f", "-"],
                              input=script, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def stop(self):
        subprocess.run(self.prefix + [f"{self.bin}/pg_ctl", "-D", self.data, "-m", "immediate", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def check_postgres_server(check, server, label, ddl, folder, tables):
    schema = f"s_{label.replace('/', '_')}"
    setup = ["SET TimeZone = 'UTC';", f"CREATE SCHEMA {schema};", f"SET search_path = {schema};", ddl,
             "SELECT c.relname || '.' || a.attname || '=' || replace(format_type(a.atttypid, a.atttypmod), ' ', '_') "
             f"FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
             f"WHERE c.relnamespace = '{schema}'::regnamespace AND c.relkind = 'r' AND a.attnum > 0;"]
    result = server.psql("\n".join(setup))
    if not check.expect(result.returncode == 0, f"[postgres {label}] DDL failed: {result.stderr.strip()}"):
        return
    types = {}
    for line in result.stdout.split():
        name, typ = line.split("=", 1)
        types[name] = typ.replace("_", " ")
    load = ["SET TimeZone = 'UTC';", f"SET search_path = {schema};"]
    for table, (header, _) in tables.items():
        load.append(f"CREATE TEMP TABLE stage_{table} ({', '.join(c + ' text' for c in header)});")
        load.append(f"\\copy stage_{table} FROM '{os.path.join(folder, table + '.csv')}' WITH (FORMAT csv, HEADER true)")
        select = ", ".join(f"decode({c}, 'hex')" if types.get(f"{table}.{c}") == "bytea"
                           else f"CAST({c} AS {types.get(f'{table}.{c}', 'text')})" for c in header)
        load.append(f"INSERT INTO {table} SELECT {select} FROM stage_{table};")
        load.append(f"SELECT '{table}=' || count(*) FROM {table};")
    result = server.psql("\n".join(load))
    if not check.expect(result.returncode == 0, f"[postgres {label}] loading the CSV export: {result.stderr.strip()}"):
        return
    counts = dict(line.split("=", 1) for line in result.stdout.split())
    for table, (_, rows) in tables.items():
        check.expect(int(counts.get(table, -1)) == rows,
                     f"[postgres {label}] {table}: {counts.get(table)} rows loaded, CSV has {rows}")
    print(f"postgres [{label}]: {len(tables)} tables created by a PostgreSQL server and loaded with \\copy")


def check_postgres_parse(check, label, ddl, tables):
    try:
        statements = pglast.parse_sql(ddl)
    except pglast.parser.ParseError as error:
        check.expect(False, f"[pglast {label}] {error}")
        return
    creates = [s.stmt.relation.relname for s in statements if type(s.stmt).__name__ == "CreateStmt"]
    comments = [s for s in statements if type(s.stmt).__name__ == "CommentStmt"]
    check.expect(sorted(creates) == sorted(tables), f"[pglast {label}] CREATE TABLEs {creates}")
    check.expect(len(comments) > len(tables), f"[pglast {label}] only {len(comments)} COMMENT statements")
    print(f"pglast [{label}]: {len(statements)} PostgreSQL statements parse ({len(creates)} tables)")


def check_snowflake_parse(check, label, ddl, tables):
    try:
        statements = [s for s in sqlglot.parse(ddl, read="snowflake", error_level=sqlglot.ErrorLevel.RAISE) if s]
    except sqlglot.errors.ParseError as error:
        check.expect(False, f"[sqlglot snowflake {label}] {error}")
        return
    seen = []
    for statement in statements:
        if not check.expect(isinstance(statement, exp.Create), f"[sqlglot snowflake {label}] not a CREATE: {statement}"):
            continue
        name = statement.this.this.name
        seen.append(name)
        columns = [c.name for c in statement.this.expressions if isinstance(c, exp.ColumnDef)]
        header = tables.get(name, ([], 0))[0]
        check.expect(columns == header, f"[sqlglot snowflake {label}] {name} columns {columns} != CSV {header}")
        keys = list(statement.find_all(exp.PrimaryKey)) + list(statement.find_all(exp.UniqueColumnConstraint))
        check.expect(len(keys) == 1, f"[sqlglot snowflake {label}] {name}: {len(keys)} keys (PRIMARY KEY or UNIQUE)")
        check.expect(statement.find(exp.SchemaCommentProperty) is not None, f"[sqlglot snowflake {label}] {name}: no comment")
    check.expect(sorted(seen) == sorted(tables), f"[sqlglot snowflake {label}] CREATE TABLEs {seen}")
    print(f"sqlglot [{label}]: {len(statements)} Snowflake statements parse")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("vaultsim")
    p.add_argument("--scale", default="0.2")
    p.add_argument("--days", default="3")
    p.add_argument("--no-postgres-server", action="store_true", help="parse the PostgreSQL DDL only")
    args = p.parse_args()
    started = time.perf_counter()
    check = Checker()
    work = tempfile.mkdtemp(prefix="vaultsim-ddl.")
    binaries = None if args.no_postgres_server else postgres_binaries()
    server = None
    try:
        if binaries:
            server = PostgresServer(binaries, work)
            server.start()
        else:
            print("postgres: no server binaries (apt-get install postgresql): PostgreSQL DDL is parsed only")
        for algorithm, key_format in STRATEGIES:
            label = f"{algorithm}/{key_format}"
            strategy = ["--hash", algorithm, "--key-format", key_format]
            folder = os.path.join(work, f"export_{algorithm}_{key_format}")
            run([args.vaultsim, "load", "--scale", args.scale, "--days", args.days, *strategy, "--export", folder])
            os.chmod(folder, 0o755)
            tables = exported_tables(folder)
            ddl = {d: run([args.vaultsim, "ddl", "--dialect", d, *strategy]) for d in ("duckdb", "postgres", "snowflake")}
            check_duckdb(check, label, ddl["duckdb"], folder, tables, algorithm, key_format)
            check_postgres_parse(check, label, ddl["postgres"], tables)
            if server:
                check_postgres_server(check, server, label, ddl["postgres"], folder, tables)
            check_snowflake_parse(check, label, ddl["snowflake"], tables)
    finally:
        if server:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - started
    if check.failures:
        print(f"check-ddl: FAILED: {check.failures} check(s) ({elapsed:.1f} s)")
        return 1
    print(f"check-ddl: OK: DDL of {len(STRATEGIES)} strategies runs in DuckDB"
          + (" and PostgreSQL" if server else "") + ", parses for PostgreSQL and Snowflake, "
          f"and the CSV export loads into it ({elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
