"""Snapshots of the KPIs tab and its dialogs at 80x24 and 120x40.

The chart has no snapshot: plotext splits its output into differently sized runs
of the same style from one process to the next, so its SVG is not stable;
test_kpis_flows.py checks what the chart shows.

The date is frozen by the sandbox fixture and HOME points at the database's
folder, so paths read ``~/...`` on every machine. After an intended change of
a screen: ``pytest tests/ui/test_kpis_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from kpi_support import open_kpis, seed_kpis
from support import wait_text, wait_until
from textual.widgets import Input, Select

from ecomtui.app import EcomApp
from ecomtui.demo import write_demo

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    return write_demo(str(tmp_path_factory.mktemp("kpi-demo") / "demo.db"), scale="small", seed=7, today=TODAY)


@pytest.fixture
def home(tmp_path, monkeypatch):
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


@pytest.fixture
def demo_app(demo_template, home):
    db = home / "demo.db"
    shutil.copyfile(demo_template, db)
    return EcomApp(db=str(db))


def no_blink(screen) -> None:
    for field in screen.query(Input):
        field.cursor_blink = False


def test_kpis_80x24(demo_app, snap_compare):
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=open_kpis)


def test_kpis_120x40(demo_app, snap_compare):
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=open_kpis)


def test_kpis_week_120x40(demo_app, snap_compare):
    async def run_before(pilot):
        await open_kpis(pilot)
        await pilot.press("left_square_bracket", "down")
        await wait_text(pilot, "Week 2026-W47")

    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=run_before)


def test_goal_dialog_80x24(demo_app, snap_compare):
    async def run_before(pilot):
        await open_kpis(pilot)
        await pilot.press("g")
        await wait_text(pilot, "Set a monthly goal")
        no_blink(pilot.app.screen)

    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=run_before)


def test_import_summary_80x24(home, snap_compare):
    (home / "kpis-week.csv").write_text("date,revenue,orders,sessions\n2026-11-20,1200.50,10,0\n2026-11-21,900,8,400\n")

    async def run_before(pilot):
        await open_kpis(pilot)
        await pilot.press("i")
        await wait_text(pilot, "Import a file")
        screen = pilot.app.screen
        no_blink(screen)
        screen.query_one("#path", Input).value = "~/kpis-week.csv"
        screen.query_one("#format", Select).value = "kpis"
        await pilot.press("ctrl+s")
        await wait_text(pilot, "2 rows imported")
        kpis = pilot.app.tabs["kpis"]  # the cards behind the dialog read the imported days at once
        await wait_until(pilot, lambda: kpis.view is not None and kpis.view.latest == date(2026, 11, 21), "re-read")
        await pilot.pause()

    assert snap_compare(EcomApp(db=str(home / "new.db")), terminal_size=(80, 24), run_before=run_before)


def test_empty_store_kpis_80x24(home, snap_compare):
    async def run_before(pilot):
        from ecomtui.ui.kpis import Welcome

        await open_kpis(pilot)
        # the welcome takes the focus once the empty store is read, and the footer follows it
        await wait_until(pilot, lambda: isinstance(pilot.app.focused, Welcome), "the welcome focused")
        await pilot.pause()

    assert snap_compare(EcomApp(db=str(home / "new.db")), terminal_size=(80, 24), run_before=run_before)


def test_n_a_ratio_80x24(home, snap_compare):
    db = seed_kpis(home / "na.db", {date(2026, 11, 20): {"orders": "12", "sessions": "0", "revenue": "1000"}})
    assert snap_compare(EcomApp(db=str(db)), terminal_size=(80, 24), run_before=open_kpis)
