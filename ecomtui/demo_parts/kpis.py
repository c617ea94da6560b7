"""Demo store, KPI part: daily shop, analytics and ad figures up to yesterday, and monthly goals.

Two years of days (five on the large store) of an outdoor-gear shop, as the
importers would have stored them: shop figures from ``shopify``, sessions,
users, carts and purchases from ``ga4`` (with GA4's own, lower, purchase
revenue for comparison), ad figures from ``google_ads`` and ``meta_ads``.
The days have a rhythm a manager would recognise: Sunday evenings busiest,
Saturdays quiet, a spring and an autumn season, the Black Friday weekend
through Cyber Monday as the year's peak, a pre-Christmas rush that stops
on the 21st, and growth from one year to the next. Goals: revenue, orders,
conversion rate, AOV and ROAS (at least), CAC and cart abandonment (at
most) for every month shown and the next one.

Everything is drawn from ``demo.rng("kpis")`` and written with two bulk
inserts (the facts as plain tuples), so the small demo stays quick to write.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

YEARS = {"small": 2, "large": 5}
WEEKDAY = (1.0, 0.98, 0.96, 0.99, 0.9, 0.84, 1.14)  # Monday .. Sunday
MICROS = 1_000_000


def black_friday(year: int) -> date:
    """The fourth Friday of November."""
    first = date(year, 11, 1)
    return first + timedelta(days=(4 - first.weekday()) % 7 + 21)


def busy(day: date) -> float:
    """How busy the shop is on ``day`` against an ordinary weekday (before growth and noise)."""
    angle = 2 * math.pi * (day.timetuple().tm_yday - 80) / 365.25
    level = 1 + 0.18 * math.sin(angle) + 0.1 * math.sin(2 * angle)  # spring and autumn seasons
    friday = black_friday(day.year)
    offset = (day - friday).days
    if -7 <= offset < 0:
        level *= 1.25  # the week before: early deals
    elif 0 <= offset <= 3:
        level *= (3.4, 2.3, 2.1, 2.7)[offset]  # Black Friday, the weekend, Cyber Monday
    elif day.month == 12 and day.day <= 20:
        level *= 1.3
    elif day.month == 12 and day.day >= 24:
        level *= 0.7
    return level * WEEKDAY[day.weekday()]


def _cents(amount: float) -> int:
    """Micros of an amount rounded to the cent (as an imported amount would be)."""
    return round(amount * 100) * 10_000


def _day_facts(day: date, growth: float, rng) -> list[tuple[str, str, int]]:
    level = busy(day) * growth
    deal = 0 <= (day - black_friday(day.year)).days <= 3
    sessions = round(2600 * level * rng.uniform(0.9, 1.1))
    rate = rng.uniform(0.016, 0.021) * (1.7 if deal else 1)
    orders = max(1, round(sessions * rate))
    subtotal = orders * rng.uniform(74, 92) * (0.9 if deal else 1)
    discounts = subtotal * (rng.uniform(0.16, 0.22) if deal else rng.uniform(0.03, 0.08))
    revenue = subtotal * 1.19 + orders * 2.4 - subtotal * rng.uniform(0, 0.05)  # taxes, shipping, refunds
    customers = max(1, orders - rng.randint(0, 2))
    returning = round(customers * rng.uniform(0.27, 0.38))
    new = max(0, customers - returning + rng.randint(0, 1))  # some first-and-second orders on one day
    carts = round(orders / rng.uniform(0.24, 0.32))
    facts = [
        ("shopify", "revenue", _cents(revenue)),
        ("shopify", "orders", orders * MICROS),
        ("shopify", "subtotal", _cents(subtotal)),
        ("shopify", "discounts", _cents(discounts)),
        ("shopify", "customers", customers * MICROS),
        ("shopify", "new_customers", new * MICROS),
        ("shopify", "returning_customers", returning * MICROS),
        ("ga4", "sessions", sessions * MICROS),
        ("ga4", "users", round(sessions * rng.uniform(0.74, 0.81)) * MICROS),
        ("ga4", "carts", carts * MICROS),
        ("ga4", "purchases", round(orders * rng.uniform(0.9, 0.97)) * MICROS),
        ("ga4", "revenue", _cents(revenue * rng.uniform(0.86, 0.95))),
    ]
    for source, spend, cpc, ctr, share, value in (
        ("google_ads", 150.0, 0.64, 0.036, 0.22, 1.04),
        ("meta_ads", 90.0, 0.47, 0.012, 0.09, 0.93),
    ):
        spent = spend * growth * busy(day) ** 0.7 * rng.uniform(0.88, 1.12)
        clicks = round(spent / (cpc * rng.uniform(0.9, 1.1)))
        conversions = round(orders * share * rng.uniform(0.8, 1.2), 2)
        facts += [
            (source, "ad_spend", _cents(spent)),
            (source, "ad_clicks", clicks * MICROS),
            (source, "ad_impressions", round(clicks / (ctr * rng.uniform(0.85, 1.15))) * MICROS),
            (source, "ad_conversions", round(conversions * MICROS)),
            (source, "ad_conversion_value", _cents(conversions * subtotal / orders * value)),
        ]
    return facts


GOALS = (
    # metric, direction, target from the month's expected level
    ("revenue", "at_least"),
    ("orders", "at_least"),
    ("conversion_rate", "at_least"),
    ("aov", "at_least"),
    ("roas", "at_least"),
    ("cac", "at_most"),
    ("cart_abandonment", "at_most"),
)


def _goal_rows(first: date, last_month: date, rng) -> list[dict]:
    rows = []
    month = first.replace(day=1)
    while month <= last_month:
        days = [month + timedelta(days=n) for n in range(31) if (month + timedelta(days=n)).month == month.month]
        growth = _growth(month, first)
        expected_orders = sum(2600 * busy(d) * growth * 0.0185 for d in days)
        targets = {
            "revenue": round(expected_orders * 83 * 1.2 * rng.uniform(1.0, 1.08), -3),
            "orders": round(expected_orders * rng.uniform(1.0, 1.08), -1),
            "conversion_rate": rng.choice((0.018, 0.019, 0.02)),
            "aov": rng.choice((80, 82, 85)),
            "roas": rng.choice((4.0, 4.5, 5.0)),
            "cac": rng.choice((22, 25, 28)),
            "cart_abandonment": rng.choice((0.7, 0.72, 0.74)),
        }
        for metric, direction in GOALS:
            micros = round(targets[metric] * MICROS)
            rows.append({"month": f"{month:%Y-%m}", "metric": metric, "target_micros": micros, "direction": direction})
        month = (month + timedelta(days=32)).replace(day=1)
    return rows


def _growth(day: date, first: date) -> float:
    return 1.22 ** ((day - first).days / 365.25)  # +22 % a year


def build(session, demo, say) -> None:
    """Write the KPI facts and goals of the demo store."""
    from sqlalchemy import insert

    from ecomtui.db import tables

    rng = demo.rng("kpis")
    last = demo.today - timedelta(days=1)
    first = date(last.year - YEARS[demo.scale], last.month, 1)
    days = (last - first).days + 1
    say(f"writing {days} days of KPI figures and monthly goals...")
    connection = session.connection()
    sqlite = connection.dialect.name == "sqlite"
    rows = []
    for n in range(days):
        day = first + timedelta(days=n)
        key = day.isoformat() if sqlite else day  # SQLite keeps a Date as ISO text
        rows.extend(
            (key, metric, source, micros) for source, metric, micros in _day_facts(day, _growth(day, first), rng)
        )
    if sqlite:
        # plain tuples straight to sqlite3: no per-value type processing for tens of thousands of rows
        connection.exec_driver_sql("INSERT INTO kpi_fact (day, metric, source, value_micros) VALUES (?, ?, ?, ?)", rows)
    else:
        keys = ("day", "metric", "source", "value_micros")
        session.execute(insert(tables.kpi_fact), [dict(zip(keys, row)) for row in rows])
    next_month = (demo.today.replace(day=1) + timedelta(days=32)).replace(day=1)
    session.execute(insert(tables.goal), _goal_rows(first, next_month, rng))
