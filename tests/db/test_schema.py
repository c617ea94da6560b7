"""Schema revisions: new files at head, old ones backed up then upgraded, strange ones refused."""

from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, inspect, text
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


def _rows(db_url, sql):
    """Rows read straight from the store, without opening (or upgrading) it as ecomtui."""
    db = open_database(db_url, upgrade=False)
    try:
        with db.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql))]
    finally:
        db.dispose()


def _execute(db_url, *statements):
    db = open_database(db_url, upgrade=False)
    try:
        with db.transaction() as conn:
            for sql in statements:
                conn.execute(text(sql))
    finally:
        db.dispose()


def _table_names(db_url):
    db = open_database(db_url, upgrade=False)
    try:
        with db.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        db.dispose()


RAW_TASK = (
    "INSERT INTO task (title, notes, status, priority, due, created_at, updated_at)"
    " VALUES ('{title}', '', 'doing', 'high', '2026-12-01',"
    " '2026-11-01 09:00:00.000000', '2026-11-01 09:00:00.000000')"
)
OLD_TITLE = "Fix [bold]checkout[/] 🛒"


@pytest.fixture
def old_store(empty_db_url):
    """A store left by the first release (schema 0001) holding one task, on each backend."""
    db = open_database(empty_db_url, upgrade=False)
    schema.upgrade(db, FIRST_REVISION)
    assert current_revision(db) == FIRST_REVISION
    db.dispose()
    _execute(empty_db_url, RAW_TASK.format(title=OLD_TITLE))
    return empty_db_url


@pytest.fixture
def old_database_file(tmp_path):
    """A database file left by the first release (schema 0001) holding one task."""
    path = tmp_path / "store.db"
    db = open_database(str(path), upgrade=False)
    schema.upgrade(db, FIRST_REVISION)
    db.dispose()
    _execute(str(path), RAW_TASK.format(title=OLD_TITLE))
    return path


def test_new_database_is_at_head_revision(empty_db_url):
    db = open_database(empty_db_url)
    try:
        assert current_revision(db) == HEAD_REVISION
    finally:
        db.dispose()


def test_head_revision_is_the_last_migration(sqlite_database):
    scripts = ScriptDirectory.from_config(schema.alembic_config(sqlite_database))
    assert scripts.get_heads() == [HEAD_REVISION]
    assert FIRST_REVISION in {s.revision for s in scripts.walk_revisions()}


def test_migrations_produce_exactly_the_models(empty_db_url):
    db = open_database(empty_db_url)
    try:
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)
    finally:
        db.dispose()
    assert diff == []


def test_seeded_channels_exist_in_order(database):
    with database.read() as session:
        names = [name for _, name in channel_names(session)]
    assert names == EXPECTED_CHANNELS
    assert list(SEED_CHANNELS) == EXPECTED_CHANNELS


def test_seeded_channels_exist_at_first_revision(old_store):
    rows = _rows(old_store, "SELECT name FROM channel ORDER BY position")
    assert [r[0] for r in rows] == EXPECTED_CHANNELS


def test_old_store_is_upgraded_and_keeps_its_tasks(old_store):
    db = open_database(old_store)
    try:
        assert current_revision(db) == HEAD_REVISION
        with db.read() as session:
            cards = tasks.list_tasks(session)
        with db.connect() as conn:
            indexes = {ix["name"] for ix in inspect(conn).get_indexes("task")}
    finally:
        db.dispose()
    assert [(c.title, c.status, c.priority, c.due.isoformat()) for c in cards] == [
        (OLD_TITLE, "doing", "high", "2026-12-01")
    ]
    assert "ix_task_status_due" in indexes  # what 0002 adds is really there


def test_old_database_file_is_backed_up_before_the_upgrade(old_database_file):
    folder = old_database_file.parent
    assert list(folder.glob("*.before-*")) == []
    open_database(str(old_database_file)).dispose()

    backups = list(folder.glob(f"store.before-{HEAD_REVISION}-*.db"))
    assert len(backups) == 1
    backup = backups[0]
    assert _sqlite_rows(backup, "SELECT title FROM task") == [(OLD_TITLE,)]
    assert _sqlite_rows(backup, "SELECT version_num FROM alembic_version") == [(FIRST_REVISION,)]
    assert backup.stat().st_mode & 0o077 == 0
    assert _sqlite_rows(old_database_file, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]


def test_upgraded_database_accepts_new_tasks(old_store):
    db = open_database(old_store)
    try:
        with db.write() as session:
            tasks.create_task(session, tasks.parse_task_input(session, title="after upgrade", channel="seo"))
        with db.read() as session:
            assert sorted(c.title for c in tasks.list_tasks(session)) == [OLD_TITLE, "after upgrade"]
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


def test_database_from_a_newer_ecomtui_is_refused(db_url, tmp_path):
    open_database(db_url).dispose()
    _execute(db_url, "UPDATE alembic_version SET version_num = '0999'", RAW_TASK.format(title="keep"))

    with pytest.raises(DatabaseError) as info:
        open_database(db_url)
    message = str(info.value)
    assert "newer" in message and "0999" in message
    assert "\n" not in message
    assert _rows(db_url, "SELECT version_num FROM alembic_version") == [("0999",)]
    assert _rows(db_url, "SELECT title FROM task") == [("keep",)]
    assert list(tmp_path.glob("*.before-*")) == []


def test_database_with_foreign_tables_is_refused(empty_db_url, tmp_path):
    _execute(empty_db_url, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    _execute(empty_db_url, "INSERT INTO customers VALUES (1, 'Ada')")

    with pytest.raises(DatabaseError) as info:
        open_database(empty_db_url)
    assert "not an ecomtui database" in str(info.value)
    assert empty_db_url in str(info.value)
    assert _table_names(empty_db_url) == {"customers"}
    assert _rows(empty_db_url, "SELECT * FROM customers") == [(1, "Ada")]
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


def test_a_new_file_is_never_seen_half_built(tmp_path):
    # Another program opening the file while its schema is being created must
    # see either nothing or all of it, and must not be able to start writing:
    # otherwise it plans the same migrations again and fails half-way.
    path = tmp_path / "new.db"
    db = open_database(str(path), upgrade=False)
    seen = {}

    def peek(conn, cursor, statement, *_):
        if "ix_task_status_due" in statement and "tables" not in seen:  # the last migration
            other = sqlite3.connect(path, timeout=0)
            try:
                seen["tables"] = other.execute("SELECT name FROM sqlite_master").fetchall()
                try:
                    other.execute("BEGIN IMMEDIATE")
                    seen["could write"] = True
                except sqlite3.OperationalError:
                    seen["could write"] = False
            finally:
                other.close()

    event.listen(db.engine, "before_cursor_execute", peek)
    try:
        ensure_schema(db)
    finally:
        event.remove(db.engine, "before_cursor_execute", peek)
        db.dispose()
    assert seen == {"tables": [], "could write": False}
    assert _sqlite_rows(path, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]


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


def test_a_store_another_program_creates_meanwhile_is_not_refused(empty_db_url, backend):
    # Another program may create the schema while this one takes its first
    # look at the store: the look must not see tables without their revision
    # and refuse the store as a foreign one.
    if backend == "sqlite":  # a reader then does not hold off the other program's commit
        with sqlite3.connect(empty_db_url) as con:
            con.execute("PRAGMA journal_mode = WAL")
    db = open_database(empty_db_url, upgrade=False)
    created = []

    def other_program_creates_it(conn, cursor, statement, *_):
        if not created and any(word in statement for word in ("sqlite_master", "table_info", "pg_class")):
            created.append(True)
            open_database(empty_db_url).dispose()

    event.listen(db.engine, "after_cursor_execute", other_program_creates_it)
    try:
        assert ensure_schema(db) is None
    finally:
        event.remove(db.engine, "after_cursor_execute", other_program_creates_it)
        db.dispose()
    assert created
    assert _rows(empty_db_url, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
