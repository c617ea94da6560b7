"""Stored shop orders (``shop_order``): reading them all, adding and correcting them in bulk.

An orders import keeps one row per order so the daily shop KPIs can be
recomputed from every import together. A million-line export holds hundreds
of thousands of orders: on SQLite they go in with one ``executemany`` of
plain tuples (days as ISO text, which is how SQLAlchemy stores a ``Date``
there), skipping per-value type processing; other databases take the
ordinary Core insert.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from sqlalchemy import bindparam, insert, select, update

from ecomtui.db import tables

_order = tables.shop_order
# the columns an import writes, in the order of the tuples below
FIELDS = (
    "name",
    "day",
    "customer",
    "total_micros",
    "refunded_micros",
    "subtotal_micros",
    "discount_micros",
    "cancelled",
    "pending",
)

OrderRow = tuple  # (name, "YYYY-MM-DD", customer, total, refunded, subtotal, discount, cancelled, pending)


def order_batches(conn, source: str, size: int = 100_000) -> Iterator[list[tuple]]:
    """Every stored order of ``source``, ``size`` at a time, as tuples in :data:`FIELDS` order (day a ``date``).

    In batches so a store with millions of orders is never held as Python rows all at once.
    """
    query = select(*(_order.c[f] for f in FIELDS)).where(_order.c.source == source)
    result = conn.execute(query.execution_options(yield_per=size))  # this query only, not the connection
    for rows in result.partitions():
        yield [tuple(row) for row in rows]


def insert_orders(conn, source: str, rows: Sequence[OrderRow]) -> None:
    """Add new orders (none of their names stored yet for ``source``)."""
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        columns = ", ".join(("source", *FIELDS))
        marks = ", ".join("?" * (len(FIELDS) + 1))
        conn.exec_driver_sql(f"INSERT INTO shop_order ({columns}) VALUES ({marks})", [(source, *row) for row in rows])
        return
    conn.execute(insert(_order), [_as_dict(source, row) for row in rows])


def update_orders(conn, source: str, rows: Sequence[OrderRow]) -> None:
    """Correct stored orders (a refund, a cancellation, a later export's figures) by name."""
    if not rows:
        return
    values = {f: bindparam(f"new_{f}") for f in FIELDS[1:]}
    statement = (
        update(_order)
        .where(_order.c.source == bindparam("order_source"), _order.c.name == bindparam("order_name"))
        .values(**values)
    )
    params = []
    for row in rows:
        params.append(
            {
                "order_source": source,
                "order_name": row[0],
                **{f"new_{f}": v for f, v in _as_dict(source, row).items() if f in values},
            }
        )
    conn.execute(statement, params)


def _as_dict(source: str, row: OrderRow) -> dict:
    values = dict(zip(FIELDS, row))
    values["day"] = date.fromisoformat(values["day"]) if isinstance(values["day"], str) else values["day"]
    values["source"] = source
    return values
