"""Snapshot tests of the board and its dialogs at 80x24 and 120x40.

The date is frozen by the sandbox fixture and HOME points at the database's
folder, so the status line reads ``~/demo.db`` on every machine. After an
intended change of a screen: ``pytest tests/ui --snapshot-update``.
"""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from support import seed_tasks, wait_loaded
from textual.widgets import Input

from ecomtui.app import EcomApp
from ecomtui.demo import write_demo

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    return write_demo(str(tmp_path_factory.mktemp("demo") / "demo.db"), scale="small", seed=7, today=TODAY)


@pytest.fixture
def demo_app(demo_template, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    db = home / "demo.db"
    shutil.copyfile(demo_template, db)
    monkeypatch.setenv("HOME", str(home))
    return EcomApp(db=str(db))


async def loaded(pilot) -> None:
    await wait_loaded(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


def test_board_80x24(demo_app, snap_compare):
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=loaded)


def test_board_120x40(demo_app, snap_compare):
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=loaded)


def test_board_selection_moved_120x40(demo_app, snap_compare):
    async def run_before(pilot):
        await loaded(pilot)
        await pilot.press("right", "down", "down")

    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=run_before)


def test_filtered_board_80x24(demo_app, snap_compare):
    async def run_before(pilot):
        await loaded(pilot)
        await pilot.press("slash", *"seo")
        pilot.app.screen.query_one("#filter", Input).cursor_blink = False

    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=run_before)


def test_invalid_date_in_dialog_80x24(demo_app, snap_compare):
    async def run_before(pilot):
        await loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        screen = pilot.app.screen
        for field in screen.query(Input):
            field.cursor_blink = False
        screen.query_one("#title", Input).value = "Plan January sale"
        screen.query_one("#due", Input).value = "2026-13-45"
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=run_before)


def test_empty_store_80x24(tmp_path, monkeypatch, snap_compare):
    monkeypatch.setenv("HOME", str(tmp_path))
    app = EcomApp(db=str(tmp_path / "new.db"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=loaded)


def test_markup_like_titles_are_shown_as_typed_120x40(tmp_path, monkeypatch, snap_compare):
    monkeypatch.setenv("HOME", str(tmp_path))
    db = seed_tasks(
        tmp_path / "odd.db",
        [
            {"title": "Fix [bold]checkout[/]", "status": "doing", "channel": "PPC", "due": "2026-12-01"},
            {"title": "[/", "status": "todo"},
            {"title": "[link=x]y", "status": "todo", "priority": "urgent"},
            {"title": "Launch 🎉 sale 🛒 week", "status": "review", "notes": "[red]not red[/red]"},
            {"title": "تخفيضات الجمعة السوداء", "status": "backlog"},
        ],
    )
    assert snap_compare(EcomApp(db=str(db)), terminal_size=(120, 40), run_before=loaded)


def test_selected_card_line_80x24(demo_app, snap_compare):
    async def run_before(pilot):
        await loaded(pilot)
        await pilot.press("right", "right", "down")  # In progress, its second card

    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=run_before)


def test_done_column_selected_80x24(demo_app, snap_compare):
    async def run_before(pilot):
        await loaded(pilot)
        await pilot.press("right", "right", "right", "right")

    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=run_before)


LONG_TITLE = ("Rewrite every product description of the winter collection " * 9).strip()[:500]


@pytest.fixture
def long_title_app(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    db = seed_tasks(
        tmp_path / "long.db",
        [
            {"title": LONG_TITLE, "status": "doing", "channel": "Content", "due": "2026-11-20", "priority": "urgent",
             "sprint": "2026-11", "notes": "Brief from the buying team\nsecond line"},
            {"title": "Short one", "status": "doing", "channel": "SEO"},
            {"title": "Supercalifragilisticexpialidocious-campaign-naming-convention", "status": "todo"},
        ],
    )  # fmt: skip
    return EcomApp(db=str(db))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_long_title(long_title_app, snap_compare, size):
    async def run_before(pilot):
        await loaded(pilot)
        board = pilot.app.tab("tasks")
        board.focus_column(board.column("doing"))
        await pilot.pause()

    assert snap_compare(long_title_app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_help_legend(demo_app, snap_compare, size):
    async def run_before(pilot):
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=size, run_before=run_before)
