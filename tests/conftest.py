"""Fixtures shared by every test (db, services, command line and UI).

Every test runs in a sandbox: ``ECOMTUI_DB`` points at a throwaway file, the
platform user data directory is replaced by a temporary folder (both the
``ecomtui.db.location.user_data_dir`` function and the XDG variables that child
processes would read), the date is frozen at 2026-11-23 and Textual animations
are off. No test can reach the real user's database.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

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
def fake_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``HOME`` set to an empty folder beside the test's files.

    Paths are shown with ``~`` for the home folder; with this fixture the
    test's own files are outside home and shown in full, on any machine.
    """
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return home


@pytest.fixture
def database(tmp_path: Path) -> Database:
    """A fresh database at the head revision, in ``tmp_path / 't.db'``."""
    db = open_database(str(tmp_path / "t.db"))
    yield db
    db.dispose()


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
