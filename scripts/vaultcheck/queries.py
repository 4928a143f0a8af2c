"""The seven `vaultsim query` queries in DuckDB SQL, from the rules of docs/BUSINESS-VAULT.md, over the
vault rebuilt by the Pipeline (keys as lowercase hex), and their ordered comparison with vaultsim's CSV.

"In force at D" is the key's version with the greatest load_date such that date(load_date) <= D; with
--as-of D only link rows and versions loaded on or before D count.  Money stays DECIMAL; the average is
computed in integer cents and rounded half away from zero.
"""

import subprocess

from .business import zero_key
from .folders import csv_reader


class Query:
    """One query: its name, whether it needs --key, and its SQL for a date, key and limit."""

    def __init__(self, name, columns, build, needs_key=False):
        self.name, self.columns, self.build, self.needs_key = name, columns, build, needs_key


def in_force(sat, pk, d, zero):
    return (f"(SELECT * FROM {sat} WHERE {pk} <> '{zero}' AND CAST(load_date AS DATE) <= {d} "
            f"QUALIFY row_number() OVER (PARTITION BY {pk} ORDER BY load_date DESC) = 1)")


def loaded(table, d):
    return f"(SELECT * FROM {table} WHERE CAST(load_date AS DATE) <= {d})"


def ts(column):
    return f"strftime({column}, '%Y-%m-%d %H:%M:%S.%g')"


def current_customers(d, zero, key, limit):
    return f"""
        SELECT h.customer_id, cd.first_name, cd.last_name, cd.gender, cd.birth_date, cd.customer_segment,
               cc.email, cc.phone, cc.city, cc.state,
               {ts('cd.load_date')} AS details_last_updated, {ts('cc.load_date')} AS contact_last_updated
        FROM {loaded('hub_customer', d)} h
        LEFT JOIN {in_force('sat_customer_details', 'hub_customer_hk', d, zero)} cd
               ON cd.hub_customer_hk = h.hub_customer_hk
        LEFT JOIN {in_force('sat_customer_contact', 'hub_customer_hk', d, zero)} cc
               ON cc.hub_customer_hk = h.hub_customer_hk
        ORDER BY h.customer_id"""


def customer_history(d, zero, key, limit):
    hk = f"(SELECT hub_customer_hk FROM hub_customer WHERE customer_id = '{key}')"
    return f"""
        WITH details AS (
            SELECT 'details' AS satellite, load_date,
                   lead(load_date) OVER (ORDER BY load_date) AS load_end_date,
                   customer_segment, NULL::VARCHAR AS email, NULL::VARCHAR AS phone
            FROM sat_customer_details WHERE hub_customer_hk = {hk} AND CAST(load_date AS DATE) <= {d}),
        contact AS (
            SELECT 'contact' AS satellite, load_date,
                   lead(load_date) OVER (ORDER BY load_date) AS load_end_date,
                   NULL::VARCHAR AS customer_segment, email, phone
            FROM sat_customer_contact WHERE hub_customer_hk = {hk} AND CAST(load_date AS DATE) <= {d}),
        versions AS (SELECT * FROM details UNION ALL SELECT * FROM contact)
        SELECT satellite, {ts('load_date')} AS load_date, {ts('load_end_date')} AS load_end_date,
               customer_segment, email, phone
        FROM versions ORDER BY versions.load_date DESC, satellite"""


def product_price_history(d, zero, key, limit):
    return f"""
        WITH product AS (SELECT * FROM hub_product WHERE product_id = '{key}'),
        versions AS (
            SELECT p.*, lead(p.load_date) OVER (ORDER BY p.load_date) AS load_end_date
            FROM sat_product_pricing p
            WHERE p.hub_product_hk = (SELECT hub_product_hk FROM product) AND CAST(p.load_date AS DATE) <= {d})
        SELECT h.product_id, pd.product_name, pd.category, v.unit_cost, v.unit_price,
               {ts('v.load_date')} AS effective_date, {ts('v.load_end_date')} AS load_end_date,
               CASE WHEN v.load_end_date IS NULL THEN 'Current' ELSE 'Historical' END AS status
        FROM versions v JOIN product h ON h.hub_product_hk = v.hub_product_hk
        LEFT JOIN {in_force('sat_product_details', 'hub_product_hk', d, zero)} pd
               ON pd.hub_product_hk = h.hub_product_hk
        ORDER BY v.load_date DESC"""


def sales_lines(d, zero):
    """Every link_sales row loaded by D with its hubs' business keys and the versions in force at D."""
    return f"""
        SELECT l.link_sales_hk, l.hub_customer_hk, l.hub_transaction_hk, l.hub_product_hk,
               t.transaction_id, c.customer_id, p.product_id, s.store_id,
               td.transaction_date, cd.first_name, cd.last_name, cd.customer_segment,
               pd.product_name, pd.category, pd.brand, pp.unit_price AS historical_price,
               sd.store_name, sd.city AS store_city,
               m.line_item_number, m.quantity, m.unit_price, m.total_amount, m.profit
        FROM {loaded('link_sales', d)} l
        JOIN hub_transaction t ON t.hub_transaction_hk = l.hub_transaction_hk
        JOIN hub_customer c ON c.hub_customer_hk = l.hub_customer_hk
        JOIN hub_product p ON p.hub_product_hk = l.hub_product_hk
        JOIN hub_store s ON s.hub_store_hk = l.hub_store_hk
        LEFT JOIN {in_force('sat_transaction_details', 'hub_transaction_hk', d, zero)} td
               ON td.hub_transaction_hk = l.hub_transaction_hk
        LEFT JOIN {in_force('sat_customer_details', 'hub_customer_hk', d, zero)} cd
               ON cd.hub_customer_hk = l.hub_customer_hk
        LEFT JOIN {in_force('sat_product_details', 'hub_product_hk', d, zero)} pd
               ON pd.hub_product_hk = l.hub_product_hk
        LEFT JOIN {in_force('sat_product_pricing', 'hub_product_hk', d, zero)} pp
               ON pp.hub_product_hk = l.hub_product_hk
        LEFT JOIN {in_force('sat_store_details', 'hub_store_hk', d, zero)} sd
               ON sd.hub_store_hk = l.hub_store_hk
        LEFT JOIN {in_force('sat_sales_metrics', 'link_sales_hk', d, zero)} m
               ON m.link_sales_hk = l.link_sales_hk"""


SALES_ORDER = "transaction_date DESC, transaction_id, line_item_number"


def sales_context(d, zero, key, limit):
    return f"""
        SELECT transaction_id, line_item_number, transaction_date, customer_id, first_name, last_name,
               product_id, product_name, category, store_id, store_name, store_city, quantity, unit_price,
               total_amount, profit
        FROM ({sales_lines(d, zero)}) ORDER BY {SALES_ORDER}"""


def sales_as_of(d, zero, key, limit):
    return f"""
        SELECT transaction_id, line_item_number, transaction_date, customer_id, customer_segment, product_id,
               product_name, historical_price, quantity, total_amount
        FROM ({sales_lines(d, zero)}) WHERE transaction_date <= {d} ORDER BY {SALES_ORDER}"""


def sales_by_segment(d, zero, key, limit):
    return f"""
        WITH g AS (
            SELECT customer_segment, count(DISTINCT hub_customer_hk) AS customers,
                   count(DISTINCT hub_transaction_hk) AS transactions, count(*) AS lines,
                   sum(total_amount) AS revenue, sum(profit) AS profit,
                   CAST(sum(total_amount) * 100 AS HUGEINT) AS cents
            FROM ({sales_lines(d, zero)}) GROUP BY customer_segment)
        SELECT customer_segment, customers, transactions, lines, revenue, profit,
               CAST(sign(cents) * ((2 * abs(cents) + lines) // (2 * lines)) AS DECIMAL(38,0))
                   * CAST(0.01 AS DECIMAL(3,2)) AS avg_line_value
        FROM g ORDER BY revenue DESC, customer_segment NULLS LAST"""


def top_products(d, zero, key, limit):
    cap = "" if limit == 0 else f"WHERE rank <= {limit}"
    return f"""
        WITH per_product AS (
            SELECT hub_product_hk, product_id, category, product_name, brand,
                   sum(quantity) AS units_sold, sum(total_amount) AS revenue, sum(profit) AS profit
            FROM ({sales_lines(d, zero)}) GROUP BY ALL),
        ranked AS (
            SELECT category, row_number() OVER (PARTITION BY category ORDER BY revenue DESC, product_id) AS rank,
                   product_id, product_name, brand, units_sold, revenue, profit
            FROM per_product)
        SELECT * FROM ranked {cap} ORDER BY category, rank"""


QUERIES = [
    Query("current-customers", ["customer_id", "first_name", "last_name", "gender", "birth_date", "customer_segment",
                                "email", "phone", "city", "state", "details_last_updated", "contact_last_updated"],
          current_customers),
    Query("customer-history", ["satellite", "load_date", "load_end_date", "customer_segment", "email", "phone"],
          customer_history, needs_key=True),
    Query("product-price-history", ["product_id", "product_name", "category", "unit_cost", "unit_price",
                                    "effective_date", "load_end_date", "status"],
          product_price_history, needs_key=True),
    Query("sales-context", ["transaction_id", "line_item_number", "transaction_date", "customer_id", "first_name",
                            "last_name", "product_id", "product_name", "category", "store_id", "store_name",
                            "store_city", "quantity", "unit_price", "total_amount", "profit"], sales_context),
    Query("sales-as-of", ["transaction_id", "line_item_number", "transaction_date", "customer_id",
                          "customer_segment", "product_id", "product_name", "historical_price", "quantity",
                          "total_amount"], sales_as_of),
    Query("sales-by-segment", ["customer_segment", "customers", "transactions", "lines", "revenue", "profit",
                               "avg_line_value"], sales_by_segment),
    Query("top-products", ["category", "rank", "product_id", "product_name", "brand", "units_sold", "revenue",
                           "profit"], top_products),
]


def run_ours(con, query, as_of, algorithm, key=None, limit=0):
    """Our rows as lists of text (None for NULL), in the query's order."""
    d = f"DATE '{as_of.isoformat()}'"
    sql = query.build(d, zero_key(algorithm), key, limit)
    text = ", ".join(f"CAST(\"{c}\" AS VARCHAR)" for c in query.columns)
    return [list(r) for r in con.execute(f"SELECT {text} FROM ({sql}) q").fetchall()]


def run_theirs(con, vaultsim_argv, query, path, as_of=None, key=None, limit=0):
    """vaultsim's rows (header first) as lists of text, None for NULL (an empty unquoted field), or
    (None, message) when the command fails."""
    argv = list(vaultsim_argv[:1]) + ["query", query.name] + list(vaultsim_argv[1:]) + \
        ["--format", "csv", "--limit", str(limit)]
    if as_of is not None:
        argv += ["--as-of", as_of.isoformat()]
    if key is not None:
        argv += ["--key", key]
    with open(path, "w") as out:
        result = subprocess.run(argv, stdout=out, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        return None, f"{' '.join(argv)} failed with status {result.returncode}: {(result.stderr.strip().splitlines() or [''])[0]}"
    with open(path) as f:
        header = f.readline().rstrip("\n").split(",")
    if header != query.columns:
        return [header], None
    reader = csv_reader(path, [(c, "VARCHAR") for c in query.columns])
    return [header] + [list(r) for r in con.execute(f"SELECT * FROM {reader}").fetchall()], None


def compare_rows(label, columns, ours, theirs, show=5):
    """Ordered comparison; prints and returns the failure count (0 or 1)."""
    header, body = theirs[0] if theirs else [], theirs[1:]
    if header != columns:
        print(f"FAIL [{label}] columns {header} differ from the expected {columns}")
        return 1
    if ours == body:
        print(f"OK   [{label}] {len(ours)} rows identical, in order")
        return 0
    print(f"FAIL [{label}] {len(ours)} rows in DuckDB, {len(body)} in vaultsim")
    key = lambda r: [(x is None, x or "") for x in r]  # noqa: E731
    if sorted(ours, key=key) == sorted(body, key=key):
        print("     the same rows in a different order")
    shown = 0
    for i in range(max(len(ours), len(body))):
        a = ours[i] if i < len(ours) else None
        b = body[i] if i < len(body) else None
        if a == b:
            continue
        if a is None or b is None:
            print(f"     row {i + 1}: DuckDB {a}, vaultsim {b}")
        else:
            diffs = [f"{c}: DuckDB {x!r} vaultsim {y!r}" for c, x, y in zip(columns, a, b) if x != y]
            print(f"     row {i + 1} ({columns[0]} {a[0]!r}): " + "; ".join(diffs))
        shown += 1
        if shown >= show:
            break
    return 1
