"""Daily shop facts from orders (numpy): revenue, orders, subtotal, discounts, customers.

Pure: a DataFrame of every known order in, :class:`~ecomtui.services.kpis.Fact`
values out. Money facts are given for the days of the imported file (a day
whose orders were all cancelled gets zeros); customer facts for every day
from the file's first day on, since an order added on an early day can turn a
later "new" customer into a returning one.

Customers are counted per (customer, day): sorting those pairs by customer
then day puts each customer's first day first, so "new" is the first pair of
a customer and "returning" any later pair, or a first day with two orders.
Sums per day are ``bincount`` over day numbers: no Python loop per order.
"""

from __future__ import annotations

from ecomtui.services.kpis import Fact

MICROS_PER_UNIT = 1_000_000
_DAY_BITS = 20  # day offsets below 2**20 (2,800 years) share an int64 with the customer code


def daily_shop_facts(orders, source: str, file_days, since) -> list[Fact]:
    """Facts for ``orders`` (columns day, customer, total, refunded, subtotal, discount,
    cancelled), money on ``file_days``, customers on days >= ``since``."""
    import numpy as np
    import pandas as pd

    every_day = orders["day"].to_numpy().astype("datetime64[D]")
    origin = every_day.min()
    offsets = (every_day - origin).astype(np.int64)
    span = int(offsets.max()) + 1
    active = ~orders["cancelled"].to_numpy()
    day = offsets[active]

    column = {key: orders[key].to_numpy()[active] for key in ("total", "refunded", "subtotal", "discount")}
    money = {
        "orders": np.bincount(day, minlength=span) * MICROS_PER_UNIT,
        "revenue": _sum(day, column["total"] - column["refunded"], span),
        "subtotal": _sum(day, column["subtotal"], span),
        "discounts": _sum(day, column["discount"], span),
    }
    file_offsets = np.unique((np.asarray(file_days).astype("datetime64[D]") - origin).astype(np.int64))

    codes, _ = pd.factorize(orders["customer"].to_numpy()[active])
    known = orders["customer"].to_numpy()[active] != ""
    pairs, counts = np.unique((codes[known].astype(np.int64) << _DAY_BITS) | day[known], return_counts=True)
    customer, pair_day = pairs >> _DAY_BITS, pairs & ((1 << _DAY_BITS) - 1)
    first = np.r_[True, customer[1:] != customer[:-1]]
    people = {
        "customers": np.bincount(pair_day, minlength=span) * MICROS_PER_UNIT,
        "new_customers": np.bincount(pair_day, weights=first, minlength=span).astype(np.int64) * MICROS_PER_UNIT,
        "returning_customers": np.bincount(pair_day, weights=~first | (counts > 1), minlength=span).astype(np.int64)
        * MICROS_PER_UNIT,
    }
    since_offset = int((np.datetime64(since, "D") - origin).astype(np.int64))
    customer_offsets = np.unique(offsets[offsets >= since_offset])
    return _facts(money, file_offsets, origin, source) + _facts(people, customer_offsets, origin, source)


def _sum(day, values, span: int):
    """Exact int64 sums per day (bincount's weights are floats: sum in integers instead)."""
    import numpy as np

    order = np.argsort(day, kind="stable")
    sorted_days = day[order]
    totals = np.zeros(span, dtype=np.int64)
    if len(sorted_days):
        starts = np.flatnonzero(np.r_[True, sorted_days[1:] != sorted_days[:-1]])
        totals[sorted_days[starts]] = np.add.reduceat(values[order].astype(np.int64), starts)
    return totals


def _facts(table: dict, offsets, origin, source: str) -> list[Fact]:
    days = [(origin + offset).item() for offset in offsets.tolist()]
    return [
        Fact(day, metric, source, int(value))
        for metric, values in table.items()
        for day, value in zip(days, values[offsets].tolist())
    ]
