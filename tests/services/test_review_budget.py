"""Budget pacing in the weekly review and the Dashboard: the month per channel, what needs attention first."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ecomtui.services import budget, dashboard, review
from ecomtui.services.budget_input import ExpenseInput, PlanInput
from ecomtui.services.lookups import find_channel
from ecomtui.services.report import markdown
from ecomtui.services.review_budget import budget_block, budget_step

TODAY = date(2026, 11, 23)


def seed(database) -> dict[str, int]:
    with database.transaction() as conn:
        ids = {name: find_channel(conn, name) for name in ("SEO", "PPC", "Email")}
        budget.set_plan(conn, PlanInput("2026-11", ids["SEO"], 300_000))
        budget.set_plan(conn, PlanInput("2026-11", ids["PPC"], 300_000))
        budget.add_expense(conn, ExpenseInput(date(2026, 11, 3), 50_000, ids["SEO"]))  # slow
        budget.add_expense(conn, ExpenseInput(date(2026, 11, 4), 200_000, ids["PPC"]))  # fast
        budget.add_expense(conn, ExpenseInput(date(2026, 11, 5), 10_000, ids["Email"]))  # no plan
    return ids


def test_the_review_shows_the_weeks_month_as_of_its_last_day_attention_first(database):
    ids = seed(database)
    period = review.period("2026-W46", None, TODAY)  # 9 to 15 November
    with database.connect() as conn:
        section = budget_step(conn, period)
    (table,) = section.tables
    assert (section.key, table.title) == ("budget", "Budget 2026-11 as of 2026-11-15")
    assert [row[0] for row in table.rows] == [
        "PPC ▲ over pace",
        "Email ▲ unplanned",
        "SEO · under pace",
        "Total · under pace",  # 2600 of the 3000 the even pace allows by the 15th
    ]
    ppc = table.rows[0]
    # 2000 of 3000 by the 15th of 30 days: a third faster than the even pace, heading for 4000
    assert ppc[1:] == ["3000.00", "2000.00", "1.3333", "4000.00"]
    assert table.links[:3] == [("budget", ids["PPC"]), ("budget", ids["Email"]), ("budget", ids["SEO"])]
    assert table.links[3] is None
    assert section.notes[0] == "2 of 3 channels need attention; forecast 5,200.00 EUR against 6,000.00 planned."
    assert "| PPC ▲ over pace | 3,000.00 EUR | 2,000.00 EUR | 133.3% | 4,000.00 EUR |" in markdown(
        [section], title="Weekly review"
    )


def test_the_dashboard_shows_this_month_so_far(database):
    seed(database)
    with database.connect() as conn:
        sections = dashboard.blocks(conn, TODAY)
        block = budget_block(conn, TODAY)
    assert "budget" in [s.key for s in sections]
    (table,) = block.tables
    assert table.title == "This month (2026-11) so far"
    # by the 23rd PPC's 2000 is under the even pace: only spending without a plan needs attention
    assert [row[0].split()[0] for row in table.rows] == ["Email", "SEO", "PPC", "Total"]
    assert [c.title for c in table.columns] == ["Channel", "Actual", "Pacing"]
    assert Decimal(table.rows[-1][1]) == Decimal("2600.00")


def test_an_empty_month_says_how_to_plan(database):
    with database.connect() as conn:
        block = budget_block(conn, TODAY)
    assert block.tables[0].rows == [] and "ecomtui budget set" in block.tables[0].empty
    assert block.notes == []


def test_the_review_walks_the_budget_before_the_tasks(database):
    with database.connect() as conn:
        keys = [s.key for s in review.build(conn, review.period("2026-W47", None, TODAY))]
    assert keys.index("budget") < keys.index("tasks")
