#!/usr/bin/env python3
"""Edits a generated feed (vaultsim generate, at least 6 batches) so that loading it exercises what
the generator never produces on its own (used by scripts/check-dbt):

sat_product_promotion_eff (driving key: the product)
  batch 2  three products with an open promotion in batch 0 open PROMO090 (start 2024-01-03):
           their batch-0 links get driving-key closing versions (end_date 2024-01-03)
  batch 3  the first of them re-sends its batch-0 row: the link opens again (its version in force
           is the closing) and closes PROMO090 in turn, on the batch-0 start date
  batch 4  a fourth product opens PROMO091 (start 2024-01-05) and PROMO092 (start 2024-01-04) in
           that order: its other open links end on 2024-01-05 (the first opened in source order);
           the second product closes PROMO090 explicitly, its key in lower case with spaces;
           a row without product is rejected
  batch 5  the third product sends a closing of PROMO090, then the open row again: the last row
           wins and equals the version in force, so nothing is inserted or closed
sat_customer_phone_ma
  batch 3  a customer with two or more phones in batch 0 sends only its first one (the group shrinks)
  batch 4  the same phone twice (a duplicate; the group is unchanged)

Usage: dbt_edit_feed.py FEED_FOLDER   (prints what it changed)
"""

import csv
import os
import sys


def read(folder, batch, table):
    with open(os.path.join(folder, f"batch_{batch:03d}", f"{table}.csv"), newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def write(folder, batch, table, header, rows):
    path = os.path.join(folder, f"batch_{batch:03d}", f"{table}.csv")
    with open(path, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def append(folder, batch, table, rows):
    header, existing = read(folder, batch, table)
    write(folder, batch, table, header, existing + rows)


def clean(key):
    return key.strip().upper()


def main():
    folder = sys.argv[1]
    # Promotions: products with an open row in batch 0, one row each.
    _, first = read(folder, 0, "product_promotions")
    open_rows, seen = [], set()
    for product, promotion, start, end in first:
        if end == "" and product.strip() and promotion.strip() and clean(product) not in seen:
            seen.add(clean(product))
            open_rows.append([product, promotion, start, end])
    if len(open_rows) < 4:
        raise SystemExit(f"dbt_edit_feed: batch 0 has {len(open_rows)} products with an open promotion; need 4")
    p1, p2, p3, p4 = open_rows[:4]
    append(folder, 2, "product_promotions", [[p[0], "PROMO090", "2024-01-03", ""] for p in (p1, p2, p3)])
    append(folder, 3, "product_promotions", [p1])
    append(folder, 4, "product_promotions", [
        [p4[0], "PROMO091", "2024-01-05", ""], [p4[0], "PROMO092", "2024-01-04", ""],
        ["  " + clean(p2[0]).lower() + " ", "PROMO090", "2024-01-03", "2024-01-05"],
        ["", "PROMO090", "2024-01-05", ""]])
    append(folder, 5, "product_promotions", [[p3[0], "PROMO090", "2024-01-03", "2024-01-06"],
                                             [p3[0], "PROMO090", "2024-01-03", ""]])
    # Phones: a customer with two or more phones in batch 0 keeps only its first.
    _, phones = read(folder, 0, "customer_phones")
    groups = {}
    for row in phones:
        groups.setdefault(clean(row[0]), []).append(row)
    customer = next(rows for key, rows in groups.items() if key and len({r[1] for r in rows}) >= 2)
    append(folder, 3, "customer_phones", [customer[0]])
    append(folder, 4, "customer_phones", [customer[0], customer[0]])
    print(f"dbt_edit_feed: promotions of {', '.join(clean(p[0]) for p in (p1, p2, p3, p4))}; "
          f"phones of {clean(customer[0][0])}")


if __name__ == "__main__":
    main()
