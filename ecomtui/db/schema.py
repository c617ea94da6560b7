"""Schema versioning: a cheap revision check at start-up, Alembic only when due.

A new database is created by running every migration. An older one is first
copied to a timestamped backup beside it, then upgraded. Alembic is imported
only on those paths, never on an ordinary start.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from ecomtui.db.errors import DatabaseError
from ecomtui.db.files import backup_file

if TYPE_CHECKING:  # engine imports this module; at run time it only goes that way
    from ecomtui.db.engine import Database

HEAD_REVISION = "0008"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def current_revision(database: Database) -> str | None:
    """The revision stamped in the database, or None for a database without one."""
    with database.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _table_names(database: Database) -> list[str]:
    with database.engine.connect() as conn:
        return inspect(conn).get_table_names()


def alembic_config(database: Database):
    """An Alembic config pointing at our migrations and this database's engine."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", database.location.url.replace("%", "%%"))
    # BEGIN IMMEDIATE: two processes opening a new file at once queue instead of
    # failing; the second then finds the schema current and does nothing.
    config.attributes["engine"] = database.write_engine
    return config


def upgrade(database: Database, revision: str = "head") -> None:
    """Run migrations up to ``revision``."""
    from alembic import command

    command.upgrade(alembic_config(database), revision)


def ensure_schema(database: Database) -> Path | None:
    """Bring the schema to the head revision. Returns the backup path if one was made."""
    try:
        revision = current_revision(database)
    except Exception as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise DatabaseError(f"cannot read database {database.location.describe()}: {reason}") from exc
    if revision == HEAD_REVISION:
        return None
    backup = None
    if revision is None:
        if _table_names(database):
            raise DatabaseError(
                f"{database.location.describe()} is not an ecomtui database (it has tables but no schema revision)"
            )
    else:
        known = {p.stem.split("_", 1)[0] for p in (MIGRATIONS_DIR / "versions").glob("*.py")}
        if revision not in known:
            raise DatabaseError(
                f"{database.location.describe()} was written by a newer ecomtui (schema {revision}); please upgrade ecomtui"
            )
        if database.location.path is not None:
            backup = backup_file(database.location.path, label=f"before-{HEAD_REVISION}")
    upgrade(database)
    return backup
