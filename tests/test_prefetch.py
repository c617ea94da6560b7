"""The first read done by a second process at start-up: the same data, or nothing; never a write."""

from __future__ import annotations

import os
import time
from datetime import date

import pytest

from ecomtui import prefetch
from ecomtui.db.engine import open_database
from ecomtui.db.location import resolve
from ecomtui.demo import write_demo
from ecomtui.services import dashboard

TODAY = date(2026, 11, 23)
TARGET = "ecomtui.services.dashboard:screen"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return write_demo(str(tmp_path_factory.mktemp("demo") / "demo.db"), scale="small", seed=7, today=TODAY)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("ECOMTUI_TODAY", TODAY.isoformat())


def direct_read(path):
    database = open_database(str(path))
    with database.connect() as conn:
        result = dashboard.screen(conn, TODAY)
    database.dispose()
    return result


def slow_read(conn, today):
    time.sleep(30)


def failing_read(conn, today):
    raise RuntimeError("boom")


def test_the_first_tab_reads_the_dashboard_beside_start_up():
    assert prefetch.first_read() == TARGET


def test_the_child_reads_what_the_app_would(demo):
    early = prefetch.start(resolve(str(demo)), TARGET)
    assert early is not None
    assert early.take() == direct_read(demo)


def test_a_missing_store_is_not_read_and_not_created(tmp_path):
    path = tmp_path / "new.db"
    assert prefetch.start(resolve(str(path)), TARGET) is None
    assert not path.exists()


@pytest.mark.parametrize("contents", ["empty", "foreign"])
def test_a_store_that_is_not_this_ecomtuis_schema_gives_nothing_and_stays_as_it_was(tmp_path, contents):
    import sqlite3

    path = tmp_path / f"{contents}.db"
    with sqlite3.connect(path) as conn:
        if contents == "foreign":
            conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        else:
            conn.execute("PRAGMA user_version = 0")
    before = path.read_bytes()
    early = prefetch.start(resolve(str(path)), TARGET)
    assert early is not None and early.take() is None
    assert path.read_bytes() == before


def test_a_failing_read_gives_nothing(demo):
    early = prefetch.start(resolve(str(demo)), f"{__name__}:failing_read")
    assert early is not None and early.take() is None


def test_a_child_that_takes_too_long_is_ended_and_gives_nothing(demo):
    early = prefetch.start(resolve(str(demo)), f"{__name__}:slow_read")
    assert early is not None
    assert early.take(timeout=0.5) is None
    with pytest.raises(ChildProcessError):  # ended and reaped: no process left behind
        os.waitpid(early.pid, os.WNOHANG)


def test_the_child_reads_a_store_on_either_backend(database):
    from ecomtui.services import tasks

    with database.transaction() as conn:
        tasks.create_task(conn, tasks.parse_task_input(conn, title="Overdue check", due="2026-11-20"))
    with database.connect() as conn:
        expected = dashboard.screen(conn, TODAY)
    early = prefetch.start(database.location, TARGET)
    assert early is not None
    shown = early.take()
    assert shown == expected and "Overdue check" in str(shown)
