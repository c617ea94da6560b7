"""Failures reach the user as words in a dialog, never as a traceback."""

from __future__ import annotations

from support import screen_text, wait_until

from ecomtui.app import EcomApp
from ecomtui.ui.dialogs.error import ErrorDialog


async def test_a_file_that_is_not_a_database_is_explained_then_the_app_ends(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list\n")
    app = EcomApp(db=str(notes))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ErrorDialog), "error dialog")
        await wait_until(pilot, lambda: "Cannot open the database" in screen_text(app), "the dialog drawn")
        text = screen_text(app)
        assert "not a database" in text
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 1
    assert notes.read_text() == "shopping list\n", "the file is left as it was"


async def test_a_task_deleted_elsewhere_is_reported_not_crashed(tmp_path):
    from support import seed_tasks

    from ecomtui.db.engine import open_database
    from ecomtui.services import tasks

    path = seed_tasks(tmp_path / "gone.db", [{"title": "Vanishing task", "status": "todo"}])
    app = EcomApp(db=str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.tab("tasks") is not None and app.tab("tasks").loaded, "board")
        # another process deletes the task while it is on screen
        database = open_database(str(path))
        with database.transaction() as conn:
            tasks.delete_task(conn, app.tab("tasks").cards[0].id)
        database.dispose()
        app.tab("tasks").column("todo").focus()
        await pilot.press("shift+right")
        await wait_until(pilot, lambda: isinstance(app.screen, ErrorDialog), "error dialog")
        assert "no longer exists" in screen_text(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not app.tab("tasks").cards, "board reloaded without the task")
