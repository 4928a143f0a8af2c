"""`vaultsim hash` against DuckDB SQL on edge-case inputs the generated feed does not contain
(tabs, non-ASCII text, the '^^' and '||' tokens inside values, blank values, name ordering).

No 'ß' here: DuckDB's upper('ß') is 'ẞ', Snowflake's (and vaultsim's) is 'SS', the full case mapping."""

import subprocess

from .pipeline import concat, hashdiff_order, std

NULL = None

# (kind, values); hashdiff values are (column name, value)
VECTORS = [
    ("key", [" c001 "]),
    ("key", ["abc"]),
    ("key", [""]),
    ("key", ["   "]),
    ("key", [NULL]),
    ("key", ["\tc001\t"]),
    ("key", ["élan vital"]),
    ("key", ["^^"]),
    ("key", ["A", NULL]),
    ("key", [NULL, NULL]),
    ("key", ["", "  "]),
    ("key", [" x ", "", "y"]),
    ("key", ["^^", NULL]),
    ("key", ["a||b", "c"]),
    ("key", ["1001", "2020-01-01"]),
    ("key", ["-1.50", "x"]),
    ("hashdiff", [("b", "Smith"), ("a", "john")]),
    ("hashdiff", [("B_NAME", "x"), ("a_id", NULL)]),
    ("hashdiff", [("x", NULL), ("y", NULL)]),
    ("hashdiff", [("only", NULL)]),
    ("hashdiff", [("Zeta", " z "), ("alpha", ""), ("Beta", "b\tb")]),
    ("hashdiff", [("name", "Ünïcode straat")]),
]


def literal(value):
    if value is None:
        return "CAST(NULL AS VARCHAR)"
    return "'" + value.replace("'", "''") + "'"


def duckdb_digest(con, algorithm, kind, values):
    if kind == "key":
        exprs = [literal(v) for v in values]
        if len(exprs) == 1:
            text = std(exprs[0])
        else:
            text = f"NULLIF({concat(exprs)}, '{'||'.join(['^^'] * len(exprs))}')"
    else:
        by_name = dict(values)
        text = concat([literal(by_name[name]) for name in hashdiff_order([n for n, _ in values])])
    digest = con.execute(f"SELECT upper({algorithm}({text}))").fetchone()[0]
    return digest or "NULL"


def vaultsim_digest(binary, algorithm, kind, values):
    args = [binary, "hash", "--algorithm", algorithm, "--profile", "automatedv", "--digest-only"]
    if kind == "hashdiff":
        args.append("--hashdiff")
        values = [f"{n}={v if v is not None else chr(92) + 'N'}" for n, v in values]
    else:
        values = [v if v is not None else "\\N" for v in values]
    out = subprocess.run(args + ["--"] + values, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if out.returncode != 0:
        return f"error {out.returncode}: {out.stderr.strip()}"
    return out.stdout.strip()


def check_vectors(con, binary, algorithm, label):
    """One OK/FAIL line for the whole set; details of each mismatch. Returns the failure count."""
    wrong = []
    for kind, values in VECTORS:
        ours = duckdb_digest(con, algorithm, kind, values)
        theirs = vaultsim_digest(binary, algorithm, kind, values)
        if ours != theirs:
            wrong.append((kind, values, ours, theirs))
    if not wrong:
        print(f"OK   [{label}] vaultsim hash: {len(VECTORS)} edge-case keys/hashdiffs identical")
        return 0
    print(f"FAIL [{label}] vaultsim hash: {len(wrong)} of {len(VECTORS)} edge-case digests differ")
    for kind, values, ours, theirs in wrong[:5]:
        print(f"     {kind} {values!r}: DuckDB {ours}, vaultsim {theirs}")
    return 1
