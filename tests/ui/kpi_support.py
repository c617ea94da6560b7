"""Helpers for the KPIs tab tests: stores with KPI facts, waiting for the cards, reading a card.

Imported as ``kpi_support`` (beside ``support``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from support import wait_until

from ecomtui.db.engine import open_database
from ecomtui.services import kpi_goals
from ecomtui.services.kpis import Fact, store_facts, to_micros


def seed_kpis(path: Path, days: dict[date, dict[str, str]], source: str = "kpis_csv") -> Path:
    """A store at ``path`` holding the given daily values (in units, as text)."""
    database = open_database(str(path))
    with database.transaction() as conn:
        facts = [Fact(d, m, source, to_micros(Decimal(v))) for d, values in days.items() for m, v in values.items()]
        store_facts(conn, facts)
    database.dispose()
    return path


def stored_goals(path: Path) -> dict:
    """Every goal in the store, read afresh: {(month, metric): GoalRow}."""
    database = open_database(str(path))
    with database.connect() as conn:
        goals = kpi_goals.goal_rows(conn)
    database.dispose()
    return goals


def set_goal_elsewhere(path: Path, month: str, metric: str, target: str) -> None:
    """Someone else sets a goal (another process, through the service)."""
    database = open_database(str(path))
    with database.transaction() as conn:
        current = kpi_goals.goal_rows(conn).get((month, metric))
        kpi_goals.save_goal(conn, month, metric, Decimal(target), "at_least", expected=current)
    database.dispose()


async def open_kpis(pilot) -> None:
    """Press 6 and wait until the cards show the store's figures."""
    await wait_until(pilot, lambda: pilot.app.tab("kpis") is not None, "KPIs tab mounted")
    await pilot.press("6")
    await wait_until(pilot, lambda: pilot.app.tabs["kpis"].view is not None, "KPI cards loaded")
    await pilot.pause()


def card(app, metric: str):
    return app.tabs["kpis"].query_one(f"#kpi-{metric}")


def card_text(app, metric: str) -> str:
    """What a card says: its value line and the lines under it, as plain text."""
    from textual.widgets import Static

    widget = card(app, metric)
    return "\n".join(str(static.render()) for static in widget.query(Static))
