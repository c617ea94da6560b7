"""Schema versioning: a cheap revision check at start-up, Alembic only when due.

A new database is created by running every migration. An older one is first
copied to a timestamped backup beside it (SQLite), then upgraded. Alembic is
imported only on those paths, never on an ordinary start.

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

from ecomtui.db.errors import DatabaseError, plain_reason
from ecomtui.db.files import backup_file

if TYPE_CHECKING:  # engine imports this module; at run time it only goes that way
    from ecomtui.db.engine import Database

HEAD_REVISION = "0003"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# pg_advisory_xact_lock key of schema changes: "ecomtui" in ASCII
SCHEMA_LOCK_KEY = 0x65636F6D747569


def _revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def current_revision(database: Database) -> str | None:
    """The revision stamped in the database, or None for a database without one."""
    try:
        with database.engine.connect() as conn:
            return _revision(conn)
    except Exception as exc:  # not a database, unreachable server, no permission...
        raise DatabaseError(f"cannot read database {database.location.describe()}: {plain_reason(exc)}") from exc


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


def ensure_schema(database: Database) -> Path | None:
    """Bring the schema to the head revision. Returns the backup path if one was made."""
    if current_revision(database) == HEAD_REVISION:
        return None
    with schema_transaction(database) as conn:
        # decided again under the lock: another program may have just created or upgraded it
        revision = _revision(conn)
        if revision == HEAD_REVISION:
            return None
        backup = _check_before_upgrade(database, conn, revision)
        _migrate(database, conn, "head")
    return backup


def _check_before_upgrade(database: Database, conn: Connection, revision: str | None) -> Path | None:
    """Refuse a database that is not ours or is newer; back up an older SQLite file."""
    where = database.location.describe()
    if revision is None:
        if inspect(conn).get_table_names():
            raise DatabaseError(f"{where} is not an ecomtui database (it has tables but no schema revision)")
        return None
    known = {p.stem.split("_", 1)[0] for p in (MIGRATIONS_DIR / "versions").glob("*.py")}
    if revision not in known:
        raise DatabaseError(f"{where} was written by a newer ecomtui (schema {revision}); please upgrade ecomtui")
    if database.location.path is not None:
        return backup_file(database.location.path, label=f"before-{HEAD_REVISION}")
    return None
