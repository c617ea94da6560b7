"""The KPI cards and chart series: sums and ratios of sums over the period, like for like, goals."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from ecomtui.services import kpi_cards, kpi_goals
from ecomtui.services.kpi_periods import period_containing
from ecomtui.services.kpis import Fact, store_facts, to_micros
from ecomtui.services.versioning import Conflict, Gone

TODAY = date(2026, 11, 23)


def _store(database, rows: dict[date, dict[str, str]], source: str = "kpis_csv") -> None:
    with database.transaction() as conn:
        store_facts(
            conn,
            [
                Fact(day, metric, source, to_micros(Decimal(v)))
                for day, values in rows.items()
                for metric, v in values.items()
            ],
        )


def _cards(database, period=None, range_="month"):
    with database.connect() as conn:
        view = kpi_cards.load_cards(conn, period, range_, TODAY)
    return view, {card.metric: card for card in view.cards}


def test_cards_sum_the_period_and_take_ratios_of_the_sums(database):
    _store(
        database,
        {
            date(2026, 11, 2): {"orders": "10", "sessions": "1000", "revenue": "1000.10"},
            date(2026, 11, 3): {"orders": "30", "sessions": "1000", "revenue": "2000.20"},
            date(2026, 10, 2): {"orders": "20", "sessions": "1000", "revenue": "1500"},
        },
    )
    view, cards = _cards(database)
    assert view.period.label == "2026-11"
    # the window ends on the last day with data, the previous month is cut to as many days
    assert (view.window.start, view.window.end) == (date(2026, 11, 1), date(2026, 11, 3))
    assert (view.previous.start, view.previous.end) == (date(2026, 10, 1), date(2026, 10, 3))
    assert cards["revenue"].current.value == Decimal("3000.30")
    assert cards["conversion_rate"].current.value == Decimal("0.02")  # 40 / 2000, not the mean of 1% and 3%
    assert cards["orders"].previous.value == Decimal(20)
    assert not cards["orders"].last_year.present
    assert not cards["ad_spend"].current.present  # never imported: no data, not zero


def test_a_zero_denominator_is_n_a_not_missing(database):
    _store(database, {date(2026, 11, 20): {"orders": "10", "sessions": "0"}})
    _, cards = _cards(database)
    assert cards["conversion_rate"].current.present
    assert cards["conversion_rate"].current.value is None


def test_the_sparkline_holds_twelve_weekly_sums_oldest_first(database):
    last = date(2026, 11, 22)
    _store(database, {last - timedelta(days=n): {"orders": "1"} for n in range(14)})
    _, cards = _cards(database)
    weeks = cards["orders"].weeks
    assert len(weeks) == 12
    assert weeks[-2:] == (Decimal(7), Decimal(7)) and weeks[:-2] == (None,) * 10


def test_the_goal_of_the_month_shows_on_its_card(database):
    _store(database, {date(2026, 11, day): {"revenue": "100"} for day in range(1, 16)})
    with database.transaction() as conn:
        kpi_goals.save_goal(conn, "2026-11", "revenue", Decimal(3000), "at_least", expected=None)
    view, cards = _cards(database)
    status = cards["revenue"].goal
    assert status.goal.target == Decimal(3000)
    assert status.on_track is True  # 1,500 by day 15 of 30 is on pace for 3,000
    assert cards["orders"].goal is None
    assert ("2026-11", "revenue") in view.goals


def test_an_empty_store_shows_todays_period_with_no_data(database):
    view, cards = _cards(database)
    assert view.latest is None and view.period.label == "2026-11"
    assert not any(card.current.present for card in cards.values())


def test_a_chosen_period_is_kept_and_a_chart_series_overlays_the_whole_period_before(database):
    _store(database, {date(2026, 10, 1) + timedelta(days=n): {"orders": str(n)} for n in range(50)})
    october = period_containing("month", date(2026, 10, 1))
    view, cards = _cards(database, october)
    assert view.period == october and cards["orders"].current.value == Decimal(sum(range(31)))
    with database.connect() as conn:
        series = kpi_cards.load_series(conn, "orders", period_containing("month", TODAY), TODAY)
    assert series.current[0] == (date(2026, 11, 1), Decimal(31))
    assert len(series.current) == 19  # up to the last day with data, 2026-11-19
    assert len(series.before) == 31 and series.before[0][1] == Decimal(0)
    with database.connect() as conn:
        year = kpi_cards.load_series(conn, "orders", period_containing("year", TODAY), TODAY)
    assert year.step == 7 and year.current[0][0] == date(2026, 1, 1)


# ---- goals ------------------------------------------------------------------------


def test_a_goal_is_saved_then_changed_with_the_version_it_was_based_on(database):
    with database.transaction() as conn:
        first = kpi_goals.save_goal(conn, "2026-11", "conversion_rate", Decimal("0.02"), "at_least", expected=None)
    with database.transaction() as conn:
        second = kpi_goals.save_goal(conn, "2026-11", "conversion_rate", Decimal("0.025"), "at_least", expected=first)
    assert second.version == first.version + 1
    with database.connect() as conn:
        stored = kpi_goals.goal_rows(conn)[("2026-11", "conversion_rate")]
    assert stored.target == Decimal("0.025") and stored.version == second.version


def test_a_goal_set_elsewhere_meanwhile_is_a_conflict_with_theirs(database):
    with database.transaction() as conn:
        seen = kpi_goals.save_goal(conn, "2026-11", "revenue", Decimal(100), "at_least", expected=None)
    with database.transaction() as conn:  # someone else
        kpi_goals.save_goal(conn, "2026-11", "revenue", Decimal(200), "at_least", expected=seen)
    with pytest.raises(Conflict) as info, database.transaction() as conn:
        kpi_goals.save_goal(conn, "2026-11", "revenue", Decimal(300), "at_least", expected=seen)
    assert info.value.current.target == Decimal(200)
    # and a goal that appeared while the dialog thought there was none
    with pytest.raises(Conflict) as info, database.transaction() as conn:
        kpi_goals.save_goal(conn, "2026-11", "revenue", Decimal(300), "at_least", expected=None)
    assert info.value.current.target == Decimal(200)


def test_a_goal_deleted_meanwhile_is_gone(database):
    from ecomtui.services.kpis import delete_goal

    with database.transaction() as conn:
        seen = kpi_goals.save_goal(conn, "2026-11", "revenue", Decimal(100), "at_least", expected=None)
        delete_goal(conn, "2026-11", "revenue")
    with pytest.raises(Gone), database.transaction() as conn:
        kpi_goals.save_goal(conn, "2026-11", "revenue", Decimal(300), "at_least", expected=seen)
