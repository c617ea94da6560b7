"""Fixtures shared by every test (db, services, command line and UI).

Every test runs in a sandbox: ``ECOMTUI_DB`` points at a throwaway file, the
platform user data directory is replaced by a temporary folder (both the
``ecomtui.db.location.user_data_dir`` function and the XDG variables that child
processes would read), the date is frozen at 2026-11-23 and Textual animations
are off. No test can reach the real user's database.

Tests of the data layer, the services and the command line run on SQLite and
on PostgreSQL: a test that takes ``database`` (an open store), ``db_url`` (what
``--db`` takes for a new store) or ``empty_db_url`` (a store nobody has opened
yet) runs once per backend, ``[sqlite]`` and ``[postgresql]``; each PostgreSQL
run gets a database of its own, dropped afterwards. The server comes from
``ECOMTUI_TEST_PG_URL`` or is started for the session (see ``pg_server.py``).
Without one the PostgreSQL runs are skipped, except in CI (``CI`` set), where
they fail. ``sqlite_database`` is for tests of SQLite's own behaviour,
``empty_pg_url`` for tests of PostgreSQL alone.

Also here: ``cli`` (the command line in-process) and ``other_user`` (ecomtui
run as a user that file modes apply to: root ignores them, so a read-only
file is tested as ``nobody``).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from pg_server import Server, start_server

from ecomtui.db import location
from ecomtui.db.engine import Database, open_database

FROZEN_TODAY = "2026-11-23"

# Property tests judge behaviour, never speed: no deadline, no "input generation is
# slow" failures on a busy machine; in CI the examples are fixed so a run is repeatable.
settings.register_profile(
    "ecomtui",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=bool(os.environ.get("CI")),
    print_blob=True,
)
settings.load_profile("ecomtui")


@dataclass(frozen=True)
class Sandbox:
    """Where the sandbox put things, for tests that want to look."""

    root: Path
    env_db: Path  # the file ECOMTUI_DB points at
    data_dir: Path  # stands in for the platform user data directory


@pytest.fixture(autouse=True)
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Sandbox:
    root = tmp_path / "sandbox"
    data_dir = root / "user-data" / "ecomtui"
    env_db = root / "env" / "ecomtui.db"
    monkeypatch.setattr(location, "user_data_dir", lambda: data_dir)
    monkeypatch.setenv(location.ENV_VAR, str(env_db))
    # Child processes (subprocess tests) do not see the monkeypatch above:
    # point every XDG folder into the sandbox as well.
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(root / "xdg" / var.lower()))
    monkeypatch.setenv("ECOMTUI_TODAY", FROZEN_TODAY)
    monkeypatch.setenv("TEXTUAL_ANIMATION", "none")
    return Sandbox(root=root, env_db=env_db, data_dir=data_dir)


@pytest.fixture
def cli(capsys):
    """Run ``ecomtui ARGS...`` in-process; returns (exit code, stdout, stderr)."""
    from ecomtui.cli import main

    def run(*args: str):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: --help, usage errors
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def fake_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``HOME`` set to an empty folder beside the test's files.

    Paths are shown with ``~`` for the home folder; with this fixture the
    test's own files are outside home and shown in full, on any machine.
    """
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return home


BACKENDS = ("sqlite", "postgresql")


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL tests must run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server() -> Server:
    """The session's PostgreSQL server: ``ECOMTUI_TEST_PG_URL``, else a throwaway cluster."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("the PostgreSQL driver is missing: pip install -e '.[test,postgres]'")
    try:
        server, cluster = start_server()
    except LookupError as exc:
        _unavailable(str(exc))
    try:
        yield server
    finally:
        server.close()
        if cluster is not None:
            cluster.remove()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """The database a test runs on; a test using it runs once per backend."""
    return request.param


def _pg_database(server: Server, *, migrated: bool):
    url = server.create_migrated() if migrated else server.create()
    try:
        yield url
    finally:
        server.drop(url)


def _new_store(request, tmp_path: Path, *, migrated: bool):
    if request.getfixturevalue("backend") == "sqlite":
        yield str(tmp_path / "t.db")
    else:
        yield from _pg_database(request.getfixturevalue("pg_server"), migrated=migrated)


@pytest.fixture
def db_url(request, tmp_path: Path, backend: str) -> str:
    """``--db`` for a new store: a SQLite file path (created on first use) or a PostgreSQL URL.

    The PostgreSQL database is already at the head schema (a copy of a template
    migrated once per session): to a user both look like a store nobody used yet.
    """
    yield from _new_store(request, tmp_path, migrated=True)


@pytest.fixture
def empty_db_url(request, tmp_path: Path, backend: str) -> str:
    """``--db`` for a store nobody opened yet: a SQLite path that does not exist, or an empty PostgreSQL database."""
    yield from _new_store(request, tmp_path, migrated=False)


@pytest.fixture
def empty_pg_url(pg_server: Server) -> str:
    """An empty PostgreSQL database, for a test about PostgreSQL alone."""
    yield from _pg_database(pg_server, migrated=False)


@pytest.fixture
def database(db_url: str) -> Database:
    """An open store at the head revision, on each backend."""
    db = open_database(db_url)
    yield db
    db.dispose()


@pytest.fixture
def sqlite_database(tmp_path: Path) -> Database:
    """A fresh SQLite store at the head revision, in ``tmp_path / 't.db'``."""
    db = open_database(str(tmp_path / "t.db"))
    yield db
    db.dispose()


# ---- another user: file modes apply (root ignores them) ---------------------------------

NOBODY = 65534


@dataclass(frozen=True)
class OtherUser:
    """Runs ecomtui as a user that file modes apply to, in a folder that user can reach."""

    folder: Path  # world-readable; what the test puts here is shared with that user

    def command(self, *args: str) -> list[str]:
        cmd = [sys.executable, *args]
        if os.geteuid() == 0:  # root ignores file modes: be nobody
            cmd = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *cmd]
        return cmd

    def env(self) -> dict[str, str]:
        return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "HOME": "/nonexistent"}

    def give(self, path: Path) -> None:
        """Make ``path`` that user's own."""
        if os.geteuid() == 0:
            os.chown(path, NOBODY, NOBODY)

    def run(self, *args: str) -> subprocess.CompletedProcess:
        """``python ARGS...`` as that user (``-m ecomtui ...`` for the command line)."""
        return subprocess.run(
            self.command(*args), capture_output=True, text=True, encoding="utf-8", env=self.env(), timeout=120
        )


def _grant_traversal(paths: list[Path]) -> list[tuple[Path, int]]:
    """Let every user pass through the folders above ``paths`` (o+x, never o+r); returns what to undo."""
    changed = []
    for path in paths:
        for folder in [path, *path.parents] if path.is_dir() else path.parents:
            mode = folder.stat().st_mode
            if not mode & stat.S_IXOTH:
                os.chmod(folder, stat.S_IMODE(mode) | stat.S_IXOTH)
                changed.append((folder, stat.S_IMODE(mode)))
    return changed


@pytest.fixture(scope="session")
def _python_for_other_users():
    """The interpreter, the virtual environment and ecomtui reachable by other users for the session."""
    import ecomtui

    if os.geteuid() != 0:
        yield
        return
    places = [Path(os.path.realpath(sys.executable)), Path(sys.prefix), Path(sys.base_prefix)]
    changed = _grant_traversal([*places, Path(ecomtui.__file__).parent])
    try:
        yield
    finally:
        for folder, mode in reversed(changed):
            os.chmod(folder, mode)


@pytest.fixture
def other_user(_python_for_other_users) -> OtherUser:
    folder = Path(tempfile.mkdtemp(prefix="ecomtui-other-user-"))
    os.chmod(folder, 0o755)
    user = OtherUser(folder)
    probe = user.run("-c", "import ecomtui.cli")
    assert probe.returncode == 0, f"cannot run ecomtui as another user: {probe.stderr}"
    yield user
    for path in folder.rglob("*"):  # what the test made read-only, writable again for cleaning up
        if path.is_dir():
            os.chmod(path, 0o755)
    shutil.rmtree(folder)
