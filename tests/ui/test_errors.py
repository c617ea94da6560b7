"""Failures reach the user as words in a dialog, never as a traceback."""

from __future__ import annotations

from support import screen_text, wait_until

from ecomtui.app import EcomApp
from ecomtui.ui.dialogs.error import ErrorDialog


async def test_a_file_that_is_not_a_database_is_explained_then_the_app_ends(tmp_path, fake_home):
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list\n")
    line = f"{notes} is not a database file (or it is damaged); check the path, or choose another file with --db"
    app = EcomApp(db=str(notes))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "Cannot open the database" in screen_text(app), "error dialog")
        assert isinstance(app.screen, ErrorDialog)
        assert app.screen.message == f"{line}\n\nClosing this leaves ecomtui; nothing was changed."
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
        gone = app.tab("tasks").cards[0].id
        with database.transaction() as conn:
            tasks.delete_task(conn, gone)
        database.dispose()
        app.tab("tasks").column("todo").focus()
        await pilot.press("shift+right")
        await wait_until(pilot, lambda: "no longer exists" in screen_text(app), "error dialog")
        assert isinstance(app.screen, ErrorDialog)
        assert app.screen.message == f"task {gone} no longer exists: it was deleted elsewhere"
        await pilot.press("escape")
        await wait_until(pilot, lambda: not app.tab("tasks").cards, "board reloaded without the task")


async def test_opening_a_missing_file_creates_a_store_and_says_so(tmp_path, fake_home):
    path = tmp_path / "typo" / "shop.db"
    app = EcomApp(db=str(path))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_until(pilot, lambda: app.tab("tasks") is not None and app.tab("tasks").loaded, "board")
        notices = [(n.title, n.message) for n in app._notifications]
        assert notices == [("New store", f"There was no database at {path}: a new, empty store was created there.")]
    assert path.is_file()


async def test_a_write_locked_out_past_the_timeout_is_one_plain_line(tmp_path, fake_home, monkeypatch):
    import sqlite3

    from support import seed_tasks

    monkeypatch.setenv("ECOMTUI_BUSY_TIMEOUT_MS", "200")
    path = seed_tasks(tmp_path / "busy.db", [{"title": "Stuck card", "status": "todo"}])
    app = EcomApp(db=str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.tab("tasks") is not None and app.tab("tasks").loaded, "board")
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        try:
            app.tab("tasks").column("todo").focus()
            await pilot.press("shift+right")
            await wait_until(pilot, lambda: isinstance(app.screen, ErrorDialog), "error dialog")
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert app.screen.message == (
            f"{path} stayed locked by another program for more than 0.2 seconds; "
            "nothing was changed; try again once it has finished"
        )
        await wait_until(pilot, lambda: "stayed locked" in screen_text(app), "the line on screen")
        text = screen_text(app)
        for leak in ("SQL", "sqlalche.me", "OperationalError"):
            assert leak not in text
        await pilot.press("escape")
        await wait_until(pilot, lambda: [c.status for c in app.tab("tasks").cards] == ["todo"], "card back in place")


# The app as another user (root ignores file modes): prints the screen once the board
# shows, then tries a change and prints the message it was refused with.
READ_ONLY_PROBE = """
import asyncio, sys
sys.path.insert(0, sys.argv[2])
from support import screen_text, wait_loaded, wait_until
from ecomtui.app import EcomApp
from ecomtui.ui.dialogs.error import ErrorDialog

async def main():
    app = EcomApp(db=sys.argv[1])
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        print(screen_text(app).splitlines()[-2])
        app.tab("tasks").column("todo").focus()
        await pilot.press("shift+right")
        await wait_until(pilot, lambda: isinstance(app.screen, ErrorDialog), "refusal")
        print(app.screen.message)

asyncio.run(main())
"""


def test_a_read_only_store_opens_with_a_banner_and_refuses_every_change(other_user):
    import os
    from pathlib import Path

    from support import seed_tasks, stored_tasks

    folder = other_user.folder / "shared"
    folder.mkdir()
    os.chmod(folder, 0o777)
    path = seed_tasks(folder / "shop.db", [{"title": "Look, do not touch", "status": "todo"}])
    os.chmod(path, 0o444)
    run = other_user.run("-c", READ_ONLY_PROBE, str(path), str(Path(__file__).parent))
    assert run.returncode == 0, run.stderr
    status_line, refusal = run.stdout.splitlines()
    assert status_line.rstrip() == f" ecomtui 2026-11-23 · 2026-W48 · db {path} ·  READ-ONLY"
    assert refusal == (
        f"nothing can be changed in {path}: it is read-only for you; "
        "ask its owner for write access, or copy it and use the copy with --db"
    )
    assert [c.status for c in stored_tasks(path)] == ["todo"]
