"""The KPI service on a real database: storing facts, values per day and per period, goals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from sqlalchemy import insert, select

from ecomtui.db import tables
from ecomtui.services import kpis
from ecomtui.services.kpis import Fact, to_micros
from ecomtui.services.validation import InvalidInput

D1, D2, D3 = date(2026, 11, 2), date(2026, 11, 3), date(2026, 11, 4)


def put(database, *facts: tuple[date, str, str, str | int]) -> kpis.Changes:
    with database.transaction() as conn:
        return kpis.store_facts(
            conn, [Fact(day, metric, source, to_micros(D(str(v)))) for day, metric, source, v in facts]
        )


def shown(database, **kw) -> dict[tuple[str, str], object]:
    with database.connect() as conn:
        return {(r["date"], r["metric"]): r["value"] for r in kpis.kpis_json(conn, **kw)}


def add_expense(database, day: date, minor: int) -> None:
    with database.transaction() as conn:
        channel = conn.execute(select(tables.channel.c.id).where(tables.channel.c.name == "Email")).scalar_one()
        conn.execute(
            insert(tables.expense).values(day=day, amount_minor=minor, channel_id=channel, note="", source="manual")
        )


def test_storing_facts_counts_what_was_added_changed_and_unchanged(database):
    first = put(database, (D1, "orders", "shopify", 3), (D1, "revenue", "shopify", "120.50"))
    again = put(
        database, (D1, "orders", "shopify", 3), (D1, "revenue", "shopify", "99.00"), (D2, "orders", "shopify", 1)
    )
    assert (first.added, first.changed, first.unchanged) == (2, 0, 0)
    assert (again.added, again.changed, again.unchanged) == (1, 1, 1)
    assert shown(database, metric="revenue") == {("2026-11-02", "revenue"): 99.0}


def test_the_shops_figure_is_shown_and_other_sources_only_without_it(database):
    put(
        database,
        (D1, "revenue", "ga4", "150.00"),
        (D1, "revenue", "shopify", "120.50"),
        (D2, "revenue", "ga4", "80.00"),
    )
    assert shown(database, metric="revenue") == {("2026-11-02", "revenue"): 120.5, ("2026-11-03", "revenue"): 80.0}


def test_ad_figures_of_different_platforms_add_up(database):
    put(database, (D1, "ad_spend", "google_ads", "100.10"), (D1, "ad_spend", "meta_ads", "50.20"),
        (D1, "ad_conversions", "google_ads", 3), (D1, "ad_conversions", "meta_ads", 2))  # fmt: skip
    assert shown(database, metric="ad_spend") == {("2026-11-02", "ad_spend"): 150.3}
    assert shown(database, metric="cpa") == {("2026-11-02", "cpa"): 30.06}  # 150.30 / 5


def test_json_values_money_counts_and_ratios_with_null_for_zero_denominators(database):
    put(database, (D1, "orders", "shopify", 3), (D1, "subtotal", "shopify", "100.00"), (D1, "sessions", "ga4", 0),
        (D2, "orders", "shopify", 0), (D2, "subtotal", "shopify", 0), (D2, "sessions", "ga4", 800))  # fmt: skip
    with database.connect() as conn:
        rows = kpis.kpis_json(conn)
    assert rows == [
        {"date": "2026-11-02", "metric": "aov", "value": 33.33},
        {"date": "2026-11-02", "metric": "conversion_rate", "value": None},
        {"date": "2026-11-02", "metric": "orders", "value": 3},
        {"date": "2026-11-02", "metric": "sessions", "value": 0},
        {"date": "2026-11-03", "metric": "aov", "value": None},
        {"date": "2026-11-03", "metric": "conversion_rate", "value": 0.0},
        {"date": "2026-11-03", "metric": "orders", "value": 0},
        {"date": "2026-11-03", "metric": "sessions", "value": 800},
    ]


def test_date_range_and_metric_filter(database):
    put(
        database,
        (D1, "sessions", "ga4", 10),
        (D2, "sessions", "ga4", 20),
        (D3, "sessions", "ga4", 30),
        (D2, "users", "ga4", 9),
    )
    assert shown(database, start=D2, end=D2) == {("2026-11-03", "sessions"): 20, ("2026-11-03", "users"): 9}
    assert shown(database, start=D2, metric="sessions") == {
        ("2026-11-03", "sessions"): 20,
        ("2026-11-04", "sessions"): 30,
    }


def test_cac_is_all_marketing_spend_over_new_customers(database):
    put(database, (D1, "new_customers", "shopify", 4), (D1, "ad_spend", "google_ads", "999.00"))
    add_expense(database, D1, 20_000)  # 200.00 EUR on e-mail
    assert shown(database, metric="cac") == {("2026-11-02", "cac"): 50.0}


def test_a_period_sums_facts_and_takes_ratios_of_the_sums(database):
    put(database, (D1, "orders", "shopify", 1), (D1, "sessions", "ga4", 10),
        (D2, "orders", "shopify", 1), (D2, "sessions", "ga4", 990), (D3, "sessions", "ga4", 500))  # fmt: skip
    with database.connect() as conn:
        period = kpis.period_values(conn, D1, D3, ["orders", "sessions", "conversion_rate"])
    # 2 orders over the 1000 sessions of the days with orders; not the mean of 10 % and 0.1 %
    assert period == {"orders": D(2), "sessions": D(1500), "conversion_rate": D("0.002")}


def test_goals_are_set_replaced_listed_and_removed(database):
    with database.transaction() as conn:
        kpis.set_goal(conn, "2026-11", "revenue", D("50000"))
        kpis.set_goal(conn, "2026-11", "CAC", D("25.50"))
        kpis.set_goal(conn, "2026-11", "revenue", D("60000"))
        kpis.set_goal(conn, "2026-12", "Conversion rate", D("0.021"))
    with database.connect() as conn:
        goals = kpis.list_goals(conn)
        november = kpis.list_goals(conn, ["2026-11"])
    assert [(g.month, g.metric, g.target, g.direction) for g in goals] == [
        ("2026-11", "cac", D("25.5"), "at_most"),
        ("2026-11", "revenue", D("60000"), "at_least"),
        ("2026-12", "conversion_rate", D("0.021"), "at_least"),
    ]
    assert len(november) == 2
    with database.transaction() as conn:
        assert kpis.delete_goal(conn, "2026-11", "cac") is True
        assert kpis.delete_goal(conn, "2026-11", "cac") is False


def test_goal_status_paces_summed_metrics_and_compares_ratios(database):
    with database.transaction() as conn:
        kpis.set_goal(conn, "2026-11", "revenue", D("3000"))  # 100 a day in a 30-day month
        kpis.set_goal(conn, "2026-11", "cart_abandonment", D("0.7"))
        kpis.set_goal(conn, "2026-11", "conversion_rate", D("0.02"))
    put(database, (D1, "revenue", "shopify", "150.00"), (D2, "revenue", "shopify", "100.00"),
        (D1, "carts", "ga4", 10), (D1, "purchases", "ga4", 2))  # fmt: skip
    with database.connect() as conn:
        status = {s.goal.metric: s for s in kpis.goal_status(conn, "2026-11", date(2026, 11, 3))}
    assert (status["revenue"].actual, status["revenue"].expected, status["revenue"].on_track) == (
        D("250"),
        D(300),
        False,
    )
    # 1 - 2/10 = 0.8 abandoned: above the 0.7 ceiling
    assert (status["cart_abandonment"].actual, status["cart_abandonment"].on_track) == (D("0.8"), False)
    assert (status["conversion_rate"].actual, status["conversion_rate"].on_track) == (None, None)  # no orders yet


def test_unknown_metrics_and_months_are_refused(database):
    with pytest.raises(InvalidInput, match="'revnue' is not a metric"):
        kpis.parse_metric("revnue")
    with database.transaction() as conn, pytest.raises(InvalidInput, match="not a valid month"):
        kpis.set_goal(conn, "2026-13", "revenue", D(1))
    assert kpis.parse_metric(" Ad spend ") == "ad_spend"


def test_a_month_not_begun_has_no_actual_and_expects_nothing_yet(database):
    with database.transaction() as conn:
        kpis.set_goal(conn, "2026-12", "revenue", D("3100"))
    put(database, (date(2026, 12, 1), "revenue", "shopify", "500.00"))
    with database.connect() as conn:
        (status,) = kpis.goal_status(conn, "2026-12", date(2026, 11, 23))
    assert (status.actual, status.expected, status.on_track) == (None, D(0), None)
