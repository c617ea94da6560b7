"""The demo store's budget: monthly plans per channel, agency retainers, ad spend and one-off costs.

Covers the last twelve months and the current one (five years on the large
scale). Plans follow the outdoor-gear season (Black Friday and Christmas cost
the most); the agencies' retainers are booked with the app's own action
(``services.budget.book_retainers``), Google Ads and Meta Ads spend comes in
daily rows keyed like the ads importer's (``google_ads:<day>``) from the KPI
demo's ad spend (so the KPIs and the budget agree; generated when the store
has no ad figures), and one-off
costs (tools, photo shoots, creator fees) are entered by hand. This month,
Paid Social runs well over pace ahead of Black Friday and PPC a little fast.
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import insert, select

from ecomtui.db import tables
from ecomtui.services.budget import book_retainers, retainers_due
from ecomtui.services.budget_calc import month_key, shift_month

HISTORY_MONTHS = {"small": 12, "large": 59}

# What each channel gets besides its retainer (EUR a month, before the season), and from where:
# (channel, planned spend, ads source or None, one-off costs: (note, partner, low, high, chance))
_CHANNEL_SPEND: tuple[tuple[str, int, str | None, tuple[tuple[str, str | None, int, int, float], ...]], ...] = (
    ("SEO", 600, None, (("Ahrefs subscription", None, 449, 449, 1.0), ("Guest post placement", None, 150, 400, 0.5))),
    ("PPC", 6_000, "google_ads", ()),
    ("Paid Social", 6_500, "meta_ads", (("Creative production for Meta ads", None, 300, 900, 0.4),)),
    ("Email", 550, None, (("Klaviyo plan", None, 540, 540, 1.0),)),
    (
        "Social",
        900,
        None,
        (("Later.com scheduling", None, 80, 80, 1.0), ("Boosted Instagram posts", None, 200, 600, 0.9)),
    ),
    (
        "Content",
        1_800,
        None,
        (
            ("Product photo shoot (2 days)", "Nora Lindqvist", 1_300, 1_300, 0.7),
            ("Buying guide copy", "Nora Lindqvist", 320, 650, 0.6),
        ),
    ),
    ("Affiliate", 700, None, (("Awin network commissions", None, 350, 900, 1.0),)),
    (
        "Marketplaces",
        2_000,
        None,
        (("Amazon Sponsored Products", None, 700, 1_100, 1.0), ("Zalando partner fees", None, 400, 800, 1.0)),
    ),
    (
        "Influencers",
        1_500,
        None,
        (("Creator fee: hiking reel", None, 300, 800, 1.0), ("Creator fee: gear review", None, 250, 700, 0.8)),
    ),
    ("Other", 400, None, (("Shopify apps", None, 290, 290, 1.0), ("Hotjar", None, 99, 99, 1.0))),
)

# the outdoor year: quiet winter, hiking season, Black Friday and Christmas peaks
_SEASON = {1: 0.8, 2: 0.8, 3: 0.9, 4: 1.0, 5: 1.05, 6: 1.0, 7: 0.95, 8: 0.9, 9: 1.0, 10: 1.15, 11: 1.45, 12: 1.2}
# this month (as of today): how fast each channel spends against its even pace
_THIS_MONTH_PACE = {"Paid Social": 1.24, "PPC": 1.03, "Influencers": 0.7}


def build(session, demo, say: Callable[[str], None]) -> None:
    rng = demo.rng("budget")
    this_month = month_key(demo.today)
    months = [shift_month(this_month, -i) for i in range(HISTORY_MONTHS.get(demo.scale, 12), -1, -1)]
    say(f"writing the budget of {len(months)} months...")
    promotions = session.execute(select(tables.promotion.c.id, tables.promotion.c.start, tables.promotion.c.end)).all()
    names = {channel_id: name for name, channel_id in demo.channels.items()}
    platform_spend = _platform_spend(session)
    plans, expenses = [], []
    for month in months:
        retainers: dict[str, int] = {}  # EUR a month by channel name, included in its plan
        for due in retainers_due(session, month):
            if due.channel_id is not None:
                name = names[due.channel_id]
                retainers[name] = retainers.get(name, 0) + due.amount_minor // 100
        for name, spend, source, one_offs in _CHANNEL_SPEND:
            channel_id = demo.channels.get(name)
            if channel_id is None:
                continue
            first = date(int(month[:4]), int(month[5:7]), 1)
            days = _days(first, demo.today)
            if month == this_month:
                pace = _THIS_MONTH_PACE.get(name, rng.uniform(0.88, 1.02))
            else:
                pace = rng.uniform(0.86, 1.04) if rng.random() > 0.12 else rng.uniform(1.05, 1.12)
            imported = [(day, platform_spend[(source, day)]) for day in days if (source, day) in platform_spend]
            if imported:  # the KPI demo's daily ad spend, booked as the ads importer would
                month_days = calendar.monthrange(first.year, first.month)[1]
                running = sum(minor for _, minor in imported) / 100 * month_days / len(imported)
                variable = _round(running / pace)
                expenses += [_ad_row(channel_id, source, day, minor) for day, minor in imported]
            else:
                variable = _round(spend * _SEASON[first.month] * rng.uniform(0.95, 1.05))
                if source:
                    expenses += _ad_spend(rng, channel_id, source, variable, pace, first, days)
                else:
                    expenses += _one_offs(rng, channel_id, one_offs, variable, pace, first, days, demo, promotions)
            planned = variable + retainers.get(name, 0)
            plans.append({"month": month, "channel_id": channel_id, "planned_minor": planned * 100})
    from ecomtui.db.models import BudgetLine, Expense

    # the models' tables, not the light ones: bulk inserts need full Table objects on PostgreSQL
    session.execute(insert(BudgetLine.__table__), plans)
    session.execute(insert(Expense.__table__), expenses)
    for month in months:
        book_retainers(session, month)
    session.flush()


def _round(amount: float) -> int:
    return int(round(amount / 50) * 50)


def _days(first: date, today: date) -> list[date]:
    """The month's days up to today."""
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return [first + timedelta(days=i) for i in range((min(last, today) - first).days + 1)] if first <= today else []


def _platform_spend(session) -> dict[tuple[str, date], int]:
    """The KPI demo's daily ad spend per platform, in cents (empty without it)."""
    fact = tables.kpi_fact
    rows = session.execute(
        select(fact.c.source, fact.c.day, fact.c.value_micros).where(
            fact.c.metric == "ad_spend", fact.c.source.in_(("google_ads", "meta_ads"))
        )
    )
    return {(source, day): round(micros / 10_000) for source, day, micros in rows}


def _ad_row(channel_id: int, source: str, day: date, minor: int) -> dict:
    return {
        "day": day,
        "amount_minor": minor,
        "channel_id": channel_id,
        "partner_id": None,
        "promotion_id": None,
        "note": "",
        "source": source,
        "import_key": f"{source}:{day.isoformat()}",
    }


def _ad_spend(rng: random.Random, channel_id, source, planned, pace, first, days) -> list[dict]:
    """Daily platform spend when the store has no ad figures: weekends weigh more."""
    if not days:
        return []
    month_days = calendar.monthrange(first.year, first.month)[1]
    target = planned * pace * len(days) / month_days
    weights = [(1.25 if d.weekday() >= 5 else 1.0) * rng.uniform(0.7, 1.3) for d in days]
    scale = target / sum(weights)
    return [_ad_row(channel_id, source, day, int(weight * scale * 100)) for day, weight in zip(days, weights)]


def _one_offs(rng, channel_id, one_offs, planned, pace, first, days, demo, promotions) -> list[dict]:
    """Invoices entered by hand: fixed subscriptions as they are, the rest scaled to land near the pace."""
    if not days:
        return []
    drawn = [
        (note, partner, rng.randint(low, high), low == high)
        for note, partner, low, high, chance in one_offs
        if rng.random() < chance
    ]
    month_days = calendar.monthrange(first.year, first.month)[1]
    target = planned * pace * len(days) / month_days - sum(amount for _, _, amount, fixed in drawn if fixed)
    flexible = sum(amount for _, _, amount, fixed in drawn if not fixed)
    scale = max(target, 0) / flexible if flexible else 1
    rows = []
    for note, partner, amount, fixed in drawn:
        day = rng.choice(days)
        amount = amount if fixed else amount * scale
        if amount < 1:
            continue
        rows.append(
            {
                "day": day,
                "amount_minor": int(amount * 100),
                "channel_id": channel_id,
                "partner_id": demo.partners.get(partner) if partner else None,
                "promotion_id": next((p for p, start, end in promotions if start <= day <= end), None),
                "note": note,
                "source": "manual",
                "import_key": None,
            }
        )
    return rows
