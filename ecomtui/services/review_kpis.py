"""KPIs for the weekly review (step 1) and the Dashboard: the week vs the one before, last year and the goal.

Values come from :mod:`ecomtui.services.kpis` (sums of daily facts, ratios of
sums); the biggest movers come first.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from ecomtui.clock import month_key
from ecomtui.services.report import CHANGE, FIGURE, INT, MONEY, RATIO, SPARK, Column, Section, Table

SHOWN = (
    "revenue",
    "orders",
    "aov",
    "sessions",
    "conversion_rate",
    "ad_spend",
    "roas",
    "cac",
    "returning_customer_rate",
)
LABELS = {
    "revenue": "Revenue",
    "orders": "Orders",
    "aov": "Average order value",
    "sessions": "Sessions",
    "conversion_rate": "Conversion rate",
    "ad_spend": "Ad spend",
    "roas": "ROAS",
    "cac": "CAC",
    "returning_customer_rate": "Returning-customer rate",
}
NOTES = [
    "Conversion rate = orders / sessions (Shopify's own figure counts sessions that completed checkout).",
    "Revenue counts refunds on their order's day (Shopify's Sales report counts them on the day they were made).",
]


def _kind(metric: str) -> str:
    from ecomtui.services.kpi_metrics import KIND

    return {"money": MONEY, "ratio": RATIO}.get(KIND.get(metric, ""), INT)


def change(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    """Relative change as a fraction; n/a without a base."""
    if now is None or before is None or before == 0:
        return None
    return (now - before) / abs(before)


def same_week_last_year(start: date) -> date:
    year, week, _ = start.isocalendar()
    try:
        return date.fromisocalendar(year - 1, week, 1)
    except ValueError:  # week 53 in a year that has none
        return date.fromisocalendar(year - 1, 52, 1)


def _goal_text(status) -> str:
    if status is None:
        return "—"
    if status.on_track is None:
        return "n/a"
    return "on track" if status.on_track else "behind"


def _metric_table(conn, start: date, end: date, as_of: date, title: str, *, spark_weeks: int = 0) -> Table:
    from ecomtui.services import kpis
    from ecomtui.services.currency import store_currency
    from ecomtui.services.report import show

    currency = store_currency(conn)
    days = (end - start).days + 1
    # one read for this period and the one a week before (they may overlap): each is a slice of its days
    inputs = kpis.daily_inputs(conn, start - timedelta(days=7), end)
    now = _period(inputs, start, end)
    before = _period(inputs, start - timedelta(days=7), end - timedelta(days=7))
    ly_start = same_week_last_year(start)
    last_year = kpis.period_values(conn, ly_start, ly_start + timedelta(days=days - 1), SHOWN)
    goals = {g.goal.metric: g for g in kpis.goal_status(conn, month_key(end), as_of)}
    columns = [
        Column("Metric"),
        Column("Value", FIGURE),
        Column("vs week before", CHANGE),
        Column("vs last year", CHANGE),
    ]
    columns.append(Column("Goal"))
    if spark_weeks:
        columns.append(Column(f"{spark_weeks} weeks", SPARK))
        history = _weekly(conn, end, spark_weeks)
    table = Table(title, columns, empty="no KPIs imported for this week (ecomtui import …)")
    rows = []
    for metric in SHOWN:
        if metric not in now and metric not in before:
            continue
        value = show(now.get(metric), _kind(metric), currency)
        cells = [LABELS[metric], value, change(now.get(metric), before.get(metric))]
        cells += [change(now.get(metric), last_year.get(metric)), _goal_text(goals.get(metric))]
        if spark_weeks:
            cells.append([h.get(metric) for h in history])
        rows.append(cells)
    rows.sort(key=lambda r: -abs(r[2]) if r[2] is not None else 1)  # biggest movers first
    for cells in rows:
        table.add(*cells)
    return table


def _period(inputs: dict, start: date, end: date) -> dict:
    """``kpis.period_values`` of ``start``..``end`` from days already read (``kpis.daily_inputs``)."""
    from ecomtui.services import kpis

    return kpis.period_from_inputs((totals for day, totals in inputs.items() if start <= day <= end), SHOWN)


def _weekly(conn, end: date, weeks: int) -> list[dict]:
    """The KPIs of each of the ``weeks`` Monday-to-Sunday weeks up to ``end``'s, oldest first: one read."""
    from ecomtui.services import kpis

    monday = end - timedelta(days=end.weekday())
    first = monday - timedelta(days=7 * (weeks - 1))
    inputs = kpis.daily_inputs(conn, first, monday + timedelta(days=6))
    starts = [monday - timedelta(days=7 * n) for n in range(weeks - 1, -1, -1)]
    return [_period(inputs, start, start + timedelta(days=6)) for start in starts]


def kpis_step(conn, p) -> Section:
    table = _metric_table(conn, p.start, p.end, p.as_of, f"KPIs of {p.week}", spark_weeks=12)
    return Section("kpis", "KPIs", [table], list(NOTES))


def kpis_block(conn, today: date) -> Section:
    # the last seven full days (today's figures are not in yet), against the seven before
    end = today - timedelta(days=1)
    table = _metric_table(conn, end - timedelta(days=6), end, end, "Last 7 days", spark_weeks=12)
    return Section("kpis", "KPIs", [table], [NOTES[0]])
