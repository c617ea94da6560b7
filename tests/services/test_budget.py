"""Budget in the database: plans, expenses, conflict-safe edits, copying plans, booking retainers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, insert, select

from ecomtui.db import tables
from ecomtui.services import budget, budget_queries
from ecomtui.services.budget_input import ExpenseInput, PlanInput, build_expense_input
from ecomtui.services.lookups import find_channel
from ecomtui.services.validation import InvalidInput
from ecomtui.services.versioning import Conflict, Gone

D = Decimal
NOV_10 = date(2026, 11, 10)


def channel(conn, name: str) -> int:
    return find_channel(conn, name)


def add_partner(conn, name: str, *, retainer: int | None, services=(), archived=False, start=None, end=None) -> int:
    partner_id = conn.execute(
        insert(tables.partner)
        .values(
            name=name,
            kind="agency",
            retainer_minor=retainer,
            archived=archived,
            contract_start=start,
            contract_end=end,
            website="",
            notes="",
        )
        .returning(tables.partner.c.id)
    ).scalar_one()
    for service in services:
        conn.execute(insert(tables.partner_service).values(partner_id=partner_id, service=service))
    return partner_id


def spend(conn, amount: str, channel_name: str, day: date, **fields):
    data = ExpenseInput(day, int(D(amount) * 100), channel(conn, channel_name), **fields)
    return budget.add_expense(conn, data)


def expense_count(database) -> int:
    with database.connect() as conn:
        return conn.execute(select(func.count()).select_from(tables.expense)).scalar_one()


def test_the_issue_example_month_by_month(database):
    with database.transaction() as conn:
        budget.set_plan(conn, PlanInput("2026-10", channel(conn, "PPC"), 300_000))
        budget.set_plan(conn, PlanInput("2026-10", channel(conn, "SEO"), 150_000))
        spend(conn, "1000", "PPC", date(2026, 10, 3))
        spend(conn, "1200.50", "PPC", date(2026, 10, 28))
        spend(conn, "1500", "SEO", date(2026, 10, 15))
        budget.set_plan(conn, PlanInput("2026-11", channel(conn, "PPC"), 300_000))
        spend(conn, "1000", "PPC", date(2026, 11, 9))
    with database.connect() as conn:
        october, channels, currency = budget_queries.month_report(conn, "2026-10", date(2026, 11, 23))
        november = budget_queries.month_json(*budget_queries.month_report(conn, "2026-11", NOV_10))
    names = {c.id: c.name for c in channels}
    rows = {names[c.channel_id]: c.figures for c in october.channels}
    assert currency == "EUR"
    assert (rows["PPC"].actual, rows["PPC"].variance, rows["PPC"].forecast) == (
        D("2200.50"),
        D("-799.50"),
        D("2200.50"),
    )
    assert rows["SEO"].pacing == 1
    assert october.total.actual == D("3700.50") and october.total.planned == D("4500.00")
    assert november["channels"] == [
        {"channel": "PPC", "planned": 3000.0, "actual": 1000.0, "variance": -2000.0, "pacing": 1.0, "forecast": 3000.0}
    ]
    assert november["total"]["forecast"] == 3000.0 and november["as_of"] == "2026-11-10"


def test_set_plan_overwrites_from_the_command_line_and_keeps_one_line_per_month_and_channel(database):
    with database.transaction() as conn:
        ppc = channel(conn, "PPC")
        first = budget.set_plan(conn, PlanInput("2026-11", ppc, 100_000))
        second = budget.set_plan(conn, PlanInput("2026-11", ppc, 250_050))
    assert (first.planned, second.planned, second.version) == (D("1000.00"), D("2500.50"), 2)
    with database.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.budget_line)).scalar_one() == 1


def test_a_plan_set_elsewhere_meanwhile_is_a_conflict_not_an_overwrite(database):
    with database.transaction() as conn:
        ppc = channel(conn, "PPC")
        seen = budget.set_plan(conn, PlanInput("2026-11", ppc, 100_000))
        budget.set_plan(conn, PlanInput("2026-11", ppc, 200_000))  # someone else
    with pytest.raises(Conflict) as info, database.transaction() as conn:
        budget.set_plan(conn, PlanInput("2026-11", ppc, 300_000), expected=seen.version)
    assert info.value.current.planned == D("2000.00")
    # the user saw no plan, but one was set meanwhile
    with pytest.raises(Conflict), database.transaction() as conn:
        budget.set_plan(conn, PlanInput("2026-11", ppc, 300_000), expected=None)
    with database.connect() as conn:
        assert budget_queries.get_plan(conn, "2026-11", ppc, 2).planned == D("2000.00")


def test_deleting_a_plan_checks_its_version_and_an_edit_of_a_deleted_plan_is_gone(database):
    with database.transaction() as conn:
        line = budget.set_plan(conn, PlanInput("2026-11", channel(conn, "SEO"), 50_000))
        budget.set_plan(conn, PlanInput("2026-11", line.channel_id, 60_000))
    with pytest.raises(Conflict), database.transaction() as conn:
        budget.delete_plan(conn, line)
    with database.transaction() as conn:
        current = budget_queries.get_plan(conn, "2026-11", line.channel_id, 2)
        budget.delete_plan(conn, current)
    with pytest.raises(Gone), database.transaction() as conn:
        budget.set_plan(conn, PlanInput("2026-11", line.channel_id, 70_000), expected=current.version)


def test_copying_last_months_plan_never_overwrites(database):
    with database.transaction() as conn:
        for name, amount in (("PPC", 300_000), ("SEO", 150_000), ("Email", 80_000)):
            budget.set_plan(conn, PlanInput("2026-10", channel(conn, name), amount))
        budget.set_plan(conn, PlanInput("2026-11", channel(conn, "SEO"), 99_900))
        result = budget.copy_plans(conn, "2026-10", "2026-11")
        again = budget.copy_plans(conn, "2026-10", "2026-11")
        nothing = budget.copy_plans(conn, "2026-08", "2026-11")
    assert (result.copied, result.kept) == (2, 1)
    assert (again.copied, again.kept) == (0, 3)
    assert (nothing.copied, nothing.kept) == (0, 0)
    with database.connect() as conn:
        plans = budget_queries.plan_lines(conn, "2026-11", 2)
        seo = channel(conn, "SEO")
    assert plans[seo].planned == D("999.00")
    assert sorted(p.planned for p in plans.values()) == [D("800.00"), D("999.00"), D("3000.00")]


def test_expenses_keep_their_links_and_text_exactly(database):
    with database.transaction() as conn:
        partner_id = add_partner(conn, "Brightlane [bold]Digital[/]", retainer=None)
        promo_id = conn.execute(
            insert(tables.promotion)
            .values(
                name="Black Friday",
                start=date(2026, 11, 27),
                end=date(2026, 11, 30),
                code="",
                status="planned",
                notes="",
                uid="black-friday@test.ecomtui",  # the calendar's iCalendar UID (required since 0007)
            )
            .returning(tables.promotion.c.id)
        ).scalar_one()
        row = spend(
            conn, "99.99", "Paid Social", NOV_10, partner_id=partner_id, promotion_id=promo_id, note="=SUM(A1) 🛒"
        )
    assert (row.amount, row.channel, row.partner, row.promotion, row.note, row.source) == (
        D("99.99"),
        "Paid Social",
        "Brightlane [bold]Digital[/]",
        "Black Friday",
        "=SUM(A1) 🛒",
        "manual",
    )
    with database.transaction() as conn:  # the promotion goes; the expense stays, unlinked
        conn.execute(tables.promotion.delete())
    with database.connect() as conn:
        assert budget_queries.get_expense(conn, row.id, 2).promotion_id is None


def test_a_stale_expense_edit_or_delete_changes_nothing(database):
    with database.transaction() as conn:
        row = spend(conn, "10", "SEO", NOV_10)
        budget.update_expense(conn, row.id, ExpenseInput(NOV_10, 2_000, row.channel_id), expected=row.version)
    with pytest.raises(Conflict) as info, database.transaction() as conn:
        budget.update_expense(conn, row.id, ExpenseInput(NOV_10, 3_000, row.channel_id), expected=row.version)
    assert info.value.current.amount == D("20.00")
    with pytest.raises(Conflict), database.transaction() as conn:
        budget.delete_expense(conn, row.id, expected=row.version)
    with database.transaction() as conn:
        budget.delete_expense(conn, row.id, expected=row.version + 1)
    with pytest.raises(Gone), database.transaction() as conn:
        budget.update_expense(conn, row.id, ExpenseInput(NOV_10, 3_000, row.channel_id), expected=row.version + 1)
    assert expense_count(database) == 0


def test_retainers_are_booked_once_a_month_on_the_partners_channel(database):
    with database.transaction() as conn:
        add_partner(conn, "Brightlane", retainer=480_000, services=("Paid Social", "PPC"))
        add_partner(conn, "Rankwell", retainer=290_000, services=("Content", "SEO"), end=date(2026, 11, 30))
        add_partner(conn, "Pixel & Pine", retainer=340_000, services=("UX", "IT"))
        add_partner(conn, "Old agency", retainer=100_000, services=("SEO",), archived=True)
        add_partner(conn, "Ended", retainer=100_000, services=("SEO",), end=date(2026, 10, 31))
        add_partner(conn, "Starts later", retainer=100_000, services=("SEO",), start=date(2026, 12, 1))
        add_partner(conn, "Freelancer", retainer=None, services=("SEO",))
        first = budget.book_retainers(conn, "2026-11")
    with database.transaction() as conn:
        second = budget.book_retainers(conn, "2026-11")
    assert [name for name, _ in first.booked] == ["Brightlane", "Pixel & Pine", "Rankwell"]
    assert first.booked[0][1] == "4,800.00"
    assert (second.booked, second.already) == ([], ["Brightlane", "Pixel & Pine", "Rankwell"])
    assert "already booked" in second.summary()
    with database.connect() as conn:
        rows = budget_queries.expenses_between(conn, date(2026, 11, 1), date(2026, 11, 30), 2)
        placed = {r.partner: (r.channel, r.amount, r.day, r.source) for r in rows}
    assert placed == {
        "Brightlane": ("PPC", D("4800.00"), date(2026, 11, 1), "retainer"),  # PPC comes before Paid Social
        "Rankwell": ("SEO", D("2900.00"), date(2026, 11, 1), "retainer"),
        "Pixel & Pine": ("Other", D("3400.00"), date(2026, 11, 1), "retainer"),  # no channel of its services
    }
    with database.connect() as conn:
        month = budget_queries.load_month(conn, "2026-11", NOV_10)
    ppc = month.report.channel(next(c.id for c in month.channels if c.name == "PPC"))
    assert ppc.breakdown == (("Retainer · Brightlane", D("4800.00")),)


def test_a_retainer_deleted_by_hand_can_be_booked_again(database):
    with database.transaction() as conn:
        add_partner(conn, "Brightlane", retainer=480_000, services=("PPC",))
        budget.book_retainers(conn, "2026-11")
        conn.execute(tables.expense.delete())
        assert len(budget.book_retainers(conn, "2026-11").booked) == 1


def test_the_month_view_holds_everything_the_tab_shows(database):
    with database.transaction() as conn:
        budget.set_plan(conn, PlanInput("2026-11", channel(conn, "PPC"), 300_000))
        spend(conn, "100", "PPC", date(2026, 11, 2))
        spend(conn, "50", "PPC", date(2026, 11, 5))
        spend(conn, "7", "PPC", date(2026, 10, 30))
    with database.connect() as conn:
        view = budget_queries.load_month(conn, "2026-11", NOV_10)
    assert [e.day.day for e in view.expenses] == [5, 2]  # newest first, this month only
    assert view.cumulative()[:5] == [0, D("100.00"), D("100.00"), D("100.00"), D("150.00")]
    assert view.pace()[-1] == D("3000.00")
    assert [c.name for c in view.channels][:3] == ["SEO", "PPC", "Paid Social"]
    assert all(c.colour.startswith("#") for c in view.channels)


def test_an_expense_needs_a_date_an_amount_and_a_channel():
    with pytest.raises(InvalidInput) as info:
        build_expense_input(day="2026-11-31", amount="10", channel_id=1)
    assert info.value.field == "date"
    with pytest.raises(InvalidInput) as info:
        build_expense_input(day="2026-11-30", amount="-10", channel_id=1)
    assert (info.value.field, info.value.message) == ("amount", "amount: '-10' is negative; amounts are never below 0")
    with pytest.raises(InvalidInput) as info:
        build_expense_input(day="2026-11-30", amount="10", channel_id=None)
    assert info.value.field == "channel"
    with pytest.raises(InvalidInput) as info:
        build_expense_input(day="2026-11-30", amount="10", channel_id=1, note="two\nlines")
    assert info.value.field == "note"


def test_a_store_in_yen_keeps_whole_amounts(database):
    with database.transaction() as conn:
        conn.execute(insert(tables.setting).values(key="currency", value="JPY"))
        data = budget.parse_expense_args(conn, amount="1500", channel="seo", day="2026-11-02", today=NOV_10)
        row = budget.add_expense(conn, data)
        with pytest.raises(InvalidInput, match="more than 0 decimals"):
            budget.parse_expense_args(conn, amount="15.5", channel="seo", day=None, today=NOV_10)
    assert (data.amount_minor, row.amount) == (1500, D("1500"))
