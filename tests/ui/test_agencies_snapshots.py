"""Snapshots of the Agencies tab on the demo store at 80x24 and 120x40 (frozen date, HOME beside the file).

After an intended change of the screen: ``pytest tests/ui --snapshot-update``.
"""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from support import wait_until

from ecomtui.app import EcomApp
from ecomtui.demo import write_demo

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def agencies_demo(tmp_path_factory):
    return write_demo(str(tmp_path_factory.mktemp("agencies") / "demo.db"), scale="small", seed=7, today=TODAY)


@pytest.fixture
def agencies_app(agencies_demo, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    db = home / "demo.db"
    shutil.copyfile(agencies_demo, db)
    monkeypatch.setenv("HOME", str(home))
    return EcomApp(db=str(db))


async def on_agencies(pilot) -> None:
    app = pilot.app
    await wait_until(pilot, lambda: app.tab("agencies") is not None and app.tab("agencies").loaded, "agencies")
    await pilot.press("4")
    await pilot.pause()


def test_agencies_80x24(agencies_app, snap_compare):
    assert snap_compare(agencies_app, terminal_size=(80, 24), run_before=on_agencies)


def test_agencies_detail_80x24(agencies_app, snap_compare):
    async def run_before(pilot):
        await on_agencies(pilot)
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(agencies_app, terminal_size=(80, 24), run_before=run_before)


def test_agencies_120x40(agencies_app, snap_compare):
    assert snap_compare(agencies_app, terminal_size=(120, 40), run_before=on_agencies)


def test_delete_dialog_offers_archive_120x40(agencies_app, snap_compare):
    async def run_before(pilot):
        await on_agencies(pilot)
        await pilot.press("d")
        await pilot.pause()

    assert snap_compare(agencies_app, terminal_size=(120, 40), run_before=run_before)
