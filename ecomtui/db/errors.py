"""Failures in words: every error a user can meet, as one plain line.

:func:`explain` turns any exception into one line saying what happened, to
which file, and what the user can do: no SQL, no parameters, no links, no
exception class names. The command line (``ecomtui.cli``) and the app's error
dialog (``EcomApp.show_error``) both use it.

Errors already written for the user (:class:`PlainError`: a refused value, a
database that cannot be used) keep their message. Kept light (standard library
only at import): the app imports it when it shows an error.
"""

from __future__ import annotations

import errno
import os
import re
from typing import TYPE_CHECKING

from ecomtui.text import visible

if TYPE_CHECKING:
    from ecomtui.db.location import DbLocation

_FOR_POSTGRES = "for PostgreSQL: pip install 'ecomtui[postgres]'"
_URL_HELP = "use a file path, or a URL like postgresql+psycopg://USER@HOST/DBNAME"
_COPY_HELP = "ask its owner for write access, or copy it and use the copy with --db"


class PlainError(Exception):
    """A failure whose message (``str(exc)``) is already one plain line for the user."""


class DatabaseError(PlainError):
    """A database that cannot be used, explained in one line."""


def explain(exc: BaseException, location: DbLocation | None = None) -> str:
    """One plain line for ``exc``, about the database at ``location`` (if known)."""
    if isinstance(exc, PlainError):
        return visible(str(exc))
    where = location.describe() if location is not None else "the database"
    cause = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    return visible(_explain(cause, where, location))


def _explain(exc: BaseException, where: str, location: DbLocation | None) -> str:
    if isinstance(exc, UnicodeError):
        return "some text given is not valid UTF-8; set the terminal to UTF-8 (e.g. LANG=C.UTF-8) and try again"
    if isinstance(exc, ImportError) and location is not None and location.path is None:  # a URL's driver
        name = exc.name or "its driver"
        return f"cannot open {where}: the database driver {name} is not installed ({_FOR_POSTGRES})"
    kinds = {cls.__name__ for cls in type(exc).__mro__}
    if "NoSuchModuleError" in kinds:  # SQLAlchemy: no dialect or driver of that name
        return f"cannot open {where}: ecomtui does not know this kind of database URL; {_URL_HELP}"
    if "ArgumentError" in kinds:
        return f"{where} is not a database URL ecomtui can use; {_URL_HELP}"
    if isinstance(exc, OSError):
        return _explain_os_error(exc, where)
    import sqlite3

    if isinstance(exc, sqlite3.Error):
        return _explain_sqlite(exc, where, location)
    if type(exc).__module__.startswith(("psycopg", "psycopg2")) and "OperationalError" in kinds:
        return f"cannot connect to {where}: {first_line(exc)}; check that the server is running and the URL is right"
    detail = first_line(exc) or "no detail given"
    return f"something went wrong with {where} ({detail}); if it happens again, please report it"


def _explain_os_error(exc: OSError, where: str) -> str:
    code = exc.errno
    if code == errno.ENOSPC:
        return disk_full(where)
    if code in (errno.EACCES, errno.EPERM):
        return f"cannot create {where}: its folder is not writable for you; choose another place with --db"
    if code == errno.EROFS:
        return f"cannot create {where}: the disk is read-only; choose another place with --db"
    if code == errno.ENOTDIR:
        return f"cannot create {where}: part of that path is a file, not a folder; check the path"
    return f"cannot use {where}: {(exc.strerror or first_line(exc)).lower()}; check the path"


def _explain_sqlite(exc, where: str, location: DbLocation | None) -> str:
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text:
        return locked(where)
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        path = location.path if location is not None else None
        return read_only(where, read_only_reason(path) if path is not None else "")
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return disk_full(where)
    if name.startswith("SQLITE_NOTADB") or "not a database" in text:
        return f"{where} is not a database file (or it is damaged); check the path, or choose another file with --db"
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return f"{where} is damaged (parts of it cannot be read); nothing was changed; restore it from a backup"
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        path = location.path if location is not None else None
        if path is not None and path.exists() and not os.access(path, os.R_OK):
            return f"{where} is not readable for you; ask its owner to share it, or give another file with --db"
        return f"cannot open {where}: its folder is missing or not open to you; check the path"
    if "could not decode to utf-8" in text:  # Python's sqlite3 reading bytes another program wrote
        column = re.search(r"column '([^']*)'", str(exc))
        what = f"a {column.group(1)}" if column else "text"
        return (
            f"{where} holds {what} that is not valid UTF-8 (written by another program), so ecomtui cannot read it; "
            "correct it with the program that wrote it"
        )
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return (
            f"cannot read or write {where}: the disk reported an error; check the disk or network share and try again"
        )
    return f"{where}: {first_line(exc)}"


# ---- the messages more than one place gives ---------------------------------------------


def read_only(where: str, reason: str, needs: str | None = None) -> str:
    """Why nothing can be changed in a database this user may not write (``reason``: file, folder or "")."""
    cause = {
        "file": "it is read-only for you",
        "folder": "its folder is read-only for you (SQLite writes a journal beside the file)",
    }.get(reason, "it cannot be written (a read-only file or disk)")
    if needs:
        return f"{where} needs {needs} before ecomtui can use it, but {cause}; {_COPY_HELP}"
    return f"nothing can be changed in {where}: {cause}; {_COPY_HELP}"


def read_only_reason(path) -> str:
    """``"file"`` or ``"folder"`` when that is not writable for this user, else ``""``."""
    if path.exists() and not os.access(path, os.W_OK):
        return "file"
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return "folder"
    return ""


def locked(where: str) -> str:
    from ecomtui.db.files import busy_timeout_ms

    seconds = busy_timeout_ms() / 1000
    shown = f"{seconds:g} second" + ("" if seconds == 1 else "s")
    return (
        f"{where} stayed locked by another program for more than {shown}; "
        "nothing was changed; try again once it has finished"
    )


def disk_full(where: str) -> str:
    return f"the disk holding {where} is full; nothing was changed; free some space and try again"


_SQLA_PREFIX = re.compile(r"^\((?:[\w.]+)\)\s*")


def first_line(exc: BaseException) -> str:
    """The first line of an error's own text, without SQLAlchemy's ``(module.Class)`` prefix."""
    lines = str(exc).strip().splitlines()
    line = _SQLA_PREFIX.sub("", lines[0]) if lines else ""
    return line.split("(Background on this error at:")[0].strip()
