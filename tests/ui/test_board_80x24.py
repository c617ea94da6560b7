"""The board read at 80x24: titles in words, every label and count whole, late cards marked in words."""

from __future__ import annotations

import re

import pytest
from support import screen_text, seed_tasks, wait_loaded, wait_until
from textual.widgets import Input

from ecomtui.app import EcomApp
from ecomtui.vocabulary import TASK_STATUS_LABELS, TASK_STATUSES

SIZE = (80, 24)
LONG = "Post-purchase review request for down jackets and winter sleeping bags"


@pytest.fixture
def board_db(tmp_path):
    rows = [
        {"title": LONG, "status": "doing", "channel": "Email", "owner": None, "due": "2026-11-20", "priority": "urgent",
         "sprint": "2026-11", "notes": "\nAsk the warehouse first\nthen mail"},
        {"title": "Refresh Cyber Monday landing page", "status": "doing", "channel": "Content", "due": "2026-11-30"},
        {"title": "Write Black Friday ad copy and sitelinks", "status": "backlog", "channel": "PPC"},
        {"title": "Internal linking audit", "status": "todo", "due": "2026-11-02", "priority": "high"},
        {"title": "Sync stock levels", "status": "review"},
        {"title": "Shortlist creators", "status": "done"},
    ]  # fmt: skip
    for row in rows:
        row.pop("owner", None)
    return seed_tasks(tmp_path / "narrow.db", rows)


def border_line(app) -> str:
    return next(line for line in screen_text(app).splitlines() if "╭" in line)


def head_line(app) -> str:
    return screen_text(app).splitlines()[1]


async def select(pilot, status: str) -> None:
    board = pilot.app.tab("tasks")
    board.focus_column(board.column(status))
    await pilot.pause()


async def test_the_selected_columns_titles_read_in_whole_words(board_db):
    app = EcomApp(db=str(board_db))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await select(pilot, "doing")
        column = app.tab("tasks").column("doing")
        assert column.scrollable_content_region.width - 2 >= 30
        lines = [column._card_line(column.cards[0], row, column.scrollable_content_region.width).plain.strip()
                 for row in (0, 1)]  # fmt: skip
        assert len(lines[0]) >= 30
        words = LONG.split()
        shown = " ".join(lines).removesuffix("…").split()
        assert shown == words[: len(shown)], "no word is cut in two"
        text = screen_text(app)
        assert lines[0] in text and "Post-purcha\n" not in text


async def test_every_label_and_count_shows_whole_wherever_the_selection_is(board_db):
    app = EcomApp(db=str(board_db))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        board = app.tab("tasks")
        for status in TASK_STATUSES:
            await select(pilot, status)
            shown_somewhere = border_line(app) + " " + head_line(app)
            for other in TASK_STATUSES:
                assert f"{TASK_STATUS_LABELS[other]} {len(board.column(other).cards)}" in shown_somewhere, other
            assert "In progre…" not in shown_somewhere
            assert board.column(status).display, "the selected column always shows"


async def test_counts_stay_in_the_top_border_after_filtering(board_db):
    app = EcomApp(db=str(board_db))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("slash", "s", "y")
        await pilot.pause()
        assert "Backlog 0" in border_line(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Backlog 1" in border_line(app)
        for column in app.tab("tasks").columns():
            assert str(column.border_subtitle or "") == ""


async def test_late_cards_say_late_and_urgent_ones_keep_their_padding(board_db):
    app = EcomApp(db=str(board_db))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await select(pilot, "doing")
        text = screen_text(app)
        assert re.search(r"│ 2026-11-20 late +!! +│", text), "urgent and late, one space from the border"
        assert re.search(r"│ 2026-11-02 late +! ", text), "late in a narrow neighbour column too"


async def test_the_line_under_the_board_shows_the_selected_card_in_full(board_db):
    app = EcomApp(db=str(board_db))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await select(pilot, "doing")
        lines = screen_text(app).splitlines()
        assert lines[-4].strip() == LONG
        assert lines[-3].strip().startswith("Email · due 2026-11-20, 3 days late · sprint 2026-11 · urgent priority")
        await pilot.press("down")
        await pilot.pause()
        assert screen_text(app).splitlines()[-4].strip() == "Refresh Cyber Monday landing page"


async def test_first_line_of_notes_shows_under_the_board(board_db):
    app = EcomApp(db=str(board_db))
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_loaded(pilot)
        await select(pilot, "doing")
        assert "· Ask the warehouse first" in screen_text(app)
        assert "then mail" not in screen_text(app)


async def test_one_task_is_singular(tmp_path):
    app = EcomApp(db=str(seed_tasks(tmp_path / "one.db", [{"title": "Only", "status": "todo"}])))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        assert "1 task on the board" in screen_text(app)
        await pilot.press("slash", "o")
        await pilot.pause()
        assert "1 of 1 task " in screen_text(app)


async def test_a_long_title_s_toast_is_cut(tmp_path):
    path = tmp_path / "toast.db"
    app = EcomApp(db=str(path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#title", Input).value = "word " * 99 + "end"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Added “word" in screen_text(app), "toast")
        toast = next(n for n in app._notifications if n.message.startswith("Added"))
        assert len(toast.message) < 70 and toast.message.endswith("…”")
