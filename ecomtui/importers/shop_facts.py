"""Daily shop facts from orders (pandas): revenue, orders, subtotal, discounts, customers.

Pure: a DataFrame of every known order in, :class:`~ecomtui.services.kpis.Fact`
values out. Money facts are given for the days of the imported file (a day
whose orders were all cancelled gets zeros); customer facts for every day
from the file's first day on, since an order added on an early day can turn a
later "new" customer into a returning one.
"""

from __future__ import annotations

from ecomtui.services.kpis import Fact

MICROS_PER_UNIT = 1_000_000


def daily_shop_facts(orders, source: str, file_days, since) -> list[Fact]:
    """Facts for ``orders`` (index: order name; columns day, customer, total, refunded,
    subtotal, discount, cancelled), money on ``file_days``, customers on days >= ``since``."""
    import numpy as np
    import pandas as pd

    active = orders[~orders["cancelled"]]
    by_day = active.groupby("day")
    money = pd.DataFrame(
        {
            "orders": by_day.size() * MICROS_PER_UNIT,
            "revenue": by_day["total"].sum() - by_day["refunded"].sum(),
            "subtotal": by_day["subtotal"].sum(),
            "discounts": by_day["discount"].sum(),
        }
    )
    money = money.reindex(pd.DatetimeIndex(np.unique(file_days)), fill_value=0)

    buyers = active[active["customer"] != ""]
    visits = buyers.groupby(["customer", "day"]).size().rename("n").reset_index()
    first = visits.groupby("customer")["day"].transform("min")
    visits["new"] = visits["day"] == first
    visits["returning"] = (visits["day"] > first) | (visits["n"] > 1)
    all_days = orders["day"].to_numpy()
    days = np.unique(all_days[all_days >= since])
    people = (
        visits.groupby("day")
        .agg(customers=("customer", "size"), new_customers=("new", "sum"), returning_customers=("returning", "sum"))
        .reindex(pd.DatetimeIndex(days), fill_value=0)
        * MICROS_PER_UNIT
    )
    return _facts(money, source) + _facts(people, source)


def _facts(table, source: str) -> list[Fact]:
    out = []
    for metric in table.columns:
        values = table[metric]
        out.extend(Fact(day.date(), metric, source, int(value)) for day, value in zip(values.index, values.tolist()))
    return out
