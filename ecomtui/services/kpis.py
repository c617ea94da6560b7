"""KPIs: storing daily facts, reading stored and derived values per day and per period, goals.

Facts are integer micros in ``kpi_fact``, one value per (day, metric, source).
Reading resolves the sources of a metric first (ad platforms add up, otherwise
the shop's own figure wins: :mod:`ecomtui.services.kpi_metrics`), then derives
the ratios. A period is the sum of its daily facts with ratios of those sums,
never a mean of daily ratios. SQLAlchemy Core only: no Textual, no pandas.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, bindparam, delete, func, insert, select, update

from ecomtui.db import tables
from ecomtui.services.currency import from_minor, minor_digits, store_currency
from ecomtui.services.kpi_metrics import (
    AT_LEAST,
    AT_MOST,
    COUNT,
    DERIVATIONS,
    INPUT_KEYS,
    KIND,
    MARKETING_SPEND,
    METRIC_KEYS,
    MONEY,
    STORED_KEYS,
    default_direction,
    derive,
    derive_one,
    resolve_sources,
)
from ecomtui.services.validation import InvalidInput, parse_month

MICRO = Decimal("0.000001")
_fact = tables.kpi_fact


def to_micros(value: Decimal | int) -> int:
    """A value in integer millionths, rounded half up."""
    return int((Decimal(value) * 1_000_000).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def from_micros(micros: int) -> Decimal:
    return Decimal(micros).scaleb(-6)


# ---- storing facts --------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """One stored daily value of a metric from one source."""

    day: date
    metric: str
    source: str
    value_micros: int


@dataclass
class Changes:
    """What a write did to stored values."""

    added: int = 0
    changed: int = 0
    unchanged: int = 0

    def __add__(self, other: Changes) -> Changes:
        return Changes(self.added + other.added, self.changed + other.changed, self.unchanged + other.unchanged)


def store_facts(conn, facts: Iterable[Fact]) -> Changes:
    """Insert or update facts by (day, metric, source); counts what was added, changed, unchanged."""
    wanted = {(f.day, f.metric, f.source): f.value_micros for f in facts}
    if not wanted:
        return Changes()
    days = [key[0] for key in wanted]
    metrics = {key[1] for key in wanted}
    sources = {key[2] for key in wanted}
    existing = {
        (day, metric, source): (fact_id, value)
        for fact_id, day, metric, source, value in conn.execute(
            select(_fact.c.id, _fact.c.day, _fact.c.metric, _fact.c.source, _fact.c.value_micros).where(
                _fact.c.day.between(min(days), max(days)),
                _fact.c.metric.in_(metrics),
                _fact.c.source.in_(sources),
            )
        )
    }
    new, updates, unchanged = [], [], 0
    for key, value in wanted.items():
        if key not in existing:
            new.append({"day": key[0], "metric": key[1], "source": key[2], "value_micros": value})
        elif existing[key][1] != value:
            updates.append({"fact_id": existing[key][0], "new_value": value})
        else:
            unchanged += 1
    if new:
        conn.execute(insert(_fact), new)
    if updates:
        conn.execute(
            update(_fact).where(_fact.c.id == bindparam("fact_id")).values(value_micros=bindparam("new_value")),
            updates,
        )
    return Changes(added=len(new), changed=len(updates), unchanged=unchanged)


# ---- reading values -------------------------------------------------------------


@dataclass(frozen=True)
class KpiValue:
    """A KPI on one day; ``value`` None means a zero denominator (n/a)."""

    day: date
    metric: str
    value: Decimal | None

    def as_json(self, currency: str) -> dict:
        return {
            "date": self.day.isoformat(),
            "metric": self.metric,
            "value": json_number(self.metric, self.value, currency),
        }


def json_number(metric: str, value: Decimal | None, currency: str) -> float | int | None:
    """A value for ``--json``: money to the currency's minor unit, counts whole, ratios as fractions."""
    if value is None:
        return None
    kind = KIND[metric]
    if kind == MONEY:
        return float(round(value, minor_digits(currency)))
    if kind == COUNT and value == value.to_integral_value():
        return int(value)
    return float(round(value, 6))


def _range(column, start: date | None, end: date | None) -> list:
    conditions = []
    if start is not None:
        conditions.append(column >= start)
    if end is not None:
        conditions.append(column <= end)
    return conditions


def daily_inputs(conn, start: date | None = None, end: date | None = None) -> dict[date, dict[str, Decimal]]:
    """Each day's stored facts, sources resolved, plus the day's marketing spend (all expenses)."""
    by_source: dict[tuple[date, str], dict[str, Decimal]] = defaultdict(dict)
    for day, metric, source, micros in conn.execute(
        select(_fact.c.day, _fact.c.metric, _fact.c.source, _fact.c.value_micros).where(
            *_range(_fact.c.day, start, end)
        )
    ):
        by_source[(day, metric)][source] = from_micros(micros)
    days: dict[date, dict[str, Decimal]] = defaultdict(dict)
    for (day, metric), values in by_source.items():
        days[day][metric] = resolve_sources(metric, values)
    currency = store_currency(conn)
    expense = tables.expense
    for day, minor in conn.execute(
        select(expense.c.day, func.sum(expense.c.amount_minor))
        .where(*_range(expense.c.day, start, end))
        .group_by(expense.c.day)
    ):
        days[day][MARKETING_SPEND] = from_minor(int(minor), currency)
    return dict(days)


def _wanted(metrics: Sequence[str] | None) -> tuple[str, ...]:
    return tuple(metrics) if metrics else METRIC_KEYS


def daily_values(
    conn, start: date | None = None, end: date | None = None, metrics: Sequence[str] | None = None
) -> list[KpiValue]:
    """Stored and derived KPIs per day, sorted by date then metric key.

    A day shows a metric only when its inputs were imported; ``metrics``
    defaults to every product metric key (inputs such as ``subtotal`` on request).
    """
    wanted = set(_wanted(metrics))
    out = []
    for day, totals in sorted(daily_inputs(conn, start, end).items()):
        values = {key: value for key, value in totals.items() if key in STORED_KEYS}
        values.update(derive(totals))
        out.extend(KpiValue(day, key, values[key]) for key in sorted(values) if key in wanted)
    return out


def period_values(
    conn, start: date | None, end: date | None, metrics: Sequence[str] | None = None
) -> dict[str, Decimal | None]:
    """KPIs of a date range: sums of the daily facts, ratios of those sums.

    A ratio counts only the days that have both its inputs (orders over the
    sessions of the days with orders imported, not of every day with sessions).
    """
    return period_from_inputs(daily_inputs(conn, start, end).values(), metrics)


def period_from_inputs(
    days: Iterable[dict[str, Decimal]], metrics: Sequence[str] | None = None
) -> dict[str, Decimal | None]:
    """The pure half of :func:`period_values`: daily input totals -> the period's KPIs."""
    sums: dict[str, Decimal] = {}
    paired: dict[str, dict[str, Decimal]] = {}
    for totals in days:
        for key, value in totals.items():
            sums[key] = sums.get(key, Decimal(0)) + value
        for key, (numerator, denominator, _) in DERIVATIONS.items():
            if numerator in totals and denominator in totals:
                pair = paired.setdefault(key, {numerator: Decimal(0), denominator: Decimal(0)})
                pair[numerator] += totals[numerator]
                pair[denominator] += totals[denominator]
    values: dict[str, Decimal | None] = {key: value for key, value in sums.items() if key in STORED_KEYS}
    values.update({key: derive_one(key, pair) for key, pair in paired.items()})
    wanted = _wanted(metrics)
    return {key: values[key] for key in wanted if key in values}


def kpis_json(conn, start: date | None = None, end: date | None = None, metric: str | None = None) -> list[dict]:
    """``ecomtui kpis --json``: ``{"date", "metric", "value"}`` sorted by date then metric."""
    currency = store_currency(conn)
    return [v.as_json(currency) for v in daily_values(conn, start, end, [metric] if metric else None)]


def parse_metric(value: str, field: str = "metric") -> str:
    """A metric key as typed (``AOV``, ``ad spend``) -> ``aov``, ``ad_spend``; else InvalidInput."""
    key = "_".join(value.strip().lower().replace("-", " ").split())
    if key not in KIND:
        raise InvalidInput(
            f"{field}: '{value.strip()}' is not a metric; use one of {', '.join(METRIC_KEYS + INPUT_KEYS)}", field
        )
    return key


# ---- goals ----------------------------------------------------------------------

_goal = tables.goal


@dataclass(frozen=True)
class Goal:
    """A monthly target: reach at least, or stay at most, ``target``."""

    month: str
    metric: str
    target: Decimal
    direction: str


@dataclass(frozen=True)
class GoalStatus:
    """A goal against the month so far.

    ``expected`` is where a summed metric (revenue, orders...) should be by now
    at an even pace (target x days elapsed / days in month); for a ratio it is
    the target itself. ``on_track`` is None while the actual value is n/a.
    """

    goal: Goal
    actual: Decimal | None
    expected: Decimal
    on_track: bool | None


def set_goal(conn, month: str, metric: str, target: Decimal, direction: str | None = None) -> Goal:
    """Create or replace the goal for ``metric`` in ``month`` (``direction`` defaults by metric)."""
    month = parse_month(month) or ""
    metric = parse_metric(metric)
    direction = direction or default_direction(metric)
    if direction not in (AT_LEAST, AT_MOST):
        raise InvalidInput(f"direction: '{direction}' is not one of {AT_LEAST}, {AT_MOST}", "direction")
    values = {"target_micros": to_micros(target), "direction": direction}
    where = and_(_goal.c.month == month, _goal.c.metric == metric)
    # a replaced goal moves its version on, so an editor holding the old one sees the change
    if conn.execute(update(_goal).where(where).values(**values, version=_goal.c.version + 1)).rowcount == 0:
        conn.execute(insert(_goal).values(month=month, metric=metric, **values))
    return Goal(month, metric, from_micros(values["target_micros"]), direction)


def delete_goal(conn, month: str, metric: str) -> bool:
    """Remove a goal; False when there was none."""
    where = and_(_goal.c.month == month, _goal.c.metric == parse_metric(metric))
    return conn.execute(delete(_goal).where(where)).rowcount > 0


def list_goals(conn, months: Sequence[str] | None = None) -> list[Goal]:
    """Goals (of ``months`` only, when given), by month then metric key."""
    query = select(_goal.c.month, _goal.c.metric, _goal.c.target_micros, _goal.c.direction)
    if months is not None:
        query = query.where(_goal.c.month.in_(months))
    rows = conn.execute(query.order_by(_goal.c.month, _goal.c.metric))
    return [Goal(month, metric, from_micros(target), direction) for month, metric, target, direction in rows]


def goal_status(conn, month: str, as_of: date) -> list[GoalStatus]:
    """Each goal of ``month`` against the month from its first day to ``as_of`` (or its last day)."""
    goals = list_goals(conn, [month])
    if not goals:
        return []
    year, number = int(month[:4]), int(month[5:7])
    length = calendar.monthrange(year, number)[1]
    first, last = date(year, number, 1), date(year, number, length)
    end = min(as_of, last)
    elapsed = max(0, (end - first).days + 1)
    actual = period_values(conn, first, end, [g.metric for g in goals]) if elapsed else {}
    out = []
    for goal in goals:
        summed = goal.metric in STORED_KEYS
        expected = goal.target * elapsed / length if summed else goal.target
        value = actual.get(goal.metric)
        on_track = None
        if value is not None:
            on_track = value >= expected if goal.direction == AT_LEAST else value <= expected
        out.append(GoalStatus(goal, value, expected, on_track))
    return out
