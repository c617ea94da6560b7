"""Helpers for the command-line tests: what a script reads back, and how an error must look."""

from __future__ import annotations

import json
import subprocess
import sys

HANG_GUARD = 120  # seconds; only stops a hung run, never asserted on


def tasks_in(cli, db) -> list[dict]:
    code, out, err = cli("task", "list", "--json", "--db", db)
    assert (code, err) == (0, "")
    return json.loads(out)


def one_line_error(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert err.endswith("\n")
    assert lines[0].startswith("ecomtui: error: ")
    return lines[0]


def subprocess_cli(*args, cwd, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "ecomtui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=HANG_GUARD,
        cwd=cwd,
        stdin=stdin,
    )
