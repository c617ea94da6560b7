"""Helpers for the UI tests: seeded databases and waiting for the app's data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ecomtui.db.engine import open_database
from ecomtui.services import tasks
from ecomtui.ui.widgets.card_column import CARD_LINES


def seed_tasks(path: Path, rows: list[dict]) -> Path:
    """Create a database at ``path`` holding the given tasks (CLI-style field values)."""
    database = open_database(str(path))
    with database.write() as session:
        for row in rows:
            tasks.create_task(session, tasks.parse_task_input(session, **row))
    database.dispose()
    return path


def stored_tasks(path: Path) -> list[tasks.TaskCard]:
    """Every task in the database, read afresh (what a restart would see)."""
    database = open_database(str(path))
    with database.read() as session:
        cards = tasks.list_tasks(session)
    database.dispose()
    return cards


async def wait_until(pilot, condition: Callable[[], bool], what: str = "condition", tries: int = 200) -> None:
    """Let the app run until ``condition()`` holds (fails after ~10 s of app time)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")


async def wait_loaded(pilot) -> None:
    """Wait until the task board has its cards, then show it (the app opens on the Dashboard)."""
    await wait_until(
        pilot, lambda: pilot.app.tab("tasks") is not None and pilot.app.tab("tasks").loaded, "board loaded"
    )
    if pilot.app.current_tab is not pilot.app.tab("tasks"):
        await pilot.press("2")
    await pilot.pause()


async def wait_stored(pilot, path: Path, condition: Callable[[list], bool], what: str = "database") -> list:
    """Wait until the database (read afresh) satisfies ``condition``; returns its tasks."""
    for _ in range(200):
        cards = stored_tasks(path)
        if condition(cards):
            return cards
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def column_text(app, status: str) -> str:
    """Every line the column would draw for its cards, as plain text."""
    column = app.tab("tasks").column(status)
    lines = []
    for index in range(len(column.cards)):
        title = ""
        for row in range(CARD_LINES):
            line = column._card_line(column.cards[index], row, column.scrollable_content_region.width).plain
            if row < 2:
                title += line.strip() + " "
            else:
                lines.append(line)
        lines.insert(len(lines) - 2, title.strip())
    return "\n".join(lines)


def screen_text(app) -> str:
    """The visible screen as plain text (what a user reads)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def wait_text(pilot, text: str) -> None:
    """Wait until ``text`` is on the screen (a pushed screen draws on the next refresh)."""
    await wait_until(pilot, lambda: text in screen_text(pilot.app), f"{text!r} on screen")
