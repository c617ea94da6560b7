"""Where the database lives: ``--db``, else ``ECOMTUI_DB``, else the user data dir.

Kept free of SQLAlchemy so the app can show the location before the database
layer is imported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "ECOMTUI_DB"
DEFAULT_FILE = "ecomtui.db"
DEMO_FILE = "demo.db"


def user_data_dir() -> Path:
    """The platform's user data directory for ecomtui (XDG on Linux)."""
    from platformdirs import user_data_path

    return user_data_path("ecomtui", appauthor=False)


@dataclass(frozen=True)
class DbLocation:
    """A resolved database: a SQLAlchemy URL, and the file path for SQLite."""

    url: str
    path: Path | None

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    def describe(self) -> str:
        """What to show the user: the file path (``~`` for home), or the URL without password.

        Control characters in a path are shown made visible, never sent to the terminal.
        """
        from ecomtui.text import visible

        if self.path is not None:
            return visible(abbreviate_home(self.path))
        return visible(redact_url(self.url))


def abbreviate_home(path: Path) -> str:
    """``/home/me/x.db`` as ``~/x.db``; other paths unchanged."""
    home = os.environ.get("HOME")
    if home and home != "/":
        try:
            return "~/" + str(path.relative_to(home))
        except ValueError:
            pass
    return str(path)


def redact_url(url: str) -> str:
    """Hide a password in ``scheme://user:password@host/db``."""
    scheme, sep, rest = url.partition("://")
    if "@" in rest:
        creds, _, host = rest.rpartition("@")
        user = creds.split(":", 1)[0]
        return f"{scheme}{sep}{user}:***@{host}" if ":" in creds else url
    return url


def resolve(db: str | None = None, *, default_file: str = DEFAULT_FILE) -> DbLocation:
    """Resolve a ``--db`` value (path or URL) to a :class:`DbLocation`."""
    value = db or os.environ.get(ENV_VAR) or ""
    if "://" in value:
        if value.startswith("sqlite:///") and value != "sqlite:///:memory:":
            path = Path(value[len("sqlite:///") :]).expanduser().absolute()
            return DbLocation(url=f"sqlite:///{path}", path=path)
        return DbLocation(url=value, path=None)
    path = Path(value).expanduser() if value else user_data_dir() / default_file
    path = path.absolute()
    return DbLocation(url=f"sqlite:///{path}", path=path)
