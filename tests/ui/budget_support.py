"""Helpers for the Budget tab's UI tests: a seeded store, reading it back, waiting for the tab."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from support import wait_until

from ecomtui.db.engine import open_database
from ecomtui.services import budget, budget_queries
from ecomtui.services.budget_input import build_plan_input
from ecomtui.services.lookups import find_channel

TODAY = date(2026, 11, 23)


def seed_budget(path: Path, plans: dict[tuple[str, str], str], expenses: list[dict]) -> Path:
    """A store with ``{(month, channel): amount}`` plans and CLI-style expenses."""
    database = open_database(str(path))
    with database.transaction() as conn:
        for (month, channel), amount in plans.items():
            budget.set_plan(conn, build_plan_input(month=month, channel_id=find_channel(conn, channel), amount=amount))
        for row in expenses:
            budget.add_expense(conn, budget.parse_expense_args(conn, today=TODAY, **row))
    database.dispose()
    return path


def stored_view(path: Path, month: str = "2026-11", as_of: date = TODAY) -> budget_queries.BudgetView:
    """The month as a fresh read of the store sees it."""
    database = open_database(str(path))
    with database.connect() as conn:
        view = budget_queries.load_month(conn, month, as_of)
    database.dispose()
    return view


async def open_budget(pilot) -> None:
    """Go to the Budget tab and wait until it shows its month."""
    app = pilot.app
    await wait_until(pilot, lambda: app.tab("budget") is not None and app.tab("budget").loaded, "budget loaded")
    await pilot.press("5")
    await pilot.pause()


async def wait_stored(pilot, path: Path, condition, what: str, month: str = "2026-11"):
    for _ in range(200):
        view = stored_view(path, month)
        if condition(view):
            return view
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")


async def wait_notified(pilot, text: str) -> None:
    """Wait until a notification says ``text`` (toasts wrap long lines on screen)."""
    await wait_until(pilot, lambda: any(text in n.message for n in pilot.app._notifications), f"notice {text!r}")
