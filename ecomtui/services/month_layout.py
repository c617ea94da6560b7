"""Where promotions go in a month grid: the weeks shown, and a lane for each promotion in each week.

A promotion that runs several days is one bar per week row, in the same lane
(row) on every day of that week, so bars line up like in any calendar. Lanes
are handed out first come (earliest start; what starts this week before what
carries over from the last; then the longest), each bar taking the lowest
lane free on all its days. A day with more promotions than the
rows that fit shows the first ones and counts the rest ("+N"). Pure functions:
the calendar widget draws what these return.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ecomtui.services.promotion_data import Promotion


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), kept within the target month (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def month_weeks(year: int, month: int) -> list[date]:
    """The Monday of each ISO week that has a day of the month (4 to 6 weeks)."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    monday = first - timedelta(days=first.weekday())
    weeks = []
    while monday <= last:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


@dataclass(frozen=True)
class Bar:
    """One promotion's stretch within one week row."""

    promotion: Promotion
    lane: int
    first: int  # weekday column, Monday 0
    last: int
    starts: bool  # its first day is in this week (else it continues from the week before)
    ends: bool  # its last day is in this week


def week_bars(promotions: Iterable[Promotion], monday: date) -> list[Bar]:
    """The bars of the week starting ``monday``, each in its lane."""
    sunday = monday + timedelta(days=6)
    running = [p for p in promotions if p.start <= sunday and monday <= p.end]
    # earliest first; on the same day, one that starts there before one carried over from last week, then longest
    running.sort(
        key=lambda p: (max(p.start, monday), p.start < monday, -(min(p.end, sunday) - max(p.start, monday)).days, p.id)
    )
    lane_ends: list[int] = []  # per lane, the last column taken so far
    bars = []
    for promotion in running:
        first = (max(promotion.start, monday) - monday).days
        last = (min(promotion.end, sunday) - monday).days
        lane = next((i for i, end in enumerate(lane_ends) if end < first), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(last)
        else:
            lane_ends[lane] = last
        bars.append(Bar(promotion, lane, first, last, promotion.start >= monday, promotion.end <= sunday))
    return bars


@dataclass(frozen=True)
class WeekRows:
    """What a week's lane rows show: per row and day a bar or nothing, and per day how many bars did not fit."""

    cells: tuple[tuple[Bar | None, ...], ...]  # [row][column]
    hidden: tuple[int, ...]  # [column]: bars of that day in lanes beyond the rows


def fit_rows(bars: Sequence[Bar], rows: int) -> WeekRows:
    """Lay ``bars`` into ``rows`` text rows; bars in lanes beyond them are counted per day instead."""
    rows = max(rows, 0)
    grid: list[list[Bar | None]] = [[None] * 7 for _ in range(rows)]
    hidden = [0] * 7
    for bar in bars:
        for column in range(bar.first, bar.last + 1):
            if bar.lane < rows:
                grid[bar.lane][column] = bar
            else:
                hidden[column] += 1
    return WeekRows(tuple(tuple(row) for row in grid), tuple(hidden))


def week_heights(lines: int, demands: Sequence[int], minimum: int = 2) -> list[int]:
    """Share ``lines`` text lines among the weeks: evenly, the spare ones to the weeks with most lanes.

    ``demands`` is the number of lanes each week needs; a week's height is its
    day line plus its lane rows.
    """
    count = len(demands)
    if count == 0:
        return []
    base = max(minimum, lines // count)
    heights = [base] * count
    spare = lines - base * count
    for index in sorted(range(count), key=lambda i: (-(demands[i] + 1 - base), i)):
        if spare <= 0:
            break
        heights[index] += 1
        spare -= 1
    return heights
