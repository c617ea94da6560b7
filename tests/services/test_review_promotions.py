"""The promotions block of the Dashboard and step of the weekly review, on SQLite and PostgreSQL.

Around the frozen date (Monday 2026-11-23): two promotions on PPC that overlap
(a conflict), one starting within 14 days, one beyond, one cancelled, and a
week of revenue before and during the one that ran last week.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from ecomtui.db.engine import open_database
from ecomtui.services import dashboard, promotions, review
from ecomtui.services.kpis import Fact, store_facts, to_micros
from ecomtui.services.report import markdown
from ecomtui.services.review_promotions import promotions_block, promotions_step

TODAY = date(2026, 11, 23)


def seed(conn) -> dict[str, int]:
    ids = {}
    for name, start, end, channels, status in (
        ("Autumn sale", "2026-11-16", "2026-11-22", ["Email"], "done"),  # ran last week
        ("Black Week", "2026-11-20", "2026-11-30", ["PPC"], "live"),  # live, conflicts with Cyber
        ("Cyber", "2026-11-27", "2026-12-02", ["PPC"], "planned"),  # starts within 14 days
        ("Christmas", "2026-12-12", "2026-12-18", ["PPC"], "planned"),  # beyond 14 days
        ("Flash", "2026-11-25", "2026-11-25", ["PPC"], "cancelled"),  # cancelled: left out
    ):
        data = promotions.parse_promotion_input(conn, name=name, start=start, end=end, channels=channels, status=status)
        ids[name] = promotions.create_promotion(conn, data).id
    facts = []
    for offset in range(35):  # 2026-10-19 .. 2026-11-22: 100 a day, 150 during the autumn sale
        day = date(2026, 10, 19) + timedelta(days=offset)
        amount = Decimal(150) if day >= date(2026, 11, 16) else Decimal(100)
        facts.append(Fact(day, "revenue", "shopify", to_micros(amount)))
    store_facts(conn, facts)
    return ids


def test_the_block_lists_live_and_coming_promotions_with_their_conflicts(db_url):
    database = open_database(db_url)
    with database.transaction() as conn:
        ids = seed(conn)
        section = promotions_block(conn, TODAY)
        keys = [s.key for s in dashboard.blocks(conn, TODAY)]
    database.dispose()
    live, starting = section.tables
    assert [row[0] for row in live.rows] == ["Black Week"]
    assert "Cyber (PPC)" in live.rows[0][-1]
    assert [row[0] for row in starting.rows] == ["Cyber"]  # not Christmas (too far), not Flash (cancelled)
    assert starting.links == [("calendar", ids["Cyber"])]
    assert section.notes == ["1 promotion live, 1 starting within 14 days, 2 in conflict."]
    assert keys.index("tasks") < keys.index("promotions") < keys.index("agencies")  # PRODUCT.md's order


def test_the_step_compares_last_weeks_revenue_and_lists_conflicts(db_url):
    database = open_database(db_url)
    with database.transaction() as conn:
        ids = seed(conn)
        p = review.period("2026-W47", None, TODAY)
        section = promotions_step(conn, p)
        steps = [s.key for s in review.build(conn, p)]
    database.dispose()
    ran, starting, conflicts = section.tables
    autumn = next(row for row in ran.rows if row[0] == "Autumn sale")
    assert autumn[1:5] == ["2026-11-16", "2026-11-22", "150.00", "100.00"]
    assert Decimal(str(autumn[5])) == Decimal("0.5")
    assert [row[0] for row in starting.rows] == ["Cyber"]  # 2026-11-23 .. 2026-12-06
    assert {row[0] for row in conflicts.rows} == {"Black Week", "Cyber"}
    assert ("calendar", ids["Black Week"]) in conflicts.links
    assert "Cyber (PPC)" in markdown([section], title="W47")
    assert steps.index("promotions") == steps.index("tasks") + 1
