"""Pilot flows on the Budget tab: what a user does with the keyboard, and what the store keeps."""

from __future__ import annotations

from decimal import Decimal

import pytest
from budget_support import open_budget, seed_budget, stored_view, wait_notified, wait_stored
from support import screen_text, wait_text, wait_until
from textual.widgets import DataTable, Input

from ecomtui.app import EcomApp
from ecomtui.db.engine import open_database
from ecomtui.services import budget
from ecomtui.services.budget_input import build_expense_input
from ecomtui.ui.dialogs.confirm import ConfirmDialog
from ecomtui.ui.dialogs.conflict import ConflictDialog
from ecomtui.ui.dialogs.expense_form import ExpenseForm
from ecomtui.ui.dialogs.plan_form import PlanForm

WIDE, NARROW = (120, 40), (80, 24)
D = Decimal


@pytest.fixture
def store(tmp_path):
    return seed_budget(
        tmp_path / "budget.db",
        {("2026-10", "PPC"): "3000", ("2026-10", "SEO"): "1500", ("2026-11", "PPC"): "3000"},
        [
            {"amount": "1000", "channel": "PPC", "day": "2026-10-02"},
            {"amount": "1200.50", "channel": "PPC", "day": "2026-10-20"},
            {"amount": "1500", "channel": "SEO", "day": "2026-10-11"},
            {"amount": "2500", "channel": "PPC", "day": "2026-11-09", "note": "Fix [bold]feed[/] 🛒"},
        ],
    )


def tab(app):
    """The Budget tab's content (mounted on its first load)."""
    return app.tab("budget").panel


def row_text(app, key: str) -> str:
    table = tab(app).query_one("#budget-table", DataTable)
    return " ".join(str(cell) for cell in table.get_row(key))


async def open_dialog(pilot, key: str, dialog: type) -> None:
    await pilot.press(key)
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, dialog), f"{dialog.__name__} open")


async def type_into(pilot, selector: str, text: str) -> None:
    pilot.app.screen.query_one(selector, Input).value = text
    await pilot.pause()


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_key_5_shows_the_months_table_and_a_chart(store, size):
    app = EcomApp(db=str(store))
    async with app.run_test(size=size) as pilot:
        await open_budget(pilot)
        await wait_until(pilot, lambda: tab(app).query("#bar-chart"), "chart mounted")
        await pilot.pause()
        text = screen_text(app)
        assert "November 2026" in text and "as of 2026-11-23, day 23 of 30" in text
        assert "Planned vs actual" in text  # the chart's title, drawn
        ppc = row_text(app, f"c{tab(app).view.report.channels[0].channel_id}")
        assert "3,000.00" in ppc and "2,500.00" in ppc
        # 2500 of 3000 by the 23rd: 1.09 of the even pace, on pace; heading for 3,260.87
        assert "1.09" in ppc and "3,260.87" in ppc
        assert tab(app).query_one("#bar-chart").display
        assert tab(app).query_one("#budget-expenses").display == (size == WIDE)


async def test_over_pace_and_over_budget_are_marked_not_only_coloured(store):
    database = open_database(str(store))
    with database.transaction() as conn:
        budget.add_expense(
            conn, budget.parse_expense_args(conn, amount="400", channel="PPC", day="2026-11-20", today=None)
        )
    database.dispose()
    app = EcomApp(db=str(store))
    async with app.run_test(size=WIDE) as pilot:
        await open_budget(pilot)
        ppc_id = tab(app).view.report.channels[0].channel_id
        assert "▲ 1.26" in row_text(app, f"c{ppc_id}") and "▲ over pace" in row_text(app, f"c{ppc_id}")
        await pilot.press("left_square_bracket")
        await wait_text(pilot, "October 2026")
        await wait_text(pilot, "finished, as of 2026-10-31")
        ppc = row_text(app, f"c{ppc_id}")
        assert "2,200.50" in ppc and "-799.50" in ppc and "within budget" in ppc and "▲" not in ppc


async def test_narrow_screens_switch_between_charts_and_the_expense_list(store):
    app = EcomApp(db=str(store))
    async with app.run_test(size=NARROW) as pilot:
        await open_budget(pilot)
        await wait_until(pilot, lambda: tab(app).query("#bar-chart"), "chart mounted")
        shown = lambda: [  # noqa: E731
            name
            for name, selector in (("bar", "#bar-chart"), ("pace", "#pace-chart"), ("list", "#budget-expenses"))
            if tab(app).query_one(selector).display and tab(app).query_one(selector).parent.display
        ]
        assert shown() == ["bar"]
        await pilot.press("v")
        assert shown() == ["pace"]
        await wait_text(pilot, "Spent vs even pace")
        await pilot.press("v")
        assert shown() == ["list"]
        await wait_text(pilot, "Fix [bold]feed[/] 🛒")  # user text exactly as typed
        await pilot.press("v")
        assert shown() == ["bar"]


async def test_new_expense_is_saved_and_the_figures_follow(store):
    app = EcomApp(db=str(store))
    async with app.run_test(size=NARROW) as pilot:
        await open_budget(pilot)
        await open_dialog(pilot, "n", ExpenseForm)
        await pilot.press(*"250.75")
        await type_into(pilot, "#note", "=cmd|' /C calc'!A0")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExpenseForm), "dialog closed")
        view = await wait_stored(pilot, store, lambda v: len(v.expenses) == 2, "the new expense")
        await wait_until(pilot, lambda: "2,750.75" in screen_text(app), "new actual shown")
    added = next(e for e in view.expenses if e.amount == D("250.75"))
    assert (added.channel, added.day.isoformat(), added.note) == ("PPC", "2026-11-23", "=cmd|' /C calc'!A0")


async def test_a_bad_amount_is_explained_in_the_dialog_and_nothing_is_saved(store):
    app = EcomApp(db=str(store))
    async with app.run_test(size=NARROW) as pilot:
        await open_budget(pilot)
        await open_dialog(pilot, "n", ExpenseForm)
        for amount, message in (("-5", "is negative"), ("12.345", "more than 2 decimals"), ("abc", "is not an amount")):
            await type_into(pilot, "#amount", amount)
            await pilot.press("ctrl+s")
            await wait_text(pilot, message)
            assert isinstance(app.screen, ExpenseForm)
        await type_into(pilot, "#amount", "10")
        await type_into(pilot, "#date", "2026-02-30")
        await pilot.press("ctrl+s")
        await wait_text(pilot, "'2026-02-30' is not a valid date")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExpenseForm), "cancelled")
    assert len(stored_view(store).expenses) == 1


async def test_editing_and_deleting_an_expense_from_the_list(store):
    app = EcomApp(db=str(store))
    async with app.run_test(size=WIDE) as pilot:
        await open_budget(pilot)
        await pilot.press("tab")
        assert app.screen.focused is tab(app).query_one("#expense-list")
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, ExpenseForm), "edit dialog")
        assert app.screen.query_one("#note", Input).value == "Fix [bold]feed[/] 🛒"
        await type_into(pilot, "#amount", "2600")
        await pilot.press("ctrl+s")
        await wait_stored(pilot, store, lambda v: v.expenses[0].amount == D("2600.00"), "edited amount")
        await wait_text(pilot, "2,600.00")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "confirm")
        await pilot.press("escape")  # not now
        await pilot.pause()
        assert len(stored_view(store).expenses) == 1
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "confirm")
        await pilot.press("y")
        await wait_stored(pilot, store, lambda v: v.expenses == [], "deleted")


async def test_setting_a_plan_with_b_and_removing_it_with_d(store):
    app = EcomApp(db=str(store))
    async with app.run_test(size=NARROW) as pilot:
        await open_budget(pilot)
        await pilot.press("right_square_bracket")  # December: nothing yet
        await wait_text(pilot, "No plan and no spending in December 2026")
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, PlanForm), "plan dialog")
        await wait_text(pilot, "Plan for December 2026")
        await type_into(pilot, "#amount", "4000")
        await pilot.press("ctrl+s")  # no channel chosen yet
        await wait_text(pilot, "channel is required")
        channel = app.screen.query_one("#channel")
        channel.value = next(cid for cid, name in app.screen.channels if name == "Email")
        await pilot.pause()
        await type_into(pilot, "#amount", "4000")
        await pilot.press("ctrl+s")
        view = await wait_stored(pilot, store, lambda v: v.plans, "the plan", month="2026-12")
        await wait_text(pilot, "4,000.00")
        assert [(line.planned,) for line in view.plans.values()] == [(D("4000.00"),)]
        await wait_until(pilot, lambda: tab(app)._table.selected_key() == f"c{channel.value}", "row selected")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "confirm")
        await pilot.press("y")
        await wait_stored(pilot, store, lambda v: not v.plans, "plan removed", month="2026-12")


async def test_copy_last_months_plan_and_book_retainers_once(store):
    from ecomtui.db.models import Partner, PartnerService

    database = open_database(str(store))
    with database.write() as session:
        partner = Partner(name="Rankwell SEO", kind="agency", retainer_minor=290_000)
        session.add(partner)
        session.flush()
        session.add(PartnerService(partner_id=partner.id, service="SEO"))
    database.dispose()
    app = EcomApp(db=str(store))
    async with app.run_test(size=WIDE) as pilot:
        await open_budget(pilot)
        await pilot.press("c")  # October: PPC 3000 (November has its own already), SEO 1500
        await wait_notified(pilot, "Copied 1 plan from October 2026; 1 channel already had a plan")
        view = await wait_stored(pilot, store, lambda v: len(v.plans) == 2, "copied plan")
        assert sorted(line.planned for line in view.plans.values()) == [D("1500.00"), D("3000.00")]
        for _ in range(2):
            await pilot.press("r")
            await pilot.pause(0.3)
        await wait_notified(pilot, "No new retainer to book for 2026-11, 1 already booked")
        view = stored_view(store)
        assert [(e.partner, e.amount, e.source) for e in view.expenses if e.source == "retainer"] == [
            ("Rankwell SEO", D("2900.00"), "retainer")
        ]
        await wait_text(pilot, "Rankwell SEO")  # its own row under SEO


async def test_filter_narrows_the_expense_list_and_escape_clears(store):
    app = EcomApp(db=str(store))
    async with app.run_test(size=NARROW) as pilot:
        await open_budget(pilot)
        await pilot.press("right_square_bracket", "left_square_bracket", "left_square_bracket")  # October
        await wait_text(pilot, "finished, as of 2026-10-31")
        await pilot.press("slash", *"seo")
        await wait_text(pilot, "filter “seo” · 1 of 3")
        assert tab(app).query_one("#expense-list", DataTable).row_count == 1
        await pilot.press("escape")
        await wait_text(pilot, "Expenses in October 2026 · 3")
        assert tab(app).query_one("#expense-list", DataTable).row_count == 3


async def test_an_expense_changed_elsewhere_meanwhile_shows_both_versions(store, monkeypatch):
    from ecomtui.ui import db_bridge

    monkeypatch.setattr(db_bridge, "CHANGE_POLL_SECONDS", 3600)  # the app's copy stays stale
    app = EcomApp(db=str(store))
    async with app.run_test(size=WIDE) as pilot:
        await open_budget(pilot)
        await pilot.press("tab", "e")
        await wait_until(pilot, lambda: isinstance(app.screen, ExpenseForm), "edit dialog")
        row = app.screen.expense
        database = open_database(str(store))
        with database.transaction() as conn:  # someone else corrects the amount
            data = build_expense_input(day="2026-11-09", amount="2450", channel_id=row.channel_id, note=row.note)
            budget.update_expense(conn, row.id, data, expected=row.version)
        database.dispose()
        await type_into(pilot, "#amount", "9999")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictDialog), "conflict shown")
        await wait_text(pilot, "2450.00")
        await pilot.press("r")  # reload theirs
        await wait_until(pilot, lambda: isinstance(app.screen, ExpenseForm), "back in the form")
        assert app.screen.query_one("#amount", Input).value == "2450.00"
    assert stored_view(store).expenses[0].amount == D("2450.00")


async def test_spending_recorded_elsewhere_shows_up_keeping_the_month_and_filter(store):
    app = EcomApp(db=str(store))
    async with app.run_test(size=WIDE) as pilot:
        await open_budget(pilot)
        await pilot.press("slash", *"cron")
        database = open_database(str(store))
        with database.transaction() as conn:
            budget.add_expense(
                conn,
                budget.parse_expense_args(
                    conn, amount="77", channel="Email", note="from cron", today=None, day="2026-11-20"
                ),
            )
        database.dispose()
        await wait_text(pilot, "from cron")
        await wait_text(pilot, "filter “cron” · 1 of 2")
        assert app.screen.query_one("#expense-filter", Input).value == "cron"


async def test_an_empty_store_says_how_to_start(tmp_path):
    app = EcomApp(db=str(tmp_path / "empty.db"))
    async with app.run_test(size=NARROW) as pilot:
        await open_budget(pilot)
        await wait_text(pilot, "No plan and no spending in November 2026")
        assert "copies October 2026's plan" in screen_text(app)


async def test_the_selected_channel_stays_selected_from_month_to_month(store):
    app = EcomApp(db=str(store))
    async with app.run_test(size=NARROW) as pilot:
        await open_budget(pilot)
        ppc = f"c{tab(app).view.report.channels[0].channel_id}"  # November plans only PPC
        assert tab(app)._table.selected_key() == ppc
        await pilot.press("right_square_bracket")
        await wait_text(pilot, "No plan and no spending in December 2026")
        for _ in range(2):
            await pilot.press("left_square_bracket")
            await pilot.pause(0.3)
        await wait_text(pilot, "finished, as of 2026-10-31")
        assert [c.channel_id for c in tab(app).view.report.channels][1] == int(ppc[1:])  # SEO comes first
        assert tab(app)._table.selected_key() == ppc
        await open_dialog(pilot, "b", PlanForm)
        assert app.screen.query_one("#amount", Input).value == "3000.00"


async def test_the_dashboards_budget_block_opens_the_channel_on_the_budget_tab(store):
    from textual.widgets import OptionList

    app = EcomApp(db=str(store))
    async with app.run_test(size=WIDE) as pilot:
        await wait_until(pilot, lambda: all(t.loaded for t in app.tabs.values()), "tabs loaded")
        assert app.current_tab is app.tabs["dashboard"]
        await pilot.press("5", "right_square_bracket")  # look at December first
        await wait_text(pilot, "No plan and no spending in December 2026")
        await pilot.press("1")
        await wait_text(pilot, "This month (2026-11) so far")
        block = app.tabs["dashboard"].query_one("#dash-budget OptionList", OptionList)
        block.focus()
        await pilot.pause()
        await pilot.press("enter")  # the first channel: PPC, on pace
        await wait_until(pilot, lambda: app.current_tab is app.tabs["budget"], "the Budget tab")
        await wait_text(pilot, "November 2026")
        ppc = tab(app).view.report.channels[0].channel_id
        await wait_until(pilot, lambda: tab(app)._table.selected_key() == f"c{ppc}", "PPC selected")
        assert app.screen.focused is tab(app)._table
