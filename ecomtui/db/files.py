"""SQLite files on disk: creating one readable only by its owner, consistent copies,
removing one with its side files, the busy timeout, and whether a file is open elsewhere."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

BUSY_TIMEOUT_ENV = "ECOMTUI_BUSY_TIMEOUT_MS"
BUSY_TIMEOUT_MS = 30_000
SIDE_FILES = ("-wal", "-shm", "-journal")


def busy_timeout_ms() -> int:
    """How long a writer waits for another one to finish: 30 s, or ``$ECOMTUI_BUSY_TIMEOUT_MS``."""
    try:
        return max(0, int(os.environ.get(BUSY_TIMEOUT_ENV, "")))
    except ValueError:
        return BUSY_TIMEOUT_MS


def create_sqlite_file(path: Path) -> bool:
    """Create missing folders and an empty database file readable only by its owner.

    Returns whether this call created the file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        return False
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:  # another process created it a moment ago
        return False
    os.close(fd)
    os.chmod(path, 0o600)
    return True


def remove_sqlite_files(path: Path) -> None:
    """Delete a database file and its journal side files, those that exist."""
    for name in ("", *SIDE_FILES):
        Path(f"{path}{name}").unlink(missing_ok=True)


def in_use(path: Path) -> bool:
    """Whether another connection (any process) has this WAL-mode SQLite file open.

    Every open connection to a WAL database holds a shared lock that stops
    anyone from leaving WAL mode, so trying to leave it (and going back) is a
    test that needs no lock file of our own; the operating system drops the
    lock of a killed process, so a crashed app never counts.
    """
    try:
        conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        (mode,) = conn.execute("PRAGMA journal_mode").fetchone()
        if str(mode).lower() != "wal":
            return False
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA journal_mode = WAL")
        return False
    except sqlite3.OperationalError as exc:
        return (getattr(exc, "sqlite_errorname", "") or "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or (
            "locked" in str(exc)
        )
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def backup_file(path: Path, label: str = "backup") -> Path:
    """Copy a SQLite database consistently (online backup API) to a timestamped file beside it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix or '.db'}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.{label}-{stamp}-{n}{path.suffix or '.db'}")
    try:
        copy_sqlite(path, target)
    except BaseException:  # a disk that fills up mid-copy leaves no half backup behind
        remove_sqlite_files(target)
        raise
    return target


def copy_sqlite(source: Path, target: Path) -> None:
    """Consistent copy of a live SQLite file, created with mode 0600."""
    create_sqlite_file(target)
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
