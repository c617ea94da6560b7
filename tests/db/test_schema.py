"""Schema revisions: new files at head, old ones backed up then upgraded, strange ones refused."""

from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlmodel import SQLModel

from ecomtui.db import schema
from ecomtui.db.engine import DatabaseError, open_database
from ecomtui.db.schema import HEAD_REVISION, current_revision, ensure_schema
from ecomtui.services import tasks
from ecomtui.services.lookups import channel_names, channel_rows
from ecomtui.vocabulary import SEED_CHANNELS

# Show file paths in full: the test files are outside this fake home.
pytestmark = pytest.mark.usefixtures("fake_home")

FIRST_REVISION = "0001"
EXPECTED_CHANNELS = [
    "SEO",
    "PPC",
    "Paid Social",
    "Email",
    "Social",
    "Content",
    "Affiliate",
    "Marketplaces",
    "Influencers",
    "Other",
]


def _sqlite_rows(path, sql):
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _insert_raw_task(database, title):
    with database.write() as session:
        session.execute(
            text(
                "INSERT INTO task (title, notes, status, priority, due, created_at, updated_at)"
                " VALUES (:title, '', 'doing', 'high', '2026-12-01',"
                " '2026-11-01 09:00:00.000000', '2026-11-01 09:00:00.000000')"
            ),
            {"title": title},
        )


@pytest.fixture
def old_database_file(tmp_path):
    """A database file left by the first release (schema 0001) holding one task."""
    path = tmp_path / "store.db"
    db = open_database(str(path), upgrade=False)
    schema.upgrade(db, FIRST_REVISION)
    assert current_revision(db) == FIRST_REVISION
    _insert_raw_task(db, "Fix [bold]checkout[/] 🛒")
    db.dispose()
    return path


def test_new_database_is_at_head_revision(database):
    assert current_revision(database) == HEAD_REVISION


def test_head_revision_is_the_last_migration(database):
    scripts = ScriptDirectory.from_config(schema.alembic_config(database))
    assert scripts.get_heads() == [HEAD_REVISION]
    assert FIRST_REVISION in {s.revision for s in scripts.walk_revisions()}


def test_migrations_produce_exactly_the_models(database):
    with database.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)
    assert diff == []


def test_seeded_channels_exist_in_order(database):
    with database.read() as session:
        names = [name for _, name in channel_names(session)]
    assert names == EXPECTED_CHANNELS
    assert list(SEED_CHANNELS) == EXPECTED_CHANNELS


def test_seeded_channels_exist_at_first_revision(old_database_file):
    rows = _sqlite_rows(old_database_file, "SELECT name FROM channel ORDER BY position")
    assert [r[0] for r in rows] == EXPECTED_CHANNELS


def test_old_database_is_backed_up_then_upgraded(old_database_file):
    folder = old_database_file.parent
    assert list(folder.glob("*.before-*")) == []

    db = open_database(str(old_database_file))
    try:
        assert current_revision(db) == HEAD_REVISION
        with db.read() as session:
            cards = tasks.list_tasks(session)
    finally:
        db.dispose()
    assert [(c.title, c.status, c.priority, c.due.isoformat()) for c in cards] == [
        ("Fix [bold]checkout[/] 🛒", "doing", "high", "2026-12-01")
    ]

    backups = list(folder.glob(f"store.before-{HEAD_REVISION}-*.db"))
    assert len(backups) == 1
    backup = backups[0]
    assert _sqlite_rows(backup, "SELECT title FROM task") == [("Fix [bold]checkout[/] 🛒",)]
    assert _sqlite_rows(backup, "SELECT version_num FROM alembic_version") == [(FIRST_REVISION,)]
    assert backup.stat().st_mode & 0o077 == 0

    # what 0002 adds is really there after the upgrade
    indexes = _sqlite_rows(old_database_file, "SELECT name FROM sqlite_master WHERE type = 'index'")
    assert ("ix_task_status_due",) in indexes


def test_upgraded_database_accepts_new_tasks(old_database_file):
    db = open_database(str(old_database_file))
    try:
        with db.write() as session:
            tasks.create_task(session, tasks.parse_task_input(session, title="after upgrade", channel="seo"))
        with db.read() as session:
            assert sorted(c.title for c in tasks.list_tasks(session)) == ["Fix [bold]checkout[/] 🛒", "after upgrade"]
    finally:
        db.dispose()


def test_database_at_head_is_not_backed_up_again(old_database_file):
    for _ in range(3):
        open_database(str(old_database_file)).dispose()
    assert len(list(old_database_file.parent.glob("*.before-*"))) == 1


def test_ensure_schema_reports_the_backup(old_database_file):
    db = open_database(str(old_database_file), upgrade=False)
    try:
        backup = ensure_schema(db)
        assert backup is not None and backup.is_file()
        assert backup.parent == old_database_file.parent
        assert ensure_schema(db) is None
    finally:
        db.dispose()


def test_database_from_a_newer_ecomtui_is_refused(tmp_path):
    path = tmp_path / "newer.db"
    open_database(str(path)).dispose()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '0999'")
    con.execute(
        "INSERT INTO task (title, notes, status, priority, created_at, updated_at)"
        " VALUES ('keep', '', 'todo', 'normal', '2026-11-01 00:00:00', '2026-11-01 00:00:00')"
    )
    con.commit()
    con.close()

    with pytest.raises(DatabaseError) as info:
        open_database(str(path))
    message = str(info.value)
    assert "newer" in message and "0999" in message
    assert "\n" not in message
    assert _sqlite_rows(path, "SELECT version_num FROM alembic_version") == [("0999",)]
    assert _sqlite_rows(path, "SELECT title FROM task") == [("keep",)]
    assert list(tmp_path.glob("*.before-*")) == []


def test_file_with_foreign_tables_is_refused(tmp_path):
    path = tmp_path / "crm.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO customers VALUES (1, 'Ada')")
    con.commit()
    con.close()

    with pytest.raises(DatabaseError) as info:
        open_database(str(path))
    assert "not an ecomtui database" in str(info.value)
    assert str(path) in str(info.value)
    tables = {r[0] for r in _sqlite_rows(path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"customers"}
    assert _sqlite_rows(path, "SELECT * FROM customers") == [(1, "Ada")]
    assert list(tmp_path.glob("*.before-*")) == []


def test_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n")
    with pytest.raises(DatabaseError) as info:
        open_database(str(path))
    assert str(path) in str(info.value)
    assert path.read_text() == "shopping list\n"


def test_empty_file_becomes_a_new_database(tmp_path):
    path = tmp_path / "touched.db"
    path.touch()
    db = open_database(str(path))
    try:
        assert current_revision(db) == HEAD_REVISION
    finally:
        db.dispose()


def test_refused_foreign_file_keeps_its_journal_mode(tmp_path):
    path = tmp_path / "crm.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    assert _sqlite_rows(path, "PRAGMA journal_mode") == [("delete",)]
    with pytest.raises(DatabaseError):
        open_database(str(path))
    assert _sqlite_rows(path, "PRAGMA journal_mode") == [("delete",)]


def test_channels_of_an_older_store_get_the_default_colours_in_their_order(tmp_path):
    from ecomtui.services.channel_colours import default_colour

    path = tmp_path / "store-0002.db"
    db = open_database(str(path), upgrade=False)
    schema.upgrade(db, "0002")
    with db.write() as session:
        session.execute(text("INSERT INTO channel (name, position) VALUES ('TikTok', 10)"))
        session.execute(text("UPDATE channel SET position = 11 WHERE name = 'SEO'"))
    db.dispose()

    db = open_database(str(path))
    try:
        with db.connect() as conn:
            rows = channel_rows(conn)
    finally:
        db.dispose()
    assert [c.name for c in rows][-2:] == ["TikTok", "SEO"]
    assert [c.colour for c in rows] == [default_colour(i) for i in range(len(rows))]
    assert not any(c.retired for c in rows)
    assert len(list(tmp_path.glob("store-0002.before-*"))) == 1
