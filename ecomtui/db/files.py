"""SQLite files on disk: creating one readable only by its owner, and consistent copies."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path


def create_sqlite_file(path: Path) -> None:
    """Create missing folders and an empty database file readable only by its owner."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:  # another process created it a moment ago
            return
        os.close(fd)
        os.chmod(path, 0o600)


def backup_file(path: Path, label: str = "backup") -> Path:
    """Copy a SQLite database consistently (online backup API) to a timestamped file beside it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix or '.db'}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.{label}-{stamp}-{n}{path.suffix or '.db'}")
    copy_sqlite(path, target)
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
