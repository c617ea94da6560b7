"""The demo store's budget: a year of plans and spending, retainers booked once, a channel over pace."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from ecomtui.db.engine import open_database
from ecomtui.demo import write_demo
from ecomtui.services import budget, budget_queries

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return write_demo(str(tmp_path_factory.mktemp("demo") / "demo.db"), scale="small", seed=7, today=TODAY)


def rows(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_the_last_twelve_months_and_this_one_have_plans_and_spending(demo):
    months = [m for (m,) in rows(demo, "SELECT DISTINCT month FROM budget_line ORDER BY month")]
    assert months[0] == "2025-11" and months[-1] == "2026-11" and len(months) == 13
    spent = [m for (m,) in rows(demo, "SELECT DISTINCT substr(day, 1, 7) FROM expense ORDER BY 1")]
    assert spent == months
    sources = dict(rows(demo, "SELECT source, count(*) FROM expense GROUP BY source"))
    assert set(sources) == {"google_ads", "meta_ads", "retainer", "manual"}


def test_ad_spend_is_the_kpi_figures_booked_as_the_ads_importer_would(demo):
    expenses = rows(
        demo,
        "SELECT source, day, amount_minor FROM expense WHERE source IN ('google_ads', 'meta_ads') ORDER BY 1, 2",
    )
    facts = rows(
        demo,
        "SELECT source, day, value_micros / 10000 FROM kpi_fact WHERE metric = 'ad_spend' AND day >= '2025-11-01'"
        " ORDER BY 1, 2",
    )
    assert expenses == facts and expenses[-1][1] == "2026-11-22"  # the ad figures end yesterday
    keys = rows(demo, "SELECT import_key FROM expense WHERE source = 'google_ads' ORDER BY day DESC LIMIT 1")
    assert keys == [("google_ads:2026-11-22",)]


def test_retainers_of_the_agencies_under_contract_are_booked_once_a_month(demo):
    booked = rows(
        demo,
        "SELECT p.name, count(*), min(e.amount_minor), max(e.amount_minor) FROM expense e "
        "JOIN partner p ON p.id = e.partner_id WHERE e.source = 'retainer' GROUP BY p.name ORDER BY p.name",
    )
    assert booked == [
        ("Brightlane Digital", 13, 480_000, 480_000),
        ("Elif Şahin", 6, 120_000, 120_000),  # contract from five months ago
        ("Luca Romano", 4, 90_000, 90_000),  # from three months ago
        ("Mailcraft Studio", 8, 165_000, 165_000),
        ("Pixel & Pine", 13, 340_000, 340_000),
        ("Rankwell SEO", 12, 290_000, 290_000),
        ("Scrollstop Social", 3, 220_000, 220_000),
    ]  # Clickforge Media is archived (its contract ended in March), Nora Lindqvist has no retainer
    database = open_database(str(demo))
    try:
        with database.transaction() as conn:
            again = budget.book_retainers(conn, "2026-11")
    finally:
        database.dispose()
    assert again.booked == [] and len(again.already) == 7


def test_this_month_paid_social_runs_over_pace(demo):
    database = open_database(str(demo))
    try:
        with database.connect() as conn:
            report, channels, _ = budget_queries.month_report(conn, "2026-11", TODAY)
    finally:
        database.dispose()
    names = {c.id: c.name for c in channels}
    status = {names[c.channel_id]: c.figures.status(report.clock) for c in report.channels}
    assert status["Paid Social"] == ("over pace excl. retainers", True)  # Scrollstop Social's retainer left out
    assert len(report.channels) == 10


def test_the_same_seed_gives_the_same_budget(demo, tmp_path):
    again = write_demo(str(tmp_path / "again.db"), scale="small", seed=7, today=TODAY)
    for table in ("budget_line", "expense"):
        assert rows(demo, f"SELECT * FROM {table} ORDER BY id") == rows(again, f"SELECT * FROM {table} ORDER BY id")
