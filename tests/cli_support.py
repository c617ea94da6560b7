"""Helpers for the command-line tests: what one error line looks like, and running a real process."""

from __future__ import annotations

import subprocess
import sys

HANG_GUARD = 120  # seconds; only stops a hung run, never asserted on


def one_line_error(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert err.endswith("\n")
    assert lines[0].startswith("ecomtui: error: ")
    return lines[0]


def subprocess_cli(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "ecomtui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=HANG_GUARD,
        cwd=cwd,
    )
