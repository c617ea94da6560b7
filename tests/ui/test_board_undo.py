"""`u` on the board takes back the last delete or move of the session; the footer lights it only then."""

from __future__ import annotations

from support import column_text, screen_text, seed_tasks, wait_loaded, wait_stored, wait_until

from ecomtui.app import EcomApp
from ecomtui.db.engine import open_database
from ecomtui.services.tasks import task_row
from ecomtui.ui.dialogs.confirm import ConfirmDialog


def rows(path) -> dict[int, dict]:
    database = open_database(str(path))
    with database.connect() as conn:
        from ecomtui.services.tasks import list_tasks

        found = {card.id: task_row(conn, card.id) for card in list_tasks(conn)}
    database.dispose()
    return found


def undo_lit(app) -> bool:
    """Whether the footer's u Undo is lit (it is listed dim while there is nothing to undo)."""
    from ecomtui.ui.widgets.key_footer import KeyFooter

    assert "u Undo" in screen_text(app).splitlines()[-1]
    return next(e for e in app.screen.query_one(KeyFooter).shown() if e.action == "undo").enabled


async def test_undo_brings_a_deleted_task_back_with_its_id_notes_and_dates(tmp_path):
    path = seed_tasks(
        tmp_path / "undo.db",
        [
            {"title": "Keep", "status": "todo"},
            {"title": "Oops", "status": "done", "notes": "line one\nline two", "due": "2026-11-20", "channel": "SEO"},
        ],
    )
    before = rows(path)
    app = EcomApp(db=str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        board = app.tab("tasks")
        assert not undo_lit(app)
        board.focus_column(board.column("done"))
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked")
        await pilot.press("y")
        await wait_stored(pilot, path, lambda cards: len(cards) == 1)
        await wait_until(pilot, lambda: undo_lit(app), "undo offered")
        await pilot.press("u")
        await wait_stored(pilot, path, lambda cards: len(cards) == 2)
        await wait_until(pilot, lambda: "Oops" in column_text(app, "done"), "card back")
        assert board.selected_card().title == "Oops"
        assert not undo_lit(app)
    assert rows(path) == before


async def test_undo_moves_a_card_back_and_keeps_when_it_was_done(tmp_path):
    path = seed_tasks(tmp_path / "move.db", [{"title": "Ship", "status": "done"}, {"title": "Plan", "status": "todo"}])
    before = rows(path)
    app = EcomApp(db=str(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        board = app.tab("tasks")
        board.focus_column(board.column("done"))
        await pilot.press("shift+left", "shift+left")
        await wait_stored(pilot, path, lambda cards: any(c.status == "doing" for c in cards))
        await pilot.press("u")
        assert "Ship" in column_text(app, "review")
        await pilot.press("u")
        await wait_stored(pilot, path, lambda cards: {c.title: c.status for c in cards}["Ship"] == "done")
        assert "Ship" in column_text(app, "done")
        await pilot.press("u")  # nothing left to undo: nothing happens
        await pilot.pause()
    after = rows(path)
    assert {i: (r["status"], r["done_at"]) for i, r in after.items()} == {
        i: (r["status"], r["done_at"]) for i, r in before.items()
    }
