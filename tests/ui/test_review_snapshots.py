"""Snapshot tests of the Dashboard and each step of the weekly review at 80x24 and 120x40."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from support import wait_until
from textual.widgets import TextArea

from ecomtui.app import EcomApp
from ecomtui.demo import write_demo
from ecomtui.ui.review import ReviewScreen

TODAY = date(2026, 11, 23)
SIZES = [(80, 24), (120, 40)]


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


async def dashboard_shown(pilot) -> None:
    await wait_until(pilot, lambda: all(t.loaded for t in pilot.app.tabs.values()), "tabs loaded")
    await pilot.pause()


def review_at(step: int):
    async def run_before(pilot) -> None:
        await dashboard_shown(pilot)
        await pilot.press("w")
        app = pilot.app
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.loaded, "the review")
        for _ in range(step):
            await pilot.press("right")
        for area in app.screen.query(TextArea):
            area.cursor_blink = False
        await pilot.pause()

    return run_before


def review_steps() -> int:
    from ecomtui.services.review import STEPS

    return len(STEPS) + 1  # the figures' steps, then notes


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_dashboard(demo_app, snap_compare, size):
    assert snap_compare(demo_app, terminal_size=size, run_before=dashboard_shown)


@pytest.mark.parametrize("step", range(review_steps()))
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_review_step(demo_app, snap_compare, size, step):
    assert snap_compare(demo_app, terminal_size=size, run_before=review_at(step))
