"""Engine and sessions: the only module that knows which database it talks to.

SQLite files are created with mode 0600 and opened with foreign keys and a busy
timeout, and switched to WAL once the schema check has shown the file is ours;
write transactions start with ``BEGIN IMMEDIATE`` so concurrent writers queue
on the busy timeout instead of failing with "database is locked".

PostgreSQL URLs use the psycopg driver (the ``postgres`` extra), whichever
driver the URL names or leaves out.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url

from ecomtui.db.errors import DatabaseError
from ecomtui.db.files import create_sqlite_file
from ecomtui.db.location import DbLocation, resolve

if TYPE_CHECKING:
    from sqlmodel import Session

BUSY_TIMEOUT_MS = 30_000
_WRITE_OPTION = "ecomtui_write"
POSTGRES_DRIVER = "postgresql+psycopg"
MISSING_POSTGRES_DRIVER = "PostgreSQL needs the driver: pip install 'ecomtui[postgres]'"


def _install_sqlite_events(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # pragma: no branch - trivial
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if conn.get_execution_options().get(_WRITE_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


def make_engine(location: DbLocation) -> Engine:
    """An engine for the location; creates the SQLite file if it is missing."""
    if location.path is not None:
        create_sqlite_file(location.path)
        # URL.create, not an f-string: a path with '?' or '%' must name that very file
        engine = create_engine(
            URL.create("sqlite", database=str(location.path)),
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        _install_sqlite_events(engine)
        return engine
    try:
        url = _with_our_driver(location.url)
        return create_engine(url, pool_pre_ping=True)
    except ImportError as exc:  # the URL's dialect is known, its driver is not installed
        if url.get_backend_name() == "postgresql":
            raise DatabaseError(MISSING_POSTGRES_DRIVER) from None
        raise DatabaseError(f"cannot use database URL {location.describe()}: {exc}") from exc
    except Exception as exc:  # unknown driver, malformed URL
        raise DatabaseError(f"cannot use database URL {location.describe()}: {exc}") from exc


def _with_our_driver(url: str) -> URL:
    """``postgresql://`` and ``postgres://`` (libpq's spelling) as ``postgresql+psycopg://``."""
    parsed = make_url(url)
    if parsed.drivername.split("+")[0] in ("postgresql", "postgres"):
        return parsed.set(drivername=POSTGRES_DRIVER)
    return parsed


class Database:
    """An open database: its location, engine, and sessions for units of work."""

    def __init__(self, location: DbLocation, engine: Engine):
        self.location = location
        self.engine = engine
        self.write_engine = engine.execution_options(**{_WRITE_OPTION: True})
        self.backup_path: Path | None = None  # set when opening upgraded an older file

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A Core connection for reading (no ORM import: the start-up path uses it)."""
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A Core connection in one write transaction (BEGIN IMMEDIATE on SQLite): commits on success."""
        with self.write_engine.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; never commits."""
        from sqlmodel import Session

        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session for one write transaction: commits on success, rolls back on error."""
        from sqlmodel import Session

        with Session(self.write_engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def enable_wal(self) -> None:
        """Switch a SQLite file to WAL (persistent), once it is known to be ours.

        Readers then never block the writer, so the app and scripts share the file.
        """
        if self.location.path is None:
            return
        raw = self.engine.raw_connection()  # outside any transaction, as the pragma requires
        try:
            cursor = raw.cursor()
            (mode,) = cursor.execute("PRAGMA journal_mode").fetchone()
            if str(mode).lower() != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.close()
        except sqlite3.OperationalError:
            pass  # another process holds the file and will switch it
        finally:
            raw.close()

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(db: str | None = None, *, location: DbLocation | None = None, upgrade: bool = True) -> Database:
    """Open (creating and upgrading as needed) the database chosen by ``--db``/env/default."""
    from ecomtui.db.schema import ensure_schema

    location = location or resolve(db)
    try:
        engine = make_engine(location)
    except OSError as exc:
        raise DatabaseError(f"cannot create database at {location.describe()}: {exc.strerror or exc}") from exc
    database = Database(location, engine)
    if upgrade:
        database.backup_path = ensure_schema(database)
        database.enable_wal()
    return database
