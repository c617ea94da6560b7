"""Periods of the KPIs tab: a week, month, quarter or year, and the days compared with it.

Pure date arithmetic, no database. A period is a whole calendar unit (ISO week
2026-W48, month 2026-11, quarter 2026-Q4, year 2026). What is measured is its
*window*: the whole period once it is over, else its days up to the last day
with data. A window is compared like for like: with the previous period and the
same period a year earlier, each cut to as many days as the window has while
the period is still running (November 1-23 against October 1-23), whole when
the period is over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ecomtui.clock import iso_week, month_key

RANGES: tuple[str, ...] = ("week", "month", "quarter", "year")
RANGE_LABELS = {"week": "Week", "month": "Month", "quarter": "Quarter", "year": "Year"}
SPARK_WEEKS = 12


@dataclass(frozen=True)
class Window:
    """The days ``start`` to ``end``, both included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def label(self) -> str:
        return (
            self.start.isoformat() if self.start == self.end else f"{self.start.isoformat()} to {self.end.isoformat()}"
        )


@dataclass(frozen=True)
class Period:
    """One whole week, month, quarter or year."""

    range: str
    start: date
    end: date

    @property
    def label(self) -> str:
        if self.range == "week":
            return iso_week(self.start)
        if self.range == "month":
            return month_key(self.start)
        if self.range == "quarter":
            return f"{self.start.year:04d}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year:04d}"

    def shifted(self, steps: int) -> Period:
        """The period ``steps`` periods later (earlier when negative)."""
        if self.range == "week":
            return period_containing("week", self.start + timedelta(weeks=steps))
        months = {"month": 1, "quarter": 3, "year": 12}[self.range]
        return period_containing(self.range, _add_months(self.start, months * steps))

    def last_year(self) -> Period:
        """The same period a year earlier (the same ISO week number; week 53 becomes 52)."""
        if self.range == "week":
            year, week, _ = self.start.isocalendar()
            weeks = date(year - 1, 12, 28).isocalendar()[1]
            return period_containing("week", date.fromisocalendar(year - 1, min(week, weeks), 1))
        return period_containing(self.range, _add_months(self.start, -12))

    def window(self, as_of: date) -> Window:
        """The days measured: the whole period, or its days up to ``as_of`` while it runs."""
        return Window(self.start, max(self.start, min(self.end, as_of)))


def comparison(period: Period, as_of: date) -> tuple[Window, Window, Window]:
    """The window of ``period`` as of a day, and its like-for-like previous and last-year windows."""
    window = period.window(as_of)
    running = window.end < period.end
    previous, last_year = period.shifted(-1), period.last_year()
    return window, _cut(previous, window.days, running), _cut(last_year, window.days, running)


def _cut(period: Period, days: int, running: bool) -> Window:
    if not running:
        return Window(period.start, period.end)
    return Window(period.start, min(period.end, period.start + timedelta(days=days - 1)))


def period_containing(range_: str, day: date) -> Period:
    """The week (ISO, Monday first), month, quarter or year that holds ``day``."""
    if range_ == "week":
        start = day - timedelta(days=day.weekday())
        return Period("week", start, start + timedelta(days=6))
    if range_ == "month":
        start = day.replace(day=1)
        return Period("month", start, _add_months(start, 1) - timedelta(days=1))
    if range_ == "quarter":
        start = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        return Period("quarter", start, _add_months(start, 3) - timedelta(days=1))
    if range_ == "year":
        return Period("year", date(day.year, 1, 1), date(day.year, 12, 31))
    raise ValueError(f"unknown range {range_!r}")


def regrouped(period: Period, range_: str, as_of: date) -> Period:
    """The ``range_`` period around the same days: the one holding ``period``'s last day (or ``as_of``)."""
    return period_containing(range_, min(period.end, as_of))


def spark_windows(end: date, weeks: int = SPARK_WEEKS) -> list[Window]:
    """``weeks`` rolling 7-day windows ending on ``end``, oldest first (no half-week at the end)."""
    return [
        Window(end - timedelta(days=7 * back + 6), end - timedelta(days=7 * back)) for back in reversed(range(weeks))
    ]


def _add_months(first: date, months: int) -> date:
    """The first day of the month ``months`` after ``first``'s month."""
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
