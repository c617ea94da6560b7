"""Shopify orders export -> daily revenue, orders, AOV inputs, discounts, new and returning customers.

The export has one row per line item; the order's own fields (Financial
Status, Subtotal, Total, Currency...) fill only its first row, and later rows
repeat Name, Email and Created at. Order rows are picked by those order-level
fields, whole chunks at a time (pandas, ``usecols``, no Python loop per row).

Every order is kept in ``shop_order`` (e-mail hashed). After each import the
daily shop facts are recomputed from all stored orders together, so
overlapping exports, refunds and cancellations in a later export, and an older
export imported last all end in the same figures:

* revenue = Total - Refunded Amount, on the order's date as written in the
  export (the store's local time, not UTC); cancelled orders (a Cancelled at
  date) do not count, pending (unpaid) orders do;
* orders, subtotal (for AOV = subtotal / orders) and discounts per day;
* customers by e-mail: an e-mail's first order across all imported data makes
  it new that day; any later order makes it returning that day (two orders on
  its first day: new and returning). Orders without an e-mail count as orders,
  not as customers.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ecomtui.importers.headers import match_columns
from ecomtui.importers.report import BadRows, ImportRefused, ImportSummary, refuse_bad_rows, shown
from ecomtui.importers.source import Progress, SourceFile, open_source
from ecomtui.importers.table import Header, data_lines, find_header, read_chunks
from ecomtui.importers.writer import write_import

KIND = "shopify-orders"
SOURCE = "shopify"
WHAT = "import shopify-orders"

COLUMNS = {
    "name": ("Name",),
    "email": ("Email",),
    "financial_status": ("Financial Status",),
    "currency": ("Currency",),
    "subtotal": ("Subtotal",),
    "total": ("Total",),
    "discount": ("Discount Amount",),
    "created_at": ("Created at",),
    "cancelled_at": ("Cancelled at",),
    "refunded": ("Refunded Amount",),
}
REQUIRED = ("name", "created_at", "subtotal", "total")
ORDER_LEVEL = ("financial_status", "subtotal", "total")  # filled on an order's first row only
AMOUNTS = {"total": "Total", "subtotal": "Subtotal", "discount": "Discount Amount", "refunded": "Refunded Amount"}
REFUND_NOTE = (
    "refunds count on their order's day: the export has no refund date "
    "(Shopify's own Sales report counts a refund on the day it was made)"
)
ORDER_FIELDS = ("day", "customer", "total", "refunded", "subtotal", "discount", "cancelled", "pending")


def import_shopify_orders(
    database, path: str | Path, *, skip_bad_rows: bool = False, progress: Progress | None = None
) -> ImportSummary:
    """Import a Shopify orders export (CSV) into ``database``; see the module text for the rules."""
    source = open_source(path, WHAT)
    header = find_header(source, lambda cells: True, WHAT, "it has no header row")
    columns = match_columns(
        header.cells,
        COLUMNS,
        required=REQUIRED,
        what=f"{WHAT}: {source.name}",
        hint=" (is it a Shopify orders export?)",
    )
    summary = ImportSummary(kind=KIND, file_name=source.name)
    orders = _read_orders(source, header, columns, summary, skip_bad_rows, progress)
    return write_import(database, source, summary, more=lambda conn, s: _store(conn, orders, s))


# ---- reading the file ------------------------------------------------------------


def _read_orders(
    source: SourceFile, header: Header, columns: dict[str, str], summary: ImportSummary, skip_bad_rows: bool, progress
):
    """The file's orders (one row each, checked) as a DataFrame; counts go to ``summary``."""
    import numpy as np
    import pandas as pd

    rename = {name: key for key, name in columns.items()}
    bad = BadRows()
    order_parts, item_names = [], []
    for chunk in read_chunks(source, header, list(rename), WHAT, progress):
        chunk = chunk.rename(columns=rename)
        cells = {key: chunk[key].to_numpy(dtype=object) for key in chunk.columns}
        is_order = np.zeros(len(chunk), dtype=bool)
        for key in ORDER_LEVEL:
            if key in cells:
                is_order |= cells[key] != ""
        unnamed = ~is_order & (cells["name"] == "")
        if unnamed.any():  # a row of empty cells is not data; a line item needs its order
            filled = unnamed & np.logical_or.reduce([cells[key] != "" for key in cells])
            for index in chunk.index[filled]:
                bad.add(index, "a line item row without an order Name")
            summary.not_data["empty row"] += int((unnamed & ~filled).sum())
        item_names.append(cells["name"][~is_order & ~unnamed])
        order_parts.append(_order_rows(chunk[is_order], bad))
    if bad:
        lines = bad.by_line(data_lines(source, header))
        if not skip_bad_rows:
            raise refuse_bad_rows(f"{WHAT}: {source.name}", lines)
        summary.bad_rows_skipped = lines
    orders = pd.concat(order_parts) if order_parts else _order_rows(pd.DataFrame(columns=list(rename.values())), bad)
    orders = orders.drop(index=list(bad.keys()), errors="ignore")
    names = pd.Series(np.concatenate(item_names) if item_names else [], dtype=object)
    return _finish(orders, names, summary)


def _order_rows(rows, bad: BadRows):
    """Checked order-level values of the first row of each order (bad ones recorded in ``bad``)."""
    import numpy as np
    import pandas as pd

    from ecomtui.importers.values import by_distinct, parse_iso_days, parse_micros, text_array

    def column(key: str):
        return rows[key] if key in rows else pd.Series("", index=rows.index, dtype=object)

    name = np.strings.strip(text_array(column("name")))
    for index in rows.index[name == ""]:
        bad.add(index, "an order row without an order Name")
    written = np.strings.strip(text_array(column("created_at")))
    day_text = np.strings.slice(written, 0, 10)
    day, bad_day = parse_iso_days(day_text)
    for index, value in zip(rows.index[bad_day], written[bad_day]):
        bad.add(index, f"Created at {shown(value)} is not a date")
    text = {"name": name.astype(object), "day_text": day_text.astype(object)}
    out = pd.DataFrame({key: pd.Series(values, index=rows.index, dtype=object) for key, values in text.items()})
    out["day"] = day
    for key, label in AMOUNTS.items():
        cells = text_array(column(key))
        micros, empty, unreadable = parse_micros(cells)
        for index, value in zip(rows.index[unreadable], cells[unreadable]):
            bad.add(index, f"{label} {shown(value)} is not an amount")
        if key in REQUIRED:
            for index in rows.index[empty]:
                bad.add(index, f"{label} is empty in the order's first row")
        out[key] = micros
    # cells that repeat (e-mails, statuses, currencies) are cleaned once per distinct value
    out["email"] = pd.Series(by_distinct(column("email"), lambda e: e.strip().lower()), index=rows.index, dtype=object)
    out["cancelled"] = by_distinct(column("cancelled_at"), lambda c: bool(c.strip()), bool)
    out["pending"] = by_distinct(column("financial_status"), lambda f: f.strip().lower() == "pending", bool)
    out["currency"] = pd.Series(
        by_distinct(column("currency"), lambda c: c.strip().upper()), index=rows.index, dtype=object
    )
    return out


def _finish(orders, item_names, summary: ImportSummary):
    """One row per order named in the file; counts for the summary; customers hashed."""
    repeated = orders["name"].duplicated()
    if repeated.any():
        summary.not_data["order row repeated (the first one counts)"] += int(repeated.sum())
        orders = orders[~repeated]
    orphans = ~item_names.isin(orders["name"]).to_numpy()
    if orphans.any():
        summary.not_data["line item of an order whose first row is missing or was skipped"] += int(orphans.sum())
    currencies = sorted(set(orders["currency"].unique()) - {""})
    if len(currencies) > 1:
        raise ImportRefused(
            f"{WHAT}: {summary.file_name} has orders in several currencies ({', '.join(currencies)}); "
            "ecomtui keeps one currency per store, so nothing was imported",
            "file",
        )
    summary.currency = currencies[0] if currencies else None
    summary.rows_imported = len(orders) + int((~orphans).sum())
    summary.cancelled_orders = int(orders["cancelled"].sum())
    summary.orders = len(orders) - summary.cancelled_orders
    summary.pending_orders = int((orders["pending"] & ~orders["cancelled"]).sum())
    if len(orders):
        summary.first_day, summary.last_day = orders["day"].min().date(), orders["day"].max().date()
    if (orders["refunded"] != 0).any():
        summary.notes.append(REFUND_NOTE)
    orders = orders.assign(customer=_customer_keys(orders["email"]))
    return orders.set_index("name")[["day_text", *ORDER_FIELDS]]


def _customer_keys(emails):
    """A stable key per e-mail (SHA-256, 32 hex digits); '' without one. One hash per distinct e-mail."""
    import numpy as np
    import pandas as pd

    codes, distinct = pd.factorize(emails.to_numpy(dtype=object))
    keys = np.array([hashlib.sha256(e.encode()).hexdigest()[:32] if e else "" for e in distinct], dtype=object)
    return keys[codes] if len(codes) else np.array([], dtype=object)


# ---- writing ---------------------------------------------------------------------


def _store(conn, orders, summary: ImportSummary) -> None:
    """Store the file's orders, then recompute the shop facts their days (and customers) depend on."""
    from ecomtui.importers.shop_facts import daily_shop_facts
    from ecomtui.services import shop_orders
    from ecomtui.services.kpis import store_facts

    merged, new, changed = _merge(_stored_orders(shop_orders.order_batches(conn, SOURCE), orders), orders)
    shop_orders.insert_orders(conn, SOURCE, _tuples(new))
    shop_orders.update_orders(conn, SOURCE, _tuples(changed))
    if len(orders):
        days = orders["day"].to_numpy()
        facts = daily_shop_facts(merged, SOURCE, days, days.min())
        summary.values = summary.values + store_facts(conn, facts)


def _stored_orders(batches, orders):
    """The stored orders as one DataFrame like ``orders`` (built batch by batch: columns, not Python rows)."""
    import pandas as pd

    parts = []
    for rows in batches:
        part = pd.DataFrame(rows, columns=["name", *ORDER_FIELDS]).set_index("name")
        part["day"] = pd.to_datetime(part["day"]).astype("datetime64[s]")
        parts.append(part.astype({"cancelled": bool, "pending": bool, "customer": object}))
    if not parts:
        return orders.iloc[:0][list(ORDER_FIELDS)]
    return pd.concat(parts)


def _merge(old, orders):
    """All orders (the file's replacing stored ones of the same name), and the file's new and changed ones."""
    import pandas as pd

    known = orders.index.isin(old.index)
    both = orders.loc[known, list(ORDER_FIELDS)]
    same = (old.loc[both.index, list(ORDER_FIELDS)] == both).all(axis=1)
    merged = pd.concat([old[~old.index.isin(orders.index)], orders[list(ORDER_FIELDS)]])
    return merged, orders[~known], orders[known][~same.to_numpy()]


def _tuples(orders) -> list[tuple]:
    """Orders as the plain tuples :mod:`ecomtui.services.shop_orders` writes (Python values, no numpy)."""
    columns = [orders.index.to_numpy(dtype=object), orders["day_text"].to_numpy(dtype=object)]
    columns += [orders[key].to_numpy(dtype=object if key == "customer" else None) for key in ORDER_FIELDS[1:]]
    return list(zip(*(column.tolist() for column in columns)))
