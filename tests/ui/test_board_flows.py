"""Pilot-driven flows on the task board: what a user does with the keyboard, and what sticks."""

from __future__ import annotations

import pytest
from support import column_text, screen_text, seed_tasks, stored_tasks, wait_loaded, wait_stored, wait_until
from textual.widgets import Input, Static

from ecomtui.app import EcomApp
from ecomtui.ui.dialogs.confirm import ConfirmDialog
from ecomtui.ui.dialogs.help import HelpScreen
from ecomtui.ui.dialogs.task_form import TaskForm

SIZE = (120, 40)


@pytest.fixture
def board_db(tmp_path):
    return seed_tasks(
        tmp_path / "board.db",
        [
            {
                "title": "Refresh Black Friday banner",
                "status": "todo",
                "channel": "Email",
                "due": "2026-11-20",
                "priority": "urgent",
            },
            {
                "title": "Brief PPC agency on Q1",
                "status": "todo",
                "channel": "PPC",
                "due": "2026-12-03",
                "notes": "budget split",
            },
            {"title": "Fix product feed", "status": "doing", "channel": "Marketplaces", "sprint": "2026-11"},
            {"title": "Write gift guide", "status": "backlog", "channel": "Content", "sprint": "2026-12"},
        ],
    )


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch if ch != " " else "space")


async def test_empty_database_explains_how_to_start(tmp_path):
    app = EcomApp(db=str(tmp_path / "empty.db"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        text = screen_text(app)
        assert "No tasks yet" in text
        assert "ecomtui demo" in text
        assert "2 Tasks" in text


async def test_new_task_dialog_saves_and_survives_restart(tmp_path):
    path = tmp_path / "new.db"
    app = EcomApp(db=str(path))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TaskForm)
        await type_text(pilot, "Plan Cyber Monday mail")
        app.screen.query_one("#due", Input).value = "2026-11-30"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, TaskForm), "dialog closed")
        await wait_until(
            pilot, lambda: any(c.title == "Plan Cyber Monday mail" for c in app.tab("tasks").cards), "card shown"
        )
        assert "Plan Cyber Monday mail" in column_text(app, "todo")
    stored = stored_tasks(path)
    assert [(c.title, c.status, c.due.isoformat()) for c in stored] == [
        ("Plan Cyber Monday mail", "todo", "2026-11-30")
    ]
    # a restart shows it again
    app = EcomApp(db=str(path))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        assert "Plan Cyber Monday mail" in column_text(app, "todo")


@pytest.mark.parametrize(
    ("title", "due", "field", "message"),
    [
        ("Valid title", "2026-13-45", "due", "not a valid date"),
        ("", "2026-12-01", "title", "title is required"),
        ("   ", "", "title", "title is required"),
        ("Valid title", "tomorrow", "due", "not a valid date"),
    ],
)
async def test_invalid_input_is_explained_in_the_open_dialog(tmp_path, title, due, field, message):
    path = tmp_path / "bad.db"
    app = EcomApp(db=str(path))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#title", Input).value = title
        form.query_one("#due", Input).value = due
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "the dialog stays open"
        error = str(form.query_one(f"#{field}-error", Static).render())
        assert message in error
        assert app.focused is form.query_one(f"#{field}"), "the bad field has the focus"
        assert form.query_one("#title", Input).value == title, "what was typed is kept"
        assert form.query_one("#due", Input).value == due
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TaskForm)
    assert stored_tasks(path) == []


async def test_every_error_shows_at_once_next_to_its_field_and_goes_once_fixed(tmp_path):
    app = EcomApp(db=str(tmp_path / "errors.db"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#due", Input).value = "2026-02-30"
        form.query_one("#sprint", Input).value = "2026-13"
        await pilot.press("ctrl+s")
        await pilot.pause()

        def shown_errors():
            return {
                error.id.removesuffix("-error"): str(error.render())
                for error in form.query(".field-error")
                if error.display
            }

        assert shown_errors() == {
            "title": "title is required",
            "due": "due: '2026-02-30' is not a valid date (use YYYY-MM-DD, e.g. 2026-12-01)",
            "sprint": "sprint: '2026-13' is not a valid month (use YYYY-MM, e.g. 2026-11)",
        }
        assert app.focused is form.query_one("#title")
        await type_text(pilot, "Plan")
        form.query_one("#due", Input).value = "2026-02-2"  # still not a date: its error stays
        await pilot.pause()
        assert set(shown_errors()) == {"due", "sprint"}
        form.query_one("#due", Input).value = "2026-02-28"
        await pilot.pause()
        assert set(shown_errors()) == {"sprint"}
        text = screen_text(app)
        assert "not a valid month" in text and "title is required" not in text
        form.query_one("#sprint", Input).value = "2026-12"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, TaskForm), "saved")
    assert [(c.title, c.due.isoformat(), c.sprint) for c in stored_tasks(tmp_path / "errors.db")] == [
        ("Plan", "2026-02-28", "2026-12")
    ]


async def test_edit_changes_the_task(board_db):
    app = EcomApp(db=str(board_db))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        app.tab("tasks").column("doing").focus()
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TaskForm)
        assert form.query_one("#title", Input).value == "Fix product feed"
        form.query_one("#title", Input).value = "Fix product feed in Merchant Center"
        await pilot.press("ctrl+s")
        await wait_stored(
            pilot, board_db, lambda cards: any(c.title == "Fix product feed in Merchant Center" for c in cards)
        )
        assert "Merchant Center" in column_text(app, "doing")
    edited = [c for c in stored_tasks(board_db) if c.status == "doing"]
    assert [(c.title, c.channel, c.sprint) for c in edited] == [
        ("Fix product feed in Merchant Center", "Marketplaces", "2026-11")
    ]


async def test_enter_also_edits(board_db):
    app = EcomApp(db=str(board_db))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        app.tab("tasks").column("backlog").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TaskForm)
        assert app.screen.query_one("#title", Input).value == "Write gift guide"


async def test_shift_arrows_move_cards_between_columns(board_db):
    app = EcomApp(db=str(board_db))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        app.tab("tasks").column("doing").focus()
        await pilot.pause()
        await pilot.press("shift+right")
        await pilot.pause()
        assert "Fix product feed" in column_text(app, "review")
        assert "Fix product feed" not in column_text(app, "doing")
        assert app.focused is app.tab("tasks").column("review"), "selection follows the card"
        await pilot.press("shift+right")
        await wait_stored(
            pilot, board_db, lambda cards: any(c.title == "Fix product feed" and c.status == "done" for c in cards)
        )
        await pilot.press("shift+left", "shift+left", "shift+left")
        await wait_stored(
            pilot, board_db, lambda cards: any(c.title == "Fix product feed" and c.status == "todo" for c in cards)
        )
        assert "Fix product feed" in column_text(app, "todo")


async def test_delete_asks_first_and_escape_keeps_the_task(board_db):
    app = EcomApp(db=str(board_db))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        app.tab("tasks").column("backlog").focus()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Write gift guide" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        assert "Write gift guide" in column_text(app, "backlog")
        assert len(stored_tasks(board_db)) == 4
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await wait_stored(pilot, board_db, lambda cards: len(cards) == 3)
        assert "Write gift guide" not in column_text(app, "backlog")


async def test_live_filter_and_escape_clears(board_db):
    app = EcomApp(db=str(board_db))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("slash")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#filter", Input)
        await type_text(pilot, "ppc")
        await pilot.pause()
        shown = [
            c.title for s in ("backlog", "todo", "doing", "review", "done") for c in app.tab("tasks").column(s).cards
        ]
        assert shown == ["Brief PPC agency on Q1"]
        assert "1 of 4 tasks" in screen_text(app)
        # notes are searched too
        app.screen.query_one("#filter", Input).value = "budget split"
        await pilot.pause()
        assert [c.title for c in app.tab("tasks").column("todo").cards] == ["Brief PPC agency on Q1"]
        await pilot.press("escape")
        await pilot.pause()
        assert sum(len(app.tab("tasks").column(s).cards) for s in ("backlog", "todo", "doing")) == 4
        assert "4 tasks on the board" in screen_text(app)


async def test_palette_filters_by_channel_owner_and_sprint(board_db):
    app = EcomApp(db=str(board_db))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "channel: Marketplaces")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.tab("tasks").filter.channel == "Marketplaces", "channel filter")
        assert [c.title for s in ("backlog", "todo", "doing") for c in app.tab("tasks").column(s).cards] == [
            "Fix product feed"
        ]
        app.tab("tasks").action_clear_filter()
        app.tab("tasks").set_filter(sprint="2026-12")
        await pilot.pause()
        assert [c.title for c in app.tab("tasks").column("backlog").cards] == ["Write gift guide"]
        assert app.tab("tasks").sprints() == ["2026-12", "2026-11"]


async def test_arrow_keys_and_hjkl_move_the_selection(board_db):
    app = EcomApp(db=str(board_db))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        app.tab("tasks").column("todo").focus()
        await pilot.pause()
        board = app.tab("tasks")
        assert board.selected_card().title == "Refresh Black Friday banner", "overdue first: board order is by due date"
        await pilot.press("j")
        assert board.selected_card().title == "Brief PPC agency on Q1"
        await pilot.press("up")
        assert board.selected_card().title == "Refresh Black Friday banner"
        await pilot.press("l")
        assert board.selected_card().title == "Fix product feed"
        await pilot.press("left", "h")
        assert board.selected_card().title == "Write gift guide"


async def test_help_lists_every_board_key(board_db):
    app = EcomApp(db=str(board_db))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for key in ("shift+←", "ctrl+p", "escape", "/", "n", "d"):
            assert key in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_overdue_tasks_stand_out(board_db):
    app = EcomApp(db=str(board_db))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        assert "1 overdue" in screen_text(app)
        column = app.tab("tasks").column("todo")
        due_line = column._card_line(column.cards[0], 3, 30)
        assert "2026-11-20" in due_line.plain and "late" in due_line.plain
        overdue_style = column.get_component_rich_style("card--overdue")
        assert any(span.style == overdue_style for span in due_line.spans)


async def test_quit_key_leaves_the_app(board_db):
    app = EcomApp(db=str(board_db))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app._exit


async def test_palette_offers_edit_and_move_of_the_selected_card(board_db):
    app = EcomApp(db=str(board_db))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        app.tab("tasks").focus_column(app.tab("tasks").column("doing"))
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Move selected task right")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_stored(
            pilot, board_db, lambda cards: any(c.title == "Fix product feed" and c.status == "review" for c in cards)
        )
        assert "Fix product feed" in column_text(app, "review")
