"""explain(): real driver errors become one plain line saying what happened, to which file, what to do."""

from __future__ import annotations

import sqlite3

import pytest

from ecomtui.db import schema
from ecomtui.db.engine import open_database
from ecomtui.db.errors import DatabaseError, explain
from ecomtui.db.location import resolve

# Show file paths in full: the test files are outside this fake home.
pytestmark = pytest.mark.usefixtures("fake_home")

LEAKS = ("SQL", "sqlalche.me", "Error", "[parameters", "INSERT", "\n")


def plain(line: str) -> str:
    for leak in LEAKS:
        assert leak not in line, line
    return line


def test_a_full_disk_is_explained(tmp_path):
    path = tmp_path / "full.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.execute("PRAGMA max_page_count = 2")  # SQLite's own way to fill up: the same error as a full disk
    with pytest.raises(sqlite3.OperationalError) as info:
        con.executemany("INSERT INTO t VALUES (?)", [("x" * 1000,)] * 100)
    con.close()
    assert plain(explain(info.value, resolve(str(path)))) == (
        f"the disk holding {path} is full; nothing was changed; free some space and try again"
    )


def test_a_lock_through_sqlalchemy_is_explained_without_sql(tmp_path, monkeypatch):
    from ecomtui.services import tasks

    monkeypatch.setenv("ECOMTUI_BUSY_TIMEOUT_MS", "1500")
    path = tmp_path / "busy.db"
    database = open_database(str(path))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(Exception) as info, database.transaction() as conn:
            tasks.create_task(conn, tasks.parse_task_input(conn, title="x"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        database.dispose()
    assert "[SQL: BEGIN IMMEDIATE]" in str(info.value), "the raw text the user used to see"
    assert plain(explain(info.value, database.location)) == (
        f"{path} stayed locked by another program for more than 1.5 seconds; "
        "nothing was changed; try again once it has finished"
    )


def test_a_damaged_file_is_explained(tmp_path):
    path = tmp_path / "damaged.db"
    open_database(str(path)).dispose()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseError) as info:
        open_database(str(path))
    assert plain(str(info.value)) == (
        f"{path} is damaged (parts of it cannot be read); nothing was changed; restore it from a backup"
    )


def test_a_bug_is_one_line_without_a_class_name():
    assert plain(explain(KeyError("channel_id"))) == (
        "something went wrong with the database ('channel_id'); if it happens again, please report it"
    )


def test_a_failed_upgrade_removes_the_backup_it_made(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    database = open_database(str(path), upgrade=False)
    schema.upgrade(database, "0001")
    database.dispose()
    monkeypatch.setenv("ECOMTUI_BUSY_TIMEOUT_MS", "100")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # the upgrade cannot get the write lock
    try:
        for _ in range(3):
            with pytest.raises(Exception) as info:
                open_database(str(path))
            assert "stayed locked" in explain(info.value, resolve(str(path)))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".db") == ["old.db"], "no backup left behind"
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    # and once the lock is gone, the upgrade makes (and keeps) its backup
    open_database(str(path)).dispose()
    assert len(list(tmp_path.glob("old.before-*.db"))) == 1
