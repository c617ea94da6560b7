"""The demo store's KPI figures: two years by day, a rhythm a manager recognises, monthly goals."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from ecomtui.db import location
from ecomtui.demo import write_demo

TODAY = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setattr(location, "user_data_dir", lambda: tmp_path / "userdata")
    monkeypatch.delenv("ECOMTUI_DB", raising=False)


def rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return write_demo(str(tmp_path_factory.mktemp("demo") / "demo.db"), seed=7, today=TODAY)


def daily(path: Path, metric: str, source: str) -> dict[date, float]:
    found = rows(path, f"SELECT day, value_micros FROM kpi_fact WHERE metric = '{metric}' AND source = '{source}'")
    return {date.fromisoformat(day): micros / 1e6 for day, micros in found}


def test_two_years_of_days_up_to_yesterday_from_every_source(demo):
    revenue = daily(demo, "revenue", "shopify")
    assert min(revenue) == date(2024, 11, 1) and max(revenue) == TODAY - timedelta(days=1)
    assert len(revenue) == (TODAY - date(2024, 11, 1)).days  # no day missing
    sources = {source for (source,) in rows(demo, "SELECT DISTINCT source FROM kpi_fact")}
    assert sources == {"shopify", "ga4", "google_ads", "meta_ads"}


def test_sundays_are_busier_than_saturdays_and_black_friday_is_the_peak(demo):
    sessions = daily(demo, "sessions", "ga4")
    by_weekday = defaultdict(list)
    for day, value in sessions.items():
        by_weekday[day.weekday()].append(value)
    mean = {weekday: sum(v) / len(v) for weekday, v in by_weekday.items()}
    assert mean[6] > mean[0] > mean[5]  # Sunday > Monday > Saturday
    revenue = daily(demo, "revenue", "shopify")
    year = {day: value for day, value in revenue.items() if date(2025, 1, 1) <= day <= date(2025, 12, 31)}
    assert max(year, key=year.get) == date(2025, 11, 28)  # Black Friday 2025


def test_every_month_shown_and_the_next_has_its_goals(demo):
    goals = rows(demo, "SELECT month, metric, direction FROM goal")
    months = sorted({month for month, _, _ in goals})
    assert months[0] == "2024-11" and months[-1] == "2026-12" and len(months) == 26
    assert len(goals) == 26 * 7
    directions = {metric: direction for _, metric, direction in goals}
    assert directions == {
        "revenue": "at_least", "orders": "at_least", "conversion_rate": "at_least", "aov": "at_least",
        "roas": "at_least", "cac": "at_most", "cart_abandonment": "at_most",
    }  # fmt: skip


def test_the_same_seed_writes_the_same_figures_and_another_seed_others(demo, tmp_path):
    again = write_demo(str(tmp_path / "again.db"), seed=7, today=TODAY)
    other = write_demo(str(tmp_path / "other.db"), seed=8, today=TODAY)
    query = "SELECT day, metric, source, value_micros FROM kpi_fact ORDER BY day, metric, source"
    assert rows(again, query) == rows(demo, query)
    assert rows(again, "SELECT * FROM goal ORDER BY id") == rows(demo, "SELECT * FROM goal ORDER BY id")
    assert rows(other, query) != rows(demo, query)


def test_demo_figures_read_back_as_kpis(demo, cli):
    import json

    code, out, _ = cli("kpis", "--from", "2026-11-23", "--to", "2026-11-23", "--json", "--db", str(demo))
    assert code == 0
    metrics = {row["metric"] for row in json.loads(out)}
    assert {
        "revenue",
        "aov",
        "conversion_rate",
        "cart_abandonment",
        "roas",
        "cpa",
        "returning_customer_rate",
    } <= metrics
