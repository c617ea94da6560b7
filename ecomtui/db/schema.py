"""Schema versioning: a cheap revision check at start-up, Alembic only when due.

A new database is created by running every migration. An older one is first
copied to a timestamped backup beside it, then upgraded. Alembic is imported
only on those paths, never on an ordinary start.

Creating or upgrading happens in one write transaction that holds every other
program opening the same database off (``BEGIN IMMEDIATE`` on SQLite, an
advisory lock on PostgreSQL): the revision is read again under that lock, so a
second program that arrives meanwhile finds the schema current and does
nothing, and nobody ever sees a half-built schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from ecomtui.db.errors import DatabaseError, explain, read_only
from ecomtui.db.files import backup_file, remove_sqlite_files

if TYPE_CHECKING:  # engine imports this module; at run time it only goes that way
    from ecomtui.db.engine import Database

HEAD_REVISION = "0008"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# pg_advisory_xact_lock key of schema changes: "ecomtui" in ASCII
SCHEMA_LOCK_KEY = 0x65636F6D747569


def _revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def current_revision(database: Database) -> str | None:
    """The revision stamped in the database, or None for a database without one."""
    with database.engine.connect() as conn:
        return _revision(conn)


def alembic_config(database: Database):
    """An Alembic config pointing at our migrations and this database."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", database.location.url.replace("%", "%%"))
    return config


@contextmanager
def schema_transaction(database: Database) -> Iterator[Connection]:
    """One write transaction for schema changes, which no other program can enter until it ends."""
    with database.transaction() as conn:  # BEGIN IMMEDIATE on SQLite
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
        yield conn


def _migrate(database: Database, conn: Connection, revision: str) -> None:
    """Run migrations on ``conn``, inside its transaction (all of them or none)."""
    from alembic import command

    config = alembic_config(database)
    # An open transaction makes Alembic run every migration in it; on its own
    # it commits after each one on SQLite, letting another program in between.
    config.attributes["connection"] = conn
    command.upgrade(config, revision)


def upgrade(database: Database, revision: str = "head") -> None:
    """Run migrations up to ``revision``."""
    with schema_transaction(database) as conn:
        _migrate(database, conn, revision)


def recreate(database: Database, conn: Connection) -> None:
    """Drop every ecomtui table and create the head schema afresh, inside ``conn``'s transaction.

    For PostgreSQL, whose DDL is transactional: until the transaction commits,
    everybody else still sees the old store. Ids start again from 1.
    """
    from sqlmodel import SQLModel

    from ecomtui.db import models  # noqa: F401  (registers the tables)

    SQLModel.metadata.drop_all(conn)
    conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    _migrate(database, conn, "head")


def known_revisions() -> set[str]:
    """The revisions this ecomtui has migrations for."""
    return {p.stem.split("_", 1)[0] for p in (MIGRATIONS_DIR / "versions").glob("*.py")}


def schema_state(database: Database) -> tuple[str, str | None]:
    """What the file holds, as (state, revision); raises what reading it raised.

    States: ``current`` (this ecomtui's schema), ``due`` (an older one: an
    upgrade is due), ``newer`` (written by a newer ecomtui), ``foreign``
    (tables, but not ecomtui's), ``empty`` (a new, empty file).
    """
    with database.engine.connect() as conn:
        # Tables first, then the revision: a schema another program creates meanwhile
        # appears all at once, so tables without a revision are never a half-made one.
        tables = inspect(conn).get_table_names()
        revision = _revision(conn) if "alembic_version" in tables else None
    if revision == HEAD_REVISION:
        return "current", revision
    if revision is None:
        return ("foreign" if tables else "empty"), None
    if revision not in known_revisions():
        return "newer", revision
    return "due", revision


def ensure_schema(database: Database) -> Path | None:
    """Bring the schema to the head revision. Returns the backup path if one was made.

    The backup made before an upgrade is removed again if the upgrade fails:
    a failed attempt leaves the file as it was and nothing beside it.
    """
    where = database.location.describe()
    try:
        state, revision = schema_state(database)
    except Exception as exc:
        raise DatabaseError(explain(exc, database.location)) from exc
    if state == "current":
        return None
    if state == "foreign":
        raise DatabaseError(
            f"{where} is not an ecomtui database (it holds other tables); check the path, or choose another file with --db"
        )
    if state == "newer":
        raise DatabaseError(
            f"{where} was written by a newer ecomtui (schema {revision}; this one knows up to {HEAD_REVISION}); "
            "upgrade ecomtui to use it"
        )
    if database.read_only is not None:
        needs = "setting up" if state == "empty" else f"a schema upgrade ({revision} to {HEAD_REVISION})"
        raise DatabaseError(read_only(where, database.read_only_reason, needs))
    backup = None
    try:
        with schema_transaction(database) as conn:
            # decided again under the lock: another program may have just created or upgraded it
            revision = _revision(conn)
            if revision == HEAD_REVISION:
                return None
            if revision is None and inspect(conn).get_table_names():
                raise DatabaseError(f"{where} is not an ecomtui database (it holds other tables)")
            if revision is not None and database.location.path is not None:
                backup = backup_file(database.location.path, label=f"before-{HEAD_REVISION}")
            _migrate(database, conn, "head")
    except BaseException:
        if backup is not None:
            remove_sqlite_files(backup)
        raise
    return backup
