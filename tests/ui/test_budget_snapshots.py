"""Snapshot tests of the Budget tab on the demo store at 80x24 and 120x40.

The date is frozen (2026-11-23) and HOME points at the database's folder, so
the status line reads ``~/demo.db``. After an intended change of a screen:
``pytest tests/ui/test_budget_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from support import wait_until
from test_snapshots import demo_app, demo_template  # noqa: F401  (fixtures: the demo store, the app on a copy)
from textual.widgets import Input


def budget_shown(*keys: str):
    async def run_before(pilot) -> None:
        app = pilot.app
        await wait_until(pilot, lambda: all(tab.loaded for tab in app.tabs.values()), "every tab loaded")
        await pilot.press("5")
        await wait_until(pilot, lambda: app.tab("budget").query("#pace-chart"), "charts mounted")
        await pilot.pause(0.2)
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.1)
        for field in app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause(0.2)

    return run_before


def test_budget_80x24(demo_app, snap_compare):  # noqa: F811
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=budget_shown())


def test_budget_120x40(demo_app, snap_compare):  # noqa: F811
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=budget_shown())


def test_budget_expense_list_filtered_80x24(demo_app, snap_compare):  # noqa: F811
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=budget_shown("slash", *"retainer"))


def test_budget_bad_amount_in_the_expense_dialog_80x24(demo_app, snap_compare):  # noqa: F811
    async def run_before(pilot) -> None:
        await budget_shown("n")(pilot)
        pilot.app.screen.query_one("#amount", Input).value = "-120"
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)

    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=run_before)
