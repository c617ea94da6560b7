"""The SQLite file: created private, in missing folders, with WAL / foreign keys / busy timeout."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from ecomtui.db.engine import DatabaseError, open_database
from ecomtui.db.models import Channel, Partner, Task
from ecomtui.services import tasks

# Show file paths in full: the test files are outside this fake home.
pytestmark = pytest.mark.usefixtures("fake_home")


@pytest.fixture
def open_umask():
    """Run with a umask that would let everybody read new files."""
    old = os.umask(0)
    yield
    os.umask(old)


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_new_file_is_readable_only_by_its_owner(tmp_path, open_umask):
    path = tmp_path / "private.db"
    db = open_database(str(path))
    try:
        with db.write() as session:
            tasks.create_task(session, tasks.parse_task_input(session, title="write something"))
        assert _mode(path) == 0o600
        # SQLite's side files hold the same data: they must not be more open.
        for side in (tmp_path / "private.db-wal", tmp_path / "private.db-shm"):
            if side.exists():
                assert _mode(side) & 0o077 == 0
    finally:
        db.dispose()


def test_missing_parent_folders_are_created(tmp_path):
    path = tmp_path / "a" / "b" / "c" / "shop.db"
    db = open_database(str(path))
    try:
        assert path.is_file()
        with db.read() as session:
            assert tasks.count_tasks(session) == 0
    finally:
        db.dispose()


def test_open_without_upgrade_still_creates_the_file(tmp_path):
    path = tmp_path / "nested" / "raw.db"
    db = open_database(str(path), upgrade=False)
    try:
        assert path.is_file()
        assert _mode(path) == 0o600
    finally:
        db.dispose()


def test_pragmas_on_a_connection(sqlite_database):
    with sqlite_database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar().lower() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


def test_pragmas_in_read_and_write_sessions(sqlite_database):
    for unit in (sqlite_database.read, sqlite_database.write):
        with unit() as session:
            assert session.execute(text("PRAGMA journal_mode")).scalar().lower() == "wal"
            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert session.execute(text("PRAGMA busy_timeout")).scalar() > 0


def test_wal_mode_is_persisted_in_the_file(sqlite_database):
    import sqlite3

    con = sqlite3.connect(sqlite_database.location.path)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    finally:
        con.close()


def test_foreign_keys_are_enforced(database):
    with pytest.raises(IntegrityError), database.write() as session:
        session.execute(
            text(
                "INSERT INTO task (title, notes, status, priority, channel_id, created_at, updated_at)"
                " VALUES ('orphan', '', 'todo', 'normal', 9999, '2026-11-23 00:00:00', '2026-11-23 00:00:00')"
            )
        )
    with database.read() as session:
        assert tasks.count_tasks(session) == 0


def test_deleting_a_channel_or_owner_keeps_the_task(database):
    with database.write() as session:
        session.add(Channel(name="TikTok", position=50))
        session.add(Partner(name="Acme Agency", kind="agency"))
        session.flush()
        card = tasks.create_task(
            session, tasks.parse_task_input(session, title="Launch", channel="tiktok", owner="acme agency")
        )
    assert (card.channel, card.owner) == ("TikTok", "Acme Agency")
    with database.write() as session:
        session.execute(text("DELETE FROM channel WHERE name = 'TikTok'"))
        session.execute(text("DELETE FROM partner WHERE name = 'Acme Agency'"))
    with database.read() as session:
        after = tasks.get_card(session, card.id)
    assert after is not None
    assert after.title == "Launch"
    assert (after.channel, after.owner) == (None, None)


def test_failed_write_leaves_nothing_behind(database):
    with pytest.raises(RuntimeError), database.write() as session:
        tasks.create_task(session, tasks.parse_task_input(session, title="half done"))
        raise RuntimeError("boom")
    with database.read() as session:
        assert tasks.count_tasks(session) == 0


def test_written_data_survives_reopening(db_url, backend):
    db = open_database(db_url)
    with db.write() as session:
        tasks.create_task(session, tasks.parse_task_input(session, title="persist me"))
    db.dispose()
    again = open_database(db_url)
    try:
        with again.read() as session:
            assert [c.title for c in tasks.list_tasks(session)] == ["persist me"]
        assert again.engine.dialect.name == backend
        with again.read() as session:
            assert session.get(Task, 1).title == "persist me"
    finally:
        again.dispose()


def test_cannot_create_file_under_a_regular_file(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("hello")
    with pytest.raises(DatabaseError) as info:
        open_database(str(blocker / "shop.db"))
    assert str(blocker / "shop.db") in str(info.value)
    assert "\n" not in str(info.value)
    assert blocker.read_text() == "hello"


def test_unusable_url_is_a_database_error_without_password():
    with pytest.raises(DatabaseError) as info:
        open_database("nosuchdriver://shop:s3cret-pw@db.example.com/ecom")
    assert "s3cret-pw" not in str(info.value)
    assert "db.example.com" in str(info.value)


@pytest.mark.parametrize("name", ["shop?mode=ro.db", "shop%41.db", "shop #1.db"])
def test_odd_characters_in_a_path_name_that_very_file(tmp_path, name):
    from ecomtui.services import tasks

    path = tmp_path / name
    database = open_database(str(path))
    with database.transaction() as conn:
        tasks.create_task(conn, tasks.parse_task_input(conn, title="kept here"))
    database.dispose()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".db") == [name]
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT title FROM task").fetchall() == [("kept here",)]
