"""The raw vault rebuilt in DuckDB SQL, batch by batch, from source tables already in DuckDB.

Source tables are `src_<table>(batch, rn, <columns>)`: `rn` is the row number inside the batch's CSV
file (source order).  Every vault table keeps its keys as lowercase hex (DuckDB's md5()/sha1()/sha256());
comparisons upper-case them.  The rules are vaultsim's AutomateDV profile:

    std(x)      = NULLIF(UPPER(TRIM(CAST(x AS VARCHAR), ' ')), '')
    hub key     = H(std(x))                                          (NULL key -> row not loaded)
    link key    = H(NULLIF(CONCAT_WS('||', COALESCE(std(a),'^^'), ...), '^^||^^...'))
    hashdiff    = H(CONCAT_WS('||', COALESCE(std(c),'^^'), ...)) over the payload sorted by lower(name)
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from .business import (EFF_SATELLITE, MA_SATELLITE, create_business_satellites, insert_ghosts,
                       load_effectivity, load_multi_active)

BASE_DATE = date(2024, 1, 1)
MONEY = "DECIMAL(10,2)"

SOURCE_TABLES = ["customers", "customer_phones", "products", "stores", "promotions",
                 "product_promotions", "transactions"]


def hub(entity, sources):
    return (f"hub_{entity}", f"{entity}_id", sources)


# name, business key column, sources in load order
HUBS = [
    hub("customer", ["customers", "customer_phones", "transactions"]),
    hub("product", ["products", "product_promotions", "transactions"]),
    hub("store", ["stores", "transactions"]),
    hub("transaction", ["transactions"]),
    hub("promotion", ["promotions", "product_promotions", "transactions"]),
]

# name, hubs in key order, sources (table, business-key columns, skip PROMO000)
LINKS = [
    ("link_sales", ["hub_customer", "hub_product", "hub_store", "hub_transaction", "hub_promotion"],
     [("transactions", ["customer_id", "product_id", "store_id", "transaction_id", "promotion_id"], False)]),
    ("link_product_promotion", ["hub_product", "hub_promotion"],
     [("product_promotions", ["product_id", "promotion_id"], False),
      ("transactions", ["product_id", "promotion_id"], True)]),
]

# name, parent, source table, payload (name, SQL type) in table order
SATELLITES = [
    ("sat_customer_details", "hub_customer", "customers",
     [("first_name", "VARCHAR"), ("last_name", "VARCHAR"), ("birth_date", "DATE"), ("gender", "VARCHAR"),
      ("customer_segment", "VARCHAR"), ("registration_date", "DATE")]),
    ("sat_customer_contact", "hub_customer", "customers",
     [("email", "VARCHAR"), ("phone", "VARCHAR"), ("address", "VARCHAR"), ("city", "VARCHAR"), ("state", "VARCHAR"),
      ("country", "VARCHAR"), ("postal_code", "VARCHAR")]),
    ("sat_product_details", "hub_product", "products",
     [("product_name", "VARCHAR"), ("category", "VARCHAR"), ("subcategory", "VARCHAR"), ("brand", "VARCHAR"),
      ("supplier", "VARCHAR")]),
    ("sat_product_pricing", "hub_product", "products",
     [("unit_cost", MONEY), ("unit_price", MONEY), ("currency", "VARCHAR")]),
    ("sat_store_details", "hub_store", "stores",
     [("store_name", "VARCHAR"), ("store_type", "VARCHAR"), ("manager", "VARCHAR"), ("address", "VARCHAR"),
      ("city", "VARCHAR"), ("state", "VARCHAR"), ("country", "VARCHAR"), ("postal_code", "VARCHAR"),
      ("phone", "VARCHAR"), ("open_date", "DATE"), ("square_footage", "INTEGER"),
      ("number_of_employees", "INTEGER")]),
    ("sat_transaction_details", "hub_transaction", "transactions",
     [("transaction_date", "DATE"), ("transaction_time", "TIME"), ("payment_method", "VARCHAR")]),
    ("sat_promotion_details", "hub_promotion", "promotions",
     [("promotion_name", "VARCHAR"), ("promotion_type", "VARCHAR"), ("discount_percentage", "DECIMAL(5,2)"),
      ("start_date", "DATE"), ("end_date", "DATE"), ("description", "VARCHAR")]),
    ("sat_sales_metrics", "link_sales", "transactions",
     [("line_item_number", "INTEGER"), ("quantity", "INTEGER"), ("unit_price", MONEY), ("discount_amount", MONEY),
      ("tax_amount", MONEY), ("total_amount", MONEY), ("cost", MONEY), ("profit", MONEY)]),
]

TABLE_ORDER = [h[0] for h in HUBS] + [l[0] for l in LINKS] + [s[0] for s in SATELLITES]
NO_PROMOTION = "PROMO000"
COUNT_COLUMNS = ["rows_in", "rows_inserted", "rows_rejected", "rows_duplicate", "rows_superseded", "rows_unchanged"]


def record_source(table):
    return "RETAIL." + table.upper()


def key_column(parent):
    return f"{parent}_hk"


def load_date(batch, base=BASE_DATE):
    return f"TIMESTAMP '{(base + timedelta(days=batch)).isoformat()} 00:00:00'"


def std(column):
    return f"NULLIF(upper(trim(CAST({column} AS VARCHAR), ' ')), '')"


def concat(columns):
    return "concat_ws('||', " + ", ".join(f"coalesce({std(c)}, '^^')" for c in columns) + ")"


def hashdiff_order(names):
    return [n for _, n in sorted(enumerate(names), key=lambda p: (p[1].lower(), p[0]))]


def link_name_in_source(link, table):
    return f"lk_{link}__{table}"


@dataclass
class Pipeline:
    """Runs the load of every batch on a DuckDB connection holding the `src_*` tables."""
    con: object
    algorithm: str  # md5 | sha1 | sha256
    count_everything: bool = True  # compute the full batch-log counts (check mode)
    base_date: date = BASE_DATE  # batch k loads at base_date + k days, midnight
    profile: str = "automatedv"  # ghost row values (the hashing rules are always AutomateDV's)
    business: bool = True  # ghost rows and the multi-active and effectivity satellites
    only: frozenset = None  # load only these raw-vault tables (None: all)
    log: list = field(default_factory=list)  # (batch, table, {count: value})
    timings: dict = field(default_factory=dict)  # phase -> seconds

    def wanted(self, table):
        return self.only is None or table in self.only

    def h(self, text):
        return f"{self.algorithm}({text})"

    def create_vault(self):
        for name, bk, _ in HUBS:
            self.con.execute(f"CREATE OR REPLACE TABLE {name} ({name}_hk VARCHAR, {bk} VARCHAR, "
                             f"load_date TIMESTAMP, record_source VARCHAR)")
        for name, hubs, _ in LINKS:
            cols = ", ".join(f"{h}_hk VARCHAR" for h in hubs)
            self.con.execute(f"CREATE OR REPLACE TABLE {name} ({name}_hk VARCHAR, {cols}, "
                             f"load_date TIMESTAMP, record_source VARCHAR)")
        for name, parent, _, payload in SATELLITES:
            cols = ", ".join(f"{c} {t}" for c, t in payload)
            self.con.execute(f"CREATE OR REPLACE TABLE {name} ({key_column(parent)} VARCHAR, load_date TIMESTAMP, "
                             f"hash_diff VARCHAR, record_source VARCHAR, {cols})")
        if self.business:
            create_business_satellites(self.con)
            insert_ghosts(self.con, [s[0] for s in SATELLITES] + [MA_SATELLITE[0], EFF_SATELLITE],
                          self.algorithm, self.profile)

    # ---- staging -------------------------------------------------------------------------------

    def stage(self, batch):
        """stg_<table>: the batch's rows plus hub keys hk_<col>, cleaned keys bk_<col>, link keys, hashdiffs."""
        for table in SOURCE_TABLES:
            extra = []
            key_cols = sorted({bk for name, bk, sources in HUBS if table in sources and self.wanted(name)})
            for col in key_cols:
                extra.append(f"{self.h(std(col))} AS hk_{col}")
                extra.append(f"NULLIF(upper(trim({col}, ' ')), '') AS bk_{col}")
            for name, hubs, sources in LINKS:
                for src, cols, _ in sources:
                    if src == table and self.wanted(name):
                        pattern = "||".join(["^^"] * len(cols))
                        extra.append(f"{self.h(f'NULLIF({concat(cols)}, {pattern!r})')} "
                                     f"AS {link_name_in_source(name, table)}")
            for name, _, src, payload in SATELLITES:
                if src == table and name != "sat_sales_metrics" and self.wanted(name):
                    extra.append(f"{self.h(concat(hashdiff_order([c for c, _ in payload])))} AS hd_{name}")
            if self.only is not None and not extra:
                continue  # nothing wanted from this table
            select = ", ".join(["*"] + extra)
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE stg_{table} AS "
                             f"SELECT {select} FROM src_{table} WHERE batch = {batch}")

    # ---- hubs and links ------------------------------------------------------------------------

    def keyed_candidates(self, parts):
        """UNION ALL of (k, attributes..., rs, so, rn) parts; each part is (SELECT-list, table, where)."""
        return "\nUNION ALL\n".join(
            f"SELECT {select}, {so} AS so, rn FROM stg_{table} WHERE {where}"
            for so, (select, table, where) in enumerate(parts))

    def load_keyed(self, batch, name, columns, parts, offered_sql):
        """Inserts the first occurrence (source order, row order) of each new key."""
        ld = load_date(batch, self.base_date)
        cand = self.keyed_candidates(parts)
        key = columns[0]
        cols = ", ".join(columns)
        self.con.execute(f"""
            CREATE OR REPLACE TEMP TABLE cand AS {cand};
            INSERT INTO {name}
            SELECT {cols}, {ld}, rs FROM (
                SELECT *, row_number() OVER (PARTITION BY {key} ORDER BY so, rn) AS first FROM cand) c
            WHERE first = 1 AND NOT EXISTS (SELECT 1 FROM {name} t WHERE t.{key} = c.{key})""")
        if not self.count_everything:
            return
        counts = self.con.execute(f"""
            SELECT ({offered_sql}) AS offered, (SELECT count(*) FROM cand) AS rows,
                   (SELECT count(DISTINCT {key}) FROM cand) AS distinct_keys,
                   (SELECT count(*) FROM {name} WHERE load_date = {ld}) AS inserted""").fetchone()
        offered, rows, distinct, inserted = counts
        self.record(batch, name, offered, inserted, offered - rows, rows - distinct, 0, distinct - inserted)

    def load_hubs(self, batch):
        for name, bk, sources in HUBS:
            if not self.wanted(name):
                continue
            parts = [(f"hk_{bk} AS {name}_hk, bk_{bk} AS {bk}, '{record_source(t)}' AS rs", t,
                      f"hk_{bk} IS NOT NULL AND bk_{bk} IS NOT NULL") for t in sources]
            offered = " + ".join(f"(SELECT count(*) FROM stg_{t})" for t in sources)
            self.load_keyed(batch, name, [f"{name}_hk", bk], parts, offered)

    def load_links(self, batch):
        for name, hubs, sources in LINKS:
            if not self.wanted(name):
                continue
            parts, offered = [], []
            for table, cols, skip_none in sources:
                lk = link_name_in_source(name, table)
                select = ", ".join([f"{lk} AS {name}_hk"] + [f"hk_{c} AS {h}_hk" for c, h in zip(cols, hubs)]
                                   + [f"'{record_source(table)}' AS rs"])
                where = " AND ".join(f"{c} IS NOT NULL" for c in [lk] + [f"hk_{c}" for c in cols])
                if skip_none:
                    where += f" AND bk_promotion_id <> '{NO_PROMOTION}'"
                    offered.append(f"(SELECT count(*) FROM stg_{table} WHERE {where})")
                else:
                    offered.append(f"(SELECT count(*) FROM stg_{table})")
                parts.append((select, table, where))
            self.load_keyed(batch, name, [f"{name}_hk"] + [f"{h}_hk" for h in hubs], parts, " + ".join(offered))

    # ---- satellites ----------------------------------------------------------------------------

    def load_satellite(self, batch, name, parent, rows_sql, payload, key_checks):
        """rows_sql yields (pk, hd, rn, payload...) for every source row; keys in key_checks must be non-NULL."""
        ld = load_date(batch, self.base_date)
        pk = key_column(parent)
        where = " AND ".join(f"{c} IS NOT NULL" for c in key_checks)
        self.con.execute(f"""
            CREATE OR REPLACE TEMP TABLE sat_rows AS {rows_sql};
            CREATE OR REPLACE TEMP TABLE sat_cand AS SELECT * FROM sat_rows WHERE {where};
            INSERT INTO {name}
            WITH last AS (
                SELECT * FROM sat_cand QUALIFY row_number() OVER (PARTITION BY pk ORDER BY rn DESC) = 1),
            current AS (
                SELECT {pk} AS pk, hash_diff, load_date FROM {name}
                WHERE {pk} IN (SELECT pk FROM last)
                QUALIFY row_number() OVER (PARTITION BY {pk} ORDER BY load_date DESC) = 1)
            SELECT l.pk, {ld}, l.hd, '{record_source(SATELLITE_SOURCE[name])}', {", ".join("l." + c for c, _ in payload)}
            FROM last l LEFT JOIN current c ON c.pk = l.pk
            WHERE c.pk IS NULL OR (c.hash_diff <> l.hd AND c.load_date < {ld})""")
        if not self.count_everything:
            return
        offered, rows, distinct, dup, sup, inserted = self.con.execute(f"""
            WITH ordered AS (SELECT hd, lag(hd) OVER (PARTITION BY pk ORDER BY rn) AS prev FROM sat_cand)
            SELECT (SELECT count(*) FROM sat_rows), (SELECT count(*) FROM sat_cand),
                   (SELECT count(DISTINCT pk) FROM sat_cand),
                   (SELECT count(*) FILTER (WHERE prev = hd) FROM ordered),
                   (SELECT count(*) FILTER (WHERE prev <> hd) FROM ordered),
                   (SELECT count(*) FROM {name} WHERE load_date = {ld})""").fetchone()
        self.record(batch, name, offered, inserted, offered - rows, dup, sup, distinct - inserted)

    def load_satellites(self, batch):
        for name, parent, table, payload in SATELLITES:
            if name == "sat_sales_metrics" or not self.wanted(name):
                continue
            bk = parent[len("hub_"):] + "_id"
            cols = ", ".join(c for c, _ in payload)
            rows_sql = f"SELECT hk_{bk} AS pk, hd_{name} AS hd, rn, {cols} FROM stg_{table}"
            self.load_satellite(batch, name, parent, rows_sql, payload, ["pk"])

    def load_sales_metrics(self, batch):
        name, parent, table, payload = SATELLITES[-1]
        if not self.wanted(name):
            return
        link_name, hubs, sources = LINKS[0]
        cols = sources[0][1]
        lk = link_name_in_source(link_name, table)
        hd = self.h(concat(hashdiff_order([c for c, _ in payload])))
        rows_sql = f"""
            WITH pricing AS (
                SELECT hub_product_hk, unit_cost FROM sat_product_pricing
                QUALIFY row_number() OVER (PARTITION BY hub_product_hk ORDER BY load_date DESC) = 1),
            derived AS (
                SELECT t.*, CAST(t.unit_price * t.quantity - t.discount_amount + t.tax_amount AS DECIMAL(18,2))
                            AS total_amount,
                       CAST(p.unit_cost * t.quantity AS DECIMAL(18,2)) AS cost
                FROM stg_transactions t LEFT JOIN pricing p ON p.hub_product_hk = t.hk_product_id),
            measured AS (SELECT *, CAST(total_amount - cost AS DECIMAL(18,2)) AS profit FROM derived)
            SELECT {lk} AS pk, {hd} AS hd, rn, {", ".join(c for c, _ in payload)},
                   {", ".join(f"hk_{c}" for c in cols)}
            FROM measured"""
        self.load_satellite(batch, name, parent, rows_sql, payload, ["pk"] + [f"hk_{c}" for c in cols])

    # ---- the whole load ------------------------------------------------------------------------

    def load_business_satellites(self, batch):
        if self.business:
            ld = load_date(batch, self.base_date)
            load_multi_active(self, batch, ld)
            load_effectivity(self, batch, ld)

    def record(self, batch, table, *values):
        self.log.append((batch, table, dict(zip(COUNT_COLUMNS, values))))

    def run(self, batches, clock=None):
        """Loads every batch in order; with `clock` (time.perf_counter) accumulates phase times."""
        self.create_vault()
        phases = [("stage", self.stage), ("hubs", self.load_hubs), ("links", self.load_links),
                  ("satellites", self.load_satellites), ("sales_metrics", self.load_sales_metrics),
                  ("business_satellites", self.load_business_satellites)]
        for batch in batches:
            for phase, step in phases:
                start = clock() if clock else 0
                step(batch)
                if clock:
                    self.timings[phase] = self.timings.get(phase, 0.0) + clock() - start


SATELLITE_SOURCE = {name: table for name, _, table, _ in SATELLITES}
