"""A copy of a generated source folder with hand-made rows appended to `product_promotions` and
`customer_phones`, for the cases of docs/BUSINESS-VAULT.md the generator does not produce: driving-key
end dating (one product joining a second promotion while the first is open), two new open promotions
of one product in a batch, restarts after a closing, re-sent and explicit closings, duplicate and
superseded rows in a batch, NULL and blank keys, and multi-active groups that shrink, grow back, are
re-sent in another order, lose a phone number, get a phone_type spelt differently, or come from a
customer no other source names.

The manifest is kept (vaultsim warns that the two files' checksums differ); batch folders 000-003 must
exist (scale 0.5 or more).
"""

import csv
import os
import shutil
from datetime import timedelta


def read_rows(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def append_rows(path, rows):
    """Appends rows; None is written as an empty unquoted field (NULL)."""
    with open(path, "a", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])


def clean(value):
    return value.strip(" ").upper()


def day(base, k):
    return (base + timedelta(days=k)).isoformat()


def promotion_rows(open_links, promotions, base):
    """Rows per batch (1, 2, 3) for eight products that each have one open promotion in batch 0."""
    (p1, x1, _), (p2, x2, s2), (p3, x3, _), (p4, x4, _), (p5, x5, s5), (p6, x6, s6), (p7, _, _), \
        (p8, x8, _) = open_links[:8]

    def other(*used):
        return next(p for p in promotions if p not in used)

    y1, y2, y5, y8 = other(x1), other(x2), other(x5), other(x8)
    y3a = other(x3)
    y3b = other(x3, y3a)
    return {
        1: [
            [p1, y1, day(base, 1), None],            # joins a second promotion: closes (p1, x1)
            [p2, y2, day(base, 1), None],            # joins a second one, but (p2, x2) is re-sent: kept open
            [p2, x2, s2, None],
            [p3, y3a, day(base, 1), None],           # two new open promotions in one batch
            [p3, y3b, day(base, 0), None],
            [p5, x5, s5, day(base, 1)],              # an explicit closing
            [p6, x6, s6, day(base, 4)],              # duplicate, then superseded by a re-send of the open row
            [p6, x6, s6, day(base, 4)],
            [p6, x6, s6, None],
            [None, x1, day(base, 1), None],          # NULL, blank and NULL keys: rejected
            ["  ", x1, day(base, 1), None],
            [p7, None, day(base, 1), None],
            [f" {p8.lower()} ", f"{y8.lower()} ", day(base, 1), None],  # noisy keys: closes (p8, x8)
        ],
        2: [
            [p5, y5, day(base, 2), None],            # (p5, x5) is closed already: no end dating
            [p1, x1, day(base, 2), None],            # restart after the end-dated version: closes (p1, y1)
            [p4, x4, day(base, 2), None],            # a new start_date for the open link
        ],
        3: [
            [p1, y1, day(base, 1), day(base, 2)],    # the closing the end dating already wrote: nothing new
            [p2, y2, day(base, 3), None],            # restart of an open link: closes (p2, x2)
        ],
    }


def phone_rows(groups):
    """Rows per batch for six customers that each have three phones in batch 0."""
    (ca, ga), (cb, gb), (cc, gc), (cd, gd), (ce, ge), (cf, gf) = groups[:6]
    return {
        1: [
            [ca, "mobile", ga["mobile"]], [ca, "mobile", ga["mobile"]],      # duplicate; the group shrinks to 1
            *[[cb, t, gb[t]] for t in ("work", "home", "mobile")],          # same phones, other order
            [cc, "home", "+1-000-000-0001"], [cc, "home", "+1-000-000-0002"],  # superseded within the batch
            [cc, "mobile", gc["mobile"]], [cc, "work", gc["work"]],
            [None, "mobile", "+1-000-000-0003"], ["  ", "work", "+1-000-000-0004"],  # rejected
            ["C9999999", "mobile", "+1-000-000-0005"],                      # a customer only phones name
            [cd, "mobile", None], [cd, "home", gd["home"]], [cd, "work", gd["work"]],  # a NULL number
        ],
        2: [
            *[[ce, t, ge[t]] for t in ("mobile", "home", "work")],          # unchanged
            *[[cf, t, gf[t]] for t in ("mobile", "home", "work")],          # phone_type is taken as sent:
            [cf, " Mobile", gf["mobile"]],                                   # a fourth member
        ],
        3: [
            *[[ca, t, ga[t]] for t in ("mobile", "home", "work")],          # grows back to three
        ],
    }


def write_edge_feed(source, target, base):
    """Copies `source` to `target` and appends the hand-made rows; returns `target`."""
    if os.path.exists(target):
        shutil.rmtree(target)
    shutil.copytree(source, target)
    _, promos = read_rows(os.path.join(source, "batch_000", "product_promotions.csv"))
    open_links = sorted((clean(p), clean(q), s) for p, q, s, e in promos if e == "" and p.strip() and q.strip())
    promotions = sorted({clean(q) for _, q, _, _ in promos if q.strip()})
    _, phones = read_rows(os.path.join(source, "batch_000", "customer_phones.csv"))
    by_customer = {}
    for c, t, n in phones:
        by_customer.setdefault(clean(c), {})[t] = n
    groups = sorted((c, g) for c, g in by_customer.items() if set(g) == {"mobile", "home", "work"})
    if len(open_links) < 8 or len(promotions) < 3 or len(groups) < 6:
        raise SystemExit("vault_duckdb: the edge-case feed needs a larger batch 0 (use --scale 0.5 or more)")
    for table, rows in (("product_promotions", promotion_rows(open_links, promotions, base)),
                        ("customer_phones", phone_rows(groups))):
        for batch, extra in rows.items():
            path = os.path.join(target, f"batch_{batch:03d}", f"{table}.csv")
            if not os.path.exists(path):
                raise SystemExit(f"vault_duckdb: the edge-case feed needs batch {batch} (use --days 4 or more)")
            append_rows(path, extra)
    return target

