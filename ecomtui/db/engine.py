"""Engine and sessions: the only module that knows which database it talks to.

SQLite files are created with mode 0600 and opened with foreign keys and a busy
timeout, and switched to WAL once the schema check has shown the file is ours;
write transactions start with ``BEGIN IMMEDIATE`` so concurrent writers queue
on the busy timeout instead of failing with "database is locked".

PostgreSQL URLs use the psycopg driver (the ``postgres`` extra), whichever
driver the URL names or leaves out.

A file (or its folder) that is not writable for this user opens read-only:
reads work, and every write is refused up front with one line saying why
(:attr:`Database.read_only`). A missing file is created, unless the caller
only reads (``must_exist``): then it is an error and nothing is created.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url

from ecomtui.db.errors import DatabaseError, explain, read_only, read_only_reason
from ecomtui.db.files import busy_timeout_ms, create_sqlite_file
from ecomtui.db.location import DbLocation, resolve

if TYPE_CHECKING:
    from sqlmodel import Session

_WRITE_OPTION = "ecomtui_write"
POSTGRES_DRIVER = "postgresql+psycopg"
MISSING_POSTGRES_DRIVER = "PostgreSQL needs the driver: pip install 'ecomtui[postgres]'"


def _install_sqlite_events(engine: Engine, timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # pragma: no branch - trivial
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {timeout_ms}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if conn.get_execution_options().get(_WRITE_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


def make_engine(location: DbLocation, *, read_only: bool = False) -> Engine:
    """An engine for the location (the SQLite file must exist; see :func:`open_database`)."""
    if location.path is not None:
        timeout_ms = busy_timeout_ms()
        connect_args = {"timeout": timeout_ms / 1000, "check_same_thread": False}
        options: dict = {"connect_args": connect_args}
        if read_only:
            uri = _read_only_uri(location.path)
            options = {"creator": lambda: sqlite3.connect(uri, uri=True, **connect_args)}
        # URL.create, not an f-string: a path with '?' or '%' must name that very file
        engine = create_engine(URL.create("sqlite", database=str(location.path)), **options)
        _install_sqlite_events(engine, timeout_ms)
        return engine
    try:
        url = _with_our_driver(location.url)
        return create_engine(url, pool_pre_ping=True)
    except ImportError as exc:  # the URL's dialect is known, its driver is not installed
        if make_url(location.url).get_backend_name() in ("postgresql", "postgres"):
            raise DatabaseError(MISSING_POSTGRES_DRIVER) from None
        raise DatabaseError(explain(exc, location)) from exc
    except Exception as exc:  # unknown driver, malformed URL
        raise DatabaseError(explain(exc, location)) from exc


def _with_our_driver(url: str) -> URL:
    """``postgresql://`` and ``postgres://`` (libpq's spelling) as ``postgresql+psycopg://``."""
    parsed = make_url(url)
    if parsed.drivername.split("+")[0] in ("postgresql", "postgres"):
        return parsed.set(drivername=POSTGRES_DRIVER)
    return parsed


def _read_only_uri(path: Path) -> str:
    """A read-only SQLite URI for ``path``.

    Reading a WAL file needs its shared-memory file: SQLite creates it beside
    the database when the folder allows, or uses the one an open writer made.
    In a read-only folder with neither, the file is read as immutable (nobody
    can be writing it in WAL mode then).
    """
    uri = f"{path.as_uri()}?mode=ro"
    if not os.access(path.parent, os.W_OK | os.X_OK) and not Path(f"{path}-shm").exists():
        uri += "&immutable=1"
    return uri


class Database:
    """An open database: its location, engine, and sessions for units of work."""

    def __init__(self, location: DbLocation, engine: Engine, *, read_only_reason: str | None = None):
        self.location = location
        self.engine = engine
        self.write_engine = engine.execution_options(**{_WRITE_OPTION: True})
        self.backup_path: Path | None = None  # set when opening upgraded an older file
        self.created = False  # set when opening created a new, empty file
        # None when writable; else "file" or "folder": what this user may not write
        self.read_only_reason = read_only_reason

    @property
    def read_only(self) -> str | None:
        """None when the database can be written; else why not, in one line for the user."""
        if self.read_only_reason is None:
            return None
        return read_only(self.location.describe(), self.read_only_reason)

    def _refuse_if_read_only(self) -> None:
        if self.read_only is not None:
            raise DatabaseError(self.read_only)

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A Core connection for reading (no ORM import: the start-up path uses it)."""
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A Core connection in one write transaction (BEGIN IMMEDIATE on SQLite): commits on success."""
        self._refuse_if_read_only()
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

        self._refuse_if_read_only()
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
        if self.location.path is None or self.read_only is not None:
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


def open_database(
    db: str | None = None,
    *,
    location: DbLocation | None = None,
    upgrade: bool = True,
    must_exist: bool = False,
) -> Database:
    """Open the database chosen by ``--db``/env/default, upgrading its schema as needed.

    A missing SQLite file is created (``Database.created``), or refused when
    ``must_exist`` (commands that only read never create a store). A file the
    user may not write opens read-only (``Database.read_only`` says why).
    """
    from ecomtui.db.schema import ensure_schema

    location = location or resolve(db)
    created = False
    reason = None  # why the file is read-only for this user, if it is
    path = location.path
    if path is not None:
        if must_exist and not path.exists():
            raise DatabaseError(
                f"there is no database at {location.describe()}; check the path (commands that only read never create one)"
            )
        if path.is_dir():
            raise DatabaseError(f"{location.describe()} is a folder, not a database file; check the path")
        if path.exists():
            reason = read_only_reason(path) or None
        else:
            try:
                created = create_sqlite_file(path)
            except OSError as exc:
                raise DatabaseError(explain(exc, location)) from exc
    engine = make_engine(location, read_only=reason is not None)
    database = Database(location, engine, read_only_reason=reason)
    database.created = created
    if upgrade:
        database.backup_path = ensure_schema(database)
        database.enable_wal()
    return database
