"""Snapshot tests of the Calendar tab (demo store, frozen date) at 80x24 and 120x40.

After an intended change of a screen: ``pytest tests/ui --snapshot-update``.
"""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from support import screen_text, wait_until
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


async def calendar_shown(pilot) -> None:
    app = pilot.app
    await wait_until(pilot, lambda: all(tab.loaded for tab in app.tabs.values()), "every tab loaded")
    await pilot.press("3")
    await wait_until(pilot, lambda: "in the month" in screen_text(app), "calendar shown")
    for field in app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def test_calendar_80x24(demo_app, snap_compare):
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=calendar_shown)


def test_calendar_120x40(demo_app, snap_compare):
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=calendar_shown)


def test_calendar_black_friday_selected_120x40(demo_app, snap_compare):
    async def run_before(pilot):
        await calendar_shown(pilot)
        await pilot.press("right", "right", "right", "right")

    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=run_before)


def test_promotion_dialog_80x24(demo_app, snap_compare):
    async def run_before(pilot):
        await calendar_shown(pilot)
        await pilot.press("tab", "down", "e")
        await wait_until(pilot, lambda: "Edit promotion" in screen_text(pilot.app), "dialog")
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause(0.2)

    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=run_before)
