"""Fixtures of the command-line tests: ``ecomtui`` run in-process, and a database file of its own."""

from __future__ import annotations

import pytest

from ecomtui.cli import main


@pytest.fixture
def cli(capsys):
    """Run ``ecomtui ARGS...`` in-process; returns (exit code, stdout, stderr)."""

    def run(*args: str):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: --help, usage errors
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "cli.db")
