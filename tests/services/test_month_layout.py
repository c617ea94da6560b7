"""The month grid's layout: which weeks show, and lanes in which bars never overlap."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ecomtui.services.month_layout import add_months, fit_rows, month_weeks, week_bars, week_heights
from ecomtui.services.promotion_data import Promotion

MONDAY = date(2026, 11, 23)


def test_weeks_of_a_month_are_its_iso_weeks():
    weeks = month_weeks(2026, 11)  # 1 November 2026 is a Sunday, 30th a Monday
    assert weeks[0] == date(2026, 10, 26) and weeks[-1] == date(2026, 11, 30)
    assert len(weeks) == 6
    assert len(month_weeks(2021, 2)) == 4  # February 2021: Monday 1st to Sunday 28th


def test_months_move_keeping_the_day_where_it_exists():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 23), -11) == date(2025, 12, 23)
    assert add_months(date(2026, 12, 5), 1) == date(2027, 1, 5)


def test_a_bar_continuing_from_last_week_says_so():
    p = Promotion(id=1, name="x", start=date(2026, 11, 20), end=date(2026, 11, 25))
    (bar,) = week_bars([p], MONDAY)
    assert (bar.first, bar.last, bar.starts, bar.ends) == (0, 2, False, True)


def test_spare_lines_go_to_the_busiest_weeks():
    assert week_heights(13, [0, 0, 3, 1, 0, 0]) == [2, 2, 3, 2, 2, 2]
    assert week_heights(8, [5, 5, 5, 5, 5]) == [2, 2, 2, 2, 2]  # never below a day line and one lane


spans = st.lists(st.tuples(st.integers(-10, 10), st.integers(0, 12)), max_size=20)


def _promotions(rows):
    return [
        Promotion(id=i, name=f"P{i}", start=MONDAY + timedelta(days=s), end=MONDAY + timedelta(days=s + n))
        for i, (s, n) in enumerate(rows)
    ]


@given(spans)
def test_bars_of_a_lane_never_overlap(rows):
    bars = week_bars(_promotions(rows), MONDAY)
    taken = set()
    for bar in bars:
        for column in range(bar.first, bar.last + 1):
            assert (bar.lane, column) not in taken
            taken.add((bar.lane, column))
    running = [p for p in _promotions(rows) if p.overlaps(MONDAY, MONDAY + timedelta(days=6))]
    assert len(bars) == len(running)


@given(spans, st.integers(0, 5))
def test_every_bar_of_a_day_is_shown_or_counted(rows, lanes):
    bars = week_bars(_promotions(rows), MONDAY)
    fitted = fit_rows(bars, lanes)
    for column in range(7):
        on_day = sum(1 for bar in bars if bar.first <= column <= bar.last)
        drawn = sum(1 for row in fitted.cells if row[column] is not None)
        assert drawn + fitted.hidden[column] == on_day
