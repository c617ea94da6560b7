"""Demo store, KPI part: daily shop, analytics and ad figures up to yesterday, and monthly goals.

A stand-in written by the KPIs tab until the KPI data layer brings its own
demo part. Two years of days (five on the large store) of an outdoor-gear shop:
a spring-summer season, Black Friday and Christmas peaks, quieter weekdays,
growth from one year to the next. Shop figures come as the ``shopify`` source,
sessions and carts as ``ga4``, ad figures from ``google_ads`` and
``meta_ads`` (they add up). Goals: revenue, orders, conversion rate and CPA
for the last three months, this month and the next.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal

YEARS = {"small": 2, "large": 5}
PEAKS = ((11, 28, 2.2), (12, 12, 1.6), (5, 20, 1.25))  # (month, day, height): Black Friday, Christmas, spring


def _season(day: date) -> float:
    """How busy a day is compared with an average one."""
    year_angle = 2 * math.pi * (day.timetuple().tm_yday - 105) / 365.25
    level = 1 + 0.22 * math.sin(year_angle)  # outdoors: busiest in late spring and summer
    for month, peak_day, height in PEAKS:
        distance = abs((day - date(day.year, month, peak_day)).days)
        if distance < 10:
            level *= 1 + (height - 1) * (1 - distance / 10)
    weekday = (1.0, 0.97, 0.95, 0.97, 0.92, 0.9, 1.12)[day.weekday()]  # Sunday evening browsing
    return level * weekday


def _money(amount: float) -> int:
    """Micros of an amount rounded to cents."""
    return int(Decimal(str(round(amount, 2))) * 1_000_000)


def _count(number: float) -> int:
    return max(0, round(number)) * 1_000_000


def _day_facts(day: date, growth: float, rng) -> list[tuple[str, str, int]]:
    busy = _season(day) * growth * rng.uniform(0.88, 1.12)
    sessions = round(3100 * busy)
    orders = max(1, round(sessions * rng.uniform(0.0155, 0.0215)))
    aov = rng.uniform(86, 104)
    subtotal = orders * aov
    discounts = subtotal * rng.uniform(0.05, 0.11)
    refunds = subtotal * rng.uniform(0.0, 0.06)
    revenue = subtotal * 1.19 + orders * 4.9 - refunds  # VAT and shipping, minus refunds
    customers = max(1, orders - rng.randint(0, 2))
    returning = round(customers * rng.uniform(0.28, 0.4))
    new = customers - returning
    carts = round(orders / rng.uniform(0.25, 0.33))
    google_spend = 420 * growth * _season(day) ** 0.5 * rng.uniform(0.9, 1.1)
    meta_spend = 260 * growth * _season(day) ** 0.5 * rng.uniform(0.85, 1.15)
    facts = [
        ("shopify", "revenue", _money(revenue)),
        ("shopify", "orders", _count(orders)),
        ("shopify", "subtotal", _money(subtotal)),
        ("shopify", "discounts", _money(discounts)),
        ("shopify", "customers", _count(customers)),
        ("shopify", "new_customers", _count(new)),
        ("shopify", "returning_customers", _count(returning)),
        ("ga4", "sessions", _count(sessions)),
        ("ga4", "users", _count(sessions * rng.uniform(0.74, 0.82))),
        ("ga4", "carts", _count(carts)),
        ("ga4", "purchases", _count(orders * rng.uniform(0.93, 0.99))),
    ]
    for source, spend, cpc, rate, value in (
        ("google_ads", google_spend, 0.62, 0.034, 104),
        ("meta_ads", meta_spend, 0.48, 0.019, 92),
    ):
        clicks = spend / (cpc * rng.uniform(0.9, 1.1))
        conversions = clicks * rate * rng.uniform(0.8, 1.2)
        facts += [
            (source, "ad_spend", _money(spend)),
            (source, "ad_clicks", _count(clicks)),
            (source, "ad_impressions", _count(clicks / rng.uniform(0.018, 0.03))),
            (source, "ad_conversions", _count(conversions)),
            (source, "ad_conversion_value", _money(round(conversions) * value * rng.uniform(0.9, 1.1))),
        ]
    return facts


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


# metric -> (numerator, denominator or None, direction): goals are last year's figure of the month, stretched
_GOALS = {
    "revenue": ("revenue", None, "at_least"),
    "orders": ("orders", None, "at_least"),
    "conversion_rate": ("orders", "sessions", "at_least"),
    "cpa": ("ad_spend", "ad_conversions", "at_most"),
}


def _round_target(metric: str, micros: Decimal) -> int:
    """A target as a person sets it: whole orders, whole euros (hundreds for revenue), 0.01% for rates."""
    unit = {"revenue": 100_000_000, "orders": 1_000_000, "conversion_rate": 100, "cpa": 10_000}[metric]
    return int(micros / unit) * unit


def _goals(rows: list[dict], this_month: date, rng) -> list[dict]:
    """Goals of the last three months, this month and the next, from the same month last year."""
    totals: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (f"{row['day'].year:04d}-{row['day'].month:02d}", row["metric"])
        totals[key] = totals.get(key, 0) + row["value_micros"]
    goals = []
    for offset in range(-3, 2):
        month = _add_months(this_month, offset)
        base = f"{month.year - 1:04d}-{month.month:02d}"
        for metric, (numerator, denominator, direction) in _GOALS.items():
            value = Decimal(totals.get((base, numerator), 0))
            if denominator is not None:
                value = value / Decimal(totals.get((base, denominator), 0) or 1) * 1_000_000
            # sums grow about 15% a year; rates stay where they were, give or take
            if denominator is None:
                low, high = 1.0, 1.2
            else:
                low, high = (0.88, 1.03) if direction == "at_least" else (0.97, 1.12)
            stretch = Decimal(str(round(rng.uniform(low, high), 2)))
            goals.append(
                {
                    "month": f"{month.year:04d}-{month.month:02d}",
                    "metric": metric,
                    "target_micros": _round_target(metric, value * stretch),
                    "direction": direction,
                }
            )
    return goals


def build(session, demo, say) -> None:
    from sqlalchemy import insert

    from ecomtui.db import tables

    rng = demo.rng("kpis")
    last = demo.today - timedelta(days=1)  # today's figures are not in yet
    first = date(last.year - YEARS.get(demo.scale, 2), last.month, 1)
    say(f"writing daily KPIs from {first.isoformat()} to {last.isoformat()}...")
    rows = []
    day = first
    while day <= last:
        growth = 1.15 ** ((day - last).days / 365.25)  # 15% a year
        rows += [
            {"day": day, "metric": metric, "source": source, "value_micros": micros}
            for source, metric, micros in _day_facts(day, growth, rng)
        ]
        day += timedelta(days=1)
    session.execute(insert(tables.kpi_fact), rows)
    goals = _goals(rows, demo.today.replace(day=1), rng)
    session.execute(insert(tables.goal), goals)
    session.flush()
