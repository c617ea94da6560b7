"""Many hands on one store: others' changes show up, and a stale save never overwrites them."""

from __future__ import annotations

import pytest
from support import screen_text, seed_tasks, stored_tasks, wait_loaded, wait_text, wait_until
from textual.widgets import Input

from ecomtui.app import EcomApp
from ecomtui.db.engine import open_database
from ecomtui.services import tasks
from ecomtui.ui import db_bridge
from ecomtui.ui.dialogs.conflict import ConflictDialog
from ecomtui.ui.dialogs.task_form import TaskForm

SIZE = (120, 40)


def elsewhere(path, write):
    """Another process's write: its own connection, its own transaction."""
    database = open_database(str(path))
    with database.transaction() as conn:
        result = write(conn)
    database.dispose()
    return result


@pytest.fixture
def store(tmp_path):
    return seed_tasks(
        tmp_path / "shared.db",
        [
            {"title": "Plan Black Friday", "status": "todo", "notes": "first draft"},
            {"title": "Fix feed", "status": "doing"},
        ],
    )


@pytest.fixture
def no_polling(monkeypatch):
    """The app does not look for others' changes: its copy stays stale, as between two polls."""
    monkeypatch.setattr(db_bridge, "CHANGE_POLL_SECONDS", 3600)


def _card(app, title):
    return next(c for c in app.tab("tasks").cards if c.title == title)


async def test_a_task_added_elsewhere_shows_up_keeping_selection_and_filter(store):
    app = EcomApp(db=str(store))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        board = app.tab("tasks")
        board.focus_column(board.column("doing"))
        await pilot.press("slash", *"f")
        elsewhere(
            store, lambda conn: tasks.create_task(conn, tasks.parse_task_input(conn, title="Feed audit from cron"))
        )
        await wait_until(pilot, lambda: any(c.title == "Feed audit from cron" for c in board.cards), "the new task")
        await wait_text(pilot, "Feed audit from cron")
        assert board.filter.text == "f" and isinstance(app.focused, Input)
        await pilot.press("enter")
        assert board.selected_card() is not None


async def test_the_refresh_key_reads_the_store_at_once(store, no_polling):
    app = EcomApp(db=str(store))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        elsewhere(store, lambda conn: tasks.create_task(conn, tasks.parse_task_input(conn, title="Added by a script")))
        await pilot.press("ctrl+r")
        await wait_text(pilot, "Added by a script")


async def test_a_stale_edit_shows_both_versions_and_overwrites_only_when_asked(store, no_polling):
    app = EcomApp(db=str(store))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        card = _card(app, "Plan Black Friday")
        app.tab("tasks")._focus_card(card)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, TaskForm), "the task dialog")
        # meanwhile, in another app: the card moves on and its notes change
        elsewhere(
            store,
            lambda conn: tasks.update_task(
                conn, card.id, tasks.parse_task_input(conn, title=card.title, status="review", notes="their notes")
            ),
        )
        app.screen.query_one("#title", Input).value = "Plan Black Friday week"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictDialog), "the conflict")
        await wait_text(pilot, "their notes")
        text = screen_text(app)
        assert "Review" in text and "first draft" in text  # theirs and yours, side by side
        assert [c.title for c in stored_tasks(store) if c.id == card.id] == ["Plan Black Friday"]

        await pilot.press("escape")  # back to the form: nothing lost
        await wait_until(pilot, lambda: isinstance(app.screen, TaskForm), "the form again")
        assert app.screen.query_one("#title", Input).value == "Plan Black Friday week"
        stored = next(c for c in stored_tasks(store) if c.id == card.id)
        assert (stored.title, stored.status, stored.notes) == ("Plan Black Friday", "review", "their notes")

        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictDialog), "the conflict again")
        await pilot.press("k")  # keep mine, knowingly
        await wait_until(pilot, lambda: not isinstance(app.screen, (TaskForm, ConflictDialog)), "saved")
    stored = next(c for c in stored_tasks(store) if c.id == card.id)
    assert (stored.title, stored.status, stored.notes) == ("Plan Black Friday week", "todo", "first draft")


async def test_reload_theirs_drops_the_typing_and_saves_on_top_of_theirs(store, no_polling):
    app = EcomApp(db=str(store))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        card = _card(app, "Plan Black Friday")
        app.tab("tasks")._focus_card(card)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, TaskForm), "the task dialog")
        elsewhere(
            store,
            lambda conn: tasks.update_task(conn, card.id, tasks.parse_task_input(conn, title="Plan BF (theirs)")),
        )
        app.screen.query_one("#title", Input).value = "Mine"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictDialog), "the conflict")
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, TaskForm), "the form")
        assert app.screen.query_one("#title", Input).value == "Plan BF (theirs)"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, TaskForm), "saved")
    assert [c.title for c in stored_tasks(store) if c.id == card.id] == ["Plan BF (theirs)"]


async def test_moving_a_card_changed_elsewhere_says_so_and_keeps_their_change(store, no_polling):
    app = EcomApp(
        db=str(store),
    )
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_loaded(pilot)
        card = _card(app, "Fix feed")
        app.tab("tasks")._focus_card(card)
        elsewhere(
            store,
            lambda conn: tasks.update_task(
                conn, card.id, tasks.parse_task_input(conn, title="Fix feed now", status="doing")
            ),
        )
        await pilot.press("shift+right")
        await wait_text(pilot, "was changed elsewhere")
        await wait_until(pilot, lambda: any(c.title == "Fix feed now" for c in app.tab("tasks").cards), "reloaded")
    stored = next(c for c in stored_tasks(store) if c.id == card.id)
    assert (stored.title, stored.status) == ("Fix feed now", "doing")


async def test_fast_moves_of_one_card_all_land(store, no_polling):
    app = EcomApp(db=str(store))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        card = _card(app, "Plan Black Friday")
        app.tab("tasks")._focus_card(card)
        await pilot.press("shift+right", "shift+right", "shift+right")
        await wait_until(
            pilot, lambda: any(c.id == card.id and c.status == "done" for c in stored_tasks(store)), "three moves"
        )
