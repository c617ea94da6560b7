"""Periods of the KPIs tab: calendar units, like-for-like comparisons, the sparkline's weeks."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from ecomtui.services.kpi_periods import RANGES, Window, comparison, period_containing, regrouped, spark_windows


def test_periods_are_whole_calendar_units_with_their_usual_names():
    day = date(2026, 11, 23)
    assert [period_containing(r, day).label for r in RANGES] == ["2026-W48", "2026-11", "2026-Q4", "2026"]
    week = period_containing("week", day)
    assert (week.start, week.end) == (date(2026, 11, 23), date(2026, 11, 29))
    assert period_containing("quarter", date(2026, 2, 28)).end == date(2026, 3, 31)
    assert period_containing("month", date(2028, 2, 3)).end == date(2028, 2, 29)


def test_a_running_period_is_compared_like_for_like():
    november = period_containing("month", date(2026, 11, 1))
    window, previous, last_year = comparison(november, date(2026, 11, 22))
    assert window == Window(date(2026, 11, 1), date(2026, 11, 22))
    assert previous == Window(date(2026, 10, 1), date(2026, 10, 22))
    assert last_year == Window(date(2025, 11, 1), date(2025, 11, 22))


def test_a_finished_period_is_compared_whole_with_whole():
    march = period_containing("month", date(2026, 3, 1))
    window, previous, last_year = comparison(march, date(2026, 11, 22))
    assert window == Window(date(2026, 3, 1), date(2026, 3, 31))
    assert previous == Window(date(2026, 2, 1), date(2026, 2, 28))  # all of February, not 31 days
    assert last_year == Window(date(2025, 3, 1), date(2025, 3, 31))


def test_a_running_period_is_cut_to_the_shorter_month_it_is_compared_with():
    march = period_containing("month", date(2026, 3, 1))
    _, previous, _ = comparison(march, date(2026, 3, 30))
    assert previous == Window(date(2026, 2, 1), date(2026, 2, 28))


def test_last_year_of_a_week_is_the_same_iso_week_and_week_53_falls_back_to_52():
    w48 = period_containing("week", date(2026, 11, 23))
    assert w48.last_year().label == "2025-W48"
    w53 = period_containing("week", date(2026, 12, 31))  # 2026 has 53 ISO weeks
    assert w53.label == "2026-W53"
    assert w53.last_year().label == "2025-W52"


def test_shifting_moves_by_whole_periods_across_years():
    january = period_containing("month", date(2026, 1, 15))
    assert january.shifted(-1).label == "2025-12"
    assert period_containing("quarter", date(2026, 1, 1)).shifted(-1).label == "2025-Q4"
    assert period_containing("week", date(2026, 1, 1)).shifted(-1).label == "2025-W52"


def test_another_range_keeps_the_days_in_view():
    w47 = period_containing("week", date(2026, 11, 16))
    assert regrouped(w47, "month", date(2026, 11, 22)).label == "2026-11"
    # the year of a running period is this year, not the one its first week started in
    w01 = period_containing("week", date(2026, 1, 1))  # Monday 2025-12-29 to Sunday 2026-01-04
    assert regrouped(w01, "year", date(2026, 11, 22)).label == "2026"


def test_the_sparkline_has_twelve_whole_weeks_ending_on_the_last_day():
    weeks = spark_windows(date(2026, 11, 22))
    assert len(weeks) == 12 and all(w.days == 7 for w in weeks)
    assert weeks[-1] == Window(date(2026, 11, 16), date(2026, 11, 22))
    assert all(a.end.toordinal() + 1 == b.start.toordinal() for a, b in pairwise(weeks))


@given(st.sampled_from(RANGES), st.dates(date(2001, 1, 1), date(2098, 12, 31)), st.integers(-30, 30))
def test_a_period_holds_its_day_and_shifting_there_and_back_returns(range_, day, steps):
    period = period_containing(range_, day)
    assert period.start <= day <= period.end
    assert period.shifted(steps).shifted(-steps) == period
    window, previous, last_year = comparison(period, day)
    assert previous.days <= window.days or window.end == period.end
    assert previous.end < period.start and last_year.end < period.start
