"""What the KPIs tab shows: a card per metric for a period, and a metric's series for its chart.

One read per card screen: the daily inputs (:func:`ecomtui.services.kpis.daily_inputs`,
sources already resolved) of the few windows a screen needs, then every
figure is a ratio of sums over those days (:func:`period_from_inputs`): the
period, the previous period and the same period last year like for like, and
twelve rolling weeks for the sparkline. Runs on the database thread; the UI
gets plain frozen values. Core only, no Textual.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from ecomtui.clock import month_key
from ecomtui.db import tables
from ecomtui.services.currency import store_currency
from ecomtui.services.kpi_format import CARD_METRICS
from ecomtui.services.kpi_goals import GoalRow, goal_rows
from ecomtui.services.kpi_periods import Period, Window, comparison, period_containing, spark_windows
from ecomtui.services.kpis import GoalStatus, daily_inputs, goal_status, period_from_inputs

Inputs = dict[date, dict[str, Decimal]]


@dataclass(frozen=True)
class Figure:
    """A metric over some days: ``present`` False when nothing was imported for them;
    ``value`` None while present means a zero denominator (n/a)."""

    present: bool
    value: Decimal | None = None


ABSENT = Figure(False)


@dataclass(frozen=True)
class Card:
    metric: str
    current: Figure
    previous: Figure
    last_year: Figure
    goal: GoalStatus | None  # the goal of the month the window ends in
    weeks: tuple[Decimal | None, ...]  # rolling weeks, oldest first; None: no data or n/a


@dataclass(frozen=True)
class CardsView:
    """Everything the tab draws for one period."""

    period: Period
    window: Window  # the days measured
    previous: Window
    last_year: Window
    latest: date | None  # the last day with any data, up to today
    currency: str
    cards: tuple[Card, ...]
    goals: dict[tuple[str, str], GoalRow]  # every goal, for the goal dialog

    @property
    def goal_month(self) -> str:
        return month_key(self.window.end)


def latest_day(conn, today: date) -> date | None:
    """The last day up to ``today`` with any imported KPI."""
    fact = tables.kpi_fact
    return conn.execute(select(func.max(fact.c.day)).where(fact.c.day <= today)).scalar()


def as_of(period: Period, latest: date | None, today: date) -> date:
    """Where a period's window ends: the last day with data when that is inside it, else today."""
    if latest is not None and latest >= period.start:
        return min(latest, today)
    return today


def read_inputs(conn, windows: Iterable[Window]) -> Inputs:
    """The daily inputs of the given windows, each stretch of days read once."""
    inputs: Inputs = {}
    for start, end in _merged(windows):
        inputs.update(daily_inputs(conn, start, end))
    return inputs


def _merged(windows: Iterable[Window]) -> list[tuple[date, date]]:
    spans: list[list[date]] = []
    for window in sorted(windows, key=lambda w: w.start):
        if spans and window.start <= spans[-1][1] + timedelta(days=1):
            spans[-1][1] = max(spans[-1][1], window.end)
        else:
            spans.append([window.start, window.end])
    return [(start, end) for start, end in spans]


def values_over(inputs: Inputs, window: Window) -> dict[str, Decimal | None]:
    """Every KPI over a window's days (metrics without data are left out)."""
    return period_from_inputs(
        (inputs[day] for day in _days(window) if day in inputs),
        metrics=CARD_METRICS,
    )


def _days(window: Window) -> Iterable[date]:
    return (window.start + timedelta(days=offset) for offset in range(window.days))


def _figure(values: dict[str, Decimal | None], metric: str) -> Figure:
    return Figure(True, values[metric]) if metric in values else ABSENT


def measured(conn, period: Period | None, range_: str, today: date) -> tuple[Period, date | None, Window]:
    """The period (None: the ``range_`` period holding the latest data, else today), the last day
    with data, and the period's window: its days up to that day, or up to today without data in it."""
    latest = latest_day(conn, today)
    if period is None:
        period = period_containing(range_, latest or today)
    return period, latest, period.window(as_of(period, latest, today))


def load_cards(conn, period: Period | None, range_: str, today: date) -> CardsView:
    """The cards of ``period`` (None: the ``range_`` period holding the latest data, else today)."""
    period, latest, window = measured(conn, period, range_, today)
    _, previous, last_year = comparison(period, window.end)
    sparks = spark_windows(window.end)
    inputs = read_inputs(conn, [window, previous, last_year, *sparks])
    now, before, year_ago = (values_over(inputs, w) for w in (window, previous, last_year))
    weekly = [values_over(inputs, w) for w in sparks]
    goals = {status.goal.metric: status for status in goal_status(conn, month_key(window.end), window.end)}
    cards = tuple(
        Card(
            metric=metric,
            current=_figure(now, metric),
            previous=_figure(before, metric),
            last_year=_figure(year_ago, metric),
            goal=goals.get(metric),
            weeks=tuple(week.get(metric) for week in weekly),
        )
        for metric in CARD_METRICS
    )
    return CardsView(period, window, previous, last_year, latest, store_currency(conn), cards, goal_rows(conn))


# ---- the chart --------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """A metric over a period (up to its window's end) and over the whole previous period.

    Points are per day, or per 7-day step from the period's first day for a year.
    """

    metric: str
    period: Period
    window: Window
    previous: Period
    step: int  # days per point
    current: tuple[tuple[date, Decimal | None], ...]
    before: tuple[tuple[date, Decimal | None], ...]
    currency: str


def _steps(start: date, end: date, step: int) -> list[Window]:
    out = []
    day = start
    while day <= end:
        out.append(Window(day, min(end, day + timedelta(days=step - 1))))
        day += timedelta(days=step)
    return out


def load_series(conn, metric: str, period: Period, today: date) -> Series:
    """``metric`` over ``period`` (up to its last day with data) and over the whole period before it."""
    period, _, window = measured(conn, period, period.range, today)
    previous = period.shifted(-1)
    step = 7 if period.range == "year" else 1
    inputs = read_inputs(conn, [window, Window(previous.start, previous.end)])

    def points(start: date, end: date) -> tuple[tuple[date, Decimal | None], ...]:
        return tuple((w.start, values_over(inputs, w).get(metric)) for w in _steps(start, end, step))

    return Series(
        metric=metric,
        period=period,
        window=window,
        previous=previous,
        step=step,
        current=points(window.start, window.end),
        before=points(previous.start, previous.end),
        currency=store_currency(conn),
    )
